package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Joint numbers the interfaces and tags of two engines alike, so that a
// class of one is a class of the other: Compare needs it. It also names
// the unknowns of the rules both rulesets have (the same text and the
// same criteria only the machine decides, matched in order) alike, after
// the first ruleset's rule: `tos 0x10` on old.conf:12 and on new.conf:14
// is one question about the packet, not two, or every such rule would
// differ with itself. The criteria that ask about the packet alone (tos,
// os, prio, rdomain) are named by the criterion in both. It must be
// called after LoadAnchor and before
// either engine evaluates anything.
func Joint(a, b *Engine) {
	a.joint, b.joint = true, true
	// Names given by NameRulesAs (a translation pairs its rules in
	// order) stand; the other rules are paired by their text.
	if b.alias == nil {
		b.alias = map[*model.FilterRule]*model.FilterRule{}
	}
	var unnamed []*model.FilterRule
	b.eachRule(func(r *model.FilterRule) {
		if _, named := b.alias[r]; !named {
			unnamed = append(unnamed, r)
		}
	})
	// a's rules are keyed by their text only when some rule is left to
	// pair: a translation names them all (100k lines of ALTQ: 63,724
	// rules, 41 ms of keys for none).
	if len(unnamed) > 0 {
		byText := map[string][]*model.FilterRule{}
		a.eachRule(func(r *model.FilterRule) {
			k := ruleKey(r)
			byText[k] = append(byText[k], r)
		})
		for _, r := range unnamed {
			k := ruleKey(r)
			if rs := byText[k]; len(rs) > 0 {
				b.alias[r] = rs[0]
				byText[k] = rs[1:]
			}
		}
	}
	for _, n := range b.ifaces[2:] {
		a.internIface(n)
	}
	for _, n := range b.tags[2:] {
		a.internTag(n)
	}
	b.ifaces = slices.Clone(a.ifaces)
	b.ifIndex = make(map[string]int, len(a.ifIndex))
	for k, v := range a.ifIndex {
		b.ifIndex[k] = v
	}
	b.tags = slices.Clone(a.tags)
	b.tagIndex = make(map[string]int, len(a.tagIndex))
	for k, v := range a.tagIndex {
		b.tagIndex[k] = v
	}
	b.lastIface, b.lastTag = "", ""
	a.lastIface, a.lastTag = "", ""
}

// ruleKey is what makes two rules of two rulesets the same rule for
// their unknowns: the text and the criteria.
func ruleKey(r *model.FilterRule) string {
	return r.Action + "\x00" + r.Text + "\x00" + strings.Join(r.Unknowns, "\x00")
}

// eachRule calls f on every rule the engine may evaluate, in order:
// the old-style translations', the main ruleset's with inline anchors in
// place, then the loaded anchors' (by name).
func (e *Engine) eachRule(f func(*model.FilterRule)) {
	var walk func(rs []*model.FilterRule)
	walk = func(rs []*model.FilterRule) {
		for _, r := range rs {
			f(r)
			if r.Anchor != nil && r.Anchor.Inline {
				walk(r.Anchor.Rules)
			}
		}
	}
	for _, t := range e.f.Translations {
		f(t.Rule)
	}
	walk(e.f.Rules)
	names := make([]string, 0, len(e.loaded))
	for n := range e.loaded {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		walk(e.loaded[n])
	}
}

// Difference is a class of packets that two rulesets treat differently:
// every packet of Class, on every machine the class admits, has outcome
// Old under the first ruleset and New under the second.
type Difference struct {
	Class    Class
	Old, New *Outcome
}

// Uncompared is a part of the packet space Compare could not split
// finely enough (more than MaxPieces pieces), or that its work budget
// did not reach (OverBudget): nothing is said of it.
type Uncompared struct {
	Class      Class
	OverBudget bool
}

// ErrNotJoint: Compare's engines were not made Joint.
var ErrNotJoint = errors.New("engine: Compare needs engines made Joint")

// Compare splits the class of every packet by the outcomes of both
// rulesets, the unknowns kept apart (each part says which answers it
// assumes), and returns the parts where the outcomes' keys differ: key
// says what of an outcome counts (VerdictKey: the action, and for a
// pass the queue and priority). The space is cut first per interface,
// direction, family and protocol either ruleset names; each ruleset
// classifies every such part once, and the pieces of the two whose keys
// differ are intersected. A part that either ruleset splits into too
// many pieces (more than MaxPieces), or that the work budget does not
// reach (compareParts), is returned as Uncompared.
func Compare(a, b *Engine, key func(*Outcome) string) ([]Difference, []Uncompared, error) {
	var diffs []Difference
	skipped, err := compareParts(a, b, func(pa, pb []Piece) {
		diffs = append(diffs, differing(pa, pb, key)...)
	})
	return diffs, skipped, err
}

