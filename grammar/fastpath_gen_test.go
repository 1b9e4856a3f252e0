package grammar

import (
	"bytes"
	"go/format"
	"os"
	"testing"

	"github.com/pfshape/pfshape/grammar/internal/fastgen"
)

// TestFastPathGenerated fails when fastpath_gen.go is not what the
// generator makes of the grammar as it stands: the struct tags changed and
// `go generate ./grammar` was not run, or the file was edited by hand.
func TestFastPathGenerated(t *testing.T) {
	c := fastgen.DefaultConfig(".")
	want, err := fastgen.Generate(c)
	if err != nil {
		t.Fatalf("generating the fast path: %v", err)
	}
	got, err := os.ReadFile(c.Out)
	if err != nil {
		t.Fatalf("%v: run go generate ./grammar", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (the grammar or the generator changed): run go generate ./grammar", c.Out)
	}
	if formatted, err := format.Source(got); err != nil || !bytes.Equal(formatted, got) {
		t.Fatalf("%s is not gofmt'ed (err %v)", c.Out, err)
	}
	if !bytes.HasPrefix(got, []byte("// Code generated ")) || !bytes.Contains(got, []byte(" DO NOT EDIT.\n")) {
		t.Fatalf("%s lacks the standard generated-code header", c.Out)
	}
}

// TestFastPathBugSurfaces checks that a panic of the fast path other than
// its deliberate decline is not taken for a decline: a test binary panics
// with it, and elsewhere it is counted.
func TestFastPathBugSurfaces(t *testing.T) {
	strict, bugs := fastPathStrict, fastPathBugs.Load()
	defer func() {
		fastPathStrict = strict
		fastPathBugs.Store(bugs) // the bugs made here are not the fast path's
	}()
	bug := func() { var m map[string]int; m["x"]++ }

	on, off := true, false
	if !strictFastPath() {
		t.Error("a test binary is not strict")
	}
	fastPathStrict = &on
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a fast-path bug was recovered in a test binary")
			}
		}()
		guardFastPath(bug)
	}()

	fastPathStrict = &off
	before := fastPathBugs.Load()
	if guardFastPath(bug) {
		t.Error("a statement on which the fast path panicked took it")
	}
	if fastPathBugs.Load() != before+1 {
		t.Error("a fast-path bug was not counted")
	}
	if guardFastPath(func() { panic(declined{}) }) {
		t.Error("a declined statement took the fast path")
	}
	if fastPathBugs.Load() != before+1 {
		t.Error("a decline was counted as a bug")
	}
}
