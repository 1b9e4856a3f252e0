// Package hugepages asks Linux to back the heap a batch run is about to
// fill with transparent huge pages (2 MiB), when the system leaves that to
// each program (THP "madvise", the default of many distributions).
//
// A run of pfshape keeps nearly all it allocates, and on a small page the
// first write to each 4 KiB costs a page fault: on the project's machine a
// 100,000-line lint faulted some 70,000 times, and the faults and the
// clearing of fresh pages were a third of its CPU. Go's runtime does not
// ask for huge pages for its heap, so Reserve does it for the bytes the run
// expects: it grows the heap by that much in allocations that it never
// touches, advises the kernel (madvise MADV_HUGEPAGE) and frees them again
// with a collection, so that the runtime gives the run's allocations that
// advised, still untouched memory first. A huge page is one fault.
//
// Reserve is a hint and changes nothing a run computes. It does nothing
// where it could do harm or cannot help: off Linux (FreeBSD promotes
// superpages by itself), in a 32-bit address space, when THP is "always"
// (the kernel does it already) or "never", when GODEBUG has disablethp=1
// (the runtime's own switch), under strict overcommit
// (vm.overcommit_memory=2, where reserving more than the run will use
// could fail the run), for less than minBytes, and beyond half the free
// memory. Memory is only ever taken from the kernel as it is touched, so
// a reservation larger than the run needs costs no resident memory. The
// language server, which runs for hours, does not call it.
package hugepages
