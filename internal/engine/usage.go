package engine

import (
	"iter"
	"slices"
	"sort"

	"github.com/pfshape/pfshape/internal/model"
)

// Usage is what each rule of a ruleset does over every packet, on every
// machine: the rules that can never decide a packet, the match options
// no packet leaves with, and the rules whose removal would change
// nothing. It is the classic anomaly analysis of firewall rules
// (shadowing and redundancy: Al-Shaer and Hamed, 2004; Yuan et al.,
// Fireman, 2006) done exactly on the set engine: ClassifyVerdicts splits
// the class of every packet into pieces by possible outcome
// (ClassifyPossible), and each finding is read off the pieces.
//
// A finding never rests on an unknown: the pieces keep the assumptions on
// unknowns apart, so a rule that decides a packet on some machine is not
// dead; and a rule whose packets meet an anchor whose rules are loaded at
// run time, or a binat rule the engine does not evaluate, gets no finding
// (its outcome there is not known).
type Usage struct {
	Dead       []*Dead
	Overridden []*Overridden
	Redundant  []*Redundant
	// Pieces is how many pieces the class of every packet split into.
	Pieces int
	// Parts and Unanalysed count the parts the class is cut into first
	// (one per interface, direction, family and protocol the ruleset
	// names) and those of them that split into more than MaxPieces
	// pieces: rules that may match there get no finding.
	Parts, Unanalysed int
	// Ops is the work done: tests of a rule on a piece.
	Ops int
	// Partial is set when the redundancy check stopped at its budget:
	// the rules not checked get no Redundant finding.
	Partial bool
}

// Dead is a pass or block rule that decides no packet.
type Dead struct {
	Rule *model.FilterRule
	// NoMatch is set when the rule matches no packet at all.
	NoMatch bool
	// Earlier are the quick rules before it that decide packets it
	// matches; Later the rules after it that do. Both in evaluation order.
	Earlier, Later []*model.FilterRule
	// Skipped is set when packets it matches are on an interface pf
	// does not filter (`set skip on`): no rule decides them.
	Skipped bool
}

// Overridden is a match rule's option that no packet leaves with.
type Overridden struct {
	Rule *model.FilterRule
	// Option is "prio" or "queue".
	Option string
	// By are the rules whose value the packets it matches leave with,
	// in evaluation order; Dropped is set when some of them leave with
	// none (blocked, or passed without state on OpenBSD).
	By      []*model.FilterRule
	Dropped bool
}

// Redundant is a rule that decides packets, but whose removal changes
// no verdict and no option applied: the rules By decide its packets
// alike without it.
type Redundant struct {
	Rule *model.FilterRule
	By   []*model.FilterRule
}

// UsageBudget bounds the pieces the redundancy check classifies again,
// summed over the rules it checks.
const UsageBudget = 1 << 18

