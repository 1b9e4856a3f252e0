package model

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// altqState is what pfctl keeps between ALTQ statements: the queue names
// listed so far that wait for their definition (parse.y's `queues` list),
// and the queues created on each interface (pfctl_altq.c's `altqs`).
type altqState struct {
	pending []pendingQueue
	created map[string]map[string]*Queue // interface → queue name → queue
}

// pendingQueue is a queue name listed in an altq line or a queue's
// children, with the parent and interface it will get.
type pendingQueue struct {
	name      string
	parent    string // "" for a PRIQ/CODEL top-level queue
	iface     *Interface
	scheduler Scheduler
}

func (st *altqState) lookup(ifname, qname string) *Queue {
	return st.created[ifname][qname]
}

func (st *altqState) add(q *Queue) {
	if st.created == nil {
		st.created = map[string]map[string]*Queue{}
	}
	if st.created[q.Interface.Name] == nil {
		st.created[q.Interface.Name] = map[string]*Queue{}
	}
	st.created[q.Interface.Name][q.Name] = q
	q.Interface.Queues = append(q.Interface.Queues, q)
	if q.Parent != nil {
		q.Parent.Children = append(q.Parent.Children, q)
	}
}

// queueNames reads a queue list with the positions of its names.
func queueNames(s *grammar.Statement, l *grammar.QueueList) []QueueName {
	if l == nil {
		return nil
	}
	var out []QueueName
	from := l.Pos.Offset
	for _, n := range l.Names {
		r := nameRange(s, from, n.Text())
		out = append(out, QueueName{Name: n.Text(), Range: r})
		from = r.End
	}
	return out
}

// altqStmt is `altq on IF …` (parse.y altqif and expand_altq).
func (b *builder) altqStmt(s *grammar.Statement) {
	a := s.Altq
	if !b.queueNameValues(s, nil, a.Children) {
		return
	}
	opts, ok := b.readQueueOpts(s, a.Opts, false)
	if !ok {
		return
	}
	if opts.scheduler == NoScheduler {
		b.parseErr(reportPos(s), "no scheduler specified!")
		return
	}
	children := queueNames(s, a.Children)
	if len(children) == 0 && opts.scheduler != CODEL {
		b.parseErr(reportPos(s), "no child queues specified")
		return
	}
	from := a.Pos.Offset
	for _, ifname := range a.Ifaces {
		iface := &Interface{
			Name:      ifname.Text(),
			Scheduler: opts.scheduler,
			Flags:     opts.flags,
			Bandwidth: opts.bandwidth,
			Qlimit:    50,
			Children:  children,
			Range:     stmtRange(s),
			Stmt:      s,
		}
		from = nameRange(s, from, ifname.Text()).End
		if opts.qlimit != nil && *opts.qlimit > 0 {
			iface.Qlimit = *opts.qlimit
		}
		if opts.tbrsize != nil {
			iface.Tbrsize = *opts.tbrsize
		}
		// eval_pfaltq: an absolute bandwidth is the interface's; anything
		// else needs the speed the kernel reports.
		if iface.Bandwidth != nil && iface.Bandwidth.Bits > 0 {
			iface.Rate = Rate{Bits: iface.Bandwidth.Bits, Known: true}
		} else {
			iface.Rate = b.kernelRate(iface)
		}
		if iface.Rate.Known {
			if b.t.OS == target.FreeBSD && iface.Scheduler != HFSC && iface.Rate.Bits > 1<<32-1 {
				// pfctl warns and clamps: "interface %s bandwidth limited
				// to %llu bps because selected scheduler is 32-bit limited".
				iface.Rate.Bits = 1<<32 - 1
			}
		}
		b.m.Interfaces = append(b.m.Interfaces, iface)
		parent := ""
		if createsRootQueue(iface.Scheduler) {
			// pfctl hands the altq line's scheduler options to the root
			// queue: `altq on em0 cbq(default) … queue q` makes root_em0
			// CBQ's default class.
			root := &Queue{Name: "root_" + iface.Name, Interface: iface, Rate: iface.Rate, Qlimit: iface.Qlimit, Flags: iface.Flags}
			if iface.Scheduler == HFSC {
				// The root's link-share curve is the interface bandwidth.
				root.Linkshare = &CurveRate{M1: iface.Rate, M2: iface.Rate}
			}
			if b.altq.lookup(iface.Name, root.Name) != nil {
				b.parseErr(reportPos(s), "queue %s already exists on interface %s", root.Name, iface.Name)
			} else {
				iface.Root = root
				b.altq.add(root)
			}
			parent = root.Name
		}
		for _, c := range children {
			b.altq.pending = append(b.altq.pending, pendingQueue{name: c.Name, parent: parent, iface: iface, scheduler: iface.Scheduler})
		}
	}
}

