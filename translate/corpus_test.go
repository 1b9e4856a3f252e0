package translate_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/translate"
)

// TestCorpus translates every ALTQ ruleset of the corpus that loads on its
// own release and checks what a translation must hold: no queue
// definitions left, translating again changes nothing, every line the
// edits do not touch is byte-identical, and the -d diff applied with git
// apply and with patch -p1 gives the output exactly. The output must load
// on the latest OpenBSD, unless the file holds statements of its era that
// the queueing translation does not touch (scrub, nat/rdr with ->): those
// are counted apart, with the first error.
func TestCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	git, _ := exec.LookPath("git")
	patch, _ := exec.LookPath("patch")
	if git == "" || patch == "" {
		t.Logf("git (%q) or patch (%q) not found: the diffs are not applied with them", git, patch)
	}
	var total, loads, otherEra, leftBehind, applied int
	var otherReasons []string
	for _, c := range altqRulesets(t, dir) {
		f, m, path, rel := c.f, c.m, c.path, c.rel
		total++
		res := translate.Translate(f, m, translate.Options{Target: latest})
		out := map[string][]byte{}
		for name, s := range res.Sources {
			b, err := res.Output(s)
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			out[name] = b
		}
		main, ok := out[f.Source.Name]
		if !ok {
			main = f.Source.Bytes
		}
		untouchedLinesKept(t, rel, f.Source.Bytes, res.Edits[f.Source.Name], main)
		if res.LeftBehind() {
			leftBehind++
			for _, n := range res.Notes {
				if n.Left {
					t.Logf("%s: left behind: %s", rel, n)
				}
			}
			continue
		}
		nf, _ := grammar.Parse(path, main, grammar.Options{Target: latest, ReadFile: func(p string) ([]byte, error) {
			if b, ok := out[p]; ok {
				return b, nil
			}
			return os.ReadFile(p)
		}})
		nm, merrs := model.Build(nf)
		errs := append(append(nf.Errors, merrs...), nm.Check(latest)...)
		if len(nm.Interfaces)+len(nm.QueueDefs) > 0 {
			t.Errorf("%s: queue definitions left in the output", rel)
		}
		if len(errs) == 0 {
			loads++
		} else {
			otherEra++
			otherReasons = append(otherReasons, rel+": "+errs[0].Msg)
		}
		// Translating the output again changes nothing.
		again := translate.Translate(nf, nm, translate.Options{Target: latest})
		if len(again.Edits[nf.Source.Name]) > 0 {
			t.Errorf("%s: translating the output again changes it: %v", rel, again.Edits[nf.Source.Name])
		}
		if git != "" && patch != "" && !bytes.Equal(main, f.Source.Bytes) {
			diff := edit.Unified("a/pf.conf", "b/pf.conf", f.Source.Bytes, main)
			for _, tool := range [][]string{{git, "apply", "-"}, {patch, "-p1", "-s", "-F0", "--no-backup-if-mismatch"}} {
				if got := applyDiff(t, tool, f.Source.Bytes, diff); !bytes.Equal(got, main) {
					t.Errorf("%s: %s does not reproduce the output from the diff:\n%s", rel, filepath.Base(tool[0]), diff)
				}
			}
			applied++
		}
	}
	sort.Strings(otherReasons)
	for _, r := range otherReasons {
		t.Logf("translated, but other statements of its era keep it from loading on %s: %s", latest, r)
	}
	if total == 0 {
		t.Fatal("no ALTQ rulesets found in the corpus")
	}
	t.Logf("corpus: %d ALTQ rulesets: %d translated and load on %s; %d translated but hold other statements of their era; %d left something behind (exit 3); %d diffs applied with git apply and patch -p1",
		total, loads, latest, otherEra, leftBehind, applied)
}

// untouchedLinesKept checks that every input line no edit touches is in
// the output byte for byte.
func untouchedLinesKept(t *testing.T, rel string, in []byte, edits []edit.Edit, out []byte) {
	t.Helper()
	shift := 0
	ei := 0
	sorted := append([]edit.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for ls := 0; ls < len(in); {
		le := bytes.IndexByte(in[ls:], '\n')
		if le < 0 {
			le = len(in)
		} else {
			le += ls + 1
		}
		touched := false
		for ei < len(sorted) && sorted[ei].End <= ls && !(sorted[ei].Start == sorted[ei].End && sorted[ei].Start == ls) {
			shift += len(sorted[ei].NewText) - (sorted[ei].End - sorted[ei].Start)
			ei++
		}
		for _, e := range sorted[ei:] {
			if e.Start < le && (e.End > ls || e.Start >= ls) {
				touched = true
				break
			}
		}
		if !touched {
			if ls+shift < 0 || le+shift > len(out) || !bytes.Equal(out[ls+shift:le+shift], in[ls:le]) {
				t.Errorf("%s: untouched line at offset %d changed", rel, ls)
				return
			}
		}
		ls = le
	}
}

func applyDiff(t *testing.T, tool []string, old []byte, diff string) []byte {
	t.Helper()
	d := t.TempDir()
	if err := os.WriteFile(filepath.Join(d, "pf.conf"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool[0], tool[1:]...)
	cmd.Dir = d
	cmd.Stdin = strings.NewReader(diff)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+d, "GIT_CEILING_DIRECTORIES="+filepath.Dir(d))
	if outp, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: %v\n%s", tool[0], err, outp)
		return nil
	}
	b, _ := os.ReadFile(filepath.Join(d, "pf.conf"))
	return b
}