// Usage analyses the ruleset over every packet.
func (e *Engine) Usage() (u *Usage, err error) {
	// A packet may arrive tagged: one forwarded carries the tag its
	// inbound pass (or state) gave it (pf.conf(5) tag).
	all := e.Class(&PacketSpec{})
	all.c.set(fTag, rng64(0, uint64(len(e.tags)-1)))
	var pieces []Piece
	// failed are the parts that split into too many pieces: nothing is
	// said of the rules that may match there.
	var failed []int // by index into parts
	parts := e.partition(all)
	total := usageOps(e)
	e.ops = 0
	defer func() { u.Ops = e.ops; e.ops, e.opsLimit = 0, 0 }()
	classify := func(i int, budget int) ([]Piece, error) {
		return e.classifyPart(parts[i], e.candidateSeq(parts[i].c), budget, true)
	}
	// Each part gets its share of what is left, so that one that
	// splits without end costs its share only; what the others leave is
	// then given to those that failed, one after another.
	var retry []int
	// fail records a part not analysed: the rules that may match there
	// get no finding (voided, below).
	fail := func(i int) { failed = append(failed, i) }
	for i := range parts {
		share := (total - e.ops) / (len(parts) - i)
		if share < minPartOps {
			retry = append(retry, i)
			continue
		}
		ps, err := classify(i, share)
		if err != nil {
			retry = append(retry, i)
			continue
		}
		pieces = append(pieces, ps...)
	}
	for _, i := range retry {
		if total-e.ops < minPartOps {
			fail(i)
			continue
		}
		ps, err := classify(i, total-e.ops)
		if err != nil {
			fail(i)
			continue
		}
		pieces = append(pieces, ps...)
	}
	u = &Usage{Pieces: len(pieces), Parts: len(parts), Unanalysed: len(failed)}
	if len(pieces) == 0 {
		u.Partial = len(failed) > 0
		return u, nil
	}
	// rules are the main ruleset's rules and those of its inline
	// anchors, each once, in order; order is each one's place.
	order := make(map[*model.FilterRule]int, len(e.f.Rules))
	rules := make([]*model.FilterRule, 0, len(e.f.Rules))
	var walk func(rs []*model.FilterRule)
	walk = func(rs []*model.FilterRule) {
		for _, r := range rs {
			if _, seen := order[r]; seen {
				continue
			}
			order[r] = len(rules)
			rules = append(rules, r)
			if r.Anchor != nil {
				if body, ok := e.anchorRules(r); ok {
					walk(body)
				}
			}
		}
	}
	walk(e.f.Rules)
	// voided are the rules that may match a part not analysed, by their
	// place in rules (with the rules of their anchors): they get no
	// finding. Every rule void reaches, walk has reached.
	voided := make([]bool, len(rules))
	var void func(rs []*model.FilterRule)
	void = func(rs []*model.FilterRule) {
		for _, r := range rs {
			i := order[r]
			if voided[i] {
				continue
			}
			voided[i] = true
			if r.Anchor != nil {
				if body, ok := e.anchorRules(r); ok {
					void(body)
				}
			}
		}
	}
	void(e.mayMatch(parts, failed))
	// top marks the rules of the main ruleset, by their place in rules.
	top := make([]bool, len(rules))
	for _, r := range e.f.Rules {
		top[order[r]] = true
	}
	rewrites := len(e.f.Translations) > 0
	for _, r := range rules {
		if r.Action == "match" && (r.NatTo != nil || r.RdrTo != nil) {
			rewrites = true
		}
	}
	decides := map[*model.FilterRule][]int{}
	prios, queues := map[*int]bool{}, map[*model.QueueAssign]bool{}
	for i, p := range pieces {
		if p.Outcome.Rule != nil {
			decides[p.Outcome.Rule] = append(decides[p.Outcome.Rule], i)
		}
		if len(p.Outcome.Prio) > 0 {
			prios[&p.Outcome.Prio[0]] = true
		}
		if p.Outcome.Queue != nil {
			queues[p.Outcome.Queue] = true
		}
	}
	// region is where r may match, in the coordinates of the packet as
	// it arrives: its match set when no rule before it can change what
	// it tests (a tag, a translated address), else the tests nothing
	// changes.
	region := func(r *model.FilterRule) ([]cube, bool) {
		if r.Tagged == "" && !rewrites {
			return e.ruleCubes(r, &evalState{}), true
		}
		return e.baseCubes(r), false
	}
	// within are the pieces in the region; ok is false when one of them
	// depends on what the engine cannot know.
	within := func(r *model.FilterRule, m []cube) (idx []int, ok bool) {
		if voided[order[r]] {
			for _, i := range failed {
				if f := parts[i].c; !e.cannotMatch(r, f) && anyOverlap(f, m) {
					return nil, false
				}
			}
		}
		for i, p := range pieces {
			if e.cannotMatch(r, p.Class.c) || !anyOverlap(p.Class.c, m) {
				continue
			}
			if unsure(p.Outcome, r, order) {
				return nil, false
			}
			idx = append(idx, i)
		}
		return idx, true
	}
	byOrder := func(set map[*model.FilterRule]bool) []*model.FilterRule {
		out := make([]*model.FilterRule, 0, len(set))
		for r := range set {
			out = append(out, r)
		}
		sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
		return out
	}
	prioOwner, queueOwner := map[*int]*model.FilterRule{}, map[*model.QueueAssign]*model.FilterRule{}
	for _, r := range rules {
		if len(r.Prio) > 0 {
			prioOwner[&r.Prio[0]] = r
		}
		if r.Queue != nil {
			queueOwner[r.Queue] = r
		}
	}
	// A rule that may match a part not analysed gets no finding: on a
	// small ruleset if its match set meets the part, on a large one (where
	// that test would cost more than the analysis) if it may match there
	// at all.
	precise := len(rules) <= preciseRules
	for place, r := range rules {
		if voided[place] && !precise {
			continue
		}
		switch r.Action {
		case "pass", "block":
			if len(decides[r]) > 0 || r.Tag != "" {
				continue
			}
			m, exact := region(r)
			if len(m) == 0 {
				if exact || r.Fragment {
					u.Dead = append(u.Dead, &Dead{Rule: r, NoMatch: true})
				}
				continue
			}
			idx, ok := within(r, m)
			if !ok {
				continue
			}
			d := &Dead{Rule: r}
			earlier, later := map[*model.FilterRule]bool{}, map[*model.FilterRule]bool{}
			for _, i := range idx {
				by := pieces[i].Outcome.Rule
				switch {
				case by == nil:
					d.Skipped = d.Skipped || pieces[i].Outcome.Skip
				case order[by] < order[r]:
					earlier[by] = true
				default:
					later[by] = true
				}
			}
			d.Earlier, d.Later = byOrder(earlier), byOrder(later)
			u.Dead = append(u.Dead, d)
		case "match":
			m, exact := region(r)
			if len(m) == 0 {
				if exact && r.Tag == "" && r.NatTo == nil && r.RdrTo == nil {
					u.Dead = append(u.Dead, &Dead{Rule: r, NoMatch: true})
				}
				continue
			}
			check := func(option string, reached bool, owner func(o *Outcome) *model.FilterRule) {
				if reached {
					return
				}
				idx, ok := within(r, m)
				if !ok {
					return
				}
				ov := &Overridden{Rule: r, Option: option}
				by := map[*model.FilterRule]bool{}
				for _, i := range idx {
					if o := owner(pieces[i].Outcome); o != nil {
						by[o] = true
					} else {
						ov.Dropped = true
					}
				}
				ov.By = byOrder(by)
				u.Overridden = append(u.Overridden, ov)
			}
			if len(r.Prio) > 0 {
				check("prio", prios[&r.Prio[0]], func(o *Outcome) *model.FilterRule {
					if len(o.Prio) == 0 {
						return nil
					}
					return prioOwner[&o.Prio[0]]
				})
			}
			if r.Queue != nil {
				check("queue", queues[r.Queue], func(o *Outcome) *model.FilterRule {
					return queueOwner[o.Queue]
				})
			}
		}
	}
	if len(failed) > 0 {
		u.Partial = true
		return u, nil
	}
	u.Redundant, u.Partial = e.redundant(rules, top, pieces, decides, order)
	return u, nil
}

