package queueview

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/lint"
	"github.com/pfshape/pfshape/translate"
)

// Input is what Build draws from.
type Input struct {
	Model *model.Model
	// Translation, with To, adds what each ALTQ queue becomes; it must
	// be translate.Translate's result for the same file.
	Translation *translate.Result
	To          translate.Mode
	// Findings are lint's findings on the same file: those on an altq
	// or queue line are shown beside it.
	Findings []lint.Diagnostic
}

// Build draws the queue trees of a model: the ALTQ interfaces in file
// order, then the trees of OpenBSD's queues.
func Build(name string, in Input) *View {
	v := &View{File: name, Trees: []*Tree{}}
	m := in.Model
	if m == nil {
		return v
	}
	if in.Translation != nil {
		v.To = in.To
	}
	feeds := newFeeds(m, name)
	for i, iface := range m.Interfaces {
		t := altqTree(iface, feeds, in.Findings)
		t.Warnings = findingsIn(in.Findings, iface.Range)
		if in.Translation != nil && i < len(in.Translation.Trees) && in.Translation.Trees[i].Interface == iface.Name {
			applyFate(t, in.Translation.Trees[i])
		}
		v.Trees = append(v.Trees, t)
	}
	for _, root := range m.QueueTrees {
		v.Trees = append(v.Trees, newQueueTree(root, feeds, in.Findings))
	}
	return v
}

// defaultQlimit is pfctl's qlimit when none is written (DEFAULT_QLIMIT).
const defaultQlimit = 50

func altqTree(iface *model.Interface, feeds *feeds, findings []lint.Diagnostic) *Tree {
	t := &Tree{Kind: "altq", Interface: iface.Name, Scheduler: string(iface.Scheduler), Pos: iface.Pos.String(), Tbrsize: iface.Tbrsize, Flags: flagWords(iface.Flags)}
	if iface.Qlimit != defaultQlimit {
		t.Qlimit = iface.Qlimit
	}
	t.Bandwidth = &Rate{Bits: iface.Rate.Bits, Known: iface.Rate.Known}
	if iface.Bandwidth != nil {
		t.Bandwidth.Written = iface.Bandwidth.Text
	}
	nodes := map[*model.Queue]*Node{}
	for _, q := range iface.Queues {
		n := altqNode(iface, q, feeds)
		if q.Def != nil {
			n.Warnings = findingsIn(findings, q.Def.Range)
		}
		nodes[q] = n
		if p := nodes[q.Parent]; q.Parent != nil && p != nil {
			p.Children = append(p.Children, n)
		} else {
			t.Queues = append(t.Queues, n)
		}
	}
	return t
}

func altqNode(iface *model.Interface, q *model.Queue, feeds *feeds) *Node {
	prio := q.Priority
	n := &Node{Name: q.Name, Hidden: q.IsRoot(), Scheduler: string(iface.Scheduler), Priority: &prio,
		Qlimit: q.Qlimit, Flags: flagWords(q.Flags), Default: q.Flags.Default, Pos: q.Pos().String()}
	// PRIQ and CODEL queues have no bandwidth of their own unless one is
	// written.
	hasOwn := iface.Scheduler != model.PRIQ && iface.Scheduler != model.CODEL
	if hasOwn || (q.Def != nil && q.Def.Bandwidth != nil) {
		n.Bandwidth = &Rate{Bits: q.Rate.Bits, Known: q.Rate.Known}
		if q.Def != nil && q.Def.Bandwidth != nil {
			n.Bandwidth.Written = q.Def.Bandwidth.Text
		}
	}
	if d := q.Def; d != nil {
		for _, c := range []struct {
			name    string
			written *model.ServiceCurve
			rate    *model.CurveRate
		}{{"real-time", d.Realtime, q.Realtime}, {"link-share", d.Linkshare, q.Linkshare}, {"upper-limit", d.Upperlimit, q.Upperlimit}} {
			if c.written != nil && c.rate != nil {
				n.Curves = append(n.Curves, curve(c.name, c.written, c.rate))
			}
		}
		n.Rules, n.Ack = feeds.of(q.Name, iface.Name)
	}
	return n
}

