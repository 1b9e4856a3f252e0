package main

import (
	"math"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// fakeCollector records what a gcPacer sets, and counts the collections
// the runtime "started by itself" as the test says. The pacer's cleanup
// runs on a goroutine of the runtime's: the fields are atomic.
type fakeCollector struct {
	limitV, automaticV atomic.Int64
	percentV           atomic.Int32
}

func (f *fakeCollector) limit() int64      { return f.limitV.Load() }
func (f *fakeCollector) percent() int      { return int(f.percentV.Load()) }
func (f *fakeCollector) automatic() uint64 { return uint64(f.automaticV.Load()) }

func (f *fakeCollector) pacer() *gcPacer {
	f.limitV.Store(math.MaxInt64)
	f.percentV.Store(batchGCPercent)
	return &gcPacer{
		limit:   func(n int64) int64 { return f.limitV.Swap(n) },
		percent: func(n int) int { return int(f.percentV.Swap(int32(n))) },
		cycles:  f.automatic,
	}
}

func TestGCPacer(t *testing.T) {
	tests := []struct {
		name        string
		automatic   int // collections the runtime starts before the cleanup runs
		wantLimit   int64
		wantPercent int
		watching    bool
	}{
		{"only runtime.GC: still off, still watching", 0, 100 << 20, -1, true},
		{"the limit's collection: paced as before", 1, math.MaxInt64, batchGCPercent, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeCollector{}
			f.automaticV.Store(7)
			p := f.pacer()
			p.watching.Store(true) // as start would, without a cleanup
			p.from.Store(f.automatic())
			p.limit(100 << 20)
			p.percent(-1)
			f.automaticV.Add(int64(tt.automatic))
			p.collected()
			if f.limit() != tt.wantLimit || f.percent() != tt.wantPercent {
				t.Errorf("after the collection: limit %d, GOGC %d; want %d, %d", f.limit(), f.percent(), tt.wantLimit, tt.wantPercent)
			}
			if p.watching.Load() != tt.watching {
				t.Errorf("watching = %v, want %v", p.watching.Load(), tt.watching)
			}
		})
	}
}

// TestGCPacerSeesCollections runs the cleanup that watches for
// collections: the first collection the runtime starts itself paces the
// collector again, and one the run asks for (runtime.GC) does not.
func TestGCPacerSeesCollections(t *testing.T) {
	f := &fakeCollector{}
	p := f.pacer()
	var seen atomic.Int64
	p.after = func() { seen.Add(1) }
	p.start(100 << 20)
	if f.limit() != 100<<20 || f.percent() != -1 {
		t.Fatalf("start: limit %d, GOGC %d; want %d, -1", f.limit(), f.percent(), 100<<20)
	}
	// until collects until done holds, for 10 s at most.
	until := func(what string, done func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !done(); {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not seen in 10 s", what)
			}
			runtime.GC()
			time.Sleep(time.Millisecond)
		}
	}
	until("a collection", func() bool { return seen.Load() > 0 })
	if f.percent() != -1 || !p.watching.Load() {
		t.Fatalf("after runtime.GC: GOGC %d, watching %v; want -1, true", f.percent(), p.watching.Load())
	}
	f.automaticV.Add(1)
	until("the limit's collection", func() bool { return !p.watching.Load() })
	if f.limit() != math.MaxInt64 || f.percent() != batchGCPercent {
		t.Fatalf("after the limit's collection: limit %d, GOGC %d; want no limit, %d", f.limit(), f.percent(), batchGCPercent)
	}
}

func TestPaceGC(t *testing.T) {
	defer func(p *gcPacer, paced bool) { pacer = p; gcPaced.Store(paced) }(pacer, gcPaced.Load())
	tests := []struct {
		name      string
		paced     bool
		expected  int64
		wantLimit int64 // 0: the collector is left as it is
	}{
		{"a file of known size", true, 300 << 20, 300<<20 + heapFloor},
		{"size unknown (a pipe)", true, 0, 0},
		{"GOGC or GOMEMLIMIT set by the user", false, 300 << 20, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeCollector{}
			pacer = f.pacer()
			pacer.watching.Store(true) // no cleanup from this test
			gcPaced.Store(tt.paced)
			paceGC(tt.expected)
			if tt.wantLimit == 0 {
				if f.limit() != math.MaxInt64 || f.percent() != batchGCPercent {
					t.Errorf("limit %d, GOGC %d: want the collector left as it is", f.limit(), f.percent())
				}
				return
			}
			if f.limit() != tt.wantLimit || f.percent() != -1 {
				t.Errorf("limit %d, GOGC %d; want %d, -1", f.limit(), f.percent(), tt.wantLimit)
			}
		})
	}
}
