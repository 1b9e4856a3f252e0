package engine

import (
	"sort"
	"strings"
)

// field is one dimension of the header space.
type field int

// The header space's fields. Interfaces and tags are numbered per engine
// (see universe); addresses are 128-bit values, IPv4 in the low 32 bits
// of a packet whose family is inet.
const (
	fIface field = iota
	fDir         // 0 in, 1 out
	fAF          // 0 inet, 1 inet6
	fProto       // 0–255
	fSrc         // address
	fDst         // address
	fSport       // 0–65535
	fDport       // 0–65535
	fType        // ICMP type 0–255
	fCode        // ICMP code 0–255
	fFlags       // TCP flags 0–255
	fTag         // 0 untagged, 1 another tag, 2… the tags the ruleset names
	nFields
)

var fieldNames = [nFields]string{"on", "direction", "family", "proto", "from", "to", "from port", "to port", "icmp-type", "code", "flags", "tagged"}

// fullFields are each field's whole range.
func fullFields(nIface, nTag int) [nFields]ivset {
	all := u128{^uint64(0), ^uint64(0)}
	return [nFields]ivset{
		fIface: rng64(0, uint64(nIface-1)),
		fDir:   rng64(0, 1),
		fAF:    rng64(0, 1),
		fProto: rng64(0, 255),
		fSrc:   rng(u128{}, all),
		fDst:   rng(u128{}, all),
		fSport: rng64(0, 65535),
		fDport: rng64(0, 65535),
		fType:  rng64(0, 255),
		fCode:  rng64(0, 255),
		fFlags: rng64(0, 255),
		fTag:   rng64(0, uint64(nTag-1)),
	}
}

// cube is a product of field sets and of assumptions on unknowns: the
// packets whose every field lies in its set, on machines where every
// atom of atoms has the given truth value. Atoms not named are free.
type cube struct {
	f     [nFields]ivset
	atoms []atomValue // sorted by name
}

// atomValue is an assumption on one unknown.
type atomValue struct {
	name string
	val  bool
}

func (c cube) atom(name string) (bool, bool) {
	i := sort.Search(len(c.atoms), func(i int) bool { return c.atoms[i].name >= name })
	if i < len(c.atoms) && c.atoms[i].name == name {
		return c.atoms[i].val, true
	}
	return false, false
}

// withAtom is c with one more assumption (c must leave name free).
func (c cube) withAtom(name string, val bool) cube {
	i := sort.Search(len(c.atoms), func(i int) bool { return c.atoms[i].name >= name })
	atoms := make([]atomValue, 0, len(c.atoms)+1)
	atoms = append(atoms, c.atoms[:i]...)
	atoms = append(atoms, atomValue{name, val})
	atoms = append(atoms, c.atoms[i:]...)
	c.atoms = atoms
	return c
}

// intersect is c ∩ d; ok is false when it is empty.
func (c cube) intersect(d cube) (cube, bool) {
	var out cube
	for k := field(0); k < nFields; k++ {
		if d.f[k] == nil {
			out.f[k] = c.f[k]
			continue
		}
		out.f[k] = c.f[k].intersect(d.f[k])
		if out.f[k].empty() {
			return out, false
		}
	}
	out.atoms = c.atoms
	for _, a := range d.atoms {
		v, ok := c.atom(a.name)
		if ok && v != a.val {
			return out, false
		}
		if !ok {
			out = out.withAtom(a.name, a.val)
		}
	}
	return out, true
}

// overlaps reports whether c ∩ d is not empty.
func (c cube) overlaps(d cube) bool {
	for k := field(0); k < nFields; k++ {
		if d.f[k] != nil && !c.f[k].overlaps(d.f[k]) {
			return false
		}
	}
	for _, a := range d.atoms {
		if v, ok := c.atom(a.name); ok && v != a.val {
			return false
		}
	}
	return true
}

// minus is c \ d as disjoint cubes. A nil field of d is the whole range.
func (c cube) minus(d cube) []cube {
	if !c.overlaps(d) {
		return []cube{c}
	}
	var out []cube
	cur := c
	for k := field(0); k < nFields; k++ {
		if d.f[k] == nil {
			continue
		}
		if rest := cur.f[k].minus(d.f[k]); !rest.empty() {
			x := cur
			x.f[k] = rest
			out = append(out, x)
		}
		cur.f[k] = cur.f[k].intersect(d.f[k])
	}
	for _, a := range d.atoms {
		if _, ok := cur.atom(a.name); ok {
			continue // equal, as they overlap
		}
		out = append(out, cur.withAtom(a.name, !a.val))
		cur = cur.withAtom(a.name, a.val)
	}
	return out
}

// assumptions are the cube's atoms in words: "NAME" or "not NAME".
func (c cube) assumptions() []string {
	var out []string
	for _, a := range c.atoms {
		if a.val {
			out = append(out, a.name)
		} else {
			out = append(out, "not: "+a.name)
		}
	}
	return out
}

func (c cube) String() string {
	var b strings.Builder
	for k := field(0); k < nFields; k++ {
		b.WriteString(fieldNames[k])
		b.WriteString("=")
		for i, s := range c.f[k] {
			if i > 0 {
				b.WriteString(",")
			}
			if s.lo == s.hi {
				b.WriteString(hex128(s.lo))
			} else {
				b.WriteString(hex128(s.lo) + "-" + hex128(s.hi))
			}
		}
		b.WriteString(" ")
	}
	b.WriteString(strings.Join(c.assumptions(), "; "))
	return b.String()
}

func hex128(x u128) string {
	const digits = "0123456789abcdef"
	if x.hi == 0 && x.lo < 1<<20 {
		n := x.lo
		if n == 0 {
			return "0"
		}
		var buf []byte
		for n > 0 {
			buf = append([]byte{byte('0' + n%10)}, buf...)
			n /= 10
		}
		return string(buf)
	}
	var buf [32]byte
	for i := 0; i < 16; i++ {
		buf[15-i] = digits[(x.hi>>(4*i))&15]
		buf[31-i] = digits[(x.lo>>(4*i))&15]
	}
	return "0x" + strings.TrimLeft(string(buf[:]), "0")
}
