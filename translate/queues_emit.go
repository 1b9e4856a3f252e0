package translate

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// rewriteDefinitions edits the ALTQ definitions: each altq line of a
// translated tree becomes its root queue (one line per interface it
// names), each queue definition its new queues, in place, so comments
// beside them stay beside them and the queues stay outside anchors, where
// the ALTQ ones had to be. PRIQ definitions are deleted as in the prio
// translation. Trees left in place are reported and not touched.
// notePriqQueues says what a PRIQ interface becomes under --to queues:
// its priorities become set prio and it makes no queues. An interface
// bandwidth (the token bucket's cap) cannot come along: OpenBSD's queues
// would cap the interface, but a queue is a FIFO (sys/net/hfsc.c,
// hfsc_pf_enqueue appends to the class's mbuf list; with flows, FQ-CoDel
// orders by flow) and once queueing is on the interface no longer orders
// by prio, so a capped root with a default leaf would lose PRIQ's order.
func (tr *translator) notePriqQueues(iface *model.Interface) {
	if iface.Bandwidth == nil {
		tr.note(iface.Pos, false, "altq on %s: priq sets no bandwidth, so it makes no queues: its priorities become set prio", ifaceWord(iface.Name))
		return
	}
	cap := "the interface's speed"
	if iface.Rate.Known {
		cap = queueBits(iface.Rate.Bits)
	}
	tr.note(iface.Pos, false, "altq on %s: priq's priorities become set prio and its bandwidth %s is lost: OpenBSD's queues could cap the interface (queue root on %s bandwidth %s, max %s, and a default leaf), but a queue sends in arrival order and ignores set prio, so the cap would cost the priorities; add such a tree by hand if the cap matters more",
		ifaceWord(iface.Name), iface.Bandwidth.Text, ifaceWord(iface.Name), cap, cap)
}

func (tr *translator) rewriteDefinitions() {
	st := tr.queues
	done := map[*grammar.Statement]bool{}
	for _, p := range st.plans {
		iface := p.iface
		if done[iface.Stmt] {
			continue
		}
		done[iface.Stmt] = true
		switch p.kind {
		case treeLeft:
			tr.note(iface.Pos, true, "altq on %s is left in place: %s", ifaceWord(iface.Name), p.reason).Interface = iface.Name
		case treePrio:
			tr.deleteStatement(iface.Stmt)
			tr.notePriqQueues(iface)
		case treeQueues:
			var lines []string
			for _, q := range st.plans {
				if q.iface.Stmt == iface.Stmt {
					lines = append(lines, tr.queueLine(q, q.queues[0]))
				}
			}
			tr.replaceStatement(iface.Stmt, lines)
			tr.noteRootLosses(iface)
		}
	}
	for _, def := range tr.model.QueueDefs {
		if def.Stmt == nil || done[def.Stmt] || len(def.Instances) == 0 {
			continue
		}
		done[def.Stmt] = true
		p := st.byIface[def.Instances[0].Interface]
		switch p.kind {
		case treePrio:
			tr.deleteStatement(def.Stmt)
			tr.noteQueueLosses(def)
		case treeQueues:
			var lines []string
			for _, q := range def.Instances {
				qp := st.byIface[q.Interface]
				lines = append(lines, tr.queueLine(qp, qp.byQueue[q]))
			}
			tr.replaceStatement(def.Stmt, lines)
			tr.noteShapingLosses(def)
		}
	}
}

// replaceStatement replaces a statement's bytes with lines, the second and
// later lines indented as the statement is.
func (tr *translator) replaceStatement(s *grammar.Statement, lines []string) {
	b := s.Source.Bytes
	ls := s.Span.Start
	for ls > 0 && (b[ls-1] == ' ' || b[ls-1] == '\t') {
		ls--
	}
	indent := ""
	if ls == 0 || b[ls-1] == '\n' {
		indent = string(b[ls:s.Span.Start])
	}
	tr.edit(s.Source, edit.Edit{Start: s.Span.Start, End: s.Span.End, NewText: spaced(s.Source.Bytes, s.Span.End, strings.Join(lines, "\n"+indent))})
}

// queueLine writes one new queue:
//
//	queue NAME on IF bandwidth BW, max BW
//	queue NAME parent P [on IF] bandwidth BW [burst BW for Nms][, min …][, max …] [qlimit N] [default]
func (tr *translator) queueLine(p *treePlan, nq *newQueue) string {
	var b strings.Builder
	b.WriteString("queue " + tr.quote(nq.name))
	if nq.parent != "" {
		b.WriteString(" parent " + tr.quote(nq.parent))
		if p.withOn {
			b.WriteString(" on " + tr.ifaceText(p.iface))
		}
	} else {
		b.WriteString(" on " + nq.on)
	}
	b.WriteString(" bandwidth " + curveText(nq.bandwidth))
	if nq.min != nil {
		b.WriteString(", min " + curveText(nq.min))
	}
	if nq.max != nil {
		b.WriteString(", max " + curveText(nq.max))
	}
	if nq.qlimit != 0 {
		fmt.Fprintf(&b, " qlimit %d", nq.qlimit)
	}
	if nq.isDefault {
		b.WriteString(" default")
	}
	return b.String()
}

