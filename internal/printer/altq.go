package printer

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// rate2str is pfctl_altq.c's rate2str: the rate in the largest unit of
// b, Kb, Mb, Gb that keeps it at least 1, with two decimals when it has
// a fraction.
func rate2str(rate float64) string {
	units := " KMG"
	i := 0
	for rate >= 1000 && i <= 3 {
		rate /= 1000
		i++
	}
	u := byte(' ')
	if i < len(units) {
		u = units[i]
	}
	if int64(rate*100)%100 != 0 {
		return fmt.Sprintf("%.2f%cb", rate, u)
	}
	return fmt.Sprintf("%d%cb", int64(rate), u)
}

func (p *printer) mtu(ifname string) int {
	if strings.HasPrefix(ifname, "lo") {
		return 32768
	}
	return 1500
}

// tbrsize is the token bucket size pfctl uses when the altq line names
// none: a multiple of the interface MTU that grows with the bandwidth.
func (p *printer) tbrsize(ifc *model.Interface) int {
	if ifc.Tbrsize != 0 {
		return ifc.Tbrsize
	}
	rate := ifc.Rate.Bits
	size := 24
	switch {
	case rate <= 1000*1000:
		size = 1
	case rate <= 10*1000*1000:
		size = 4
	case rate <= 200*1000*1000:
		size = 8
	}
	size *= p.mtu(ifc.Name)
	if size > 0xffff {
		size = 0xffff
	}
	return size
}

// schedFlags writes the flags that are set, in the order the scheduler's
// print function in pfctl writes them; "wrr root" stands for CBQ's root.
func schedFlags(f model.Flags, root bool, order ...string) string {
	set := map[string]bool{"red": f.RED, "ecn": f.ECN, "rio": f.RIO, "codel": f.CoDel,
		"cleardscp": f.ClearDSCP, "borrow": f.Borrow, "wrr root": root, "default": f.Default}
	var b strings.Builder
	for _, w := range order {
		if set[w] {
			b.WriteString(" " + w)
		}
	}
	return b.String()
}

func cbqFlags(f model.Flags, root bool) string {
	return schedFlags(f, root, "red", "ecn", "rio", "codel", "cleardscp", "borrow", "wrr root", "default")
}

func priqFlags(f model.Flags) string {
	return schedFlags(f, false, "red", "ecn", "rio", "cleardscp", "default")
}

// schedOpts prints a queue's scheduler options as print_cbq_opts,
// print_priq_opts and print_hfsc_opts do; written (when not nil) gives
// the curves as written, for percentages.
func schedOpts(sched model.Scheduler, f model.Flags, root bool, q *model.Queue, written *model.QueueDef) string {
	switch sched {
	case model.CBQ:
		if fl := cbqFlags(f, root); fl != "" {
			return "cbq(" + fl + " ) "
		}
	case model.PRIQ:
		if fl := priqFlags(f); fl != "" {
			return "priq(" + fl + " ) "
		}
	case model.FAIRQ:
		if fl := priqFlags(f); fl != "" {
			return "fairq(" + fl + " ) "
		}
	case model.HFSC:
		fl := priqFlags(f)
		var rt, ls, ul *model.CurveRate
		if q != nil {
			rt, ls, ul = q.Realtime, q.Linkshare, q.Upperlimit
		}
		lsShown := ls != nil && ls.M2.Bits != 0 && (ls.M2.Bits != q.Rate.Bits || ls.D != 0)
		if fl == "" && (rt == nil || rt.M2.Bits == 0) && (ul == nil || ul.M2.Bits == 0) && !lsShown {
			return ""
		}
		var b strings.Builder
		b.WriteString("hfsc(" + fl)
		var wrt, wls, wul *model.ServiceCurve
		if written != nil {
			wrt, wls, wul = written.Realtime, written.Linkshare, written.Upperlimit
		}
		if rt != nil && rt.M2.Bits != 0 {
			b.WriteString(hfscCurve("realtime", rt, wrt))
		}
		if lsShown {
			b.WriteString(hfscCurve("linkshare", ls, wls))
		}
		if ul != nil && ul.M2.Bits != 0 {
			b.WriteString(hfscCurve("upperlimit", ul, wul))
		}
		b.WriteString(" ) ")
		return b.String()
	}
	return ""
}

func hfscCurve(name string, c *model.CurveRate, w *model.ServiceCurve) string {
	var b strings.Builder
	b.WriteString(" " + name)
	if c.D != 0 {
		b.WriteString("(")
		if w != nil && w.M1 != nil && w.M1.IsPercent && w.M1.Percent > 0 {
			fmt.Fprintf(&b, "%d%%", w.M1.Percent)
		} else {
			b.WriteString(rate2str(float64(c.M1.Bits)))
		}
		fmt.Fprintf(&b, " %d", c.D)
	}
	if w != nil && w.M2.IsPercent && w.M2.Percent > 0 {
		fmt.Fprintf(&b, " %d%%", w.M2.Percent)
	} else {
		b.WriteString(" " + rate2str(float64(c.M2.Bits)))
	}
	if c.D != 0 {
		b.WriteString(")")
	}
	return b.String()
}

