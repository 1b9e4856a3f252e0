package ruleset

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

const altqRuleset = "altq on em0 priq bandwidth 10Mb queue { q_def, q_hi }\n" +
	"queue q_def priority 1 priq(default)\n" +
	"queue q_hi priority 7\n" +
	"pass out on em0 proto tcp queue q_hi\n"

// files is a ReadFile over a map; anything else does not exist.
func files(m map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if s, ok := m[filepath.Clean(p)]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
}

func TestInference(t *testing.T) {
	latest, v54 := target.Default, target.MustParse("openbsd-5.4")
	v42 := target.MustParse("openbsd-4.2")
	tests := []struct {
		name     string
		src      string
		opts     Options
		readAs   target.Target
		inferred bool
		reads    int
		errors   bool // Errors() is not empty
	}{
		{"a clean file is read once, as the target", "pass all\n", Options{Target: latest, Infer: InferAny}, latest, false, 1, false},
		{"check reads as the target only", altqRuleset, Options{Target: latest}, latest, false, 1, true},
		{"lint reads an ALTQ file as its ALTQ release", altqRuleset, Options{Target: latest, Infer: InferForALTQ}, v54, true, 2, false},
		{"lint does not re-read a file whose errors are not ALTQ", "pass in al\n", Options{Target: latest, Infer: InferForALTQ}, latest, false, 1, true},
		{"lint on a target with ALTQ reads it as the target", altqRuleset, Options{Target: v54, Infer: InferForALTQ}, v54, false, 1, false},
		{"translate tries the releases in order", "scrub in all\nnat on em0 from any to any -> 192.0.2.1\n", Options{Target: latest, Infer: InferAny}, v42, true, 6, false},
		{"--from is read once, without the target", altqRuleset, Options{Target: latest, From: &v54, Infer: InferAny}, v54, false, 1, false},
		{"--from for lint also reads the target", altqRuleset, Options{Target: latest, From: &v54, Infer: InferForALTQ}, v54, false, 2, false},
		{"a file no release reads stays the target's", "pass in al\n", Options{Target: latest, Infer: InferAny}, latest, false, 7, true},
		{"translate reads an ALTQ file once, as its release", altqRuleset, Options{Target: latest, Infer: InferAny}, v54, true, 1, false},
		// … and is kept as the release that reads it best: one error on
		// 5.4, not four ("ALTQ was removed") on the target.
		{"an ALTQ file no release reads is read for each once", altqRuleset + "pass in al\n", Options{Target: latest, Infer: InferAny}, v54, false, 7, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := LoadBytes("pf.conf", []byte(tt.src), tt.opts)
			if rs.ReadAs != tt.readAs || rs.Inferred != tt.inferred {
				t.Errorf("read as %s (inferred %v), want %s (inferred %v)", rs.ReadAs, rs.Inferred, tt.readAs, tt.inferred)
			}
			if len(rs.Reads) != tt.reads {
				t.Errorf("parsed %d times (%v), want %d", len(rs.Reads), rs.Reads, tt.reads)
			}
			if got := len(rs.Errors()) > 0; got != tt.errors {
				t.Errorf("errors %v, want errors: %v", rs.Errors(), tt.errors)
			}
			if rs.File.Target != rs.ReadAs || rs.Model.Target != rs.ReadAs {
				t.Errorf("file read as %s, model for %s; want both %s", rs.File.Target, rs.Model.Target, rs.ReadAs)
			}
			// Inferred, the file was not the target's: its errors said so,
			// or (translate, an ALTQ file) it was not read for the target.
			if tt.opts.From == nil && rs.Inferred && len(rs.TargetErrors) == 0 && (rs.Reads[0] == tt.opts.Target || tt.opts.Target.HasALTQ()) {
				t.Errorf("inferred, but the target had no errors")
			}
		})
	}
}