// ComparedParts is how many parts Compare and ComparePairs cut the class
// of every packet into, to tell how much of it their Uncompared parts
// are.
func ComparedParts(a, b *Engine) (int, error) {
	parts, err := jointParts(a, b)
	return len(parts), err
}

// jointParts are the parts compareParts compares: the class of every
// packet, every tag included, cut per interface, direction, family and
// protocol either engine names.
func jointParts(a, b *Engine) ([]Class, error) {
	if !slices.Equal(a.ifaces, b.ifaces) || !slices.Equal(a.tags, b.tags) {
		return nil, ErrNotJoint
	}
	all := a.Class(&PacketSpec{})
	all.c.set(fTag, rng64(0, uint64(len(a.tags)-1)))
	return a.partitionWith(all, b), nil
}

// compareParts classifies every packet by both engines, part by part
// (per interface, direction, family and protocol either names), but for
// the parts both evaluate with the same rules (unchanged.go), each
// part walking only the rules that may match it, within a work budget
// per ruleset shared by the parts in order: a part either ruleset cannot
// split within MaxPieces or its share is Uncompared. f gets the pieces of
// each part compared.
func compareParts(a, b *Engine, f func(pa, pb []Piece)) ([]Uncompared, error) {
	parts, err := jointParts(a, b)
	if err != nil {
		return nil, err
	}
	totals := [2]int{compareOps(a), compareOps(b)}
	a.ops, b.ops = 0, 0
	defer func() { a.ops, a.opsLimit, b.ops, b.opsLimit = 0, 0, 0, 0 }()
	share := func(e *Engine, k, i int) int { return (totals[k] - e.ops) / (len(parts) - i) }
	var skipped []Uncompared
	skip := func(part Class, err error) {
		skipped = append(skipped, Uncompared{part, errors.Is(err, errBudget)})
	}
	same := sameSettings(a, b)
	changed := changedRules(a, b, same)
	for i, part := range parts {
		if changed != nil && !changed.meets(part.c) {
			// No rule that may match the part changed: the same rules,
			// in order, give the same outcomes.
			continue
		}
		// The candidates are merged as each engine walks them, but for
		// rulesets of the same settings, whose lists are compared first
		// (each engine has its own buffer: both lists stand until the
		// next part). Most parts a large ruleset cannot afford end a few
		// rules into a's walk, or before it, when nothing of the budget
		// is left.
		ra, rb := flatten(a.candidateRuns(part.c)), flatten(b.candidateRuns(part.c))
		if same {
			ka, kb := a.candidates(part.c), b.candidates(part.c)
			if a.sameRules(b, ka, kb) {
				// The same rules, in order, give the same outcomes.
				continue
			}
			ra, rb = slices.Values(ka), slices.Values(kb)
		}
		pa, err := a.classifyPart(part, ra, share(a, 0, i), false)
		if err != nil {
			skip(part, err)
			continue
		}
		pb, err := b.classifyPart(part, rb, share(b, 1, i), false)
		if err != nil {
			skip(part, err)
			continue
		}
		f(pa, pb)
	}
	return skipped, nil
}

// differing intersects the pieces of two classifications of one class
// whose keys differ. The pieces are grouped by key; a pair of groups is
// looked into only where the unions of their pieces (coalesced) meet,
// and there only the pieces that meet that region are paired: rulesets
// that differ little differ in a small region, and most pairs of groups
// do not meet at all.
func differing(pa, pb []Piece, key func(*Outcome) string) []Difference {
	type group struct {
		pieces []Piece
		union  []cube
	}
	groups := func(ps []Piece) ([]string, map[string]*group) {
		var order []string
		m := map[string]*group{}
		for _, p := range ps {
			k := key(p.Outcome)
			g, ok := m[k]
			if !ok {
				g = &group{}
				m[k] = g
				order = append(order, k)
			}
			g.pieces = append(g.pieces, p)
		}
		for _, k := range order {
			g := m[k]
			cs := make([]cube, len(g.pieces))
			for i, p := range g.pieces {
				cs[i] = p.Class.c
			}
			g.union = coalesce(cs)
		}
		return order, m
	}
	ka, ga := groups(pa)
	kb, gb := groups(pb)
	var out []Difference
	for _, x := range ka {
		for _, y := range kb {
			if x == y {
				continue
			}
			var meet []cube
			for _, c := range ga[x].union {
				for _, d := range gb[y].union {
					if !c.overlaps(d) {
						continue
					}
					if m, ok := c.intersect(d); ok {
						meet = append(meet, m)
					}
				}
			}
			if len(meet) == 0 {
				continue
			}
			near := func(ps []Piece) []Piece {
				var out []Piece
				for _, p := range ps {
					for _, m := range meet {
						if p.Class.c.overlaps(m) {
							out = append(out, p)
							break
						}
					}
				}
				return out
			}
			nb := near(gb[y].pieces)
			for _, p := range near(ga[x].pieces) {
				for _, q := range nb {
					if !p.Class.c.overlaps(q.Class.c) {
						continue
					}
					if c, ok := p.Class.c.intersect(q.Class.c); ok {
						out = append(out, Difference{Class: Class{c: c}, Old: p.Outcome, New: q.Outcome})
					}
				}
			}
		}
	}
	return out
}