// unsure: whether r decides (or its options reach) the packets of
// outcome o depends on rules the engine cannot see: an anchor loaded at
// run time after r, whose rules may take the packets, tag them or
// translate them so that the rules after it no longer match. An anchor
// before r is no doubt: r and the rules after it test the packet as the
// anchor left it, and the class of every packet holds that packet too.
// Neither is binat's caveat (it translates before every rule) or the one
// that FreeBSD's default rule may block (it decides nothing here).
func unsure(o *Outcome, r *model.FilterRule, order map[*model.FilterRule]int) bool {
	return o.UnknownAnchor != nil && order[o.UnknownAnchor] > order[r]
}

// usageOps is Usage's work budget: tests of a rule on a piece, linear in
// the number of rules, so that the analysis of a ruleset costs at most a
// fixed multiple of its size. Parts left when it is spent are not
// analysed, and say so (Usage.Unanalysed).
func usageOps(e *Engine) int {
	n := 0
	var count func(rs []*model.FilterRule)
	count = func(rs []*model.FilterRule) {
		for _, r := range rs {
			n++
			if r.Anchor != nil && r.Anchor.Inline {
				count(r.Anchor.Rules)
			}
		}
	}
	count(e.f.Rules)
	for _, rs := range e.loaded {
		count(rs)
	}
	if n <= SmallRuleset {
		return SmallRulesetOps
	}
	return UsageOpsBase + n/UsageRulesPerOp
}

