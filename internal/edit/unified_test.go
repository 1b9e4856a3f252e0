package edit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .diff files under testdata")

// TestUnifiedGolden diffs every testdata/NAME.old against NAME.new and
// compares with NAME.diff. Run with -update to rewrite the .diff files, then
// review them: they are what users and git apply will see.
func TestUnifiedGolden(t *testing.T) {
	olds, err := filepath.Glob(filepath.Join("testdata", "*.old"))
	if err != nil {
		t.Fatal(err)
	}
	if len(olds) == 0 {
		t.Fatal("no golden cases under testdata")
	}
	for _, oldPath := range olds {
		name := strings.TrimSuffix(filepath.Base(oldPath), ".old")
		t.Run(name, func(t *testing.T) {
			old := readFile(t, oldPath)
			new := readFile(t, strings.TrimSuffix(oldPath, ".old")+".new")
			got := Unified("a/"+name, "b/"+name, old, new)
			diffPath := strings.TrimSuffix(oldPath, ".old") + ".diff"
			if *update {
				if err := os.WriteFile(diffPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := string(readFile(t, diffPath)); got != want {
				t.Errorf("Unified differs from %s (rerun with -update and review):\ngot:\n%s\nwant:\n%s", diffPath, got, want)
			}
			// Goldens are also checked by applying them, so a wrong golden
			// cannot be accepted by -update unnoticed.
			applied, err := applyUnified(old, got, "a/"+name, "b/"+name)
			if err != nil {
				t.Fatalf("diff does not apply: %v\n%s", err, got)
			}
			if !bytes.Equal(applied, new) {
				t.Errorf("diff applies to %q, want %q", applied, new)
			}
		})
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUnifiedEqual(t *testing.T) {
	for _, text := range []string{"", "pass\n", "pass", "a\r\nb\r\n"} {
		if got := Unified("a/x", "b/x", []byte(text), []byte(text)); got != "" {
			t.Errorf("Unified(%q, same) = %q, want \"\"", text, got)
		}
	}
	if got := Unified("a/x", "b/x", nil, []byte{}); got != "" {
		t.Errorf("Unified(nil, empty) = %q, want \"\"", got)
	}
}

// A change to one line must show that line and nothing else as changed:
// pfshape's promise is that lines it did not touch stay context.
func TestUnifiedShowsOnlyEditedLines(t *testing.T) {
	src := readFile(t, filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf"))
	find := func(s string) int {
		i := bytes.Index(src, []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the example", s)
		}
		return i
	}
	tests := []struct {
		name        string
		edits       []Edit
		minus, plus int
	}{
		{"word in one line", []Edit{{find("10Mb"), find("10Mb") + 4, "10M"}}, 1, 1},
		{"two words in two lines", []Edit{
			{find("priority 6"), find("priority 6") + 10, "prio 6"},
			{find("priority 7"), find("priority 7") + 10, "prio 7"},
		}, 2, 2},
		{"line inserted", []Edit{{find("block in"), find("block in"), "block in quick on lo\n"}}, 0, 1},
		{"line deleted", []Edit{{find("set skip"), find("set skip") + len("set skip on lo\n"), ""}}, 1, 0},
		{"line split", []Edit{{find("queue ssh") - 1, find("queue ssh") - 1, " \\"}}, 1, 1},
		{"lines joined", []Edit{{find("keep state \\\n") + 11, find("keep state \\\n") + 13, ""}}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new, err := Apply(src, tt.edits)
			if err != nil {
				t.Fatal(err)
			}
			d := Unified("a/pf.conf", "b/pf.conf", src, new)
			minus, plus := countChanged(d)
			if minus != tt.minus || plus != tt.plus {
				t.Errorf("diff has %d - and %d + lines, want %d and %d:\n%s", minus, plus, tt.minus, tt.plus, d)
			}
		})
	}
}

// countChanged counts the removed and added lines of a diff, headers left out.
func countChanged(diff string) (minus, plus int) {
	for i, row := range strings.SplitAfter(diff, "\n") {
		switch {
		case i < 2:
		case strings.HasPrefix(row, "-"):
			minus++
		case strings.HasPrefix(row, "+"):
			plus++
		}
	}
	return minus, plus
}

func TestUnifiedHeaders(t *testing.T) {
	tests := []struct {
		name, header string
	}{
		{"a/pf.conf", "a/pf.conf"},
		{"/dev/null", "/dev/null"},
		{"a/etc/pf rules.conf", "a/etc/pf rules.conf\t"},
		{"a/ta\tb", `"a/ta\tb"`},
		{`a/qu"ote`, `"a/qu\"ote"`},
		{`a/sp "q`, `"a/sp \"q"` + "\t"},
		{`a/back\slash`, `"a/back\\slash"`},
		{"a/caf\xc3\xa9", `"a/caf\303\251"`},
		{"a/new\nline", `"a/new\nline"`},
		{"a/bell\a\x01\x7f", `"a/bell\a\001\177"`},
		{"a/ctl\b\v\f\r", `"a/ctl\b\v\f\r"`},
	}
	for _, tt := range tests {
		got := Unified(tt.name, tt.name, []byte("a\n"), []byte("b\n"))
		want := "--- " + tt.header + "\n+++ " + tt.header + "\n@@ -1 +1 @@\n-a\n+b\n"
		if got != want {
			t.Errorf("Unified(%q) =\n%s\nwant\n%s", tt.name, got, want)
		}
	}
}

// The fallback for texts too long for diffmatchpatch must still give a
// correct diff, and a minimal one when the texts differ in one place.
func TestCoarseDiff(t *testing.T) {
	tests := []struct {
		old, new string
		keep     int // lines the fallback keeps as context
	}{
		{"", "a\nb\n", 0},
		{"a\nb\n", "", 0},
		{"a\nb\nc\n", "a\nB\nc\n", 2},
		{"x\nx\nx\n", "x\nx\n", 2},
		{"a\nb", "a\nb\n", 1},
		// Two changes far apart: correct, but the lines between them are
		// replaced rather than kept; this is what makes it a fallback.
		{"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nB\nc\nd\ne\nf\ng\nh\nI\nj\n", 2},
	}
	for _, tt := range tests {
		ops := lineDiffLimit(tt.old, tt.new, 0)
		var b strings.Builder
		for _, h := range findHunks(ops) {
			h.write(&b, ops)
		}
		d := "--- a/x\n+++ b/x\n" + b.String()
		got, err := applyUnified([]byte(tt.old), d, "a/x", "b/x")
		if err != nil || string(got) != tt.new {
			t.Errorf("coarse diff of %q → %q applies to %q, %v:\n%s", tt.old, tt.new, got, err, d)
		}
		if n := countOps(ops, opEqual); n != tt.keep {
			t.Errorf("coarse diff of %q → %q keeps %d lines, want %d", tt.old, tt.new, n, tt.keep)
		}
	}
}

func countOps(ops []lineOp, kind opKind) int {
	n := 0
	for _, op := range ops {
		if op.kind == kind {
			n++
		}
	}
	return n
}

// lcsLen is the length of the longest common subsequence of two line lists:
// a minimal diff keeps exactly that many lines as context.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
