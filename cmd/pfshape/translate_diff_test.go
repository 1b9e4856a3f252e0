package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTranslateDiffPaths: -d names files as git diff --no-index does
// (a/NAME, b/NAME; an absolute name without its leading slash), and the
// diff applies with git apply and patch -p1 run from another folder: the
// folder the name is relative to (/ for an absolute name).
func TestTranslateDiffPaths(t *testing.T) {
	want := func(t *testing.T, p string) string {
		t.Helper()
		_, out, _ := runPfshape(t, "", "translate", p)
		return out
	}
	apply := func(t *testing.T, dir, diff string, tool ...string) {
		t.Helper()
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Skipf("%s not installed", tool[0])
		}
		cmd := exec.Command(tool[0], tool[1:]...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(diff)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v in %s: %v\n%s\n%s", tool, dir, err, out, diff)
		}
	}
	tools := [][]string{{"git", "apply", "-"}, {"patch", "-p1", "-s"}}
	for _, tool := range tools {
		t.Run("absolute/"+tool[0], func(t *testing.T) {
			p := copyExample(t, "altq-cbq.conf")
			translated := want(t, p)
			code, diff, stderr := runPfshape(t, "", "translate", "-d", p)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			head := "--- a/" + strings.TrimPrefix(filepath.ToSlash(p), "/") + "\n"
			if !strings.HasPrefix(diff, head) || strings.Contains(diff, "a//") {
				t.Fatalf("header: want %q, got\n%s", head, diff)
			}
			apply(t, "/", diff, tool...)
			if got, _ := os.ReadFile(p); string(got) != translated {
				t.Errorf("%s from /: the file is not the translation", tool[0])
			}
		})
		t.Run("relative/"+tool[0], func(t *testing.T) {
			p := copyExample(t, "altq-cbq.conf")
			translated := want(t, p)
			// pfshape runs in the file's parent with a relative name;
			// the diff is applied in a copy of that folder elsewhere.
			parent := filepath.Dir(filepath.Dir(p))
			rel, _ := filepath.Rel(parent, p)
			t.Chdir(parent)
			code, diff, stderr := runPfshape(t, "", "translate", "-d", rel)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if head := "--- a/" + filepath.ToSlash(rel) + "\n"; !strings.HasPrefix(diff, head) {
				t.Fatalf("header: want %q, got\n%s", head, diff)
			}
			other := t.TempDir()
			copyTo := filepath.Join(other, rel)
			os.MkdirAll(filepath.Dir(copyTo), 0o755)
			orig, _ := os.ReadFile(p)
			os.WriteFile(copyTo, orig, 0o644)
			apply(t, other, diff, tool...)
			if got, _ := os.ReadFile(copyTo); string(got) != translated {
				t.Errorf("%s in another folder: the file is not the translation", tool[0])
			}
		})
	}
}
