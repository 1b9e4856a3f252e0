package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	fingerprints "github.com/pfshape/pfshape/internal/fingerprint"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

var updateFingerprints = flag.Bool("update", false, "rewrite testdata/findings.fingerprint")

// fingerprintInput is one ruleset linted for one target.
type fingerprintInput struct {
	name string // as it appears in the fingerprint
	path string // to read, "" for src
	src  []byte
	tg   target.Target
}

// fingerprintInputs are the rules' examples, the repository's examples
// and the corpus's failing and example files, each for its own target and
// for the latest OpenBSD.
func fingerprintInputs(t *testing.T) ([]fingerprintInput, string) {
	dir := corpus.Dir(t)
	var in []fingerprintInput
	both := func(name, path string, src []byte, tg target.Target) {
		in = append(in, fingerprintInput{name, path, src, tg})
		if tg != target.Default {
			in = append(in, fingerprintInput{name, path, src, target.Default})
		}
	}
	for _, r := range All() {
		both(r.ID+"-bad", "", []byte(r.Bad), r.ExampleTarget())
	}
	examples, _ := filepath.Glob("../testdata/examples/*.conf")
	for _, p := range examples {
		for _, tg := range []string{"openbsd-5.4", "openbsd", "freebsd-14.2"} {
			in = append(in, fingerprintInput{"testdata/examples/" + filepath.Base(p), p, nil, target.MustParse(tg)})
		}
	}
	rs, err := corpus.Failing(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		both(r.Rel, r.Path, nil, target.MustParse(r.Folder.Target))
	}
	return in, dir
}

// fingerprint is what a finding is without its words: rule, pfctl's code,
// range, related ranges and fix edits.
func fingerprint(d Diagnostic, rel func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", d.Rule, orDash(string(d.Code)), rangeText(d.Range, rel))
	for _, r := range d.Related {
		fmt.Fprintf(&b, " related=%s", rangeText(r.Range, rel))
	}
	for i, f := range d.Fixes {
		fmt.Fprintf(&b, " fix%d=", i)
		for j, e := range f.Edits {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%s:%d-%d:%q", rel(e.Range.File()), e.Start, e.End, e.NewText)
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func rangeText(r Range, rel func(string) string) string {
	return fmt.Sprintf("%s:%d-%d", rel(r.File()), r.Start.Offset, r.End.Offset)
}

// TestFindingsIgnoreMessageText proves that no finding depends on a
// message's words: .ci/run runs it again with -tags pfshape_reword, which
// rewords every message of the grammar, the model and lint, and the
// fingerprints (no words in them) must stay those of
// testdata/findings.fingerprint (go test ./lint -run
// TestFindingsIgnoreMessageText -update rewrites it).
func TestFindingsIgnoreMessageText(t *testing.T) {
	in, dir := fingerprintInputs(t)
	rel := func(p string) string {
		if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return filepath.ToSlash(strings.TrimPrefix(p, "../"))
	}
	var out []string
	for _, f := range in {
		src := f.src
		name := f.name
		if f.path != "" {
			b, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			src, name = b, f.path
		}
		res := Lint(name, src, Config{Target: f.tg, ReadFile: noIncludes})
		var lines []string
		for _, d := range res.Diagnostics {
			lines = append(lines, fingerprint(d, rel))
			if (d.Rule == "PF001" || d.Rule == "PF002") && d.Code == "" {
				t.Errorf("%s: an error without a code: %s", f.name, d)
			}
		}
		sort.Strings(lines)
		out = append(out, fmt.Sprintf("== %s %s", f.name, f.tg))
		out = append(out, lines...)
	}
	fingerprints.Check(t, filepath.Join("testdata", "findings.fingerprint"), out, *updateFingerprints, "findings")
}
