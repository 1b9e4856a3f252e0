package edit

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// lineVocabulary is what random texts are made of: few enough lines that
// they repeat (so the diff has ambiguous matches to choose from), and lines
// that look like diff syntax, end in CR or blanks, or are not UTF-8, which
// is where diff writers and appliers go wrong.
var lineVocabulary = []string{
	"pass out on $ext_if proto tcp to port ssh",
	"queue std bandwidth 30% cbq(default)",
	"altq on $ext_if cbq bandwidth 10Mb queue { std, ssh }",
	"block in log all",
	"",
	"# comment",
	"\t(max-src-conn 20) \\",
	"trailing blanks  ",
	"--- a/pf.conf",
	"+++ b/pf.conf",
	"@@ -1 +1 @@",
	"\\ No newline at end of file",
	"-minus",
	"+plus",
	" space",
	"caf\xe9 \xff\xfe",
	"lone\rCR",
	"x",
}

// randomText makes a text of up to maxLines lines, mostly LF-terminated,
// some CRLF, the last one sometimes without a newline.
func randomText(r *rand.Rand, maxLines int) string {
	var b strings.Builder
	n := r.IntN(maxLines + 1)
	for i := range n {
		b.WriteString(lineVocabulary[r.IntN(len(lineVocabulary))])
		switch {
		case i == n-1 && r.IntN(3) == 0:
		case r.IntN(10) == 0:
			b.WriteString("\r\n")
		default:
			b.WriteString("\n")
		}
	}
	return b.String()
}

// randomEdits makes up to five edits on text that Apply accepts: mostly
// whole lines replaced, inserted or deleted (what translate and lint fixes
// do), some arbitrary byte ranges that split or join lines.
func randomEdits(r *rand.Rand, text string) []Edit {
	starts := []int{0} // offsets where lines start, and the end of the text
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	if starts[len(starts)-1] != len(text) {
		starts = append(starts, len(text))
	}
	var edits []Edit
	for range r.IntN(6) {
		var e Edit
		if r.IntN(4) > 0 {
			a := r.IntN(len(starts))
			b := a + r.IntN(min(3, len(starts)-a))
			e = Edit{Start: starts[a], End: starts[b], NewText: randomText(r, 3)}
			if e.NewText != "" && !strings.HasSuffix(e.NewText, "\n") && e.End != len(text) {
				e.NewText += "\n" // a whole-line edit keeps lines whole
			}
		} else {
			a := r.IntN(len(text) + 1)
			b := a + r.IntN(min(12, len(text)-a+1))
			e = Edit{Start: a, End: b, NewText: []string{"", "\n", "x", "y\n", "\r\n", " z ", "\nw"}[r.IntN(7)]}
		}
		if _, err := Apply([]byte(text), append(edits, e)); err == nil {
			edits = append(edits, e)
		}
	}
	return edits
}

// TestUnifiedApplies checks, for many random texts and edits, that the diff
// of each edit is minimal and that git apply, patch -p1 and the test's own
// strict applier all turn the old text into the new, byte for byte.
func TestUnifiedApplies(t *testing.T) {
	cases := 400
	if testing.Short() {
		cases = 50
	}
	git, gitErr := exec.LookPath("git")
	if gitErr != nil {
		t.Logf("git not found, diffs are not checked with git apply: %v", gitErr)
	}
	patch, patchErr := exec.LookPath("patch")
	if patchErr != nil {
		t.Logf("patch not found, diffs are not checked with patch -p1: %v", patchErr)
	}
	r := rand.New(rand.NewPCG(0x9f5, 0x5ba9e))
	applied := 0
	seen := map[string]int{} // what the applied diffs exercised
	for c := range cases {
		old := randomText(r, 40)
		edits := randomEdits(r, old)
		newb, err := Apply([]byte(old), edits)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		new := string(newb)
		d := Unified("a/pf.conf", "b/pf.conf", []byte(old), newb)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("case %d: %s\nold: %q\nedits: %v\nnew: %q\ndiff:\n%s", c, fmt.Sprintf(format, args...), old, edits, new, d)
		}
		if old == new {
			if d != "" {
				fail("equal texts give a diff")
			}
			continue
		}
		got, err := applyUnified([]byte(old), d, "a/pf.conf", "b/pf.conf")
		if err != nil || string(got) != new {
			fail("own applier: %q, %v", got, err)
		}
		// Minimal: every line of the longest common subsequence is context.
		oldLines, newLines := splitLines(old), splitLines(new)
		common := lcsLen(oldLines, newLines)
		if minus, plus := countChanged(d); minus != len(oldLines)-common || plus != len(newLines)-common {
			fail("%d - and %d + lines, a minimal diff has %d and %d", minus, plus, len(oldLines)-common, len(newLines)-common)
		}
		dir := t.TempDir()
		if gitErr == nil {
			if out, err := runApplier(dir, old, d, git, "apply", "--whitespace=nowarn", "--unsafe-paths", "p.diff"); err != nil {
				fail("git apply: %v\n%s", err, out)
			} else if got := readFile(t, filepath.Join(dir, "pf.conf")); string(got) != new {
				fail("git apply gives %q", got)
			}
		}
		if patchErr == nil {
			// -F0: no fuzz, so a hunk that does not match exactly fails
			// instead of landing somewhere else.
			if out, err := runApplier(dir, old, d, patch, "-p1", "-F0", "-t", "-i", "p.diff"); err != nil {
				fail("patch -p1: %v\n%s", err, out)
			} else if got := readFile(t, filepath.Join(dir, "pf.conf")); string(got) != new {
				fail("patch -p1 gives %q", got)
			}
		}
		applied++
		for what, ok := range map[string]bool{
			"several hunks":           strings.Count(d, "\n@@ ") > 1,
			"no newline at end":       strings.Contains(d, noNewline),
			"CRLF lines":              strings.Contains(d, "\r\n"),
			"empty old":               old == "",
			"empty new":               new == "",
			"lines looking like diff": strings.Contains(d, "\n ---") || strings.Contains(d, "\n-+++") || strings.Contains(d, "\n+@@"),
		} {
			if ok {
				seen[what]++
			}
		}
	}
	t.Logf("%d of %d random edits changed the text and their diffs applied; diffs with %v", applied, cases, seen)
}

// runApplier writes old as pf.conf and the diff as p.diff into dir and runs
// the applier there, isolated from any repository or user configuration
// around it: git would otherwise apply paths relative to an enclosing
// repository and honour the user's apply.whitespace.
func runApplier(dir, old, diff, prog string, args ...string) ([]byte, error) {
	for _, f := range []struct{ name, text string }{{"pf.conf", old}, {"p.diff", diff}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.text), 0o644); err != nil {
			return nil, err
		}
	}
	for _, leftover := range []string{"pf.conf.orig", "pf.conf.rej"} {
		os.Remove(filepath.Join(dir, leftover))
	}
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CEILING_DIRECTORIES="+filepath.Dir(dir),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"HOME="+dir,
		"LC_ALL=C",
	)
	out, err := cmd.CombinedOutput()
	// patch applies a hunk at another line than its header says when the
	// context matches there; that is a wrong header, so it fails the test.
	if err == nil && bytes.Contains(out, []byte("offset")) {
		err = fmt.Errorf("hunk applied at an offset")
	}
	return out, err
}
