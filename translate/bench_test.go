package translate_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// BenchmarkTranslate parses, models and translates generated ALTQ
// rulesets of 1k, 10k and 100k lines to set prio and to queues, and
// applies the edits: what `pfshape translate` does apart from I/O.
func BenchmarkTranslate(b *testing.B) {
	from := target.MustParse("openbsd-5.4")
	for _, mode := range []translate.Mode{translate.ToPrio, translate.ToQueues} {
		for _, n := range []int{1_000, 10_000, 100_000} {
			src := gen.Ruleset(n, from)
			b.Run(fmt.Sprintf("to=%s/lines=%d", mode, n), func(b *testing.B) {
				lines := bytes.Count(src, []byte("\n"))
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					f, _ := grammar.Parse("gen.conf", src, grammar.Options{Target: from})
					m, _ := model.Build(f)
					res := translate.Translate(f, m, translate.Options{Target: latest, To: mode})
					if _, err := res.Output(f.Source); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
			})
		}
	}
}