// altqQueueStmt is an ALTQ `queue NAME …` (parse.y queuespec and
// expand_queue, then pfctl_altq.c eval_pfqueue).
func (b *builder) altqQueueStmt(s *grammar.Statement) {
	qd := s.Queue
	if !b.queueNameValues(s, nil, qd.Children) {
		return
	}
	opts, ok := b.readQueueOpts(s, qd.Opts, false)
	if !ok {
		return
	}
	if !b.queueNameValues(s, &qd.Name, nil) {
		return
	}
	at := reportPos(s)
	if opts.tbrsize != nil {
		b.parseErr(at, "cannot specify tbrsize for queue")
		return
	}
	def := &QueueDef{
		Keyword:    qd.Keyword,
		Name:       qd.Name.Text(),
		On:         opts.on,
		Bandwidth:  opts.bandwidth,
		Priority:   1,
		Qlimit:     50,
		Scheduler:  opts.scheduler,
		Flags:      opts.flags,
		Linkshare:  opts.ls,
		Realtime:   opts.rt,
		Upperlimit: opts.ul,
		Children:   queueNames(s, qd.Children),
		Range:      stmtRange(s),
		Stmt:       s,
	}
	if opts.priority != nil {
		def.Priority = *opts.priority
	}
	if opts.qlimit != nil && *opts.qlimit > 0 {
		def.Qlimit = *opts.qlimit
	}
	b.m.QueueDefs = append(b.m.QueueDefs, def)
	if b.expandQueue(def, at) {
		// pfctl's queuespec action follows every failure of expand_queue
		// with this message, on the statement's line.
		b.parseErr(at, "errors in queue definition")
	}
}

// expandQueue creates the definition's queues on every interface whose
// lists name it, and reports whether anything failed.
func (b *builder) expandQueue(def *QueueDef, at grammar.Position) bool {
	if len(b.altq.pending) == 0 {
		b.parseErr(at, "queue %s has no parent", def.Name)
		return true
	}
	on := def.On
	if len(on) == 0 {
		on = []OnInterface{{}} // no restriction
	}
	found, failed := 0, false
	pending := b.altq.pending // children appended below never match this name
	for _, restrict := range on {
		for _, pq := range pending {
			if pq.name != def.Name {
				continue
			}
			if restrict.Name != "" && (restrict.Name == pq.iface.Name) == restrict.Not {
				continue
			}
			found++
			if def.Scheduler != NoScheduler && def.Scheduler != pq.scheduler {
				b.parseErr(at, "exactly one scheduler type per interface allowed")
				return true
			}
			if pq.scheduler == PRIQ {
				if len(def.Children) > 0 {
					b.parseErr(at, "priq queues cannot have child queues")
					return true
				}
				if bw := def.Bandwidth; bw != nil && (bw.Bits > 0 || bw.Percent < 100) {
					b.parseErr(at, "priq doesn't take bandwidth")
					return true
				}
			}
			if !b.evalQueue(def, pq, at) {
				failed = true
			}
			for _, c := range def.Children {
				if c.Name == def.Name {
					b.parseErr(at, "queue cannot have itself as child")
					failed = true
					continue
				}
				b.altq.pending = append(b.altq.pending, pendingQueue{name: c.Name, parent: def.Name, iface: pq.iface, scheduler: pq.scheduler})
			}
		}
	}
	if found == 0 {
		b.parseErr(at, "queue %s has no parent", def.Name)
		failed = true
	}
	return failed
}