// Usage's work budget. A ruleset of up to SmallRuleset rules (most
// written by hand) gets SmallRulesetOps, some half a second at about
// 10 µs a test at worst: every ruleset of the corpus but two is analysed
// whole within a tenth of it. A larger one gets UsageOpsBase and one
// more per UsageRulesPerOp rules, so that the analysis costs less than
// parsing it does and grows linearly with the rules: the parts are found
// through an index of the rules by interface, the tests are bounded.
// BenchmarkUsage against grammar's BenchmarkParse, interleaved on the
// loaded 2-core machine: generated 10k lines 43-56 ms against 76-102 ms,
// 100k lines 0.62-0.79 s against 0.90-1.27 s. The base was 1,000 tests,
// which cost 13 ms on the generated 1k-line ruleset (615 rules, a
// process's first analysis: fresh memory), more than its parse, and
// found nothing there; at 250 it costs 5 ms, and the corpus's findings
// and those on 100k lines (327 dead rules) are the same. What the budget
// leaves out gets no finding, and BenchmarkUsage says how much that is:
// about a fifth of the parts of the generated rulesets, whose rules ask
// many unknowns, each of which splits the pieces. A part whose share is
// below minPartOps waits for what the others leave.
const (
	SmallRuleset    = 200
	SmallRulesetOps = 50_000
	minPartOps      = 16
	UsageOpsBase    = 250
	UsageRulesPerOp = 4
)

// preciseRules is the size up to which a rule that may match a part not
// analysed is tested against the part itself.
const preciseRules = SmallRuleset

// redundant finds the rules of the main ruleset (top, by place in rules)
// whose removal changes no outcome: each piece such a rule decides is
// classified again without it, and every part must end alike. Rules inside anchors and rules that set
// a tag are not checked (their matching alone can change what later rules
// do).
func (e *Engine) redundant(rules []*model.FilterRule, top []bool, pieces []Piece,
	decides map[*model.FilterRule][]int, order map[*model.FilterRule]int) ([]*Redundant, bool) {
	var out []*Redundant
	spent := 0
	defer func() { e.without = nil }()
	for n, r := range rules {
		if !top[n] || r.Tag != "" || len(decides[r]) == 0 || (r.Action != "pass" && r.Action != "block") {
			continue
		}
		idx := decides[r]
		if slices.ContainsFunc(idx, func(i int) bool { return unsure(pieces[i].Outcome, r, order) }) {
			continue
		}
		e.without = r
		by := map[*model.FilterRule]bool{}
		same := true
		for _, i := range idx {
			ps, err := e.ClassifyPossible(pieces[i].Class)
			spent += len(ps)
			if err != nil || spent > UsageBudget {
				return out, true
			}
			for _, p := range ps {
				if !sameEffect(pieces[i].Outcome, p.Outcome) {
					same = false
					break
				}
				if p.Outcome.Rule != nil {
					by[p.Outcome.Rule] = true
				}
			}
			if !same {
				break
			}
		}
		if !same || len(by) == 0 {
			continue
		}
		rd := &Redundant{Rule: r}
		for b := range by {
			rd.By = append(rd.By, b)
		}
		sort.Slice(rd.By, func(i, j int) bool { return order[rd.By[i]] < order[rd.By[j]] })
		out = append(out, rd)
	}
	return out, false
}

// sameEffect reports whether two outcomes treat the packet alike: the
// same verdict, the same way of blocking or passing (state, return,
// the deciding rule's other effects) and the same options applied.
func sameEffect(a, b *Outcome) bool {
	if a.Action != b.Action || a.Skip != b.Skip || a.Translation != b.Translation || a.Tag != b.Tag ||
		a.Log != b.Log || !slices.Equal(a.Prio, b.Prio) || !slices.Equal(a.Caveats, b.Caveats) ||
		(a.Queue == nil) != (b.Queue == nil) || (a.Queue != nil && *a.Queue != *b.Queue) ||
		redirText(a.NatTo) != redirText(b.NatTo) || redirText(a.RdrTo) != redirText(b.RdrTo) ||
		(a.Rule == nil) != (b.Rule == nil) {
		return false
	}
	if a.Rule == nil {
		return true
	}
	ra, rb := a.Rule, b.Rule
	return ra.Return == rb.Return && ra.KeepState == rb.KeepState && ra.Sloppy == rb.Sloppy &&
		slices.Equal(ra.Effects, rb.Effects)
}

