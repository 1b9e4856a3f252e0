package grammar

import "unsafe"

// The fast path (fastpath_gen.go) takes the AST nodes of the kinds listed
// in nodes from chunks instead of allocating them one by one: a
// 100,000-line ruleset has millions of nodes, and the collector's work per
// object was a third of the time of a whole lint. A chunk lives as long as
// any of its nodes, which is as long as the parsed file. The generator
// reads the fields of nodes: a node type with a chunk here is taken from
// it, any other is allocated with new.

// nodes holds a chunk of each frequent node kind (the Opt… ones are the
// frequent kinds of rule option). One parsing goroutine owns it.
type nodes struct {
	stmt       slab[Stmt]
	filterRule slab[FilterRule]
	fromTo     slab[FromTo]
	fromToPart slab[FromToPart]
	hostPort   slab[HostPort]
	hostEntry  slab[HostEntry]
	host       slab[Host]
	address    slab[Address]
	portSpec   slab[PortSpec]
	portItem   slab[PortItem]
	iface      slab[Interface]
	ifItem     slab[IfItem]
	proto      slab[ProtoSpec]
	state      slab[StateSpec]
	optFlags   slab[OptFlags]
	optTos     slab[OptTos]
	optLabel   slab[OptLabel]
	optTag     slab[OptTag]
	optTagged  slab[OptTagged]
	optPrio    slab[OptPrio]
	optSet     slab[OptSet]
	optQueue   slab[OptQueue]
	optNatTo   slab[OptNatTo]
	optRdrTo   slab[OptRdrTo]
	str        slab[Str]
	int        slab[int]
}

// slab is the unused rest of a chunk and the size of the next one: chunks
// start small, so that a short file costs little, and double up to
// maxSlab.
type slab[T any] struct {
	free []T
	next int
}

const maxSlab = 256

// take returns a zeroed node from s.
func take[T any](s *slab[T]) *T {
	if len(s.free) == 0 {
		s.next = min(max(2*s.next, 8), maxSlab)
		s.free = freshChunk[T](s.next)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// takeN returns n zeroed values from s, contiguous, with no room to grow
// into the values after them. A run longer than a quarter of a chunk gets
// an allocation of its own.
func takeN[T any](s *slab[T], n int) []T {
	if n > maxSlab/4 {
		return make([]T, n)
	}
	if len(s.free) < n {
		s.next = min(max(2*s.next, 8), maxSlab)
		s.free = freshChunk[T](max(s.next, n))
	}
	v := s.free[:n:n]
	s.free = s.free[n:]
	return v
}

// freshChunk makes a chunk of n zeroed values and writes its memory at
// once, so that each page of it faults once.
//
// Without a reservation of huge pages (internal/hugepages) the memory is
// mostly fresh from the system, which the runtime does not write. (After
// one, it is memory the runtime counts as used before, and clears itself:
// the clear here is then a second pass over memory already in the cache.)
// Read before it is written, a page is mapped to the kernel's
// shared page of zeros, and the write after it copies that page: a
// second fault, and one that flushes the address translations of every
// core running the process. The parser's first touch of a node is often
// such a read: a field appended to, or, while the collector marks, any
// pointer field, whose old value the write barrier reads first.
//
// The chunk is cleared as bytes: it holds only zeros, so there is no
// pointer the write barrier would have to see, and clearing it as values
// would read every pointer slot first, while the collector marks, and
// fault twice after all. perf record of 100 runs of `pfshape lint` on 1k
// lines: copy-on-write faults 2,452 -> 1,611 samples, TLB flushes 2,006
// -> 1,227, all of the process's CPU -7%.
func freshChunk[T any](n int) []T {
	c := make([]T, n)
	if n > 0 {
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c))), uintptr(n)*unsafe.Sizeof(c[0]))
		clear(b)
	}
	return c
}

// readerNodes are the chunks the reader takes each statement's parts from:
// the statement, its job, and its tokens' side table.
type readerNodes struct {
	stmt  slab[Statement]
	job   slab[job]
	side  slab[tokSide]
	extra slab[tokExtra]
	ref   slab[MacroRef]
}
