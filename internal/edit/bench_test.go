package edit

import (
	"bytes"
	"path/filepath"
	"testing"
)

// BenchmarkUnified diffs a large ruleset (the CBQ example repeated to about
// 2,800 lines) against itself with every queue line rewritten, about the
// change a translation makes.
func BenchmarkUnified(b *testing.B) {
	example := readFile(b, filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf"))
	old := bytes.Repeat(example, 100)
	new := bytes.ReplaceAll(old, []byte(" cbq(borrow"), []byte(" (borrow"))
	lines := bytes.Count(old, []byte("\n"))
	b.SetBytes(int64(len(old)))
	b.ResetTimer()
	for b.Loop() {
		Unified("a/pf.conf", "b/pf.conf", old, new)
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkApply applies one edit per line of the same large ruleset.
func BenchmarkApply(b *testing.B) {
	example := readFile(b, filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf"))
	src := bytes.Repeat(example, 100)
	var edits []Edit
	for i := bytes.IndexByte(src, '\n'); i >= 0; {
		edits = append(edits, Edit{i, i, " # checked"})
		next := bytes.IndexByte(src[i+1:], '\n')
		if next < 0 {
			break
		}
		i += next + 1
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Apply(src, edits); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(edits))*float64(b.N)/b.Elapsed().Seconds(), "edits/s")
}
