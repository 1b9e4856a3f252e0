package engine

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
)

// Trace is what the ruleset does with a packet class: one Result per
// outcome, the most likely first (the one that assumes every unknown
// holds, then the one whose deciding rule comes first).
type Trace struct {
	Results []*Result
	// Unknowns are the unknowns the answer depends on: those the
	// results' conditions name, and the caveats.
	Unknowns []string
}

// Result is one outcome and where in the class it applies.
type Result struct {
	Outcome *Outcome
	// Conditions say, per part of the class the outcome applies to,
	// how the part narrows the class: header fields ("from 10.0.0.0/8")
	// and assumptions on unknowns ("not: on egress: …"). Empty when
	// the outcome holds for the whole class.
	Conditions [][]string
	// Matched are the rules that match in some part of the result, in
	// evaluation order; Outcome.Matched is those of its first part.
	Matched []MatchedRule
	negated int
	first   int
}

// MatchedRule is a rule that matches, and where: Conditions as in
// Result, nil when it matches in every part of the result.
type MatchedRule struct {
	Rule       *model.FilterRule
	Conditions [][]string
}

// Certain reports whether the trace has one outcome, which no caveat
// puts in doubt: the same decision for every packet of the class on
// every machine (which rules match on the way may still depend on
// unknowns; Unknowns lists them).
func (t *Trace) Certain() bool {
	return len(t.Results) == 1 && len(t.Results[0].Outcome.Caveats) == 0
}

// TraceClass classifies a class and groups the pieces by outcome.
func (e *Engine) TraceClass(cl Class) (*Trace, error) {
	pieces, err := e.Classify(cl)
	if err != nil {
		return nil, err
	}
	tr := &Trace{}
	unknown := map[string]bool{}
	var parts [][]cube
	var outs []pieceOutcome
	for _, pc := range pieces {
		for _, a := range pc.Class.c.atoms {
			unknown[a.name] = true
		}
		for _, c := range pc.Outcome.Caveats {
			unknown[c] = true
		}
		i := 0
		for i < len(tr.Results) && !sameDecision(tr.Results[i].Outcome, pc.Outcome) {
			i++
		}
		if i == len(tr.Results) {
			res := &Result{Outcome: pc.Outcome, first: 1 << 30}
			if pc.Outcome.Rule != nil {
				res.first = pc.Outcome.Rule.Pos.Line
			}
			tr.Results = append(tr.Results, res)
			parts = append(parts, nil)
		}
		parts[i] = append(parts[i], pc.Class.c)
		outs = append(outs, pieceOutcome{i, pc})
	}
	order := e.ruleOrder(outs)
	for i, res := range tr.Results {
		res.Matched = e.matchedRules(cl, i, outs, order)
		res.negated = 1 << 30
		for _, c := range coalesce(parts[i]) {
			res.negated = min(res.negated, unlikely(cl, c))
			res.Conditions = append(res.Conditions, e.narrowing(cl, Class{c: c}))
		}
	}
	sort.SliceStable(tr.Results, func(i, j int) bool {
		a, b := tr.Results[i], tr.Results[j]
		if a.negated != b.negated {
			return a.negated < b.negated
		}
		return a.first < b.first
	})
	for _, r := range tr.Results {
		sort.Slice(r.Conditions, func(i, j int) bool {
			return strings.Join(r.Conditions[i], "\x00") < strings.Join(r.Conditions[j], "\x00")
		})
		if len(tr.Results) == 1 && len(r.Conditions) > 0 {
			// One outcome: the parts' conditions say nothing.
			r.Conditions = nil
		}
	}
	for u := range unknown {
		tr.Unknowns = append(tr.Unknowns, u)
	}
	sort.Strings(tr.Unknowns)
	return tr, nil
}

// unlikely counts the assumptions of a part that go against what is
// likely, to order the results (never to decide one): an unknown holds,
// except that an interface is taken to be in no group but its driver's
// (lo0 in lo, epair0b in epair) and egress, which a rule names for the
// interface it means.
func unlikely(cl Class, c cube) int {
	n := 0
	for _, a := range c.atoms {
		want := true
		if g, ok := groupOf(a.name); ok {
			want = g == "egress" || cl.driver != "" && g == cl.driver
		}
		if a.val != want {
			n++
		}
	}
	return n
}

// groupOf is the group an interface-group unknown names.
func groupOf(atom string) (string, bool) {
	for _, p := range []string{"on ", "set skip on "} {
		if rest, ok := strings.CutPrefix(atom, p); ok {
			if g, tail, ok := strings.Cut(rest, ": "); ok && strings.HasPrefix(tail, "the interface is in group ") {
				return g, true
			}
		}
	}
	return "", false
}

