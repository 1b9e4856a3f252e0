package lint_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
)

// BenchmarkLint lints generated rulesets of 1k, 10k and 100k lines with
// every rule: for the latest OpenBSD (new queues, set prio) and for
// OpenBSD 5.4 (ALTQ, every statement kind of that era). It reports MB/s
// and lines/s; the targets are in the README.
func BenchmarkLint(b *testing.B) {
	for _, name := range []string{"openbsd", "openbsd-5.4"} {
		tg := target.MustParse(name)
		for _, n := range []int{1_000, 10_000, 100_000} {
			src := gen.Ruleset(n, tg)
			b.Run(fmt.Sprintf("target=%s/lines=%d", name, n), func(b *testing.B) { benchmarkLint(b, src, tg) })
		}
	}
}

// BenchmarkLintShapes lints every shape of generated ruleset (internal/gen:
// many interfaces and queues, many tables, long lists, deep anchors) at
// 1k, 10k and 100k lines for the latest OpenBSD: each stresses other code,
// and each 10× more input is to cost about 10× (scripts/bench -p -s all
// times the same as whole processes).
func BenchmarkLintShapes(b *testing.B) {
	tg := target.MustParse("openbsd")
	for _, sh := range gen.Shapes {
		for _, n := range []int{1_000, 10_000, 100_000} {
			src := gen.RulesetShape(n, tg, sh)
			b.Run(fmt.Sprintf("shape=%s/lines=%d", sh, n), func(b *testing.B) { benchmarkLint(b, src, tg) })
		}
	}
}

// benchmarkLint lints src with every rule, and fails on an error finding:
// a generated ruleset loads.
func benchmarkLint(b *testing.B, src []byte, tg target.Target) {
	lines := bytes.Count(src, []byte("\n"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res := lint.Lint("gen.conf", src, lint.Config{Target: tg, ReadFile: gen.ReadFile})
		for _, d := range res.Diagnostics {
			if d.Severity == lint.Error {
				b.Fatalf("generated ruleset has an error: %v", d.Message)
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