// altq prints an `altq on` line per interface, as pfctl -v does while it
// parses (pfctl -vv prints the queue trees instead, see altqTrees).
func (p *printer) altq(s *grammar.Statement) {
	if p.verbose2 {
		return
	}
	for _, ifc := range p.model.Interfaces {
		if ifc.Stmt != s {
			continue
		}
		var b strings.Builder
		b.WriteString("altq on " + ifc.Name + " ")
		if o := schedOpts(ifc.Scheduler, ifc.Flags, false, ifc.Root, nil); o != "" && ifc.Scheduler != model.HFSC {
			b.WriteString(o)
		} else {
			b.WriteString(string(ifc.Scheduler) + " ")
		}
		if bw := ifc.Bandwidth; bw != nil && bw.IsPercent && bw.Percent > 0 {
			if bw.Percent < 100 {
				fmt.Fprintf(&b, "bandwidth %d%% ", bw.Percent)
			}
		} else {
			b.WriteString("bandwidth " + rate2str(float64(ifc.Rate.Bits)) + " ")
		}
		if ifc.Qlimit != 50 {
			fmt.Fprintf(&b, "qlimit %d ", ifc.Qlimit)
		}
		fmt.Fprintf(&b, "tbrsize %d ", p.tbrsize(ifc))
		if len(ifc.Children) > 0 {
			b.WriteString("queue { ")
			for _, c := range ifc.Children {
				b.WriteString(c.Name + " ")
			}
			b.WriteString("}")
		}
		p.head.WriteString(b.String() + "\n")
	}
}

// altqQueue prints an ALTQ queue definition once, as pfctl -v does.
func (p *printer) altqQueue(s *grammar.Statement) {
	if p.verbose2 {
		return
	}
	for _, def := range p.model.QueueDefs {
		if def.Stmt != s || len(def.Instances) == 0 {
			continue
		}
		q := def.Instances[0]
		sched := q.Interface.Scheduler
		var b strings.Builder
		b.WriteString("queue " + def.Name + " ")
		if sched == model.CBQ || sched == model.HFSC {
			if bw := def.Bandwidth; bw == nil || bw.IsPercent {
				if bw != nil && bw.Percent > 0 && bw.Percent < 100 {
					fmt.Fprintf(&b, "bandwidth %d%% ", bw.Percent)
				}
			} else {
				b.WriteString("bandwidth " + rate2str(float64(q.Rate.Bits)) + " ")
			}
		}
		if def.Priority != 1 {
			fmt.Fprintf(&b, "priority %d ", def.Priority)
		}
		if def.Qlimit != 50 {
			fmt.Fprintf(&b, "qlimit %d ", def.Qlimit)
		}
		b.WriteString(schedOpts(sched, q.Flags, false, q, def))
		if len(def.Children) > 0 {
			b.WriteString("{ ")
			for _, c := range def.Children {
				b.WriteString(c.Name + " ")
			}
			b.WriteString("}")
		}
		p.head.WriteString(b.String() + "\n")
	}
}

// altqTrees prints the ALTQ queues as pfctl -vv does: each tree, queues
// indented by depth, with their resolved bandwidths and queue ids.
func (p *printer) altqTrees() {
	qids := p.qids()
	var tops []*model.Queue
	for _, s := range p.altqStatements() {
		for _, ifc := range p.model.Interfaces {
			if ifc.Stmt == s && ifc.Root != nil {
				tops = append(tops, ifc.Root)
			}
		}
		for _, def := range p.model.QueueDefs {
			if def.Stmt != s {
				continue
			}
			for _, q := range def.Instances {
				if q.Parent == nil {
					tops = append(tops, q)
				}
			}
		}
	}
	var walk func(q *model.Queue, level int)
	walk = func(q *model.Queue, level int) {
		var b strings.Builder
		b.WriteString("queue " + strings.Repeat(" ", level) + q.Name + " on " + q.Interface.Name + " ")
		sched := q.Interface.Scheduler
		if sched == model.CBQ || sched == model.HFSC {
			b.WriteString("bandwidth " + rate2str(float64(q.Rate.Bits)) + " ")
		}
		prio := q.Priority
		if q.IsRoot() {
			prio = 0
		}
		if prio != 1 {
			fmt.Fprintf(&b, "priority %d ", prio)
		}
		if q.Qlimit != 50 {
			fmt.Fprintf(&b, "qlimit %d ", q.Qlimit)
		}
		b.WriteString(schedOpts(sched, q.Flags, q.IsRoot() && sched == model.CBQ, q, nil))
		if len(q.Children) > 0 {
			names := make([]string, len(q.Children))
			for i, c := range q.Children {
				names[i] = c.Name
			}
			b.WriteString("{" + strings.Join(names, ", ") + "}")
		}
		fmt.Fprintf(&b, "\n  [ qid=%d ifname=%s ifbandwidth=%s ]\n", qids[q.Name], q.Interface.Name, rate2str(float64(q.Interface.Rate.Bits)))
		p.head.WriteString(b.String())
		for _, c := range q.Children {
			walk(c, level+1)
		}
	}
	for _, q := range tops {
		walk(q, 0)
	}
}

// altqStatements lists the altq and ALTQ queue statements in file order.
func (p *printer) altqStatements() []*grammar.Statement {
	var out []*grammar.Statement
	seen := map[*grammar.Statement]bool{}
	add := func(s *grammar.Statement) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	grammar.Walk(p.file.Statements, func(s *grammar.Statement, _ int) {
		if s.Stmt != nil && (s.Altq != nil || s.Queue != nil) {
			add(s)
		}
	})
	return out
}

// qids numbers the queue names as pfctl does: one id per name, in the
// order names first appear (root queues at their altq line).
func (p *printer) qids() map[string]int {
	ids := map[string]int{}
	next := 1
	name := func(n string) {
		if _, ok := ids[n]; !ok {
			ids[n] = next
			next++
		}
	}
	for _, s := range p.altqStatements() {
		for _, ifc := range p.model.Interfaces {
			if ifc.Stmt != s {
				continue
			}
			if ifc.Root != nil {
				name(ifc.Root.Name)
			}
		}
		for _, def := range p.model.QueueDefs {
			if def.Stmt == s && len(def.Instances) > 0 {
				name(def.Name)
			}
		}
	}
	return ids
}