type pieceOutcome struct {
	result int
	piece  Piece
}

// sameDecision compares outcomes but for the rules that matched on the
// way: parts that differ only there are one result whose matched rules
// say where they match.
func sameDecision(a, b *Outcome) bool {
	x, y := *a, *b
	x.Matched, y.Matched = nil, nil
	return x.Equal(&y)
}

// ruleOrder numbers the rules the pieces matched in evaluation order,
// anchor bodies in place: a rule met twice takes its last place. Only the
// matched rules are numbered (a handful), not the whole ruleset: the walk
// reads each rule once and writes nothing for the others.
func (e *Engine) ruleOrder(outs []pieceOutcome) map[*model.FilterRule]int {
	order := map[*model.FilterRule]int{}
	for _, po := range outs {
		for _, r := range po.piece.Outcome.Matched {
			order[r] = 0
		}
	}
	// A few rules are looked for among all: a list beats the map.
	var few []*model.FilterRule
	if len(order) <= 8 {
		for r := range order {
			few = append(few, r)
		}
	}
	n := 0
	visit := func(r *model.FilterRule) {
		if few != nil {
			for _, f := range few {
				if f == r {
					order[r] = n
					break
				}
			}
		} else if _, ok := order[r]; ok {
			order[r] = n
		}
		n++
	}
	for _, t := range e.f.Translations {
		visit(t.Rule)
	}
	var walk func(rs []*model.FilterRule)
	walk = func(rs []*model.FilterRule) {
		for _, r := range rs {
			visit(r)
			if r.Anchor != nil {
				if body, ok := e.anchorRules(r); ok {
					walk(body)
				}
			}
		}
	}
	walk(e.f.Rules)
	return order
}

// matchedRules is the union of the matched rules of result i's parts,
// each with the parts it matches in when not all.
func (e *Engine) matchedRules(cl Class, i int, outs []pieceOutcome, order map[*model.FilterRule]int) []MatchedRule {
	where := map[*model.FilterRule][]cube{}
	n := 0
	for _, po := range outs {
		if po.result != i {
			continue
		}
		n++
		for _, r := range po.piece.Outcome.Matched {
			where[r] = append(where[r], po.piece.Class.c)
		}
	}
	var out []MatchedRule
	for r, cs := range where {
		m := MatchedRule{Rule: r}
		if len(cs) < n {
			for _, c := range coalesce(cs) {
				m.Conditions = append(m.Conditions, e.narrowing(cl, Class{c: c}))
			}
		}
		out = append(out, m)
	}
	sort.Slice(out, func(a, b int) bool { return order[out[a].Rule] < order[out[b].Rule] })
	return out
}

// narrowing is how part narrows class, in pf.conf's words.
func (e *Engine) narrowing(class Class, part Class) []string {
	var out []string
	for k := field(0); k < nFields; k++ {
		if part.c.at(k).equal(class.c.at(k)) {
			continue
		}
		out = append(out, e.describeField(k, part.c.at(k), part.c.at(fAF)))
	}
	for _, a := range part.c.atoms {
		if _, ok := class.c.atom(a.name); ok {
			continue
		}
		out = append(out, condition(a.name, a.val))
	}
	return out
}

// describeField writes a field's set as a rule would: `from { 10.0.0.0/8,
// 192.0.2.1 }`, `to port { 1:1023 }`.
func (e *Engine) describeField(k field, s ivset, afs ivset) string {
	switch k {
	case fFlags:
		return "flags " + describeFlags(s)
	case fSport, fDport:
		if rest := rng64(0, 65535).minus(s); len(rest) == 1 && rest[0].lo == rest[0].hi {
			return fieldNames[k] + " != " + fmt.Sprint(rest[0].lo.lo)
		}
	}
	var items []string
	for _, sp := range s {
		items = append(items, e.describeSpan(k, sp, afs)...)
	}
	v := strings.Join(items, ", ")
	if len(items) > 1 {
		v = "{ " + v + " }"
	}
	return fieldNames[k] + " " + v
}

