package engine

import (
	"errors"
	"iter"
	"slices"

	"github.com/pfshape/pfshape/internal/model"
)

// Class is a set of packets, and of machines: the product of a set per
// header field and of assumptions on unknowns (see cube).
type Class struct {
	c cube
	// driver is the driver name of the class's one interface (em for
	// em0), when it has one: for ordering outcomes only.
	driver string
}

// Piece is a part of a class that the ruleset treats alike: every packet
// of it, on every machine it admits, has Outcome.
type Piece struct {
	Class   Class
	Outcome *Outcome
}

// MaxPieces bounds the parts a class is split into; beyond it Classify
// gives up (ErrTooManyPieces).
const MaxPieces = 1 << 14

// ErrTooManyPieces is returned when a class splits into more than
// MaxPieces parts.
var ErrTooManyPieces = errors.New("the packet class splits into too many parts: give more of the packet")

// errBudget: Usage's work budget is spent.
var errBudget = errors.New("the analysis's work budget is spent")

type piece struct {
	c  cube
	st *evalState
}

// Classify splits a class into pieces by outcome: the set engine. It
// walks the ruleset once, as Evaluate does, carrying sets of packets
// instead of one: at each rule a piece splits into the part the rule
// matches and the part it does not.
func (e *Engine) Classify(cl Class) ([]Piece, error) {
	return e.classify(cl, false, false)
}

// ClassifyVerdicts is Classify for wide classes: it keeps of each piece
// only what decides its outcome (the deciding rule, the options applied,
// the tag and translations later rules test), not the rules that matched
// on the way, so that pieces which end alike merge and a class of every
// packet stays within MaxPieces on rulesets of some thousands of rules.
// Its outcomes have no Matched rules.
func (e *Engine) ClassifyVerdicts(cl Class) ([]Piece, error) {
	return e.classify(cl, true, false)
}

// ClassifyPossible is ClassifyVerdicts without the unknowns kept apart:
// where a rule's test depends on what only the machine knows, both ways
// are followed on the same packets. Its pieces may overlap: the pieces
// holding a packet are its possible outcomes, one per machine at least
// (more when the same unknown is asked twice: the answers are not tied
// together, so the set may hold outcomes no machine gives). It is what
// Usage reads: a rule no possible outcome is decided by decides nothing
// on any machine, and the pieces no longer double with each unknown.
func (e *Engine) ClassifyPossible(cl Class) ([]Piece, error) {
	return e.classify(cl, true, true)
}

func (e *Engine) classify(cl Class, lean, possible bool) ([]Piece, error) {
	var done []piece
	active := []piece{{cl.c, &evalState{lean: lean, possible: possible}}}
	// set skip (pf_test(): PFI_IFLAG_SKIP).
	for j, s := range e.f.Skip {
		m := e.skipCubes(j, s)
		var next []piece
		for _, p := range active {
			hit, miss := e.split.splitBy(p, m)
			for _, c := range hit {
				done = append(done, piece{c, &evalState{quick: true, trans: skipMark, lean: lean, possible: possible}})
			}
			next = appendPieces(next, miss, p.st)
		}
		active = next
	}
	var err error
	active, done, err = e.setTranslate(active, done)
	if err != nil {
		return nil, err
	}
	var stopped []piece
	rules := slices.Values(e.f.Rules)
	if e.only != nil {
		rules = e.only
	}
	active, stopped, err = e.setRules(rules, nil, active)
	if err != nil {
		return nil, err
	}
	done = append(done, stopped...)
	done = append(done, active...)
	out := make([]Piece, 0, len(done))
	for _, p := range done {
		var o *Outcome
		if p.st.trans == skipMark {
			o = &Outcome{Action: "pass", Skip: true}
		} else {
			o = e.finish(p.st)
		}
		out = append(out, Piece{Class{c: p.c}, o})
	}
	return out, nil
}

// skipMark marks pieces that a `set skip` interface took.
var skipMark = &model.FilterTranslation{}

// skipCubes is the match set of `set skip on s`, the jth skip: made
// once for each number s has (Joint may number it anew), as Usage and
// Compare classify some hundreds of parts.
func (e *Engine) skipCubes(j int, s string) []cube {
	if len(e.skips) != len(e.f.Skip) {
		e.skips = make([]skipSet, len(e.f.Skip))
	}
	i := e.ifIndex[s]
	if sk := &e.skips[j]; sk.m == nil || sk.iface != i {
		sk.iface = i
		sk.m = []cube{fieldCube(fIface, rng64(uint64(i), uint64(i)))}
		if mayBeGroup(s) {
			sk.m = append(sk.m, atomCube(atomSkip(s), true))
		}
	}
	return e.skips[j].m
}

// skipSet is a `set skip` interface's match set, for its number.
type skipSet struct {
	iface int
	m     []cube
}

