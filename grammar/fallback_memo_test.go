package grammar

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

// TestFallbackMemo reads every input with the memo of participle's errors
// and without it, and fails unless the errors are the same, each at the
// same line and column with the same words: the fuzz seeds, rulesets
// generated for ALTQ releases read for releases without ALTQ (most of
// their queue statements and many rules are errors there, in few shapes),
// and the corpus read for its release, for OpenBSD 5.4, for the latest
// OpenBSD and for FreeBSD. It also checks that the memo answered for
// some statements, so that it is not tested by not being used.
func TestFallbackMemo(t *testing.T) {
	inputs := seedInputs()
	for _, tg := range []string{"openbsd", "freebsd"} {
		inputs = append(inputs, readInput{"shapes.conf", []byte(memoShapes), target.MustParse(tg)})
	}
	for _, from := range []string{"openbsd-5.4", "openbsd-4.3"} {
		for _, seed := range []uint64{1, 2} {
			src := gen.RulesetSeed(2_000, target.MustParse(from), seed)
			for _, tg := range []string{"openbsd", "freebsd", from} {
				inputs = append(inputs, readInput{fmt.Sprintf("gen-%s-%d.conf", from, seed), src, target.MustParse(tg)})
			}
		}
	}
	for _, cf := range corpusFiles(t) {
		for _, tg := range []string{cf.folder.Target, "openbsd-5.4", "openbsd", "freebsd"} {
			inputs = append(inputs, readInput{cf.name, cf.src, target.MustParse(tg)})
		}
	}
	var hits, misses atomic.Int64
	fallbackMemoHook = func(hit bool) {
		if hit {
			hits.Add(1)
		} else {
			misses.Add(1)
		}
	}
	defer func() { fallbackMemoHook = nil }()
	for _, in := range inputs {
		opts := Options{Target: in.tg, ReadFile: noIncludes}
		with, _ := Parse(in.name, in.src, opts)
		opts.noFallbackMemo = true
		without, _ := Parse(in.name, in.src, opts)
		if d := exactErrorsDiff(with.Errors, without.Errors); d != "" {
			t.Fatalf("%s read for %s: the memo changes the errors: %s", in.name, in.tg, d)
		}
	}
	t.Logf("%d inputs; the memo answered %d statements and let participle read %d", len(inputs), hits.Load(), misses.Load())
	if hits.Load() == 0 {
		t.Error("the memo answered no statement: it is not used")
	}
}

// memoShapes are statements whose tokens have the same types two by two,
// which participle reads differently: by a keyword (flags, queue), by a
// number it cannot convert; and the same statement with a macro's
// expansion, whose tokens share the reference's position (the error is
// reported at the reference), and without.
const memoShapes = `m = "S/SA"
pass in on em0 queue $m nonsense
pass in on em0 queue S/SA nonsense
pass in on em0 flags S/SA nonsense
pass in on em0 queue S/SA nonsense
pass in on em0 rtable 5 nonsense
pass in on em0 rtable 99999999999999999999999 nonsense
block out on em1 tos 5 nonsense
block out on em1 tos 5 nonsense
`

// exactErrorsDiff says how two error lists differ in any field, or "".
func exactErrorsDiff(a, b ErrorList) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d errors against %d:\n%s\n---\n%s", len(a), len(b), a.Error(), b.Error())
	}
	for i := range a {
		if *a[i] != *b[i] {
			return fmt.Sprintf("error %d: %+v against %+v", i, *a[i], *b[i])
		}
	}
	return ""
}
