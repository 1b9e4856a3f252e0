package engine

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// benchPacket is a packet of the kind the generated rulesets filter.
var benchPacket = []string{"in", "on", "em0", "inet", "proto", "tcp", "from", "192.0.2.7", "port", "40000",
	"to", "198.51.100.10", "port", "22", "flags", "S"}

func loadGen(b *testing.B, lines int, t target.Target) *ruleset.Ruleset {
	b.Helper()
	src := gen.Ruleset(lines, t)
	rs := ruleset.LoadBytes("gen.conf", src, ruleset.Options{Target: t, ReadFile: gen.ReadFile})
	// Loading's garbage is collected before the clock starts.
	runtime.GC()
	return rs
}

// BenchmarkTrace100k is `pfshape trace` of one packet on the generated
// 100k-line ruleset after loading: the model's filter view, the engine,
// the class, the set engine's walk (the budget: 100 ms). Each
// iteration is one run of the command after its load: the collector is
// set as the command sets it (GOGC 200, cmd/pfshape/gc.go) and the
// garbage of the previous iteration is collected off the clock.
func BenchmarkTrace100k(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	t := target.MustParse("openbsd")
	rs := loadGen(b, 100_000, t)
	spec, err := ParsePacket(benchPacket, false)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// A fresh model: its filter view is built by the first use.
		m, _ := model.Build(rs.File)
		runtime.GC()
		b.StartTimer()
		start := cpuTime()
		e := New(m.Filter(), t)
		if _, err := e.TraceClass(e.Class(spec)); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's CPU time (user and system, GC included): on
// a machine shared with other jobs it measures the work, where wall time
// measures the queue for the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkFilterView100k is building the model's filter view of the
// generated 100k-line ruleset.
func BenchmarkFilterView100k(b *testing.B) {
	t := target.MustParse("openbsd")
	rs := loadGen(b, 100_000, t)
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		m, _ := model.Build(rs.File)
		runtime.GC()
		b.StartTimer()
		start := cpuTime()
		_ = m.Filter()
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkClassify100k is the engine alone: New and the set engine's
// walk, the filter view built.
func BenchmarkClassify100k(b *testing.B) {
	t := target.MustParse("openbsd")
	rs := loadGen(b, 100_000, t)
	f := rs.Model.Filter()
	spec, _ := ParsePacket(benchPacket, false)
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		e := New(f, t)
		if _, err := e.TraceClass(e.Class(spec)); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// benchmarkClassifyOpen classifies a class with fields left open on a
// generated ruleset, and reports the pieces. Every packet inbound on
// em0 over TCP (addresses, ports and flags open) splits into more than
// MaxPieces on the 1k-line ruleset: each piece keeps the rules it
// matched, and different packets match different rules (see the
// package doc).
func benchmarkClassifyOpen(b *testing.B, lines int, words []string) {
	t := target.MustParse("openbsd")
	rs := loadGen(b, lines, t)
	f := rs.Model.Filter()
	spec, err := ParsePacket(words, false)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	pieces := 0
	for i := 0; i < b.N; i++ {
		e := New(f, t)
		ps, err := e.Classify(e.Class(spec))
		if err != nil {
			b.Skip(err)
		}
		pieces = len(ps)
	}
	b.ReportMetric(float64(pieces), "pieces")
}

func BenchmarkClassifyOpenSource1k(b *testing.B) {
	benchmarkClassifyOpen(b, 1_000, []string{"in", "on", "em0", "inet", "proto", "tcp", "to", "198.51.100.10", "port", "22", "flags", "S"})
}

func BenchmarkClassifyOpenSource10k(b *testing.B) {
	benchmarkClassifyOpen(b, 10_000, []string{"in", "on", "em0", "inet", "proto", "tcp", "to", "198.51.100.10", "port", "22", "flags", "S"})
}

func BenchmarkClassifyOpenSSH100k(b *testing.B) {
	benchmarkClassifyOpen(b, 100_000, []string{"in", "on", "em0", "inet", "proto", "tcp", "to", "198.51.100.10", "port", "22"})
}

// BenchmarkUsage is the analysis of the engine's lint rules (dead,
// redundant, overridden) on the generated rulesets, after loading; it
// reports the share of the class of every packet analysed within the
// work budget (the rest gets no finding).
func BenchmarkUsage(b *testing.B) {
	t := target.MustParse("openbsd")
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			rs := loadGen(b, n, t)
			var u *Usage
			for b.Loop() {
				var err error
				if u, err = ForRuleset(rs).Usage(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(100*float64(u.Parts-u.Unanalysed)/float64(u.Parts), "%analysed")
		})
	}
}

// BenchmarkCompare10k is the verdict half of `pfshape diff` on the
// generated 10k-line ruleset against itself with one rule changed (the
// first `pass in quick on` becomes `block in quick on`): both engines with their
// anchor files, Joint, Compare with VerdictKey and Merge, the rulesets
// loaded and their filter views built. It reports the merged
// differences and the parts left uncompared.
func BenchmarkCompare10k(b *testing.B) { benchmarkCompare(b, 10_000) }

func BenchmarkCompare1k(b *testing.B) { benchmarkCompare(b, 1_000) }

func benchmarkCompare(b *testing.B, lines int) {
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	t := target.MustParse("openbsd")
	old := loadGen(b, lines, t)
	src := gen.Ruleset(lines, t)
	const from, to = "\npass in quick on ", "\nblock in quick on "
	if !bytes.Contains(src, []byte(from)) {
		b.Fatalf("the generated ruleset has no %q to change", from)
	}
	src = bytes.Replace(src, []byte(from), []byte(to), 1)
	cur := ruleset.LoadBytes("gen.conf", src, ruleset.Options{Target: t, ReadFile: gen.ReadFile})
	for _, rs := range []*ruleset.Ruleset{old, cur} {
		if errs := rs.Errors(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
	fo, fn := old.Model.Filter(), cur.Model.Filter()
	runtime.GC()
	b.ResetTimer()
	start := cpuTime()
	var diffs, skipped int
	for i := 0; i < b.N; i++ {
		ea, eb := New(fo, t), New(fn, t)
		for _, l := range old.Loads {
			ea.LoadAnchor(l.Name, l.Model.Filter())
		}
		for _, l := range cur.Loads {
			eb.LoadAnchor(l.Name, l.Model.Filter())
		}
		Joint(ea, eb)
		ds, sk, err := Compare(ea, eb, VerdictKey)
		if err != nil {
			b.Fatal(err)
		}
		ds = Merge(ds, func(d Difference) string { return d.Old.Action + ">" + d.New.Action })
		diffs, skipped = len(ds), len(sk)
	}
	reportCPU(b, start)
	b.ReportMetric(float64(diffs), "differences")
	b.ReportMetric(float64(skipped), "uncompared")
}
