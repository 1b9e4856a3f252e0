package translate

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// newQueue is one queue of OpenBSD's queueing, as it will be written.
type newQueue struct {
	alt          *model.Queue // the ALTQ queue it comes from (root_IF for the root)
	name, parent string       // parent "" for the root
	// on is the interface as written on the altq line (a macro stays a
	// macro): always on the root, on children when the tree needs it.
	on string
	// bandwidth is the link-share curve, min the real-time curve, max the
	// upper limit; min and max are nil when absent.
	bandwidth, min, max *model.CurveRate
	qlimit              int // 0: the default (50, as in ALTQ)
	isDefault           bool
}

// altqDefaultQlimit is ALTQ's queue limit when none is given, and the new
// queues' too (HFSC_DEFAULT_QLIMIT).
const altqDefaultQlimit = 50

// max32 is the largest rate OpenBSD's kernel HFSC service curves hold
// (struct hfsc_sc, u_int m1, d, m2).
const max32 = 1<<32 - 1

// planTree decides what one ALTQ interface becomes and, for a tree of
// queues, computes every new queue.
func (tr *translator) planTree(iface *model.Interface, speedErrs grammar.ErrorList, taken, assigned map[string]bool) *treePlan {
	p := &treePlan{iface: iface, byQueue: map[*model.Queue]*newQueue{}}
	if !tr.opts.Target.HasNewQueues() {
		p.leave("%s has no queues of its own (they came with OpenBSD 5.5): use --to prio", tr.opts.Target)
		return p
	}
	for _, s := range append(treeStatements(iface), tr.queues.written[iface.Name]...) {
		if tr.queues.inAnchor[s] {
			p.leave("its definitions are inside an anchor, where pf refuses queue definitions: move them to the main ruleset")
			return p
		}
		for _, e := range speedErrs {
			if inStatement(s, e.Pos) {
				p.leave("with --ifspeed %s, pfctl would refuse it (%s: %s)", iface.Name, e.Pos, e.Msg)
				return p
			}
		}
	}
	if iface.Name == "" {
		p.leave(`"" names no interface: write the interface's name`)
		return p
	}
	switch iface.Scheduler {
	case model.PRIQ:
		p.kind = treePrio
		p.mapping, p.mapErr = mapInterface(iface, assigned)
		if p.mapErr != nil {
			p.leave("%v", p.mapErr)
		}
		return p
	case model.CBQ, model.HFSC, model.FAIRQ:
	default:
		p.leave("%s shapes no tree of classes; OpenBSD's nearest is a flow queue (`queue NAME on IF flows N …`), which is not the same: write it by hand", iface.Scheduler)
		return p
	}
	// A bandwidth that overflows pfctl's 32 bits is reported as such
	// first: cut to 0, it also leaves the rate to the kernel.
	if w := wrappedBandwidth(iface, tr.file.Target); w != "" {
		p.leave("%s", w)
		return p
	}
	if !iface.Rate.Known {
		p.leave("the altq line gives no absolute bandwidth, so pfctl takes the interface's speed from the kernel, which pfshape cannot know: give it with --ifspeed %s=BW (such as %s=100M)", iface.Name, iface.Name)
		return p
	}
	root := rootName(iface, taken)
	for _, q := range iface.Queues {
		nq := &newQueue{alt: q, name: q.Name}
		switch {
		case q.IsRoot():
			// The interface bandwidth is ALTQ's hard limit (the token
			// bucket regulator runs at it); the root's max keeps it one.
			rate := flatCurve(iface.Rate)
			nq.name, nq.on, nq.bandwidth, nq.max = root, tr.ifaceText(iface), rate, rate
		default:
			nq.parent = root
			if q.Parent != nil && !q.Parent.IsRoot() {
				nq.parent = q.Parent.Name
			}
			tr.shapeQueue(nq, q, iface.Scheduler)
		}
		if q.Qlimit != altqDefaultQlimit && !q.IsRoot() {
			nq.qlimit = q.Qlimit
		}
		nq.isDefault = q.Flags.Default && (!q.IsRoot() || iface.Scheduler == model.CBQ)
		p.queues = append(p.queues, nq)
		p.byQueue[q] = nq
	}
	if iface.Root == nil || len(p.queues) == 0 || p.queues[0].alt != iface.Root {
		p.leave("pfctl's root class root_%s is missing", iface.Name)
		return p
	}
	if why := checkDefault(p); why != "" {
		p.leave("%s", why)
		return p
	}
	for _, nq := range p.queues {
		if why := tr.checkRates(nq); why != "" {
			p.leave("%s", why)
			return p
		}
	}
	if tr.opts.To == ToBoth {
		p.mapping, p.mapErr = mapInterface(iface, assigned)
	}
	p.kind = treeQueues
	return p
}

// shapeQueue carries an ALTQ queue's bandwidth over:
//
//   - HFSC: link-share → bandwidth, real-time → min, upper-limit → max,
//     each with its burst when the curve has two pieces;
//   - CBQ: bandwidth → bandwidth, and a class that may not borrow is held
//     to it with max;
//   - FAIRQ: its link-share curve, else its bandwidth → bandwidth.
func (tr *translator) shapeQueue(nq *newQueue, q *model.Queue, s model.Scheduler) {
	rate := flatCurve(q.Rate)
	switch s {
	case model.HFSC:
		nq.bandwidth = q.Linkshare
		if nq.bandwidth == nil {
			nq.bandwidth = rate
		}
		if !zeroCurve(q.Realtime) {
			nq.min = q.Realtime
		}
		if !zeroCurve(q.Upperlimit) {
			nq.max = q.Upperlimit
		}
	case model.CBQ:
		nq.bandwidth = rate
		if !q.Flags.Borrow {
			nq.max = rate
		}
	case model.FAIRQ:
		nq.bandwidth = rate
		if !zeroCurve(q.Linkshare) {
			nq.bandwidth = q.Linkshare
		}
	}
}