func redirText(r *model.FilterRedirect) string {
	if r == nil {
		return ""
	}
	return "\x00" + r.Text
}

// partition splits a class into the parts most rules tell apart: one per
// interface, direction, family and protocol the ruleset names (and one
// for the protocols it does not name). Each part splits into fewer
// pieces than the whole, and most rules miss most parts at once
// (cannotMatch).
func (e *Engine) partition(cl Class) []Class { return e.partitionWith(cl) }

// partitionWith is partition by the protocols of e and of others.
func (e *Engine) partitionWith(cl Class, others ...*Engine) []Class {
	var named [256]bool
	var walk func(rs []*model.FilterRule)
	walk = func(rs []*model.FilterRule) {
		for _, r := range rs {
			for _, p := range r.Protos {
				if !p.Unknown {
					named[p.Num] = true
				}
			}
			if r.Anchor != nil && r.Anchor.Inline {
				walk(r.Anchor.Rules)
			}
		}
	}
	for _, x := range append([]*Engine{e}, others...) {
		walk(x.f.Rules)
		for _, rs := range x.loaded {
			walk(rs)
		}
	}
	// The protocols most rules name each get their parts; the others
	// (esp, gre, carp, …) share one: fewer parts cost fewer passes over
	// the rules.
	var protoParts []ivset
	var protos ivset
	for _, v := range []uint64{1, 6, 17, 58} {
		if named[v] {
			protoParts = append(protoParts, rng64(v, v))
			protos = protos.union(rng64(v, v))
		}
	}
	if rest := rng64(0, 255).minus(protos); !rest.empty() {
		protoParts = append(protoParts, rest)
	}
	// The sets of direction, family and protocol are made once and
	// shared by every interface's parts (sets are never changed): a
	// ruleset of 1,600 interfaces has 32,000 parts.
	var dirs, afs [2]ivset
	for v := uint64(0); v < 2; v++ {
		dirs[v] = cl.c.at(fDir).intersect(rng64(v, v))
		afs[v] = cl.c.at(fAF).intersect(rng64(v, v))
	}
	for k, pp := range protoParts {
		protoParts[k] = cl.c.at(fProto).intersect(pp)
	}
	out := make([]Class, 0, len(e.ifaces)*4*len(protoParts))
	// the parts' fields, in one list
	fs := make([]fields, 0, cap(out))
	for i := range e.ifaces {
		iface := cl.c.at(fIface).intersect(rng64(uint64(i), uint64(i)))
		for d := range 2 {
			for af := range 2 {
				for _, pp := range protoParts {
					fs = append(fs, *cl.c.fs)
					f := &fs[len(fs)-1]
					f[fIface], f[fDir], f[fAF], f[fProto] = iface, dirs[d], afs[af], pp
					c := cl.c
					c.fs = f
					out = append(out, Class{c: c})
				}
			}
		}
	}
	return out
}

// candidates are the main ruleset's rules that may match packets of c,
// in order (candidateRuns), as a list: valid until the next call.
func (e *Engine) candidates(c cube) []*model.FilterRule {
	out := e.candBuf[:0]
	for run := range e.candidateRuns(c) {
		out = append(out, run...)
	}
	e.candBuf = out
	return out
}

// candidateSeq yields the candidates one by one, as the set engine walks
// them: Usage's walk of a part ends at the first rule that leaves no
// piece going on, or at its budget, most often a few thousand rules into
// the tens of thousands a large ruleset's part has. So the merge is made
// as it is walked, and the wild rules are tested as they come rather than
// kept for each signature (wildBy, for Compare's lists).
func (e *Engine) candidateSeq(c cube) iter.Seq[*model.FilterRule] {
	e.indexRules()
	want := wantSig(c)
	named, wild := e.namedRules(c), e.wild // no rule is both
	return func(yield func(*model.FilterRule) bool) {
		i, j := 0, 0
		for i < len(named) || j < len(wild) {
			var x int
			if j == len(wild) || i < len(named) && named[i] < wild[j] {
				x, i = named[i], i+1
			} else {
				x, j = wild[j], j+1
			}
			if e.sigs[x].meets(want) && !yield(e.f.Rules[x]) {
				return
			}
		}
	}
}

