package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// batchGCPercent is the collector's GOGC for the batch commands. A batch
// run keeps nearly everything it allocates (the ruleset's tokens and tree
// live until it ends), so with Go's default of 100 the collector marks the
// growing heap again and again: a third of the CPU of a 100,000-line lint.
// At 200 it runs about half as often. Measured on that lint: 1.14 s ->
// 0.91 s (median of 9), peak resident memory unchanged (369 MB -> 373 MB),
// as the heap is mostly live when a run ends. The language server, which
// runs for hours and makes garbage with every keystroke, keeps the default.
// A run that reads one file whose size is known is paced instead
// (paceGC).
const batchGCPercent = 200

// heapFloor is what the memory limit of a paced run adds to the heap its
// file is expected to fill: room for the runtime's own memory and for an
// estimate a little short. A run of a small file never reaches it, and
// never collects but for the reservation's collection (hugepages).
const heapFloor = 64 << 20

// gcPaced is set by tuneGC when the collector's settings are pfshape's
// to choose: a batch command, and neither GOGC nor GOMEMLIMIT set.
var gcPaced atomic.Bool

// tuneGC sets batchGCPercent unless the user chose a GOGC, and lets
// paceGC pace the run unless the user chose a GOMEMLIMIT too.
func tuneGC(command string) {
	if command == "lsp" || os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(batchGCPercent)
	gcPaced.Store(os.Getenv("GOMEMLIMIT") == "")
}

// paceGC turns the collector off for a batch run that reads one file,
// up to a memory limit of the heap the file is expected to fill
// (expected, from its size; 0 when unknown, as for a pipe) and
// heapFloor. Such a run keeps nearly all it allocates until it ends: the
// collector's marking of the growing heap, three to four times at
// batchGCPercent, was 20–25% of the CPU of a 100,000-line lint, for the
// 10–15% of the heap it found dead (peak memory that much higher
// without it). A run whose file fills more than expected (large included
// files, say) collects at the limit, and from then on at batchGCPercent
// (gcPacer). A run of several files keeps batchGCPercent: what it read
// of a file it is done with is garbage.
func paceGC(expected int64) {
	if !gcPaced.Load() || expected <= 0 {
		return
	}
	pacer.start(expected + heapFloor)
}

// pacer is the batch commands' gcPacer.
var pacer = &gcPacer{limit: debug.SetMemoryLimit, percent: debug.SetGCPercent, cycles: automaticCycles}

// gcPacer turns the collector off up to a memory limit, and back to
// batchGCPercent after the first collection the limit starts: the run's
// heap outgrew what was expected of it, and the collector's own pacing
// is the right one from there. Collections are seen by a cleanup of an
// object made for the purpose, made again after each collection that the
// run asked for itself (runtime.GC, as ruleset.LetGo does).
type gcPacer struct {
	limit   func(int64) int64 // debug.SetMemoryLimit
	percent func(int) int     // debug.SetGCPercent
	cycles  func() uint64     // automaticCycles
	// from is cycles() when the collector was turned off.
	from     atomic.Uint64
	watching atomic.Bool
	// after, when set, is called after each collection seen (tests).
	after func()
}

// start turns the collector off, up to limit.
func (p *gcPacer) start(limit int64) {
	p.from.Store(p.cycles())
	p.limit(limit)
	p.percent(-1)
	if p.watching.CompareAndSwap(false, true) {
		p.watch()
	}
}

// watch makes an object whose cleanup runs after the next collection.
func (p *gcPacer) watch() {
	runtime.AddCleanup(new(gcMark), func(p *gcPacer) { p.collected() }, p)
}

// gcMark is the object watch makes. It holds a pointer, so that it is an
// allocation of its own: the runtime packs small pointer-free objects
// together, and runs their cleanups only when the whole block is free.
type gcMark struct {
	_ *int
	_ [8]byte
}

// collected paces the collector at batchGCPercent, without a limit,
// once the limit has started a collection; until then it watches for the
// next one.
func (p *gcPacer) collected() {
	if p.after != nil {
		defer p.after()
	}
	if p.cycles() == p.from.Load() {
		p.watch()
		return
	}
	p.limit(math.MaxInt64)
	p.percent(batchGCPercent)
	p.watching.Store(false)
}

// automaticCycles is how many collections the runtime started by itself
// (the memory limit's, here), not asked for with runtime.GC. It reads
// runtime.MemStats, which stops the world for a moment; runtime/metrics
// would not, but its initialisation is half a millisecond of every run's
// start-up.
func automaticCycles() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return uint64(m.NumGC - m.NumForcedGC)
}
