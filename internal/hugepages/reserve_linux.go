//go:build linux

package hugepages

import (
	"os"
	"runtime"
	"strconv"
	"syscall"
	"unsafe"
)

// Reserve grows the heap by about n bytes backed by huge pages, for the
// allocations of the run that follows, when the machine allows it (see
// the package doc). It returns the bytes advised and what it did.
func Reserve(n int64) (int64, Outcome) {
	if n < minBytes {
		return 0, TooSmall
	}
	n, out := decide(n, readSystem())
	if out != Advised {
		return 0, out
	}
	advised, out := advise(n)
	// The reservation is garbage now: a collection frees it to the
	// heap's free pages, lowest first in the order the runtime reuses.
	runtime.GC()
	return advised, out
}

// advise allocates n bytes, which the runtime takes fresh from the kernel
// and does not clear (fresh anonymous memory is zero), and advises the
// huge pages they lie in. Nothing is written to them.
//
// The advice covers the huge pages at either end whole: the runtime maps
// its heap in aligned chunks of 4 MiB, so they are mapped too, and where
// part of one is already in use the kernel keeps small pages there (it
// takes a huge page only for a range that has no page yet).
func advise(n int64) (int64, Outcome) {
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := p &^ (hugePage - 1)
	end := (p + uintptr(n) + hugePage - 1) &^ (hugePage - 1)
	if err := madvise(beg, end-beg, syscall.MADV_HUGEPAGE); err != nil {
		return 0, Failed
	}
	runtime.KeepAlive(b)
	return int64(end - beg), Advised
}

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
