package engine

import (
	"fmt"
	"sync"

	"github.com/pfshape/pfshape/internal/model"
)

// compiledRule is a rule's match set as a union of cubes: per evaluation
// state (translations and tags set so far change what later rules test),
// cached.
type compiledRule struct {
	base  []cube // the tests no state changes
	plain []cube // base with the state-dependent tests of a fresh state
	byKey map[string][]cube
}

// Fields' whole ranges for families and for the complement of a set.
var (
	v4Range   = rng64(0, 1<<32-1)
	v6Range   = rng(u128{}, u128{^uint64(0), ^uint64(0)})
	portsTU   = ivset{{u(6), u(6)}, {u(17), u(17)}}
	protoICMP = ivset{{u(1), u(1)}, {u(58), u(58)}}
)

// Rule cubes many rules share (cubes are never written, so one serves
// every rule and engine): a direction, a family, the protocols whose
// ports or TCP flags pf tests, and the others.
var (
	dirCubes    = [2]cube{fieldCube(fDir, rng64(0, 0)), fieldCube(fDir, rng64(1, 1))}
	afCubes     = [2]cube{fieldCube(fAF, rng64(0, 0)), fieldCube(fAF, rng64(1, 1))}
	tuCube      = fieldCube(fProto, portsTU)
	notTUCube   = fieldCube(fProto, rng64(0, 255).minus(portsTU))
	notICMPCube = fieldCube(fProto, rng64(0, 255).minus(protoICMP))
	notTCPCube  = fieldCube(fProto, rng64(0, 255).minus(rng64(6, 6)))
)

// meet is the intersection of two rule cubes, whose nil fields are the
// whole range. It shares a's fields when b narrows none of them, and b's
// when a has none.
func meet(a, b cube) (cube, bool) {
	out := a
	switch {
	case b.fs == nil:
	case a.fs == nil:
		out.fs = b.fs
	default:
		f, changed := *a.fs, false
		for k := field(0); k < nFields; k++ {
			switch {
			case b.fs[k] == nil:
			case f[k] == nil:
				f[k], changed = b.fs[k], true
			default:
				x := f[k].intersect(b.fs[k])
				if x.empty() {
					return out, false
				}
				if !same(x, f[k]) {
					f[k], changed = x, true
				}
			}
		}
		if changed {
			out = newCube(f)
			out.atoms = a.atoms
		}
	}
	for _, x := range b.atoms {
		v, ok := out.atom(x.name)
		if ok && v != x.val {
			return out, false
		}
		if !ok {
			out = out.withAtom(x.name, x.val)
		}
	}
	return out, true
}

// product is the union of the pairwise intersections: the conjunction of
// two conditions each a union of cubes.
func product(a, b []cube) []cube {
	var out []cube
	for _, x := range a {
		for _, y := range b {
			if z, ok := meet(x, y); ok {
				out = append(out, z)
			}
		}
	}
	return out
}

func fieldCube(k field, s ivset) cube {
	var c cube
	c.set(k, s)
	return c
}

func atomCube(name string, val bool) cube { return cube{}.withAtom(name, val) }

// ruleCubes is r's match set in state st.
func (e *Engine) ruleCubes(r *model.FilterRule, st *evalState) []cube {
	cr := e.compiled[r]
	if cr == nil {
		cr = &compiledRule{base: e.baseCubes(r), byKey: map[string][]cube{}}
		cr.plain = product(cr.base, e.stateCubes(r, &evalState{}))
		e.compiled[r] = cr
	}
	key := stateKey(st)
	if key == "" {
		return cr.plain
	}
	if cs, ok := cr.byKey[key]; ok {
		return cs
	}
	cs := product(cr.base, e.stateCubes(r, st))
	cr.byKey[key] = cs
	return cs
}

// stateKey names what in st changes rules' tests: the tag and the
// translated fields.
func stateKey(st *evalState) string {
	ov := st.overrides()
	if !st.tagSet && !ov[0].set && !ov[1].set && !ov[2].set && !ov[3].set {
		return ""
	}
	k := fmt.Sprint(st.tagSet, st.tag)
	for _, o := range ov {
		switch {
		case !o.set:
			k += "|-"
		case o.by != nil:
			k += fmt.Sprintf("|by%p", o.by)
		default:
			k += fmt.Sprintf("|%x.%x", o.val.hi, o.val.lo)
		}
	}
	return k
}

// notReplyCubes are the packets a stateful rule may take on OpenBSD
// (statefulSkipsReplies): not ICMP, or an ICMP type that is not a reply
// (MLD reports: an unknown).
var notReplyCubes = func() []cube {
	var r4, r6 ivset
	for _, t := range icmpReplies4 {
		r4 = r4.union(rng64(uint64(t), uint64(t)))
	}
	for _, t := range icmpReplies6 {
		r6 = r6.union(rng64(uint64(t), uint64(t)))
	}
	mld := rng64(mldReport, mldReport)
	all := rng64(0, 255)
	v4, v6, m := fieldCube(fProto, rng64(1, 1)), fieldCube(fProto, rng64(58, 58)), fieldCube(fProto, rng64(58, 58))
	v4.set(fType, all.minus(r4))
	v6.set(fType, all.minus(r6).minus(mld))
	m.set(fType, mld)
	m = m.withAtom(atomMLDReport, false)
	return []cube{fieldCube(fProto, all.minus(protoICMP)), v4, v6, m}
}()