// setTranslate is refTranslate on pieces.
func (e *Engine) setTranslate(active, done []piece) ([]piece, []piece, error) {
	if len(e.f.Translations) == 0 {
		return active, done, nil
	}
	var out []piece
	for _, p := range active {
		pending := []piece{p}
		for _, tr := range e.f.Translations {
			if tr.Kind == "binat" {
				for i := range pending {
					pending[i].st = pending[i].st.clone()
					pending[i].st.caveat("binat rules are not evaluated")
				}
				continue
			}
			d := uint64(1)
			if tr.Kind == "rdr" {
				d = 0
			}
			var next []piece
			for _, q := range pending {
				m := product([]cube{fieldCube(fDir, rng64(d, d))}, e.ruleCubes(tr.Rule, q.st))
				hit, miss := e.split.splitBy(q, m)
				for _, c := range hit {
					st := q.st.clone()
					if tr.No {
						out = append(out, piece{c, st})
						continue
					}
					e.applyTranslation(st, tr)
					if tr.Pass {
						done = append(done, piece{c, st})
						continue
					}
					out = append(out, piece{c, st})
				}
				next = appendPieces(next, miss, q.st)
			}
			pending = next
		}
		out = append(out, pending...)
		if len(out) > MaxPieces {
			return nil, nil, ErrTooManyPieces
		}
	}
	return out, done, nil
}

