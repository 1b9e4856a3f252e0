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

// fields are a cube's sets, one per field.
type fields [nFields]ivset

// cube is a product of field sets and of assumptions on unknowns: the
// packets whose every field lies in its set, on machines where every
// atom of atoms has the given truth value. Atoms not named are free.
//
// A cube is a pointer to its fields and its atoms (32 bytes, copied
// freely): the cubes a split makes share the fields they do not change
// with the cube they come from, and a piece moved from one list to the
// next moves its pointer, not its sets. The fields behind fs are never
// written once a cube holds them (set writes a copy), as ivsets are
// never written, so sharing is safe.
type cube struct {
	fs    *fields     // nil: every field nil (a rule cube's whole range)
	atoms []atomValue // sorted by name
}

// newCube is the cube of fields f, without assumptions.
func newCube(f fields) cube { return cube{fs: &f} }

// at is c's set of field k (nil, for a rule cube, is the whole range).
func (c cube) at(k field) ivset {
	if c.fs == nil {
		return nil
	}
	return c.fs[k]
}

// set makes c's field k s, on a copy of c's fields: the cubes sharing
// them keep theirs.
func (c *cube) set(k field, s ivset) {
	var f fields
	if c.fs != nil {
		f = *c.fs
	}
	f[k] = s
	c.fs = &f
}

// same reports whether two sets are the same slice (so equal) without
// comparing their spans: how the set operations say a set is unchanged.
func same(s, t ivset) bool {
	return len(s) == len(t) && (len(s) == 0 || &s[0] == &t[0])
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

// intersect is c ∩ d; ok is false when it is empty. A nil field of d is
// the whole range. Fields d leaves as they are in c stay shared with c,
// and when none changes the result holds c's fields.
func (c cube) intersect(d cube) (cube, bool) {
	out := c
	if d.fs != nil {
		var nf *fields
		for k := field(0); k < nFields; k++ {
			if d.fs[k] == nil {
				continue
			}
			ck := c.at(k)
			x := ck.intersect(d.fs[k])
			if x.empty() {
				return out, false
			}
			if same(x, ck) {
				continue
			}
			if nf == nil {
				nf = new(fields)
				if c.fs != nil {
					*nf = *c.fs
				}
			}
			nf[k] = x
		}
		if nf != nil {
			out.fs = nf
		}
	}
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
	if d.fs != nil {
		for k := field(0); k < nFields; k++ {
			if d.fs[k] != nil && !c.at(k).overlaps(d.fs[k]) {
				return false
			}
		}
	}
	for _, a := range d.atoms {
		if v, ok := c.atom(a.name); ok && v != a.val {
			return false
		}
	}
	return true
}

// cut splits c by d (they overlap): it appends c ∩ d to in and c \ d,
// as disjoint cubes, to out. A nil field of d is the whole range. Each
// field's intersection is computed once, for both: the part of c
// outside d in field k is cut from what is left of c once the fields
// before k are narrowed to d's, and what is left at the end is c ∩ d.
func (c cube) cut(d cube, in, out []cube) ([]cube, []cube) {
	// cur is what is left of c: c's fields until one narrows, then a
	// copy of its own, written here only (the cubes appended to out
	// take copies of it).
	cur, own := c, false
	if d.fs != nil {
		for k := field(0); k < nFields; k++ {
			if d.fs[k] == nil {
				continue
			}
			ck := cur.at(k)
			if rest := ck.minus(d.fs[k]); !rest.empty() {
				x := cur
				x.set(k, rest)
				out = append(out, x)
			}
			if x := ck.intersect(d.fs[k]); !same(x, ck) {
				if !own {
					f := new(fields)
					if cur.fs != nil {
						*f = *cur.fs
					}
					cur.fs, own = f, true
				}
				cur.fs[k] = x
			}
		}
	}
	for _, a := range d.atoms {
		if _, ok := cur.atom(a.name); ok {
			continue // equal, as they overlap
		}
		out = append(out, cur.withAtom(a.name, !a.val))
		cur = cur.withAtom(a.name, a.val)
	}
	return append(in, cur), out
}

// minus is c \ d as disjoint cubes. A nil field of d is the whole range.
func (c cube) minus(d cube) []cube {
	if !c.overlaps(d) {
		return []cube{c}
	}
	_, out := c.cut(d, nil, nil)
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
		for i, s := range c.at(k) {
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
