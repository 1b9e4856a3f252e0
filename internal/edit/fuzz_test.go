package edit

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzUnified checks that for any two texts the diff is empty exactly when
// they are equal, reads back with the strict applier of hunkapply_test.go
// (file headers, hunk counts matching their headers, context and hunk
// spacing as diff -u has them, markers only after a last line), turns old
// into new byte for byte, and is minimal when the texts are small enough
// for the test's quadratic LCS.
func FuzzUnified(f *testing.F) {
	olds, _ := filepath.Glob(filepath.Join("testdata", "*.old"))
	for _, p := range olds {
		old, err1 := os.ReadFile(p)
		new, err2 := os.ReadFile(strings.TrimSuffix(p, ".old") + ".new")
		if err1 == nil && err2 == nil {
			f.Add(old, new)
		}
	}
	f.Add([]byte("a\nb"), []byte("a\nb\n"))
	f.Add([]byte("\n\n\n"), []byte("\r\n\n"))
	f.Add([]byte("x"), []byte(""))
	f.Fuzz(func(t *testing.T, old, new []byte) {
		d := Unified("a/f", "b/f", old, new)
		if bytes.Equal(old, new) {
			if d != "" {
				t.Fatalf("equal texts give a diff:\n%s", d)
			}
			return
		}
		got, err := applyUnified(old, d, "a/f", "b/f")
		if err != nil {
			t.Fatalf("diff does not read back: %v\n%s", err, d)
		}
		if !bytes.Equal(got, new) {
			t.Fatalf("diff applies to %q, want %q\n%s", got, new, d)
		}
		oldLines, newLines := splitLines(string(old)), splitLines(string(new))
		if len(oldLines)*len(newLines) <= 1<<16 {
			common := lcsLen(oldLines, newLines)
			if minus, plus := countChanged(d); minus != len(oldLines)-common || plus != len(newLines)-common {
				t.Fatalf("%d - and %d + lines, a minimal diff has %d and %d\n%s", minus, plus, len(oldLines)-common, len(newLines)-common, d)
			}
		}
	})
}