func TestAnchorsAndRoots(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.conf", "pass in on em0\n")
	write("bad.conf", "pass in al\n")
	write("outside.conf", "pass out\n")
	main := write("root/main.conf", "anchor a\nload anchor a from \"../a.conf\"\n")
	// With the root one folder up, the anchor file is read and its rules
	// are the anchor's.
	rs, err := Load(main, nil, Options{Target: target.Default, Roots: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Errors()) != 0 || len(rs.Anchors) != 1 {
		t.Fatalf("errors %v, %d anchors", rs.Errors(), len(rs.Anchors))
	}
	for _, a := range rs.Anchors {
		if a.Name != "a" || a.File == nil || len(a.File.Statements) != 1 {
			t.Errorf("anchor %+v", a)
		}
	}
	if rs.Sources()[filepath.Join(dir, "a.conf")] == nil {
		t.Errorf("the anchor file is not among the sources: %v", rs.Sources())
	}
	// With the default root, the file's own folder, it is refused.
	rs, _ = Load(main, nil, Options{Target: target.Default})
	want := "load anchor a from ../a.conf: outside the include root " + filepath.Dir(main) + "; not read"
	if errs := rs.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Msg, want) || errs[0].Pos.Line != 2 {
		t.Errorf("errors %v, want %q on line 2", errs, want)
	}
	// An anchor file's syntax errors are the ruleset's, on its own lines.
	bad := write("root/bad-main.conf", "load anchor b from \"../bad.conf\"\n")
	rs, _ = Load(bad, nil, Options{Target: target.Default, Roots: []string{dir}})
	if errs := rs.Errors(); len(errs) != 1 || errs[0].Pos.File != filepath.Join(dir, "bad.conf") || errs[0].Pos.Line != 1 {
		t.Errorf("errors %v, want one on bad.conf:1", errs)
	}
	// An anchor file that loads itself ends.
	write("self.conf", "load anchor s from \"self.conf\"\n")
	rs, _ = Load(filepath.Join(dir, "self.conf"), nil, Options{Target: target.Default})
	if len(rs.Errors()) != 1 || len(rs.Anchors) > 1 || !strings.Contains(rs.Errors()[0].Msg, "(a cycle)") {
		t.Errorf("self-loading anchor: %d anchors, errors %v", len(rs.Anchors), rs.Errors())
	}
}

func TestReloadAndVerify(t *testing.T) {
	read := files(map[string]string{"q.conf": "queue q_hi priority 7\n"})
	src := "altq on em0 priq bandwidth 10Mb queue { q_def, q_hi }\nqueue q_def priority 1 priq(default)\ninclude \"q.conf\"\npass out queue q_hi\n"
	opts := Options{Target: target.Default, Infer: InferForALTQ, ReadFile: read, Roots: []string{"."}}
	rs := LoadBytes("pf.conf", []byte(src), opts)
	if rs.ReadAs != target.MustParse("openbsd-5.4") || len(rs.Errors()) != 0 {
		t.Fatalf("read as %s, errors %v", rs.ReadAs, rs.Errors())
	}
	// The outputs replace the files they name, included files too.
	outputs := map[string][]byte{"pf.conf": []byte("include \"q.conf\"\npass out set prio 7\n"), "q.conf": []byte("\n")}
	if errs := rs.Verify(outputs, target.Default); len(errs) != 0 {
		t.Errorf("verify: %v", errs)
	}
	if errs := rs.Verify(map[string][]byte{"pf.conf": []byte("include \"q.conf\"\n")}, target.Default); len(errs) == 0 {
		t.Errorf("verify read q.conf from the disk reader, not as ALTQ on 7.8: no error")
	}
	again := rs.Reload(outputs)
	if again.ReadAs != target.Default || again.Inferred || string(again.File.Source.Bytes) != string(outputs["pf.conf"]) {
		t.Errorf("reload read as %s inferred %v: %q", again.ReadAs, again.Inferred, again.File.Source.Bytes)
	}
}

func TestNamedSize(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "pf.conf")
	if err := os.WriteFile(small, []byte("pass all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.conf")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: over the bound without writing it.
	if err := f.Truncate(maxNamedBytes + 1); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := os.Open(small)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	tests := []struct {
		name  string
		file  string
		stdin io.Reader
		want  int64
	}{
		{"regular file", small, nil, 9},
		{"over the bound Load reads", huge, nil, 0},
		{"missing", filepath.Join(dir, "none"), nil, 0},
		{"folder", dir, nil, 0},
		{"stdin a file", "-", in, 9},
		{"stdin a file over the bound", "-", f, 0},
		{"stdin a pipe", "-", strings.NewReader("pass all\n"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NamedSize(tt.file, tt.stdin); got != tt.want {
				t.Errorf("NamedSize(%q) = %d, want %d", tt.file, got, tt.want)
			}
		})
	}
}
