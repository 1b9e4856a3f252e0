package engine

import (
	"math/bits"
	"net/netip"
)

// u128 is an unsigned 128-bit value: an address (IPv4 in the low 32
// bits) or a small header field.
type u128 struct{ hi, lo uint64 }

func u(v uint64) u128 { return u128{lo: v} }

func (a u128) less(b u128) bool { return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo }

func (a u128) inc() u128 {
	lo, c := bits.Add64(a.lo, 1, 0)
	return u128{a.hi + c, lo}
}

func (a u128) dec() u128 {
	lo, b := bits.Sub64(a.lo, 1, 0)
	return u128{a.hi - b, lo}
}

// addrU128 is an address as a value: IPv4 in the low 32 bits.
func addrU128(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u(uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3]))
	}
	b := a.As16()
	var x u128
	for i := 0; i < 8; i++ {
		x.hi = x.hi<<8 | uint64(b[i])
		x.lo = x.lo<<8 | uint64(b[i+8])
	}
	return x
}

// u128Addr is the address of a value in family af.
func u128Addr(x u128, af int) netip.Addr {
	if af == 4 {
		v := uint32(x.lo)
		return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[7-i] = byte(x.hi >> (8 * i))
		b[15-i] = byte(x.lo >> (8 * i))
	}
	return netip.AddrFrom16(b)
}

// span is the values lo..hi, both included.
type span struct{ lo, hi u128 }

// ivset is a set of values: sorted, disjoint, non-adjacent spans. The
// empty set is nil.
type ivset []span

func one(v u128) ivset             { return ivset{{v, v}} }
func rng(lo, hi u128) ivset        { return ivset{{lo, hi}} }
func rng64(lo, hi uint64) ivset    { return ivset{{u(lo), u(hi)}} }
func (s ivset) empty() bool        { return len(s) == 0 }
func (s ivset) min() u128          { return s[0].lo }
func (s ivset) equal(t ivset) bool { return equalSpans(s, t) }

func equalSpans(s, t ivset) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

func (s ivset) has(v u128) bool {
	lo, hi := 0, len(s)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case v.less(s[m].lo):
			hi = m
		case s[m].hi.less(v):
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// covers reports whether s contains every value of t.
func (s ivset) covers(t ivset) bool {
	i := 0
	for _, x := range t {
		for i < len(s) && s[i].hi.less(x.lo) {
			i++
		}
		if i == len(s) || x.lo.less(s[i].lo) || s[i].hi.less(x.hi) {
			return false
		}
	}
	return true
}

func (s ivset) intersect(t ivset) ivset {
	// Most tests meet a set inside one span of the other (a piece's port
	// range inside a rule's, a rule's address inside a piece's whole
	// range): that one is the answer, shared, as sets are never changed.
	if len(t) == 1 && len(s) > 0 && !s[0].lo.less(t[0].lo) && !t[0].hi.less(s[len(s)-1].hi) {
		return s
	}
	if len(s) == 1 && len(t) > 0 && !t[0].lo.less(s[0].lo) && !s[0].hi.less(t[len(t)-1].hi) {
		return t
	}
	var out ivset
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		lo, hi := s[i].lo, s[i].hi
		if lo.less(t[j].lo) {
			lo = t[j].lo
		}
		if t[j].hi.less(hi) {
			hi = t[j].hi
		}
		if !hi.less(lo) {
			out = append(out, span{lo, hi})
		}
		if s[i].hi.less(t[j].hi) {
			i++
		} else {
			j++
		}
	}
	return out
}

// overlaps reports whether s and t share a value, without building the
// intersection.
func (s ivset) overlaps(t ivset) bool {
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		if s[i].hi.less(t[j].lo) {
			i++
		} else if t[j].hi.less(s[i].lo) {
			j++
		} else {
			return true
		}
	}
	return false
}

func (s ivset) union(t ivset) ivset {
	var out ivset
	i, j := 0, 0
	for i < len(s) || j < len(t) {
		var x span
		if j == len(t) || i < len(s) && s[i].lo.less(t[j].lo) {
			x, i = s[i], i+1
		} else {
			x, j = t[j], j+1
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			// Overlapping or adjacent: merge (the inc cannot wrap,
			// last.hi being below x.lo).
			if !last.hi.less(x.lo) || last.hi.inc() == x.lo {
				if last.hi.less(x.hi) {
					last.hi = x.hi
				}
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

// minus is s without t.
func (s ivset) minus(t ivset) ivset {
	if len(t) == 1 && len(s) > 0 && !s[0].lo.less(t[0].lo) && !t[0].hi.less(s[len(s)-1].hi) {
		return nil // s lies within t's one span
	}
	var out ivset
	j := 0
	for _, x := range s {
		lo := x.lo
		done := false
		for j < len(t) && t[j].hi.less(lo) {
			j++
		}
		k := j
		for k < len(t) && !x.hi.less(t[k].lo) {
			if lo.less(t[k].lo) {
				out = append(out, span{lo, t[k].lo.dec()})
			}
			if !t[k].hi.less(x.hi) {
				done = true
				break
			}
			lo = t[k].hi.inc()
			k++
		}
		if !done {
			out = append(out, span{lo, x.hi})
		}
	}
	return out
}
