package grammar_test

import (
	"os"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

func BenchmarkTmpFile(b *testing.B) {
	src, err := os.ReadFile(os.Getenv("TMPF"))
	if err != nil {
		b.Skip()
	}
	b.ReportAllocs()
	for b.Loop() {
		grammar.Parse("x.conf", src, grammar.Options{Target: target.MustParse("openbsd-7.8")})
	}
}