// curveText is `m2`, or `m2 burst m1 for Dms` for a two-piece curve.
func curveText(c *model.CurveRate) string {
	if c.M1.Bits == 0 && c.D == 0 {
		return queueBits(c.M2.Bits)
	}
	return fmt.Sprintf("%s burst %s for %dms", queueBits(c.M2.Bits), queueBits(c.M1.Bits), c.D)
}

// queueBits writes a rate with the largest exact unit of the new queues
// (K, M, G: powers of 1000): 1500K, not 1.5M, since the value must read
// back exactly.
func queueBits(v uint64) string { return exactUnit(v, "") }

// quote spells a queue name so that the target reads it back as that
// name: quoted when it is a keyword of the target (default, min, max,
// burst, parent, flows, quantum, …) or would not read as one word.
func (tr *translator) quote(name string) string {
	if q, ok := tr.queues.quoted[name]; ok {
		return q
	}
	q := name
	if !readsAsName(name, tr.opts.Target) {
		// Inside quotes pfctl reads \" as a quote character.
		q = `"` + strings.ReplaceAll(name, `"`, `\"`) + `"`
	}
	tr.queues.quoted[name] = q
	return q
}

// readsAsName asks the grammar, which knows each release's keywords,
// whether a bare word reads back as this queue name on the target.
func readsAsName(name string, t target.Target) bool {
	if name == "" || strings.ContainsAny(name, "\"' \t\n\\#$") {
		return false
	}
	f, _ := grammar.Parse("name", []byte("pass set queue "+name+"\n"), grammar.Options{Target: t,
		ReadFile: func(string) ([]byte, error) { return nil, fs.ErrNotExist }})
	if len(f.Errors) > 0 || len(f.Statements) != 1 || f.Statements[0].Stmt == nil || f.Statements[0].Rule == nil {
		return false
	}
	for _, o := range f.Statements[0].Rule.Options {
		if o, ok := o.(*grammar.OptSet); ok && o.Set.Item != nil && o.Set.Item.Queue != nil && o.Set.Item.Queue.Name != nil {
			n := o.Set.Item.Queue.Name
			return !n.Quoted() && n.Text() == name
		}
	}
	return false
}

// noteRootLosses notes what the altq line carried that the root queue
// does not.
func (tr *translator) noteRootLosses(iface *model.Interface) {
	if lost := rootLosses(iface); len(lost) > 0 {
		tr.note(iface.Pos, false, "altq on %s: %s lost: OpenBSD's queues have no equivalent", ifaceWord(iface.Name), strings.Join(lost, ", "))
	}
	if iface.Scheduler == model.CBQ && tr.opts.To != ToBoth && prioritiesDiffer(iface) {
		var prios []string
		for _, q := range iface.Queues {
			if !q.IsRoot() {
				prios = append(prios, fmt.Sprintf("%s %d", q.Name, q.Priority))
			}
		}
		tr.note(iface.Pos, false, "altq on %s: the cbq priorities (%s) are lost: OpenBSD's queues share bandwidth but do not order the classes (--to both keeps the order as set prio)", ifaceWord(iface.Name), strings.Join(prios, ", "))
	}
}

// rootLosses is what an altq line carries that a root queue cannot.
func rootLosses(iface *model.Interface) []string {
	var lost []string
	if iface.Tbrsize != 0 {
		lost = append(lost, fmt.Sprintf("tbrsize %d", iface.Tbrsize))
	}
	if iface.Qlimit != altqDefaultQlimit {
		lost = append(lost, fmt.Sprintf("qlimit %d", iface.Qlimit))
	}
	lost = append(lost, flagLosses(iface.Flags)...)
	if iface.Scheduler == model.FAIRQ {
		lost = append(lost, "fairq's fair queueing by flow (buckets, hogs)")
	}
	return lost
}

// noteShapingLosses notes what a queue definition carried that OpenBSD's
// queues cannot: RED, ECN and the like.
func (tr *translator) noteShapingLosses(def *model.QueueDef) {
	if lost := flagLosses(def.Flags); len(lost) > 0 {
		tr.note(def.Pos, false, "queue %s: %s lost: OpenBSD's queues have no equivalent", def.Name, strings.Join(lost, ", "))
	}
}

func flagLosses(f model.Flags) []string {
	var lost []string
	switch {
	case f.ECN:
		lost = append(lost, "ecn")
	case f.RED:
		lost = append(lost, "red")
	}
	if f.RIO {
		lost = append(lost, "rio")
	}
	if f.ClearDSCP {
		lost = append(lost, "cleardscp")
	}
	if f.CoDel {
		lost = append(lost, "codel")
	}
	return lost
}

// prioritiesDiffer reports whether the classes of a CBQ interface have
// different priorities, which then order them.
func prioritiesDiffer(iface *model.Interface) bool {
	first := -1
	for _, q := range iface.Queues {
		if q.IsRoot() {
			continue
		}
		if first >= 0 && q.Priority != first {
			return true
		}
		first = q.Priority
	}
	return false
}
