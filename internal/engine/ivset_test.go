package engine

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
)

// randSet is a random interval set over 0..63, and the same set as bits.
func randSet(r *rand.Rand) (ivset, uint64) {
	var s ivset
	var bits uint64
	for i := 0; i < r.IntN(4); i++ {
		lo := uint64(r.IntN(64))
		hi := lo + uint64(r.IntN(int(64-lo)))
		s = s.union(rng64(lo, hi))
		for v := lo; v <= hi; v++ {
			bits |= 1 << v
		}
	}
	return s, bits
}

func setBits(t *testing.T, s ivset) uint64 {
	t.Helper()
	var bits uint64
	for i, sp := range s {
		if sp.hi.less(sp.lo) || i > 0 && !s[i-1].hi.inc().less(sp.lo) {
			t.Fatalf("not sorted, disjoint and non-adjacent: %v", s)
		}
		for v := sp.lo.lo; v <= sp.hi.lo; v++ {
			bits |= 1 << v
		}
	}
	return bits
}

// TestIntervalSets checks the set operations against bit sets.
func TestIntervalSets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		a, ab := randSet(r)
		b, bb := randSet(r)
		if got := setBits(t, a.union(b)); got != ab|bb {
			t.Fatalf("%v ∪ %v", a, b)
		}
		if got := setBits(t, a.intersect(b)); got != ab&bb {
			t.Fatalf("%v ∩ %v", a, b)
		}
		if got := setBits(t, a.minus(b)); got != ab&^bb {
			t.Fatalf("%v \\ %v", a, b)
		}
		if a.overlaps(b) != (ab&bb != 0) || a.covers(b) != (bb&^ab == 0) {
			t.Fatalf("overlaps/covers %v %v", a, b)
		}
		v := uint64(r.IntN(64))
		if a.has(u(v)) != (ab&(1<<v) != 0) {
			t.Fatalf("%v has %d", a, v)
		}
	}
	// The ends of the 128-bit range.
	all := u128{^uint64(0), ^uint64(0)}
	full := rng(u128{}, all)
	if got := full.minus(one(all)); len(got) != 1 || got[0].hi != all.dec() {
		t.Errorf("full minus max: %v", got)
	}
	if got := one(all).union(one(all.dec())); len(got) != 1 {
		t.Errorf("adjacent at the top: %v", got)
	}
}

// TestCubeMinus: c \ d and c ∩ d are disjoint and cover c, on small
// random cubes of two fields and one assumption.
func TestCubeMinus(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		mk := func(full bool) cube {
			var f fields
			for k := field(0); k < nFields; k++ {
				f[k] = rng64(0, 0)
			}
			f[fProto], _ = randSet(r)
			f[fSport], _ = randSet(r)
			if full {
				f[fProto], f[fSport] = rng64(0, 63), rng64(0, 63)
			}
			c := newCube(f)
			if r.IntN(2) == 0 {
				c = c.withAtom("a", r.IntN(2) == 0)
			}
			return c
		}
		c, d := mk(r.IntN(4) == 0), mk(false)
		parts := c.minus(d)
		if x, ok := c.intersect(d); ok {
			parts = append(parts, x)
		}
		for p := uint64(0); p < 64; p++ {
			for s := uint64(0); s < 64; s += 7 {
				for _, av := range []bool{false, true} {
					in := func(x cube) bool {
						if v, ok := x.atom("a"); ok && v != av {
							return false
						}
						return x.at(fProto).has(u(p)) && x.at(fSport).has(u(s))
					}
					n := 0
					for _, x := range parts {
						if in(x) {
							n++
						}
					}
					want := 0
					if in(c) {
						want = 1
					}
					if n != want {
						t.Fatalf("point (%d, %d, a=%v) in %d parts, in c: %d\nc=%v\nd=%v", p, s, av, n, want, c, d)
					}
				}
			}
		}
	}
}

func TestAddresses(t *testing.T) {
	for _, s := range []string{"0.0.0.0", "192.0.2.255", "255.255.255.255", "::", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"} {
		a := netip.MustParseAddr(s)
		af := 4
		if a.Is6() {
			af = 6
		}
		if got := u128Addr(addrU128(a), af); got != a {
			t.Errorf("%s → %s", s, got)
		}
	}
	for _, c := range []struct {
		lo, hi string
		want   string
	}{
		{"10.0.0.0", "10.255.255.255", "10.0.0.0/8"},
		{"192.0.2.7", "192.0.2.7", "192.0.2.7"},
		{"10.0.0.0", "10.0.1.255", "10.0.0.0/23"},
		{"10.0.0.1", "10.0.0.6", "10.0.0.1 - 10.0.0.6"},
		{"10.0.0.0", "10.0.0.2", "10.0.0.0/31, 10.0.0.2"},
		{"2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32"},
	} {
		lo, hi := netip.MustParseAddr(c.lo), netip.MustParseAddr(c.hi)
		af := 4
		if lo.Is6() {
			af = 6
		}
		if got := strings.Join(addrRange(span{addrU128(lo), addrU128(hi)}, af), ", "); got != c.want {
			t.Errorf("%s-%s: %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}