func (e *Engine) describeSpan(k field, sp span, afs ivset) []string {
	switch k {
	case fIface:
		var out []string
		for i := sp.lo.lo; i <= sp.hi.lo; i++ {
			out = append(out, e.ifaces[i])
		}
		return out
	case fTag:
		var out []string
		for i := sp.lo.lo; i <= sp.hi.lo; i++ {
			n := e.tags[i]
			if n == "" {
				n = "<none>"
			}
			out = append(out, n)
		}
		return out
	case fDir:
		return []string{"in", "out"}[sp.lo.lo : sp.hi.lo+1]
	case fAF:
		if sp.lo.lo != sp.hi.lo {
			return []string{"inet", "inet6"}
		}
		return []string{[]string{"inet", "inet6"}[sp.lo.lo]}
	case fSrc, fDst:
		af := 4
		if afs.has(u(1)) && !afs.has(u(0)) || sp.hi.hi != 0 || sp.hi.lo >= 1<<32 {
			af = 6
		}
		return addrRange(sp, af)
	case fFlags:
		if sp.lo == sp.hi {
			return []string{flagString(uint8(sp.lo.lo))}
		}
	}
	if sp.lo == sp.hi {
		return []string{fmt.Sprint(sp.lo.lo)}
	}
	return []string{fmt.Sprintf("%d:%d", sp.lo.lo, sp.hi.lo)}
}