// baseCubes are the tests of r no evaluation state changes: interface,
// direction, protocol, ICMP type, TCP flags, fragment and the criteria
// only the machine decides.
func (e *Engine) baseCubes(r *model.FilterRule) []cube {
	cs := []cube{{}}
	if r.Fragment {
		return nil // packets are never fragments here
	}
	if len(r.Ifaces) > 0 {
		cs = product(cs, e.ifaceCubes(r.Ifaces))
	}
	if r.Dir != "" {
		d := uint64(0)
		if r.Dir == "out" {
			d = 1
		}
		cs = product(cs, []cube{dirCubes[d]})
	}
	if len(r.Protos) > 0 {
		var known ivset
		var alts []cube
		for _, p := range r.Protos {
			if p.Unknown {
				alts = append(alts, atomCube(atomProto(p.Name), true))
			} else {
				known = known.union(rng64(uint64(p.Num), uint64(p.Num)))
			}
		}
		if !known.empty() {
			alts = append(alts, fieldCube(fProto, known))
		}
		cs = product(cs, alts)
	}
	if len(r.ICMP) > 0 {
		alts := []cube{notICMPCube}
		for _, it := range r.ICMP {
			c := fieldCube(fProto, protoICMP)
			if it.Unknown {
				c = c.withAtom(atomICMP(it.Text), true)
			} else {
				c.set(fType, rng64(uint64(it.Type), uint64(it.Type)))
				if it.Code >= 0 {
					c.set(fCode, rng64(uint64(it.Code), uint64(it.Code)))
				}
			}
			alts = append(alts, c)
		}
		cs = product(cs, alts)
	}
	if statefulSkipsReplies(e.t, r) {
		cs = product(cs, notReplyCubes)
	}
	if r.Flags != nil {
		ok := flagSet(r.Flags.Set, r.Flags.Mask)
		alts := []cube{notTCPCube}
		if !ok.empty() {
			var f fields
			f[fProto], f[fFlags] = rng64(6, 6), ok
			alts = append(alts, newCube(f))
		}
		cs = product(cs, alts)
	}
	for _, w := range r.Unknowns {
		cs = product(cs, []cube{atomCube(e.atomRule(r, w), true)})
	}
	return cs
}

// ifaceCubes is `on …`: one of the items matches.
func (e *Engine) ifaceCubes(items []model.FilterIface) []cube {
	all := rng64(0, uint64(len(e.ifaces)-1))
	var loop ivset
	for i, n := range e.ifaces {
		if i == 1 || isLoopback(n) {
			loop = loop.union(rng64(uint64(i), uint64(i)))
		}
	}
	var alts []cube
	for _, it := range items {
		var s ivset
		if it.Name == "any" {
			s = all.minus(loop)
		} else {
			i := uint64(e.ifIndex[it.Name])
			s = rng64(i, i)
		}
		group := it.Name != "any" && mayBeGroup(it.Name)
		switch {
		case it.Not && group:
			// neither this interface nor a member of the group
			c := fieldCube(fIface, all.minus(s))
			alts = append(alts, c.withAtom(atomGroup(it.Name), false))
			continue
		case it.Not:
			s = all.minus(s)
		case group:
			alts = append(alts, atomCube(atomGroup(it.Name), true))
		}
		if !s.empty() {
			alts = append(alts, fieldCube(fIface, s))
		}
	}
	return alts
}

// stateCubes are the tests that depend on the evaluation state: the
// addresses and ports (after translations) and `tagged`.
func (e *Engine) stateCubes(r *model.FilterRule, st *evalState) []cube {
	cs := e.hostCubes(r, st)
	cs = product(cs, e.portCubes(r, st))
	if r.Tagged != "" {
		if st.tagSet {
			if (st.tag == r.Tagged) == r.NotTagged {
				return nil
			}
		} else {
			i := uint64(e.tagIdx(r.Tagged))
			s := rng64(i, i)
			if r.NotTagged {
				s = rng64(0, uint64(len(e.tags)-1)).minus(s)
			}
			cs = product(cs, []cube{fieldCube(fTag, s)})
		}
	}
	return cs
}

// hostCubes is the address tests of both sides, per family: pfctl keeps
// the combinations whose families agree, so for family f a packet must
// match an element of f (or of no family) on each side.
func (e *Engine) hostCubes(r *model.FilterRule, st *evalState) []cube {
	var out []cube
	for af := 4; af <= 6; af += 2 {
		if r.AF != 0 && r.AF != af {
			continue
		}
		cs := []cube{afCubes[af/6]}
		cs = product(cs, e.sideCubes(r, r.Src.Hosts, ovSrc, fSrc, af, st))
		cs = product(cs, e.sideCubes(r, r.Dst.Hosts, ovDst, fDst, af, st))
		out = append(out, cs...)
	}
	return out
}

