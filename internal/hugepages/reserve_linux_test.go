//go:build linux

package hugepages

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// TestReserveBacksLaterAllocations checks what Reserve is for: on a
// machine whose THP setting is madvise, memory the run allocates after
// it lies in a mapping the kernel was told to back with huge pages
// (VmFlags "hg" in /proc/self/smaps). It fails if the runtime stops
// reusing the freed reservation first.
func TestReserveBacksLaterAllocations(t *testing.T) {
	sys := readSystem()
	if _, out := decide(128<<20, sys); out != Advised {
		t.Skipf("this machine does not allow the reservation (%v): nothing to check", out)
	}
	advised, out := Reserve(128 << 20)
	if out != Advised || advised < 64<<20 {
		t.Fatalf("Reserve(128 MiB) = %d, %v; want at least 64 MiB advised", advised, out)
	}
	b := make([]byte, 16<<20)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if !inAdvisedMapping(t, p, p+uintptr(len(b))) {
		dumpHeapMappings(t)
		t.Errorf("a 16 MiB allocation after Reserve, at %#x, is not in a mapping advised for huge pages", p)
	}
}

// inAdvisedMapping reports whether [lo, hi) lies in mappings of
// /proc/self/smaps that carry the hg flag (MADV_HUGEPAGE).
func inAdvisedMapping(t *testing.T, lo, hi uintptr) bool {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var start, end uintptr
	covered := lo
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			if start <= covered && covered < end && hasFlag(flags, "hg") {
				covered = end
			}
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		s, e, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(s, 16, 64)
		z, err2 := strconv.ParseUint(e, 16, 64)
		if err1 == nil && err2 == nil {
			start, end = uintptr(a), uintptr(z)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return covered >= hi
}

func hasFlag(flags, flag string) bool {
	for _, f := range strings.Fields(flags) {
		if f == flag {
			return true
		}
	}
	return false
}

func TestReserveTooSmall(t *testing.T) {
	if n, out := Reserve(minBytes - 1); n != 0 || out != TooSmall {
		t.Errorf("Reserve(minBytes-1) = %d, %v; want 0, too small", n, out)
	}
}

// dumpHeapMappings logs each mapping's range and flags, for a failure.
func dumpHeapMappings(t *testing.T) {
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 1 && (f[0] == "VmFlags:" || strings.Count(f[0], "-") == 1 && !strings.HasSuffix(f[0], ":")) {
			t.Log(l)
		}
	}
}

// TestReserveTouchesNothing checks that the reservation stays untouched
// when the heap already has memory freed before it: the runtime clears an
// allocation that begins in freed memory, and one allocation of the whole
// reservation would then make it all resident.
func TestReserveTouchesNothing(t *testing.T) {
	if _, out := decide(256<<20, readSystem()); out != Advised {
		t.Skipf("this machine does not allow the reservation (%v): nothing to check", out)
	}
	// A reservation freed is memory freed before: the runtime counts it
	// as written. Two of them leave it where the next large allocation
	// begins.
	for range 2 {
		if _, out := Reserve(16 << 20); out != Advised {
			t.Fatalf("Reserve: %v", out)
		}
	}
	before := residentBytes(t)
	if _, out := Reserve(256 << 20); out != Advised {
		t.Fatalf("Reserve: %v", out)
	}
	if grew := residentBytes(t) - before; grew > 64<<20 {
		t.Errorf("Reserve(256 MiB) made %d MiB resident; want at most the 32 MiB freed before and a piece", grew>>20)
	}
}

// residentBytes is VmRSS of /proc/self/status.
func residentBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("VmRSS %q: %v", v, err)
			}
			return kb << 10
		}
	}
	t.Skip("no VmRSS in /proc/self/status")
	return 0
}

// TestReserveRestoresGCPercent checks that calls at once leave the
// collector as they found it: each turns it off while it reserves.
func TestReserveRestoresGCPercent(t *testing.T) {
	if _, out := decide(16<<20, readSystem()); out != Advised {
		t.Skipf("this machine does not allow the reservation (%v): nothing to check", out)
	}
	prev := debug.SetGCPercent(150)
	defer debug.SetGCPercent(prev)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { Reserve(16 << 20) })
	}
	wg.Wait()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent after four Reserve calls at once = %d, want 150", got)
	}
}
