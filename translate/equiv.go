package translate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/internal/engine"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
)

// DiffKind is what a Discrepancy is about.
type DiffKind int

const (
	// DiffVerdict: the output passes what the original blocks, or blocks
	// what it passes.
	DiffVerdict DiffKind = iota + 1
	// DiffClass: a passed packet's class on an interface is not the image
	// of its original class (on an interface that has the original's
	// queue, or where the original assigned no queue).
	DiffClass
	// DiffElsewhere: the class differs only on an interface that lacks
	// the original's queue (a note; an error with --strict).
	DiffElsewhere
)

// OtherIfaces names, in Discrepancy.Interface, every interface that has
// neither an altq line nor a queue tree.
const OtherIfaces = ""

// Discrepancy is one class of packets the translation treats otherwise
// than the original.
type Discrepancy struct {
	Kind DiffKind
	// Interface is where the class differs (DiffClass, DiffElsewhere);
	// OtherIfaces for every interface without queues.
	Interface string
	// OldRule and NewRule decide the packets in the original and in the
	// output; nil for pf's default rule.
	OldRule, NewRule *model.FilterRule
	// Old and New are the actions (DiffVerdict) or the classes on
	// Interface, in pf.conf's words; Image is what the original's class
	// becomes under the mapping.
	Old, New, Image string
	// Class describes the packets as a rule would (engine.Describe).
	Class string
}

// Equivalence is what Prove found.
type Equivalence struct {
	// Errors are the DiffVerdict and DiffClass discrepancies.
	Errors []Discrepancy
	// Notes are the DiffElsewhere discrepancies, by interface in order:
	// the ALTQ interfaces as the file lists them, then OtherIfaces.
	Notes map[string][]Discrepancy
	// NoteIfaces are the keys of Notes in order.
	NoteIfaces []string
	// Unproven describes the parts the engine could not compare, the
	// parts of the space next to each other merged.
	Unproven []string
	// Parts is how many parts the engine cut the class of every packet
	// into, and UnprovenParts how many of them Unproven covers: on a
	// large ruleset the budget leaves most of them, in few descriptions.
	Parts, UnprovenParts int
	// Others names the interfaces OtherIfaces stands for that the
	// rulesets name (every interface they do not name is one too).
	Others []string
}

// Proved reports whether every packet keeps its verdict and its class on
// every interface, with nothing left unproven.
func (q *Equivalence) Proved() bool {
	return len(q.Errors) == 0 && len(q.NoteIfaces) == 0 && len(q.Unproven) == 0
}

// queueSet is the queues of one interface by name, and the one a packet
// goes to when nothing (or a queue the interface lacks) is assigned.
type queueSet struct {
	queues map[string]bool
	def    string
}

// altqIface is what the original's altq line on one interface does.
type altqIface struct {
	queueSet
	fate *TreeFate
}

// slot is a class on one interface, in the output's terms: a priority
// pair, a queue pair, nothing assigned, or unknown (an image the
// translation does not give).
type slot struct {
	kind byte // 0 nothing assigned, 'p' set prio, 'q' set queue, '?' unknown
	v    [2]string
}

func (s slot) String() string {
	switch s.kind {
	case 0:
		return "nothing"
	case '?':
		return "no image"
	}
	word := "set prio"
	if s.kind == 'q' {
		word = "set queue"
	}
	if s.v[0] == s.v[1] {
		return word + " " + s.v[0]
	}
	return fmt.Sprintf("%s (%s, %s)", word, s.v[0], s.v[1])
}

type prover struct {
	res    *Result
	altq   map[string]*altqIface
	trees  map[string]*queueSet
	ifaces []string // the interfaces with queues, in order
}

// Prove checks the translation res of old, whose output reads as new on
// the target, with the packet engine (the package doc, "Equivalence",
// says what is proven and what is assumed). Both rulesets must load
// (their Errors empty). Unknowns of the output's rules are named by the
// positions of the original's rules they stand for, so the classes
// describe them with the original's lines.
func Prove(old, new *ruleset.Ruleset, res *Result) (*Equivalence, error) {
	return ProveSides(SideOf(old), SideOf(new), res)
}