// sideCubes is one side's address test for family af.
func (e *Engine) sideCubes(r *model.FilterRule, hosts []model.FilterHost, ov int, k field, af int, st *evalState) []cube {
	if len(hosts) == 0 {
		return []cube{{}}
	}
	side := ovSide[ov]
	famRange := v4Range
	if af == 6 {
		famRange = v6Range
	}
	fam := false
	for _, h := range hosts {
		if hostFamilyOK(r, h, af) {
			fam = true
		}
	}
	if !fam {
		return nil
	}
	o := st.overrides()[ov]
	if o.set && o.by != nil {
		return []cube{atomCube(e.atomTranslated(r, side, o.by), true)}
	}
	var known ivset
	var alts []cube
	for _, h := range hosts {
		if !hostFamilyOK(r, h, af) {
			continue
		}
		var s ivset
		switch h.Kind {
		case model.HostNet:
			s = rng(addrU128(h.Lo), addrU128(h.Hi))
		case model.HostAny:
			s = famRange
		case model.HostTable:
			if t, ok := e.tables[h.Name]; ok {
				s = t[af/6].intersect(famRange)
				break
			}
			fallthrough
		default:
			alts = append(alts, atomCube(atomHost(side, h), !h.Not))
			continue
		}
		if h.Not {
			s = famRange.minus(s)
		}
		known = known.union(s)
	}
	return sideCubes(o, k, known, alts)
}

// portCubes is the port tests of both sides; pf tests ports of TCP and
// UDP packets only (pf_match_rule() tests them under IPPROTO_TCP and
// IPPROTO_UDP).
func (e *Engine) portCubes(r *model.FilterRule, st *evalState) []cube {
	if len(r.Src.Ports) == 0 && len(r.Dst.Ports) == 0 {
		return []cube{{}}
	}
	cs := []cube{tuCube}
	cs = product(cs, e.portSide(r, r.Src.Ports, ovSport, fSport, st))
	cs = product(cs, e.portSide(r, r.Dst.Ports, ovDport, fDport, st))
	return append(cs, notTUCube)
}

func (e *Engine) portSide(r *model.FilterRule, ports []model.FilterPort, ov int, k field, st *evalState) []cube {
	if len(ports) == 0 {
		return []cube{{}}
	}
	o := st.overrides()[ov]
	if o.set && o.by != nil {
		return []cube{atomCube(e.atomTranslated(r, ovSide[ov], o.by), true)}
	}
	var known ivset
	var alts []cube
	for _, pt := range ports {
		if pt.Unknown {
			alts = append(alts, atomCube(atomPort(ovSide[ov-ovSport], pt.Text), true))
			continue
		}
		known = known.union(portSet(pt))
	}
	return sideCubes(o, k, known, alts)
}

// sideCubes are the cubes of one side's test (addresses or ports) of
// field k: the values known to match, and the alternatives that hang on
// an unknown. When a translation earlier in the ruleset set the field to
// a literal value, the test is decided on that value.
func sideCubes(o override, k field, known ivset, alts []cube) []cube {
	if o.set {
		if known.has(o.val) {
			return []cube{{}}
		}
		return alts
	}
	if !known.empty() {
		alts = append(alts, fieldCube(k, known))
	}
	return alts
}

// portSet is the ports pf_match_port() accepts for one item.
func portSet(pt model.FilterPort) ivset {
	a, b := uint64(pt.A), uint64(pt.B)
	all := rng64(0, 65535)
	switch pt.Op {
	case "=":
		return rng64(a, a)
	case "!=":
		return all.minus(rng64(a, a))
	case "<":
		if a == 0 {
			return nil
		}
		return rng64(0, a-1)
	case "<=":
		return rng64(0, a)
	case ">":
		if a == 65535 {
			return nil
		}
		return rng64(a+1, 65535)
	case ">=":
		return rng64(a, 65535)
	case ":":
		if a > b {
			return nil
		}
		return rng64(a, b)
	case "><":
		if b <= a+1 {
			return nil
		}
		return rng64(a+1, b-1)
	case "<>":
		var s ivset
		if a > 0 {
			s = rng64(0, a-1)
		}
		if b < 65535 {
			s = s.union(rng64(b+1, 65535))
		}
		return s
	}
	return nil
}

// flagSets caches flagSet: most rules share pfctl's S/SA.
var flagSets sync.Map // [2]uint8 → ivset

// flagSet is the TCP flag values v with v&mask == set.
func flagSet(set, mask uint8) ivset {
	if v, ok := flagSets.Load([2]uint8{set, mask}); ok {
		return v.(ivset)
	}
	var ok ivset
	for v := 0; v < 256; v++ {
		if uint8(v)&mask != set {
			continue
		}
		if n := len(ok); n > 0 && ok[n-1].hi.lo+1 == uint64(v) {
			ok[n-1].hi = u(uint64(v))
		} else {
			ok = append(ok, span{u(uint64(v)), u(uint64(v))})
		}
	}
	flagSets.Store([2]uint8{set, mask}, ok)
	return ok
}
