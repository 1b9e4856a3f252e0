package translate_test

import (
	"fmt"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// BenchmarkProve is the proof of a translation (ProveSides) of the
// generated ALTQ rulesets of 10k and 100k lines, of the mixed shape and
// of the shaping one (an interface every 60 lines), to set prio: the two
// engines, Joint, the comparison within its work budget, the judgement.
// The ruleset is loaded, translated and its output read again off the
// clock, as `pfshape translate` does before its proof. It reports the
// parts of the packet space left unproven.
func BenchmarkProve(b *testing.B) {
	for _, shape := range []gen.Shape{gen.Mixed, gen.Shaping} {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("shape=%s/lines=%d", shape, n), func(b *testing.B) { benchmarkProve(b, n, shape) })
		}
	}
}

func benchmarkProve(b *testing.B, lines int, shape gen.Shape) {
	from := target.MustParse("openbsd-5.4")
	src := gen.RulesetShape(lines, from, shape)
	opts := ruleset.Options{Target: latest, From: &from, Filter: true, ReadFile: gen.ReadFile}
	rs := ruleset.LoadBytes("gen.conf", src, opts)
	res := translate.Translate(rs.File, rs.Model, translate.Options{Target: latest, To: translate.ToPrio})
	out, err := res.Output(rs.File.Source)
	if err != nil {
		b.Fatal(err)
	}
	nrs := rs.ReaderFor(latest)(map[string][]byte{rs.File.Source.Name: out})
	if errs := nrs.Errors(); len(errs) > 0 {
		b.Fatalf("the translation does not load: %v", errs[0])
	}
	old, cur := translate.SideOf(rs), translate.SideOf(nrs)
	var eq *translate.Equivalence
	for b.Loop() {
		if eq, err = translate.ProveSides(old, cur, res); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(eq.UnprovenParts), "unproven-parts")
	b.ReportMetric(float64(eq.Parts), "parts")
}
