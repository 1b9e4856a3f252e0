package main

import (
	"io"

	"github.com/pfshape/pfshape/internal/hugepages"
	"github.com/pfshape/pfshape/internal/ruleset"
)

// heapPerInputByte is how many bytes of heap a batch command is expected
// to allocate for each byte of the rulesets it reads, for the reservation
// of huge pages (reserveHeap). Measured on 100,000-line rulesets of every
// shape of internal/gen: lint allocates 35–43 bytes per byte of a modern
// ruleset and 91 of an ALTQ one (read for two releases), translate 88–102.
// An estimate above what the run uses costs no memory (pages are only
// taken when touched), one below leaves the rest on small pages.
const heapPerInputByte = 96

// reserveHeap asks for huge pages for the heap that reading the named
// files will fill (package hugepages), and paces the collector for it
// when there is one file (paceGC). Every batch command calls it once,
// after its flags are checked and before its first load.
func reserveHeap(names []string, stdin io.Reader) {
	expected := expectedHeap(names, stdin)
	hugepages.Reserve(expected)
	if len(names) == 1 {
		paceGC(expected)
	}
}

// expectedHeap is the heap a batch command is expected to fill reading
// the named files: what the loader will read of them, as far as their
// sizes say (ruleset.NamedSize), times heapPerInputByte.
func expectedHeap(names []string, stdin io.Reader) int64 {
	var n int64
	for _, name := range names {
		n += ruleset.NamedSize(name, stdin)
	}
	return n * heapPerInputByte
}