// VerdictKey is Compare's key for a verdict diff: the action, and for
// packets passed the queue and priority.
func VerdictKey(o *Outcome) string {
	if o.Action != "pass" {
		return o.Action
	}
	k := "pass"
	if o.Queue != nil {
		k += "\x00queue " + o.Queue.Name + "\x00" + o.Queue.Ack
	}
	if o.Prio != nil {
		k += fmt.Sprintf("\x00prio %v", o.Prio)
	}
	return k
}

// Describe writes a class as a pf rule's words would, in pf.conf's
// order (`in on em0 inet proto tcp from any to 10.0.0.5 port 22 flags
// S/SA`), and after them the assumptions on unknowns it makes, `(assuming:
// …; not: …)`. The fields the class leaves whole are not written; the
// whole space is `all`. See Words.
func (e *Engine) Describe(cl Class) string {
	w, as := e.Words(cl)
	if len(as) > 0 {
		w += " (assuming: " + strings.Join(as, "; ") + ")"
	}
	return w
}

// Words are Describe's two halves: the class's header fields as a rule's
// words, and its assumptions on unknowns (an unknown's name, or `not: `
// and its name, as trace lists them). A field is written as its set or,
// when that is shorter, as `!` and the rest of its range: `on ! em0`,
// `to ! 10.0.0.5`, `port != 22`, `port 1000 <> 2000` (pf's "except
// range"). Addresses are read within the class's family (the engine keeps
// IPv4 in the low 32 bits of a 128-bit range). Protocols, ICMP types and
// codes are written by their pfctl names. Interface 0 and 1 of the engine
// (those the rulesets do not name) are `<other>` and `<other loopback>`;
// a tag the rulesets do not name is `<other>`.
func (e *Engine) Words(cl Class) (string, []string) {
	f := cl.c.fs
	var w []string
	switch {
	case f[fDir].equal(rng64(0, 0)):
		w = append(w, "in")
	case f[fDir].equal(rng64(1, 1)):
		w = append(w, "out")
	}
	if s := e.ifaceWords(f[fIface]); s != "" {
		w = append(w, "on "+s)
	}
	af := 0 // both
	switch {
	case f[fAF].equal(rng64(0, 0)):
		af = 4
		w = append(w, "inet")
	case f[fAF].equal(rng64(1, 1)):
		af = 6
		w = append(w, "inet6")
	}
	if s := setWords(f[fProto], 255, func(v uint64) string {
		if n, ok := model.ProtoName(uint8(v)); ok {
			return n
		}
		return fmt.Sprint(v)
	}, " "); s != "" {
		w = append(w, "proto "+s)
	}
	src, sport := addrWords(f[fSrc], af), portWords(f[fSport])
	dst, dport := addrWords(f[fDst], af), portWords(f[fDport])
	if src != "" || sport != "" || dst != "" || dport != "" {
		if src == "" {
			src = "any"
		}
		w = append(w, "from "+src)
		if sport != "" {
			w = append(w, "port "+sport)
		}
		if dst != "" || dport != "" {
			if dst == "" {
				dst = "any"
			}
			w = append(w, "to "+dst)
			if dport != "" {
				w = append(w, "port "+dport)
			}
		}
	}
	if !f[fFlags].equal(rng64(0, 255)) {
		w = append(w, "flags "+describeFlags(f[fFlags]))
	}
	w = append(w, e.icmpWords(f[fType], f[fCode], f[fProto], af)...)
	if s := e.tagWords(f[fTag]); s != "" {
		w = append(w, s)
	}
	if len(w) == 0 {
		w = append(w, "all")
	}
	return strings.Join(w, " "), cl.c.assumptions()
}