// ProveSides is Prove on the sides of the two rulesets (SideOf), which a
// caller takes as soon as each is loaded, so that it holds neither tree
// during the proof.
func ProveSides(old, new *Side, res *Result) (*Equivalence, error) {
	p := &prover{res: res, altq: map[string]*altqIface{}, trees: map[string]*queueSet{}}
	for _, iface := range old.altq {
		a := &altqIface{queueSet: iface.queueSet}
		for _, tf := range res.Trees {
			if tf.Interface == iface.name {
				a.fate = tf
			}
		}
		if _, ok := p.altq[iface.name]; !ok {
			p.ifaces = append(p.ifaces, iface.name)
		}
		p.altq[iface.name] = a
	}
	for _, tree := range new.trees {
		if _, ok := p.trees[tree.iface]; !ok {
			if _, ok := p.altq[tree.iface]; !ok {
				p.ifaces = append(p.ifaces, tree.iface)
			}
		}
		p.trees[tree.iface] = &tree.queueSet
	}

	fa, fb := old.filter, new.filter
	a := engine.New(fa, old.readAs)
	b := engine.New(fb, new.readAs)
	if as := correspond(fa, fb); as != nil {
		b.NameRulesAs(as)
	}
	for _, l := range old.loads {
		a.LoadAnchor(l.name, l.filter)
	}
	for _, l := range new.loads {
		b.LoadAnchor(l.name, l.filter)
	}
	a.NameIfaces(p.ifaces...)
	b.NameIfaces(p.ifaces...)
	engine.Joint(a, b)

	diffs, skipped, err := engine.ComparePairs(a, b, func(o, n *engine.Outcome, _ engine.Class) bool {
		return len(p.judge(o, n)) == 0
	})
	if err != nil {
		return nil, err
	}
	eq := &Equivalence{Notes: map[string][]Discrepancy{}}
	type keyed struct {
		d   Discrepancy
		raw engine.Difference
	}
	var errs, notes []keyed
	for _, d := range diffs {
		for _, x := range p.judge(d.Old, d.New) {
			x.OldRule, x.NewRule = d.Old.Rule, d.New.Rule
			k := keyed{x, d}
			if x.Kind == DiffElsewhere {
				notes = append(notes, k)
			} else {
				errs = append(errs, k)
			}
		}
	}
	// Merge the classes of equal findings.
	merge := func(ks []keyed) []Discrepancy {
		byKey := map[string]Discrepancy{}
		var ds []engine.Difference
		for _, k := range ks {
			key := fmt.Sprintf("%d|%s|%p|%p|%s|%s|%s", k.d.Kind, k.d.Interface, k.d.OldRule, k.d.NewRule, k.d.Old, k.d.New, k.d.Image)
			byKey[key] = k.d
			// The key rides on the difference's outcome pointer: Merge
			// keeps the first difference of each key.
			ds = append(ds, engine.Difference{Class: k.raw.Class, Old: &engine.Outcome{Tag: key}})
		}
		var out []Discrepancy
		for _, m := range engine.Merge(ds, func(d engine.Difference) string { return d.Old.Tag }) {
			x := byKey[m.Old.Tag]
			x.Class = b.Describe(m.Class)
			out = append(out, x)
		}
		return out
	}
	eq.Errors = merge(errs)
	for _, x := range merge(notes) {
		if _, ok := eq.Notes[x.Interface]; !ok {
			eq.NoteIfaces = append(eq.NoteIfaces, x.Interface)
		}
		eq.Notes[x.Interface] = append(eq.Notes[x.Interface], x)
	}
	order := map[string]int{}
	for i, n := range p.ifaces {
		order[n] = i + 1
	}
	order[OtherIfaces] = len(p.ifaces) + 1
	sort.SliceStable(eq.NoteIfaces, func(i, j int) bool { return order[eq.NoteIfaces[i]] < order[eq.NoteIfaces[j]] })
	if len(skipped) > 0 {
		if eq.Parts, err = engine.ComparedParts(a, b); err != nil {
			return nil, err
		}
		eq.UnprovenParts = len(skipped)
		var ds []engine.Difference
		for _, u := range skipped {
			ds = append(ds, engine.Difference{Class: u.Class, Old: &engine.Outcome{}})
		}
		for _, m := range engine.Merge(ds, func(engine.Difference) string { return "" }) {
			eq.Unproven = append(eq.Unproven, b.Describe(m.Class))
		}
	}
	seen := map[string]bool{}
	for _, n := range b.Ifaces(b.Class(&engine.PacketSpec{})) {
		if n != "" && p.altq[n] == nil && p.trees[n] == nil && !seen[n] {
			seen[n] = true
			eq.Others = append(eq.Others, n)
		}
	}
	return eq, nil
}

