package grammar_test

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

// benchParse parses src on every iteration and reports throughput in
// bytes (MB/s, through SetBytes) and in lines. A ruleset that does not
// parse cleanly fails the benchmark: timing the error path would measure
// the wrong thing.
func benchParse(b *testing.B, name string, src []byte, opts grammar.Options) {
	b.Helper()
	lines := bytes.Count(src, []byte("\n"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f, _ := grammar.Parse(name, src, opts)
		if len(f.Errors) > 0 {
			b.Fatalf("%s: %d errors, first %v", name, len(f.Errors), f.Errors[0])
		}
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(lines)*float64(b.N)/s, "lines/s")
	}
}

// BenchmarkParse parses generated rulesets of 1k, 10k and 100k lines for
// OpenBSD 5.4 (ALTQ: every statement kind of that era), and 10k lines for
// the other grammars.
func BenchmarkParse(b *testing.B) {
	tg := target.MustParse("openbsd-5.4")
	for _, n := range []int{1_000, 10_000, 100_000} {
		src := gen.Ruleset(n, tg)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			benchParse(b, "gen.conf", src, grammar.Options{Target: tg})
		})
	}
	for _, name := range []string{"openbsd", "freebsd"} {
		tg := target.MustParse(name)
		src := gen.Ruleset(10_000, tg)
		b.Run(fmt.Sprintf("target=%s/lines=10000", name), func(b *testing.B) {
			benchParse(b, "gen.conf", src, grammar.Options{Target: tg})
		})
	}
}

// BenchmarkParseCorpus parses the largest real rulesets of the shared
// corpus that parse cleanly, one sub-benchmark each, and all of the clean
// ones in a row. Real files are shorter and more varied than generated
// ones, so the figures differ; both are worth watching.
func BenchmarkParseCorpus(b *testing.B) {
	dir := corpus.Dir(b)
	type file struct {
		rel string
		src []byte
		tg  target.Target
	}
	var clean []file
	for _, fo := range corpus.Folders {
		tg := target.MustParse(fo.Target)
		entries, err := os.ReadDir(filepath.Join(dir, fo.Path))
		if err != nil {
			b.Fatalf("corpus folder %s: %v", fo.Path, err)
		}
		for _, e := range entries {
			if e.IsDir() || !isRulesetName(fo.Path, e.Name()) {
				continue
			}
			rel := filepath.Join(fo.Path, e.Name())
			src, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				b.Fatal(err)
			}
			f, _ := grammar.Parse(filepath.Join(dir, rel), src, grammar.Options{Target: tg})
			if len(f.Errors) == 0 {
				clean = append(clean, file{rel, src, tg})
			}
		}
	}
	if len(clean) == 0 {
		b.Skip("no corpus file parses cleanly")
	}
	slices.SortStableFunc(clean, func(x, y file) int { return cmp.Compare(len(y.src), len(x.src)) })
	for _, f := range clean[:min(5, len(clean))] {
		b.Run(strings.ReplaceAll(f.rel, "/", "_"), func(b *testing.B) {
			benchParse(b, filepath.Join(dir, f.rel), f.src, grammar.Options{Target: f.tg})
		})
	}
	b.Run(fmt.Sprintf("all=%d", len(clean)), func(b *testing.B) {
		var size, lines int
		for _, f := range clean {
			size += len(f.src)
			lines += bytes.Count(f.src, []byte("\n"))
		}
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range clean {
				grammar.Parse(f.rel, f.src, grammar.Options{Target: f.tg})
			}
		}
		if s := b.Elapsed().Seconds(); s > 0 {
			b.ReportMetric(float64(lines)*float64(b.N)/s, "lines/s")
		}
	})
}

// isRulesetName tells pf.conf files from the expected-output and command
// files beside them in the corpus folders.
func isRulesetName(folder, name string) bool {
	if name == "MANIFEST.tsv" || strings.HasSuffix(name, ".j2") {
		return false
	}
	if strings.Contains(folder, "regress") || strings.Contains(folder, "tests/files") {
		return strings.HasSuffix(name, ".in") && strings.HasPrefix(name, "pf") &&
			!strings.HasPrefix(name, "pfr") && !strings.HasPrefix(name, "pfi") && !strings.HasPrefix(name, "pfcmd")
	}
	return true
}