func curve(name string, w *model.ServiceCurve, r *model.CurveRate) Curve {
	c := Curve{Name: name, M1: r.M1.Bits, D: r.D, M2: r.M2.Bits, Known: r.M1.Known && r.M2.Known}
	c.Written = w.M2.Text
	if w.M1 != nil {
		c.Written = fmt.Sprintf("(%s %d %s)", w.M1.Text, w.D, w.M2.Text)
	}
	return c
}

func flagWords(f model.Flags) []string {
	var out []string
	for _, x := range []struct {
		on   bool
		word string
	}{{f.Default, "default"}, {f.Borrow, "borrow"}, {f.RED, "red"}, {f.ECN, "ecn"}, {f.RIO, "rio"}, {f.ClearDSCP, "cleardscp"}, {f.CoDel, "codel"}} {
		if x.on {
			out = append(out, x.word)
		}
	}
	return out
}

func newQueueTree(root *model.NewQueueNode, feeds *feeds, findings []lint.Diagnostic) *Tree {
	t := &Tree{Kind: "queue", Interface: root.Interface, Pos: root.Def.Pos.String()}
	t.Queues = []*Node{newQueueNode(root, root.Interface, feeds, findings)}
	return t
}

func newQueueNode(qn *model.NewQueueNode, iface string, feeds *feeds, findings []lint.Diagnostic) *Node {
	d := qn.Def
	n := &Node{Name: d.Name, Default: d.Default, Pos: d.Pos.String(), Warnings: findingsIn(findings, d.Range)}
	if d.Qlimit > 0 {
		n.Qlimit = d.Qlimit
	}
	if d.Bandwidth != nil {
		n.Bandwidth = &Rate{Written: d.Bandwidth.M2.Text, Bits: d.Bandwidth.M2.Bits, Known: true}
	}
	for _, c := range []struct {
		name string
		sc   *model.ServiceCurve
	}{{"bandwidth", d.Bandwidth}, {"min", d.Min}, {"max", d.Max}} {
		if c.sc == nil || c.name == "bandwidth" && c.sc.M1 == nil {
			continue // a one-piece bandwidth is the Bandwidth
		}
		cv := Curve{Name: c.name, Written: c.sc.M2.Text, M2: c.sc.M2.Bits, D: c.sc.D, Known: true}
		if c.sc.M1 != nil {
			cv.M1 = c.sc.M1.Bits
			cv.Written = fmt.Sprintf("%s burst %s for %dms", c.sc.M2.Text, c.sc.M1.Text, c.sc.D)
			if c.name == "bandwidth" {
				cv.Name, cv.Written = "burst", fmt.Sprintf("%s for %dms", c.sc.M1.Text, c.sc.D)
			}
		}
		n.Curves = append(n.Curves, cv)
	}
	if d.Default {
		n.Flags = append(n.Flags, "default")
	}
	if d.Flows > 0 {
		n.Flags = append(n.Flags, fmt.Sprintf("flows %d", d.Flows))
	}
	if d.Quantum > 0 {
		n.Flags = append(n.Flags, fmt.Sprintf("quantum %d", d.Quantum))
	}
	n.Rules, n.Ack = feeds.of(d.Name, iface)
	for _, c := range qn.Children {
		n.Children = append(n.Children, newQueueNode(c, iface, feeds, findings))
	}
	return n
}

// applyFate adds what the translation makes of an interface and its
// queues.
func applyFate(t *Tree, f *translate.TreeFate) {
	t.Becomes = &TreeBecomes{To: f.Becomes, Left: f.Left, Lost: f.Lost}
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			if qf := f.Queues[n.Name]; qf != nil && (qf.HasPrio || qf.Queue != "" || len(qf.Lost) > 0) {
				b := &Becomes{Queue: qf.Queue, Lost: qf.Lost}
				if qf.HasPrio {
					p := qf.Prio
					b.Prio = &p
				}
				n.Becomes = b
			}
			walk(n.Children)
		}
	}
	walk(t.Queues)
}

// findingsIn are the findings that start inside a statement's range.
func findingsIn(ds []lint.Diagnostic, r model.Range) []Finding {
	var out []Finding
	for _, d := range ds {
		p := d.Range.Start
		if p.File == r.Pos.File && p.Offset >= r.Pos.Offset && p.Offset < max(r.End, r.Pos.Offset+1) {
			out = append(out, Finding{Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message})
		}
	}
	return out
}