// altqDefault is the queue ALTQ puts a packet in on an interface when
// nothing, or a queue the interface lacks, is assigned (as mapInterface
// finds it).
func altqDefault(iface *model.Interface) string {
	for _, q := range iface.Queues {
		if !q.IsRoot() && q.Flags.Default {
			return q.Name
		}
	}
	if iface.Root != nil && (iface.Flags.Default || iface.Root.Flags.Default) {
		return iface.Root.Name
	}
	return ""
}

// judge lists how the output's outcome n differs from the original's o:
// nothing when they are equivalent.
func (p *prover) judge(o, n *engine.Outcome) []Discrepancy {
	if o.Action != n.Action {
		return []Discrepancy{{Kind: DiffVerdict, Old: o.Action, New: n.Action}}
	}
	if o.Action != "pass" || o.Skip || n.Skip {
		return nil
	}
	var out []Discrepancy
	for _, iface := range append(p.ifaces, OtherIfaces) {
		if d, ok := p.judgeOn(iface, o, n); !ok {
			out = append(out, d)
		}
	}
	return out
}

// judgeOn compares the classes on one interface.
func (p *prover) judgeOn(iface string, o, n *engine.Outcome) (Discrepancy, bool) {
	old, image, def, present := p.oldSlot(iface, o)
	got := p.newSlot(iface, n)
	kind := DiffKind(0)
	for h := 0; h < 2; h++ {
		if image.kind == 0 {
			// Nothing assigned: the output may assign nothing, or what
			// the interface's default becomes.
			if got.kind == 0 || (got.kind == def.kind && got.v[h] == def.v[h] && def.kind != '?') {
				continue
			}
		} else if got.kind == image.kind && got.v[h] == image.v[h] && image.kind != '?' {
			continue
		}
		if o.Queue != nil && !present[h] {
			if kind == 0 {
				kind = DiffElsewhere
			}
		} else {
			kind = DiffClass
		}
	}
	if kind == 0 {
		return Discrepancy{}, true
	}
	if image.kind != 0 {
		old += " (" + image.String() + ")"
	}
	return Discrepancy{Kind: kind, Interface: iface, Old: old, New: got.String(), Image: image.String()}, false
}

// oldSlot is the original's class on an interface: in its words, its
// image in the output's terms, the image of the interface's default
// (what no assignment amounts to), and whether each half of the assigned
// queue pair exists on the interface.
func (p *prover) oldSlot(iface string, o *engine.Outcome) (string, slot, slot, [2]bool) {
	a := p.altq[iface]
	var present [2]bool
	if a == nil {
		// No ALTQ here: the original's own priority, if any.
		def := slot{kind: 'p', v: [2]string{strconv.Itoa(defaultPrio), strconv.Itoa(defaultPrio)}}
		if t := p.trees[iface]; t != nil {
			def = slot{kind: 'q', v: [2]string{t.def, t.def}}
		}
		words := "no priority"
		var s slot
		if len(o.Prio) > 0 {
			s = prioSlot(o.Prio)
			words = s.String()
		}
		if o.Queue != nil {
			words = fmt.Sprintf("queue %s, which has no effect without altq: %s", queueWords(o.Queue), words)
		}
		return words, s, def, present
	}
	def := p.image(a, a.def, a.def)
	if o.Queue == nil {
		return fmt.Sprintf("no queue (%s's default %s)", iface, a.def), slot{}, def, present
	}
	names := [2]string{o.Queue.Name, o.Queue.Ack}
	if names[1] == "" {
		names[1] = names[0]
	}
	var eff [2]string
	for h, q := range names {
		present[h] = a.queues[q]
		eff[h] = q
		if !present[h] {
			eff[h] = a.def
		}
	}
	words := "queue " + queueWords(o.Queue)
	switch {
	case !present[0] && !present[1]:
		words += fmt.Sprintf(", which %s lacks: its default queue %s", iface, a.def)
	case !present[0] || !present[1]:
		words += fmt.Sprintf(", half of which %s lacks: its default queue %s for that half", iface, a.def)
	}
	return words, p.image(a, eff[0], eff[1]), def, present
}