// setRules is refRules on pieces: it returns the pieces that go on and
// those a quick rule ended.
func (e *Engine) setRules(rules iter.Seq[*model.FilterRule], frame *model.FilterRule, active []piece) (cont, stopped []piece, err error) {
	merged, mergedStopped := 0, 0 // pieces after the last merge
	// Each rule that touches a piece makes the list of pieces anew; the
	// list the rule before made is then free, and the next rule writes
	// into it (spare) rather than into fresh memory. The caller's list
	// (owned false) is never written.
	var spare []piece
	owned := false
	for r := range rules {
		if len(active) == 0 {
			break
		}
		if r == e.without {
			continue
		}
		// Most rules touch none of the pieces: find the first they
		// may match before copying any.
		first := -1
		for i, p := range active {
			if e.cannotMatch(r, p.c) {
				continue
			}
			if e.opsLimit > 0 {
				if e.ops++; e.ops > e.opsLimit {
					return nil, nil, errBudget
				}
			}
			if anyOverlap(p.c, e.ruleCubes(r, p.st)) {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		next := append(spare[:0], active[:first]...)
		// A lean state is made once for the pieces in a row that
		// enter the rule with the same state (coalescePieces puts
		// them together): what follows from it is the same for each,
		// and lean pieces are grouped by state's value, not by
		// pointer, so sharing it changes no merge.
		var from, to *evalState
		for i, p := range active[first:] {
			if e.cannotMatch(r, p.c) {
				next = append(next, p)
				continue
			}
			if i > 0 && e.opsLimit > 0 {
				if e.ops++; e.ops > e.opsLimit {
					return nil, nil, errBudget
				}
			}
			m := e.ruleCubes(r, p.st)
			if !anyOverlap(p.c, m) {
				next = append(next, p)
				continue
			}
			// hit and miss hold until the next split: the pieces
			// are made of them before the anchor's body is walked.
			hit, miss := e.split.splitBy(p, m)
			next = appendPieces(next, miss, p.st)
			if len(hit) == 0 {
				continue
			}
			st := to
			if !p.st.lean || p.st != from {
				st = p.st.clone()
				e.apply(st, r, frame)
				from, to = p.st, st
			}
			if r.Anchor != nil {
				body, known := e.anchorRules(r)
				if !known {
					st.caveat("anchor " + r.Anchor.Name + ": its rules are loaded at run time")
					st.unknownAt = r
					next = appendPieces(next, hit, st)
					continue
				}
				before := st.decided
				c2, s2, err := e.setRules(slices.Values(body), r, appendPieces(nil, hit, st))
				if err != nil {
					return nil, nil, err
				}
				stopped = append(stopped, s2...)
				for _, q := range c2 {
					if r.Quick && e.anchorStops(q.st, r, before) {
						qs := q.st.clone()
						qs.quick = true
						stopped = append(stopped, piece{q.c, qs})
					} else {
						next = append(next, leaveAnchor(q, frame))
					}
				}
				continue
			}
			if !r.Quick {
				next = appendPieces(next, hit, st)
				continue
			}
			stop, known := true, true
			if r.Action == "match" {
				stop, known = matchQuick(e.t)
			}
			if known {
				if stop {
					st.quick = true
					stopped = appendPieces(stopped, hit, st)
				} else {
					next = appendPieces(next, hit, st)
				}
				continue
			}
			sq := st.clone()
			sq.quick = true
			if st.possible {
				for _, c := range hit {
					stopped = append(stopped, piece{c, sq})
					next = append(next, piece{c, st})
				}
				continue
			}
			for _, c := range hit {
				q := piece{c, st}
				y, n := q.c.withAtom(atomMatchQuick, true), q.c.withAtom(atomMatchQuick, false)
				if _, ok := q.c.atom(atomMatchQuick); ok {
					if v, _ := q.c.atom(atomMatchQuick); v {
						stopped = append(stopped, piece{q.c, sq})
					} else {
						next = append(next, leaveAnchor(q, frame))
					}
					continue
				}
				stopped = append(stopped, piece{y, sq})
				next = append(next, piece{n, st})
			}
		}
		// freed is a list no piece is read from after this rule.
		freed, isOurs := active, owned
		if len(next) > coalesceAt && len(next) > 2*merged {
			c := coalescePieces(next)
			freed, isOurs = next, true
			next, merged = c, len(c)
		}
		if len(stopped) > coalesceAt && len(stopped) > 2*mergedStopped {
			stopped = coalescePieces(stopped)
			mergedStopped = len(stopped)
		}
		if len(next)+len(stopped) > MaxPieces {
			return nil, nil, ErrTooManyPieces
		}
		spare = nil
		if isOurs {
			spare = freed
		}
		active, owned = next, true
	}
	return active, stopped, nil
}

// appendPieces appends to ps a piece of state st for each cube of cs.
func appendPieces(ps []piece, cs []cube, st *evalState) []piece {
	for _, c := range cs {
		ps = append(ps, piece{c, st})
	}
	return ps
}

func anyOverlap(c cube, m []cube) bool {
	for _, x := range m {
		if c.overlaps(x) {
			return true
		}
	}
	return false
}

// cannotMatch is a quick test, before a rule's cubes are built, that the
// rule matches no packet of c: its direction, family, protocols or
// interfaces (named ones only) lie outside c's. Most rules of a large
// ruleset fail it for a given packet.
func (e *Engine) cannotMatch(r *model.FilterRule, c cube) bool {
	if r.Dir != "" {
		d := uint64(0)
		if r.Dir == "out" {
			d = 1
		}
		if !c.at(fDir).has(u(d)) {
			return true
		}
	}
	if r.AF != 0 && !c.at(fAF).has(u(uint64(r.AF/6))) {
		return true
	}
	if len(r.Protos) > 0 {
		hit := false
		for _, p := range r.Protos {
			if p.Unknown || c.at(fProto).has(u(uint64(p.Num))) {
				hit = true
				break
			}
		}
		if !hit {
			return true
		}
	}
	if len(r.Ifaces) > 0 {
		for _, it := range r.Ifaces {
			if it.Not || it.Name == "any" || mayBeGroup(it.Name) {
				return false
			}
			if c.at(fIface).has(u(uint64(e.ifIndex[it.Name]))) {
				return false
			}
		}
		return true
	}
	return false
}

// coalesceAt is the number of pieces above which pieces that share a
// state are merged where their union is a cube: a rule that misses a
// piece cuts what it leaves into several cubes, and merging them keeps
// wide classes from splitting without end.
const coalesceAt = 32

// coalescePieces merges the cubes of the pieces that share a state
// (lean states: equal ones), group by group in the order the groups
// first appear, each group's cubes in their order in ps.
func coalescePieces(ps []piece) []piece {
	// Each piece's group; a group's first state stands for it.
	group := make([]int, len(ps))
	var first []*evalState
	var size []int
	byPtr := map[*evalState]int{}
	var byID map[stateID]int
	for i, p := range ps {
		g, ok := byPtr[p.st]
		if !ok && p.st.lean {
			if byID == nil {
				byID = map[stateID]int{}
			}
			id := p.st.id()
			if g, ok = byID[id]; !ok {
				byID[id] = len(first)
			}
		}
		if !ok {
			g = len(first)
			first = append(first, p.st)
			size = append(size, 0)
		}
		byPtr[p.st] = g
		group[i] = g
		size[g]++
	}
	// The groups' cubes, one group after another in one list.
	start := make([]int, len(first)+1)
	for g, n := range size {
		start[g+1] = start[g] + n
	}
	cs := make([]cube, len(ps))
	at := slices.Clone(start[:len(first)])
	for i, p := range ps {
		cs[at[group[i]]] = p.c
		at[group[i]]++
	}
	out := make([]piece, 0, len(ps))
	for g, st := range first {
		// coalesce works within its list: it shortens it, never grows
		// it into the next group's.
		for _, c := range coalesce(cs[start[g]:start[g+1]]) {
			out = append(out, piece{c, st})
		}
	}
	return out
}

// leaveAnchor is a piece that goes on after an anchor's body. Back in the
// main ruleset a lean state forgets how many rules decided on the way
// (only an enclosing anchor compares it), so that it equals the states
// of pieces that did not enter the anchor.
func leaveAnchor(q piece, frame *model.FilterRule) piece {
	if !q.st.lean || frame != nil || q.st.decided == 0 {
		return q
	}
	st := q.st.clone()
	st.decided = 0
	return piece{q.c, st}
}
