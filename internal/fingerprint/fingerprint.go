// Package fingerprint keeps, for tests, a file of fingerprints under
// testdata: lines that describe what a run produced without the words of
// any message (a finding's rule, code, range and fixes; a code action's
// kind and edits), in sections headed "== NAME". A test compares its
// fingerprints with the file, in the normal build and in the build that
// rewords every message (-tags pfshape_reword): equal both times, no
// behaviour depends on a message's words. The file is rewritten with the
// test's -update flag and reviewed as a diff.
package fingerprint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares lines with the file at path (under testdata), or
// rewrites the file when update is set. what names the fingerprints in
// the failure ("findings", "code actions").
func Check(t testing.TB, path string, lines []string, update bool, what string) {
	t.Helper()
	got := strings.Join(lines, "\n") + "\n"
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (generate it with -update)", err)
	}
	if d := firstDiff(string(want), got); d != "" {
		t.Errorf("the %s differ from %s (-tags pfshape_reword: they depend on a message's words; otherwise regenerate with -update and review the diff):\n%s", what, path, d)
	}
}

// firstDiff is the first line where two fingerprint files differ, with
// the section it is in; "" when they are equal.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var section string
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if strings.HasPrefix(a, "== ") {
			section = a
		}
		if a != b {
			return fmt.Sprintf("in %s, line %d:\n- %s\n+ %s", section, i+1, a, b)
		}
	}
	return ""
}