// flatCurve is a one-piece curve: r from the start.
func flatCurve(r model.Rate) *model.CurveRate {
	return &model.CurveRate{M1: model.Rate{Known: true}, M2: r}
}

func zeroCurve(c *model.CurveRate) bool { return c == nil || (c.M1.Bits == 0 && c.M2.Bits == 0) }

// checkDefault: OpenBSD needs exactly one default queue per interface,
// and a leaf.
func checkDefault(p *treePlan) string {
	var defs []*newQueue
	for _, nq := range p.queues {
		if nq.isDefault {
			defs = append(defs, nq)
		}
	}
	switch {
	case len(defs) == 0:
		return fmt.Sprintf("no default queue on %s: OpenBSD's queues need exactly one default leaf queue per interface; mark one leaf with default", p.iface.Name)
	case len(defs) > 1:
		names := make([]string, len(defs))
		for i, d := range defs {
			names[i] = d.name
		}
		return fmt.Sprintf("%d default queues on %s (%s): OpenBSD's queues need exactly one per interface", len(defs), p.iface.Name, strings.Join(names, ", "))
	}
	d := defs[0]
	if d.parent == "" {
		return fmt.Sprintf("the default class of %s is its root class (the default on the altq line): OpenBSD's default queue must be a leaf; give `default` to one of the classes below it", p.iface.Name)
	}
	if len(d.alt.Children) > 0 {
		return fmt.Sprintf("the default queue %s has child queues (%s): OpenBSD's default queue must be a leaf; move `default` to one of them, or to a new leaf under %s", d.name, childNames(d.alt), d.name)
	}
	return ""
}

func childNames(q *model.Queue) string {
	names := make([]string, len(q.Children))
	for i, c := range q.Children {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// checkRates refuses what the target cannot load or would change: a child
// without bandwidth, and any rate the kernel's 32-bit service curves
// would cut.
func (tr *translator) checkRates(nq *newQueue) string {
	who := "queue " + nq.name
	if nq.parent == "" {
		who = "the bandwidth of " + nq.alt.Interface.Name
	}
	if nq.parent != "" && zeroCurve(nq.bandwidth) {
		return fmt.Sprintf("queue %s would have no bandwidth, which OpenBSD's queues refuse (\"no bandwidth was specified\")", nq.name)
	}
	for _, c := range []*model.CurveRate{nq.bandwidth, nq.min, nq.max} {
		if c == nil {
			continue
		}
		for _, r := range []model.Rate{c.M1, c.M2} {
			if !r.Known {
				return fmt.Sprintf("%s depends on the interface's speed, which pfshape cannot know: give it with --ifspeed %s=BW", who, nq.alt.Interface.Name)
			}
			if r.Bits > max32 && !tr.opts.Target.HFSC64() {
				return fmt.Sprintf("%s is %s (%d bit/s), 2^32 bit/s or more: the kernel of %s keeps HFSC service curves in 32 bits, so pf would cut it silently to %d bit/s; the most it carries is 4294967295 bit/s: lower it", who, queueBits(r.Bits), r.Bits, tr.opts.Target, uint64(uint32(r.Bits)))
			}
		}
	}
	return ""
}

// wrappedBandwidth reports a bandwidth of the interface's tree that the
// source's pfctl cut to 32 bits: the file says one thing and pf did
// another, and the target cannot carry what the file says either.
func wrappedBandwidth(iface *model.Interface, from target.Target) string {
	check := func(where string, b *model.Bandwidth) string {
		if b == nil || !b.Wrapped() {
			return ""
		}
		zero := ""
		if b.Bits == 0 {
			zero = ", so it took the interface's speed from the kernel instead"
		}
		return fmt.Sprintf("%s (%s) is %d bit/s, which overflows: the pfctl of %s cut it silently to %d bit/s (32 bits)%s; OpenBSD's queues carry at most 4294967295 bit/s: decide which rate you mean, below that, and write it", where, b.Text, b.Written, from, b.Bits, zero)
	}
	if w := check("the bandwidth of "+iface.Name, iface.Bandwidth); w != "" {
		return w
	}
	for _, q := range iface.Queues {
		d := q.Def
		if d == nil {
			continue
		}
		if w := check("the bandwidth of "+d.Name, d.Bandwidth); w != "" {
			return w
		}
		for _, c := range []*model.ServiceCurve{d.Linkshare, d.Realtime, d.Upperlimit} {
			if c == nil {
				continue
			}
			if w := check("a curve of "+d.Name, &c.M2); w != "" {
				return w
			}
			if w := check("a curve of "+d.Name, c.M1); w != "" {
				return w
			}
		}
	}
	return ""
}

// ifaceText is the interface as the altq line writes it: `$ext_if` stays
// a macro when the line names that one interface; otherwise the name,
// quoted when the target would not read it back as one word.
func (tr *translator) ifaceText(iface *model.Interface) string {
	s := iface.Stmt
	if s == nil || s.Altq == nil || len(s.Altq.Ifaces) != 1 || s.Tokens.Len() < 3 {
		return tr.quote(iface.Name)
	}
	t := s.Tokens.At(2)
	if t.Macro == nil || t.Text != iface.Name {
		return tr.quote(iface.Name)
	}
	if s.Tokens.Len() > 3 && s.Tokens.At(3).Macro != nil && s.Tokens.At(3).Macro.Span == t.Macro.Span {
		return tr.quote(iface.Name) // the macro holds more than the interface
	}
	return s.Source.Text(t.Macro.Span)
}