// flatten yields the rules of runs one by one.
func flatten(runs iter.Seq[[]*model.FilterRule]) iter.Seq[*model.FilterRule] {
	return func(yield func(*model.FilterRule) bool) {
		for run := range runs {
			for _, r := range run {
				if !yield(r) {
					return
				}
			}
		}
	}
}

// candidateRuns yields the main ruleset's rules that may match packets
// of c, in order, in runs: the others change nothing for them
// (cannotMatch). The rules are indexed once by the interface they name,
// and the wild ones (wildBy) kept for each direction, family and
// protocol a part asks for, so that a part costs a merge of its
// interfaces' rules, with a cheap test of direction, family and
// protocol, with runs of the wild ones copied whole. Nothing is done
// until the runs are walked.
func (e *Engine) candidateRuns(c cube) iter.Seq[[]*model.FilterRule] {
	return func(yield func([]*model.FilterRule) bool) {
		e.indexRules()
		want := wantSig(c)
		w, ok := e.wildBy[want]
		if !ok {
			for _, i := range e.wild {
				if e.sigs[i].meets(want) {
					w.idx = append(w.idx, i)
					w.rules = append(w.rules, e.f.Rules[i])
				}
			}
			e.wildBy[want] = w
		}
		j := 0 // no rule is both named and wild
		for _, i := range e.namedRules(c) {
			if !e.sigs[i].meets(want) {
				continue
			}
			k := j + sort.SearchInts(w.idx[j:], i)
			if k > j && !yield(w.rules[j:k]) {
				return
			}
			if !yield(e.f.Rules[i : i+1]) {
				return
			}
			j = k
		}
		if j < len(w.rules) {
			yield(w.rules[j:])
		}
	}
}

// namedRules are the places of the main ruleset's rules that name an
// interface of c, in order.
func (e *Engine) namedRules(c cube) []int {
	sps := c.at(fIface)
	if len(sps) == 1 && sps[0].lo == sps[0].hi {
		return e.byIface[int(sps[0].lo.lo)] // as Usage's parts have
	}
	var named []int
	for _, sp := range sps {
		for x := sp.lo.lo; x <= sp.hi.lo; x++ {
			named = append(named, e.byIface[int(x)]...)
		}
	}
	slices.Sort(named)
	return slices.Compact(named) // a rule may name several
}

// wildRules are the wild rules of a signature: their places in the main
// ruleset, in order, and the rules.
type wildRules struct {
	idx   []int
	rules []*model.FilterRule
}