// image is what the queues q, ack of an ALTQ interface become.
func (p *prover) image(a *altqIface, q, ack string) slot {
	if a.fate == nil {
		return slot{kind: '?'}
	}
	switch a.fate.Becomes {
	case ToPrio:
		var s slot
		s.kind = 'p'
		for h, n := range []string{q, ack} {
			f := a.fate.Queues[n]
			switch {
			case f != nil && f.HasPrio:
				s.v[h] = strconv.Itoa(f.Prio)
			case n == a.def:
				s.v[h] = strconv.Itoa(defaultPrio)
			default:
				return slot{kind: '?'}
			}
		}
		return s
	case ToQueues:
		return slot{kind: 'q', v: [2]string{q, ack}}
	}
	return slot{kind: '?'}
}

// newSlot is the output's class on an interface.
func (p *prover) newSlot(iface string, n *engine.Outcome) slot {
	if t := p.trees[iface]; t != nil {
		if n.Queue == nil {
			return slot{}
		}
		names := [2]string{n.Queue.Name, n.Queue.Ack}
		if names[1] == "" {
			names[1] = names[0]
		}
		for h, q := range names {
			if !t.queues[q] {
				names[h] = t.def
			}
		}
		return slot{kind: 'q', v: names}
	}
	if len(n.Prio) == 0 {
		return slot{}
	}
	return prioSlot(n.Prio)
}

func prioSlot(v []int) slot {
	s := slot{kind: 'p', v: [2]string{strconv.Itoa(v[0]), strconv.Itoa(v[0])}}
	if len(v) > 1 {
		s.v[1] = strconv.Itoa(v[1])
	}
	return s
}

// IfaceWords names an interface of a note: "em1", or every interface
// without queues.
func (q *Equivalence) IfaceWords(iface string) string {
	if iface != OtherIfaces {
		return iface
	}
	if len(q.Others) == 0 {
		return "every interface without queues"
	}
	return fmt.Sprintf("every interface without queues (%s and any other)", strings.Join(q.Others, ", "))
}

// queueWords writes a queue assignment as a rule does: q, or (q, ack).
func queueWords(q *model.QueueAssign) string {
	if q.Ack == "" {
		return q.Name
	}
	return fmt.Sprintf("(%s, %s)", q.Name, q.Ack)
}

// correspond pairs the output's rules with the original's: a translation
// edits options and deletes queue definitions but neither adds, removes
// nor reorders a filter rule, so the rules correspond in order (anchor
// bodies in place, then the old-style translation rules). Nil when the
// lists do not line up (then each ruleset's unknowns are its own).
func correspond(old, new *model.Filter) map[*model.FilterRule]*model.FilterRule {
	flat := func(f *model.Filter) []*model.FilterRule {
		var out []*model.FilterRule
		var walk func(rs []*model.FilterRule)
		walk = func(rs []*model.FilterRule) {
			for _, r := range rs {
				out = append(out, r)
				if r.Anchor != nil && r.Anchor.Inline {
					walk(r.Anchor.Rules)
				}
			}
		}
		walk(f.Rules)
		for _, t := range f.Translations {
			if t.Rule != nil {
				out = append(out, t.Rule)
			}
		}
		return out
	}
	a, b := flat(old), flat(new)
	if len(a) != len(b) {
		return nil
	}
	as := make(map[*model.FilterRule]*model.FilterRule, len(b))
	for i := range b {
		if a[i].Action != b[i].Action || a[i].Dir != b[i].Dir {
			return nil
		}
		as[b[i]] = a[i]
	}
	return as
}