func flagString(f uint8) string {
	var b strings.Builder
	for i := 0; i < 8; i++ {
		if f&(1<<i) != 0 {
			b.WriteByte("FSRPAUEW"[i])
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// addrRange writes a span of addresses as one or two prefixes when it
// is made of so few, else as a range.
func addrRange(sp span, af int) []string {
	var out []string
	bitsN := 32
	if af == 6 {
		bitsN = 128
	}
	lo := sp.lo
	for n := 0; n < 2; n++ {
		// the largest prefix starting at lo that stays within sp.
		size := 0
		for size < bitsN {
			next := size + 1
			mask := lowBits(next)
			if lo.hi&mask.hi != 0 || lo.lo&mask.lo != 0 {
				break
			}
			end := u128{lo.hi | mask.hi, lo.lo | mask.lo}
			if sp.hi.less(end) {
				break
			}
			size = next
		}
		p := netip.PrefixFrom(u128Addr(lo, af), bitsN-size)
		if size == 0 {
			out = append(out, p.Addr().String())
		} else {
			out = append(out, p.String())
		}
		m := lowBits(size)
		end := u128{lo.hi | m.hi, lo.lo | m.lo}
		if end == sp.hi {
			return out
		}
		lo = end.inc()
	}
	return []string{u128Addr(sp.lo, af).String() + " - " + u128Addr(sp.hi, af).String()}
}

// lowBits is a value with its n lowest bits set.
func lowBits(n int) u128 {
	switch {
	case n <= 0:
		return u128{}
	case n < 64:
		return u128{lo: 1<<n - 1}
	case n == 64:
		return u128{lo: ^uint64(0)}
	case n < 128:
		return u128{hi: 1<<(n-64) - 1, lo: ^uint64(0)}
	}
	return u128{^uint64(0), ^uint64(0)}
}

// coalesce merges cubes that differ in one field only (the union of the
// two sets) or in the value of one assumption only (which then drops):
// the parts of one outcome, written shorter. Cubes alike but in field k
// are found by hashing every other field, so a round costs a pass over
// the cubes per field, not a pass per pair; assumptions are merged
// pairwise on short lists only.
func coalesce(cs []cube) []cube {
	if len(cs) < 2 {
		return cs
	}
	hs := make([][nFields]uint64, len(cs))
	// the assumptions' hashes, once per cube (merging by field keeps
	// them)
	as := make([]uint64, len(cs))
	for i := range cs {
		hs[i] = fieldHashes(cs[i])
		as[i] = atomHash(cs[i])
	}
	groups := make(map[uint64]int, len(cs))
	// own marks the cubes whose fields this call made: only that cube
	// holds them, so a later merge into it writes them in place.
	own := make([]bool, len(cs))
	for merged := true; merged; {
		merged = false
		for k := field(0); k < nFields; k++ {
			clear(groups)
			n := 0
			for i := range cs {
				key := as[i]
				for j := field(0); j < nFields; j++ {
					if j != k {
						key ^= hs[i][j] * (uint64(j)*2 + 0x9e3779b97f4a7c15)
					}
				}
				if g, ok := groups[key]; ok && alikeBut(cs[g], cs[i], k) {
					if s := cs[g].at(k).union(cs[i].at(k)); own[g] {
						cs[g].fs[k] = s
					} else {
						cs[g].set(k, s)
						own[g] = true
					}
					hs[g][k] = hashSpans(cs[g].at(k))
					merged = true
					continue
				}
				groups[key] = n
				cs[n], hs[n], as[n], own[n] = cs[i], hs[i], as[i], own[i]
				n++
			}
			cs, hs, as, own = cs[:n], hs[:n], as[:n], own[:n]
		}
	}
	if len(cs) > 64 {
		return cs
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(cs) && !merged; i++ {
			for j := i + 1; j < len(cs) && !merged; j++ {
				if m, ok := merge(cs[i], cs[j]); ok {
					cs[i] = m
					cs = append(cs[:j], cs[j+1:]...)
					merged = true
				}
			}
		}
	}
	return cs
}

// alikeBut reports whether two cubes have equal fields but k, and equal
// assumptions.
func alikeBut(a, b cube, k field) bool {
	for j := field(0); j < nFields; j++ {
		if j != k && !a.at(j).equal(b.at(j)) {
			return false
		}
	}
	if len(a.atoms) != len(b.atoms) {
		return false
	}
	for i := range a.atoms {
		if a.atoms[i] != b.atoms[i] {
			return false
		}
	}
	return true
}

func fieldHashes(c cube) [nFields]uint64 {
	var h [nFields]uint64
	for k := field(0); k < nFields; k++ {
		h[k] = hashSpans(c.at(k))
	}
	return h
}

// hashSpans is FNV-1a over a set's bounds.
func hashSpans(s ivset) uint64 {
	h := uint64(14695981039346656037)
	for _, sp := range s {
		for _, v := range [4]uint64{sp.lo.hi, sp.lo.lo, sp.hi.hi, sp.hi.lo} {
			h = (h ^ v) * 1099511628211
		}
	}
	return h
}

func atomHash(c cube) uint64 {
	h := uint64(1469598103934665603)
	for _, a := range c.atoms {
		for i := 0; i < len(a.name); i++ {
			h = (h ^ uint64(a.name[i])) * 1099511628211
		}
		if a.val {
			h = (h ^ 1) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h
}

func merge(a, b cube) (cube, bool) {
	diff := -1
	for k := field(0); k < nFields; k++ {
		if !a.at(k).equal(b.at(k)) {
			if diff >= 0 {
				return a, false
			}
			diff = int(k)
		}
	}
	if len(a.atoms) != len(b.atoms) {
		return a, false
	}
	atomDiff := -1
	for i := range a.atoms {
		if a.atoms[i].name != b.atoms[i].name {
			return a, false
		}
		if a.atoms[i].val != b.atoms[i].val {
			if atomDiff >= 0 {
				return a, false
			}
			atomDiff = i
		}
	}
	switch {
	case diff >= 0 && atomDiff >= 0:
		return a, false
	case diff >= 0:
		out := a
		out.set(field(diff), a.at(field(diff)).union(b.at(field(diff))))
		return out, true
	case atomDiff >= 0:
		out := a
		out.atoms = append(append([]atomValue(nil), a.atoms[:atomDiff]...), a.atoms[atomDiff+1:]...)
		return out, true
	}
	return a, true // equal
}

// describeFlags writes a set of TCP flag values as pf does, F/M (the
// values whose bits in M are F), or its negation, when it is one.
func describeFlags(s ivset) string {
	if fs, ok := flagMask(s); ok {
		return fs
	}
	if fs, ok := flagMask(rng64(0, 255).minus(s)); ok {
		return "not " + fs
	}
	var vals []string
	for _, sp := range s {
		for v := sp.lo.lo; v <= sp.hi.lo; v++ {
			vals = append(vals, flagString(uint8(v)))
		}
	}
	return "{ " + strings.Join(vals, ", ") + " }"
}

// flagMask finds F/M with s = { v : v&M == F }.
func flagMask(s ivset) (string, bool) {
	if s.empty() {
		return "", false
	}
	and, or, n := uint8(0xff), uint8(0), 0
	for _, sp := range s {
		for v := sp.lo.lo; v <= sp.hi.lo; v++ {
			and &= uint8(v)
			or |= uint8(v)
			n++
		}
	}
	mask := and | ^or // the bits every value agrees on
	free := 0
	for i := 0; i < 8; i++ {
		if mask&(1<<i) == 0 {
			free++
		}
	}
	if n != 1<<free {
		return "", false
	}
	if mask == 0 {
		return "any", true
	}
	set := and & mask
	f := flagString(set)
	if set == 0 {
		f = ""
	}
	return f + "/" + flagString(mask), true
}

// condition says an unknown's answer in words: "if the address is in
// table <spammers> (from <spammers>)", "unless the interface is in group
// lo (set skip on lo)". An unknown is named "WHERE: QUESTION" (unknown.go).
func condition(name string, yes bool) string {
	word := "unless "
	if yes {
		word = "if "
	}
	where, question, ok := strings.Cut(name, ": ")
	if !ok {
		return word + name
	}
	return word + question + " (" + where + ")"
}
