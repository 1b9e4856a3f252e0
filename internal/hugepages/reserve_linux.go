//go:build linux

package hugepages

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"syscall"
	"unsafe"
)

// Reserve grows the heap by about n bytes backed by huge pages, for the
// allocations of the run that follows, when the machine allows it (see
// the package doc). It returns the bytes advised and what it did. Calls
// from several goroutines take turns: each turns the collector off and
// back on.
func Reserve(n int64) (int64, Outcome) {
	if n < minBytes {
		return 0, TooSmall
	}
	reserving.Lock()
	defer reserving.Unlock()
	n, out := decide(n, readSystem())
	if out != Advised {
		return 0, out
	}
	// The pieces stay live until all are advised: with the collector
	// on, each would take the heap past its goal and start a cycle that
	// finds nothing to free (five cycles for the 660 MiB of a 100k-line
	// lint: its reservation took 11 ms, 5.5 without them).
	gcPercent := debug.SetGCPercent(-1)
	advised, out := advise(n)
	debug.SetGCPercent(gcPercent)
	// The reservation is garbage now: a collection frees it to the
	// heap's free pages, lowest first in the order the runtime reuses.
	// The run waits for it: one that began before the pieces were freed
	// would take fresh, unadvised memory (measured: a 1k-line lint 13%
	// slower, for the 2.7 ms the collection takes).
	runtime.GC()
	return advised, out
}

// advise allocates about n bytes in pieces, advises the huge pages they
// lie in and returns how many bytes it advised. Nothing is written to
// them: memory the runtime takes fresh from the kernel is zero, and the
// runtime does not clear it. It does clear a piece that begins in memory
// freed before; in pieces, that is at most the memory freed so far and
// one piece, where one allocation of n bytes would be cleared whole, all
// of it then resident on small pages.
//
// The advice covers the huge pages at either end of a piece whole: the
// runtime maps its heap in aligned chunks of 4 MiB, so they are mapped
// too, and where part of one is already in use the kernel keeps small
// pages there (it takes a huge page only for a range that has no page
// yet).
func advise(n int64) (int64, Outcome) {
	pieces := make([][]byte, 0, (n+piece-1)/piece)
	for left := n; left > 0; left -= piece {
		pieces = append(pieces, make([]byte, min(left, piece)))
	}
	var advised int64
	var lo, hi uintptr // the range to advise next: adjacent pieces join it
	flush := func() bool {
		if lo == hi {
			return true
		}
		if madvise(lo, hi-lo, syscall.MADV_HUGEPAGE) != nil {
			return false
		}
		advised += int64(hi - lo)
		return true
	}
	for _, b := range pieces {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		beg := p &^ (hugePage - 1)
		end := (p + uintptr(len(b)) + hugePage - 1) &^ (hugePage - 1)
		if lo < hi && beg <= hi && end >= lo {
			lo, hi = min(lo, beg), max(hi, end)
			continue
		}
		if !flush() {
			return advised, Failed
		}
		lo, hi = beg, end
	}
	ok := flush()
	runtime.KeepAlive(pieces) // until the last range is advised
	if !ok {
		return advised, Failed
	}
	return advised, Advised
}

// reserving makes Reserve's calls take turns.
var reserving sync.Mutex

// piece is the size of the allocations advise makes: four huge pages.
const piece = 8 << 20

func madvise(addr, n uintptr, advice int) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, addr, n, uintptr(advice)); e != 0 {
		return e
	}
	return nil
}

func readSystem() system {
	sys := system{godebug: os.Getenv("GODEBUG"), wordBits: strconv.IntSize}
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err == nil {
		sys.thp = string(b)
	}
	if b, err := os.ReadFile("/proc/sys/vm/overcommit_memory"); err == nil {
		sys.overcommit = string(b)
	}
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) == nil {
		sys.free = uint64(info.Freeram) * uint64(info.Unit)
	}
	return sys
}