// mayMatch are the main ruleset's rules that may match packets of one
// of the parts which names (candidates of each), found in one pass over the rules:
// parts of one interface, direction, family and protocol each, grouped by
// what they ask of the rules' signatures (at most twenty groups), so that
// many parts cost no more than a few.
func (e *Engine) mayMatch(parts []Class, which []int) []*model.FilterRule {
	e.indexRules()
	type group struct {
		want   ruleSig
		ifaces map[int]bool
	}
	var groups []*group
	at := map[ruleSig]*group{}
	var out []*model.FilterRule
	var other map[*model.FilterRule]bool // rules of parts of many interfaces
	for _, i := range which {
		c := parts[i].c
		sp := c.at(fIface)
		if len(sp) != 1 || sp[0].lo != sp[0].hi {
			if other == nil {
				other = map[*model.FilterRule]bool{}
			}
			for _, r := range e.candidates(c) {
				if !other[r] {
					other[r] = true
					out = append(out, r)
				}
			}
			continue
		}
		want := wantSig(c)
		g := at[want]
		if g == nil {
			g = &group{want: want, ifaces: map[int]bool{}}
			at[want] = g
			groups = append(groups, g)
		}
		g.ifaces[int(sp[0].lo.lo)] = true
	}
	if len(groups) == 0 {
		return out
	}
	wild := make([]bool, len(e.f.Rules)) // they meet every interface
	for _, i := range e.wild {
		wild[i] = true
	}
	for i, r := range e.f.Rules {
		if other[r] {
			continue
		}
		for _, g := range groups {
			if !e.sigs[i].meets(g.want) {
				continue
			}
			hit := wild[i]
			for _, it := range r.Ifaces {
				hit = hit || g.ifaces[e.ifIndex[it.Name]]
			}
			if hit {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// indexRules indexes the main ruleset's rules once by the interface
// they name (byIface, or wild when they name none, a group or a
// negation), with their signatures.
func (e *Engine) indexRules() {
	if e.byIface != nil {
		return
	}
	e.byIface = map[int][]int{}
	e.wildBy = map[ruleSig]wildRules{}
	e.sigs = make([]ruleSig, len(e.f.Rules))
	for i, r := range e.f.Rules {
		e.sigs[i] = signature(r)
		if !namesIfaces(r) {
			e.wild = append(e.wild, i)
			continue
		}
		for _, it := range r.Ifaces {
			x := e.ifIndex[it.Name]
			if l := e.byIface[x]; len(l) == 0 || l[len(l)-1] != i {
				e.byIface[x] = append(e.byIface[x], i)
			}
		}
	}
}

// namesIfaces reports whether a rule matches on the interfaces it names
// only: none negated, no group, not any.
func namesIfaces(r *model.FilterRule) bool {
	for _, it := range r.Ifaces {
		if it.Not || it.Name == "any" || mayBeGroup(it.Name) {
			return false
		}
	}
	return len(r.Ifaces) > 0
}

// wantSig is what the packets of c are, as a ruleSig: the directions,
// families and protocols they may have.
func wantSig(c cube) ruleSig {
	var want ruleSig
	for d := uint64(0); d < 2; d++ {
		if c.at(fDir).has(u(d)) {
			want.dirs |= 1 << d
		}
		if c.at(fAF).has(u(d)) {
			want.afs |= 1 << d
		}
	}
	for _, sp := range c.at(fProto) {
		for v := sp.lo.lo; v <= sp.hi.lo && v < 256; v++ {
			want.protos[v/64] |= 1 << (v % 64)
		}
	}
	return want
}

// meets reports whether a rule of signature sg may match a packet of
// want.
func (sg *ruleSig) meets(want ruleSig) bool {
	return sg.dirs&want.dirs != 0 && sg.afs&want.afs != 0 &&
		sg.protos[0]&want.protos[0]|sg.protos[1]&want.protos[1]|sg.protos[2]&want.protos[2]|sg.protos[3]&want.protos[3] != 0
}

// ruleSig is what a rule asks of direction and family, as bit masks (bit
// 0 in or inet, bit 1 out or inet6), and of the protocol, as a bit set of
// the 256 (all of them when it names none, or one not in the assumed
// /etc/protocols).
type ruleSig struct {
	dirs, afs uint8
	protos    [4]uint64
}

func signature(r *model.FilterRule) ruleSig {
	sg := ruleSig{dirs: 3, afs: 3}
	for _, p := range r.Protos {
		if p.Unknown {
			sg.protos = [4]uint64{}
			break
		}
		sg.protos[p.Num/64] |= 1 << (p.Num % 64)
	}
	if sg.protos == ([4]uint64{}) {
		sg.protos = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	}
	switch r.Dir {
	case "in":
		sg.dirs = 1
	case "out":
		sg.dirs = 2
	}
	switch r.AF {
	case 4:
		sg.afs = 1
	case 6:
		sg.afs = 2
	}
	return sg
}

// classifyPart classifies a part of the space walking only rules (its
// candidates) within budget tests of a rule on a piece: the unknowns kept
// apart (a group or table asked twice gets one answer), and, when
// possible is set and that is too much after half the budget, followed
// both ways with the rest.
func (e *Engine) classifyPart(part Class, rules iter.Seq[*model.FilterRule], budget int, possible bool) ([]Piece, error) {
	if budget <= 0 {
		return nil, errBudget
	}
	e.only = rules
	defer func() { e.only = nil }()
	start := e.ops
	if !possible {
		e.opsLimit = start + budget
		return e.ClassifyVerdicts(part)
	}
	e.opsLimit = start + budget/2
	ps, err := e.ClassifyVerdicts(part)
	if err != nil {
		e.opsLimit = start + budget
		ps, err = e.ClassifyPossible(part)
	}
	return ps, err
}