// setWords writes a set of small values within 0..max as one value, a
// list, or `! ` and the rest of the range when that has fewer values;
// "" when the set is the whole range.
func setWords(s ivset, max uint64, name func(uint64) string, sep string) string {
	whole := rng64(0, max)
	s = s.intersect(whole)
	if s.equal(whole) {
		return ""
	}
	vals := func(s ivset) []string {
		var out []string
		for _, sp := range s {
			for v := sp.lo.lo; v <= sp.hi.lo; v++ {
				out = append(out, name(v))
			}
		}
		return out
	}
	in, out := vals(s), vals(whole.minus(s))
	if len(out) < len(in) {
		return "! " + list(out, sep)
	}
	return list(in, sep)
}

// list is one item, or a pf list of several.
func list(items []string, sep string) string {
	if len(items) == 1 {
		return items[0]
	}
	return "{ " + strings.Join(items, sep) + " }"
}

// ifaceWords writes a set of interfaces: `em0`, `{ em0 em1 }`, or, when
// it holds the interfaces the rulesets do not name, `! em0` or `! { em0
// em1 }`; "" when it is every interface.
func (e *Engine) ifaceWords(s ivset) string {
	whole := rng64(0, uint64(len(e.ifaces)-1))
	if s.equal(whole) {
		return ""
	}
	name := func(v uint64) string {
		switch v {
		case 0:
			return otherIface
		case 1:
			return otherLoIface
		}
		return e.ifaces[v]
	}
	var names []string
	set, neg := s, ""
	if s.has(u(0)) {
		set, neg = whole.minus(s), "! "
	}
	for _, sp := range set {
		for v := sp.lo.lo; v <= sp.hi.lo && v < uint64(len(e.ifaces)); v++ {
			names = append(names, name(v))
		}
	}
	return neg + list(names, " ")
}

// tagWords writes a set of tags: `tagged X`, `tagged { X Y }`, `!
// tagged X` (untagged packets and those of other tags), or `not tagged`
// for untagged packets alone; "" when it is every tag and none.
func (e *Engine) tagWords(s ivset) string {
	whole := rng64(0, uint64(len(e.tags)-1))
	if s.equal(whole) {
		return ""
	}
	if s.equal(rng64(0, 0)) {
		return "not tagged"
	}
	names := func(s ivset) []string {
		var out []string
		for _, sp := range s {
			for v := sp.lo.lo; v <= sp.hi.lo && v < uint64(len(e.tags)); v++ {
				out = append(out, e.tags[v])
			}
		}
		return out
	}
	if s.has(u(0)) {
		return "! tagged " + list(names(whole.minus(s)), " ")
	}
	return "tagged " + list(names(s), " ")
}

// addrWords writes a set of addresses within a family's range (af 4 or
// 6; 0 when the class holds both, read as IPv6 unless every value fits
// IPv4's range): prefixes, ranges, a list of them, or `! ` and the rest;
// "" when it is the family's whole range.
func addrWords(s ivset, af int) string {
	top := u128{^uint64(0), ^uint64(0)}
	if af == 4 {
		top = u128{lo: 1<<32 - 1}
	}
	whole := rng(u128{}, top)
	s = s.intersect(whole)
	if s.equal(whole) {
		return ""
	}
	if af == 0 {
		af = 4
		if s[len(s)-1].hi.hi != 0 || s[len(s)-1].hi.lo >= 1<<32 {
			af = 6
		}
	}
	items := func(s ivset) []string {
		var out []string
		for _, sp := range s {
			out = append(out, addrRange(sp, af)...)
		}
		return out
	}
	in, out := items(s), items(whole.minus(s))
	if len(out) < len(in) {
		return "! " + list(out, ", ")
	}
	return list(in, ", ")
}