// evalQueue is pfctl_altq.c's eval_pfqueue for one queue on one interface:
// it resolves the bandwidth and runs the scheduler's checks. pfctl prints
// these messages without a line; they are reported on the definition.
func (b *builder) evalQueue(def *QueueDef, pq pendingQueue, at grammar.Position) bool {
	iface := pq.iface
	if b.altq.lookup(iface.Name, def.Name) != nil {
		b.parseErr(at, "queue %s already exists on interface %s", def.Name, iface.Name)
		return false
	}
	var parent *Queue
	if pq.parent != "" {
		if parent = b.altq.lookup(iface.Name, pq.parent); parent == nil {
			b.parseErr(at, "parent %s not found for %s", pq.parent, def.Name)
			return false
		}
	}
	q := &Queue{Name: def.Name, Interface: iface, Parent: parent, Def: def,
		Priority: def.Priority, Qlimit: def.Qlimit, Flags: def.Flags}
	ref := iface.Rate
	if parent != nil {
		ref = parent.Rate
	}
	if hasQueueBandwidth(iface.Scheduler) {
		bw := Bandwidth{Percent: 100, IsPercent: true}
		if def.Bandwidth != nil {
			bw = *def.Bandwidth
		}
		q.Rate = ref.of(bw)
		if q.Rate.Known {
			if q.Rate.Bits == 0 && b.t.OS == target.OpenBSD {
				b.parseErr(at, "bandwidth for %s invalid (%d / %d)", def.Name, bw.Bits, bw.Percent)
				return false
			}
			if iface.Rate.Known && q.Rate.Bits > iface.Rate.Bits {
				b.parseErr(at, "bandwidth for %s higher than interface", def.Name)
				return false
			}
			checkParent := parent != nil && (b.t.OS == target.OpenBSD || iface.Scheduler != HFSC)
			if checkParent && parent.Rate.Known && q.Rate.Bits > parent.Rate.Bits {
				b.parseErr(at, "bandwidth for %s higher than parent", def.Name)
				return false
			}
		}
	}
	q.Linkshare = def.Linkshare.resolve(ref)
	q.Realtime = def.Realtime.resolve(ref)
	q.Upperlimit = def.Upperlimit.resolve(ref)
	if q.Linkshare == nil && iface.Scheduler == HFSC {
		q.Linkshare = &CurveRate{M1: Rate{Known: true}, M2: q.Rate} // "if link_share is not specified, use bandwidth"
	}
	if max, ok := iface.Scheduler.maxPriority(); ok && q.Priority > max {
		b.parseErr(at, "priority out of range: max %d", max)
		return false
	}
	switch iface.Scheduler {
	case PRIQ:
		for _, other := range iface.Queues {
			if other.Priority == q.Priority && !other.IsRoot() {
				if mapBasedALTQ(b.t) {
					b.parseErr(at, "%s does not have a unique priority on interface %s", q.Name, iface.Name)
				} else {
					b.parseErr(at, "%s and %s have the same priority", other.Name, q.Name)
				}
				return false
			}
		}
	case HFSC, FAIRQ:
		if parent != nil && !parent.IsRoot() && parent.Flags.Default && mapBasedALTQ(b.t) {
			b.parseErr(at, "adding %s would make default queue %s not a leaf", q.Name, parent.Name)
			return false
		}
		if iface.Scheduler == HFSC && !b.checkHFSC(q, at) {
			return false
		}
	}
	b.altq.add(q)
	def.Instances = append(def.Instances, q)
	return true
}

// finishALTQ is check_commit_altq: each interface needs its default queue
// (and CBQ its one root). pfctl prints these without a line; they are
// reported on the altq line. pfctl runs it only when the file parsed
// without error.
func (b *builder) finishALTQ() {
	for _, iface := range b.m.Interfaces {
		at := reportPos(iface.Stmt)
		defaults := 0
		var def *Queue
		for _, q := range iface.Queues {
			// Only CBQ counts the root queue's flags (HFSC's check skips
			// the dummy root).
			if q.Flags.Default && (!q.IsRoot() || iface.Scheduler == CBQ) {
				defaults++
				def = q
			}
		}
		switch iface.Scheduler {
		case CBQ:
			if iface.Root == nil {
				b.loadErr(at, "should have one root queue on %s", iface.Name)
			}
			if defaults != 1 {
				b.loadErr(at, "should have one default queue on %s", iface.Name)
			}
		case PRIQ, FAIRQ:
			if defaults != 1 {
				b.loadErr(at, "should have one default queue on %s", iface.Name)
			}
		case HFSC:
			if defaults != 1 {
				b.loadErr(at, "should have one default queue on %s", iface.Name)
				continue
			}
			if def.IsRoot() {
				continue
			}
			if len(def.Children) > 0 && !mapBasedALTQ(b.t) {
				b.loadErr(reportPos(def.Def.Stmt), "default queue is not a leaf")
			}
		}
	}
}