// portWords writes a set of ports as pf's operators would: `22`, `1:1023`
// (inclusive), `< 1024`, `> 1023`, `!= 22`, `2000 <> 2004` (all but
// 2000 to 2004), or a list; "" when it is every port.
func portWords(s ivset) string {
	const top = 65535
	whole := rng64(0, top)
	if s.equal(whole) || s.empty() {
		return ""
	}
	one := func(sp span) string {
		lo, hi := sp.lo.lo, sp.hi.lo
		switch {
		case lo == hi:
			return fmt.Sprint(lo)
		case lo == 0:
			return fmt.Sprintf("< %d", hi+1)
		case hi == top:
			return fmt.Sprintf("> %d", lo-1)
		}
		return fmt.Sprintf("%d:%d", lo, hi)
	}
	if len(s) == 1 {
		return one(s[0])
	}
	if rest := whole.minus(s); len(rest) == 1 {
		if rest[0].lo == rest[0].hi {
			return fmt.Sprintf("!= %d", rest[0].lo.lo)
		}
		return fmt.Sprintf("%d <> %d", rest[0].lo.lo, rest[0].hi.lo)
	}
	var items []string
	for _, sp := range s {
		if sp.lo == sp.hi {
			items = append(items, fmt.Sprint(sp.lo.lo))
		} else {
			items = append(items, fmt.Sprintf("%d:%d", sp.lo.lo, sp.hi.lo))
		}
	}
	return list(items, ", ")
}

// icmpWords writes ICMP types and codes by pfctl's names (`icmp-type
// echoreq`, `icmp6-type unreach code port-unr`), ICMPv6's when the class
// is of inet6 or of protocol icmp6 alone.
func (e *Engine) icmpWords(types, codes, protos ivset, af int) []string {
	six := af == 6 || protos.equal(rng64(58, 58))
	naf, kw := 4, "icmp-type "
	if six {
		naf, kw = 6, "icmp6-type "
	}
	var out []string
	t := setWords(types, 255, func(v uint64) string {
		if n, ok := model.ICMPTypeName(uint8(v), naf); ok {
			return n
		}
		return fmt.Sprint(v)
	}, ", ")
	if t == "" && codes.intersect(rng64(0, 255)).equal(rng64(0, 255)) {
		return nil
	}
	if t == "" {
		t = "any"
	}
	out = append(out, kw+t)
	single := len(types) == 1 && types[0].lo == types[0].hi
	c := setWords(codes, 255, func(v uint64) string {
		if single {
			if n, ok := model.ICMPCodeName(uint8(types[0].lo.lo), uint8(v), naf, e.t.OS == target.FreeBSD); ok {
				return n
			}
		}
		return fmt.Sprint(v)
	}, ", ")
	if c != "" {
		out = append(out, "code "+c)
	}
	return out
}

// Ifaces are the interfaces of a class by name; "" stands for the
// interfaces the ruleset does not name.
func (e *Engine) Ifaces(cl Class) []string {
	var out []string
	for _, sp := range cl.c.at(fIface) {
		for i := sp.lo.lo; i <= sp.hi.lo && int(i) < len(e.ifaces); i++ {
			if i < 2 {
				if len(out) == 0 || out[len(out)-1] != "" {
					out = append(out, "")
				}
				continue
			}
			out = append(out, e.ifaces[i])
		}
	}
	return out
}

// dropAssumptions merges the cubes that differ only in one assumption's
// answer (the change holds either way: the assumption goes) before
// coalesce merges cubes by their fields: `on egress` and `on ! egress,
// assuming the interface is in group egress` rather than every interface
// assuming it is and `on egress` assuming it is not. Pairwise, on short
// lists only.
func dropAssumptions(cs []cube) []cube {
	if len(cs) > 256 {
		return cs
	}
	cs = slices.Clone(cs)
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(cs) && !merged; i++ {
			if len(cs[i].atoms) == 0 {
				continue
			}
			for j := i + 1; j < len(cs) && !merged; j++ {
				if !alikeFields(cs[i], cs[j]) {
					continue
				}
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

func alikeFields(a, b cube) bool {
	for k := field(0); k < nFields; k++ {
		if !a.at(k).equal(b.at(k)) {
			return false
		}
	}
	return true
}

// Merge coalesces the classes of differences with equal outcomes (by
// key) into as few cubes as describe them exactly.
func Merge(ds []Difference, key func(d Difference) string) []Difference {
	var order []string
	groups := map[string][]cube{}
	first := map[string]Difference{}
	for _, d := range ds {
		k := key(d)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
			first[k] = d
		}
		groups[k] = append(groups[k], d.Class.c)
	}
	var out []Difference
	for _, k := range order {
		for _, c := range coalesce(dropAssumptions(groups[k])) {
			d := first[k]
			d.Class = Class{c: c}
			out = append(out, d)
		}
	}
	return out
}

// compareOps is a ruleset's work budget when two are compared: ten times
// the lint rules' (usageOps), and at least SmallRulesetOps. A review or a
// translation is run once and asked for completeness more than speed:
// the generated 10k-line ruleset compares in about a second.
func compareOps(e *Engine) int { return max(SmallRulesetOps, 10*usageOps(e)) }
