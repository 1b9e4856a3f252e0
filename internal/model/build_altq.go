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
	// pendingByName indexes pending by queue name, in order, so that a
	// definition does not scan every queue listed so far.
	pendingByName map[string][]int
	// failedDefault counts, per interface, the default queues whose
	// definitions failed; failedUnknown is set once a definition failed
	// before its options were read (failedBefore holds it across one).
	failedDefault               map[string]int
	failedUnknown, failedBefore bool
	created                     map[string]map[string]*Queue // interface → queue name → queue
}

// addPending lists a queue name to be defined.
func (st *altqState) addPending(pq pendingQueue) {
	if st.pendingByName == nil {
		st.pendingByName = map[string][]int{}
	}
	st.pendingByName[pq.name] = append(st.pendingByName[pq.name], len(st.pending))
	st.pending = append(st.pending, pq)
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
	from := int(l.Pos)
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
		b.parseErr(ALTQNoScheduler, reportPos(s), "no scheduler specified!")
		return
	}
	children := queueNames(s, a.Children)
	if len(children) == 0 && opts.scheduler != CODEL {
		b.parseErr(ALTQNoChildren, reportPos(s), "no child queues specified")
		return
	}
	from := int(a.Pos)
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
				b.parseErr(QueueExists, reportPos(s), "queue %s already exists on interface %s", root.Name, iface.Name).About(root.Name)
			} else {
				iface.Root = root
				b.altq.add(root)
			}
			parent = root.Name
		}
		for _, c := range children {
			b.altq.addPending(pendingQueue{name: c.Name, parent: parent, iface: iface, scheduler: iface.Scheduler})
		}
	}
}

// altqQueueStmt is an ALTQ `queue NAME …` (parse.y queuespec and
// expand_queue, then pfctl_altq.c eval_pfqueue).
func (b *builder) altqQueueStmt(s *grammar.Statement) {
	qd := s.Queue
	// A definition that fails before its options are known may have been
	// any interface's default queue.
	b.altq.failedUnknown = true
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
		b.parseErr(QueueTbrsize, at, "cannot specify tbrsize for queue")
		return
	}
	b.altq.failedUnknown = b.altq.failedBefore
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
		b.parseErr(QueueErrors, at, "errors in queue definition")
		b.altq.noteFailedDefault(def)
	}
	b.altq.failedBefore = b.altq.failedUnknown
}

// noteFailedDefault records, for the checks of the queues as a whole made
// past the first error (Deferred), the interfaces a failed default queue
// would have been the default of once fixed.
func (st *altqState) noteFailedDefault(def *QueueDef) {
	if !def.Flags.Default {
		return
	}
	if st.failedDefault == nil {
		st.failedDefault = map[string]int{}
	}
	for _, i := range st.pendingByName[def.Name] {
		if name := st.pending[i].iface.Name; st.lookup(name, def.Name) == nil {
			st.failedDefault[name]++
		}
	}
}

// expandQueue creates the definition's queues on every interface whose
// lists name it, and reports whether anything failed.
func (b *builder) expandQueue(def *QueueDef, at grammar.Position) bool {
	if len(b.altq.pending) == 0 {
		b.parseErr(QueueNoParent, at, "queue %s has no parent", def.Name).About(def.Name)
		return true
	}
	on := def.On
	if len(on) == 0 {
		on = []OnInterface{{}} // no restriction
	}
	found, failed := 0, false
	// The queues listed under this name so far, in order; children
	// appended below never have this name.
	listed := b.altq.pendingByName[def.Name]
	listed = listed[:len(listed):len(listed)]
	for _, restrict := range on {
		for _, i := range listed {
			pq := b.altq.pending[i]
			if restrict.Name != "" && (restrict.Name == pq.iface.Name) == restrict.Not {
				continue
			}
			found++
			if def.Scheduler != NoScheduler && def.Scheduler != pq.scheduler {
				b.parseErr(SchedulerMixed, at, "exactly one scheduler type per interface allowed")
				return true
			}
			if pq.scheduler == PRIQ {
				if len(def.Children) > 0 {
					b.parseErr(PriqChildren, at, "priq queues cannot have child queues")
					return true
				}
				if bw := def.Bandwidth; bw != nil && (bw.Bits > 0 || bw.Percent < 100) {
					b.parseErr(PriqBandwidth, at, "priq doesn't take bandwidth")
					return true
				}
			}
			if !b.evalQueue(def, pq, at) {
				failed = true
			}
			for _, c := range def.Children {
				if c.Name == def.Name {
					b.parseErr(QueueSelfChild, at, "queue cannot have itself as child")
					failed = true
					continue
				}
				b.altq.addPending(pendingQueue{name: c.Name, parent: def.Name, iface: pq.iface, scheduler: pq.scheduler})
			}
		}
	}
	if found == 0 {
		b.parseErr(QueueNoParent, at, "queue %s has no parent", def.Name).About(def.Name)
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
		b.parseErr(QueueExists, at, "queue %s already exists on interface %s", def.Name, iface.Name).About(def.Name)
		return false
	}
	var parent *Queue
	if pq.parent != "" {
		if parent = b.altq.lookup(iface.Name, pq.parent); parent == nil {
			b.parseErr(ALTQParentUndefined, at, "parent %s not found for %s", pq.parent, def.Name).About(pq.parent)
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
				b.parseErr(QueueBandwidthInvalid, at, "bandwidth for %s invalid (%d / %d)", def.Name, bw.Bits, bw.Percent)
				return false
			}
			if iface.Rate.Known && q.Rate.Bits > iface.Rate.Bits {
				b.parseErr(QueueAboveInterface, at, "bandwidth for %s higher than interface", def.Name)
				return false
			}
			checkParent := parent != nil && (b.t.OS == target.OpenBSD || iface.Scheduler != HFSC)
			if checkParent && parent.Rate.Known && q.Rate.Bits > parent.Rate.Bits {
				b.parseErr(QueueAboveParent, at, "bandwidth for %s higher than parent", def.Name).About(parent.Name)
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
		b.parseErr(PriorityRange, at, "priority out of range: max %d", max)
		return false
	}
	switch iface.Scheduler {
	case PRIQ:
		for _, other := range iface.Queues {
			if other.Priority == q.Priority && !other.IsRoot() {
				if mapBasedALTQ(b.t) {
					b.parseErr(PriqSamePriority, at, "%s does not have a unique priority on interface %s", q.Name, iface.Name).About(other.Name)
				} else {
					b.parseErr(PriqSamePriority, at, "%s and %s have the same priority", other.Name, q.Name).About(other.Name)
				}
				return false
			}
		}
	case HFSC, FAIRQ:
		if parent != nil && !parent.IsRoot() && parent.Flags.Default && mapBasedALTQ(b.t) {
			b.parseErr(DefaultNotLeaf, at, "adding %s would make default queue %s not a leaf", q.Name, parent.Name).About(parent.Name)
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
		// Past a failed definition (Deferred), a default queue that
		// failed counts as the default it would be once fixed, and a
		// definition that failed before its options were read might have
		// been one: then the count says nothing.
		defaults += b.altq.failedDefault[iface.Name]
		if b.altq.failedUnknown || (defaults == 1 && def == nil) {
			defaults = 1
			if def == nil {
				continue
			}
		}
		switch iface.Scheduler {
		case CBQ:
			if iface.Root == nil {
				b.loadErr(ALTQRootCount, at, "should have one root queue on %s", iface.Name).About(iface.Name)
			}
			if defaults != 1 {
				b.loadErr(ALTQDefaultCount, at, "should have one default queue on %s", iface.Name).About(iface.Name)
			}
		case PRIQ, FAIRQ:
			if defaults != 1 {
				b.loadErr(ALTQDefaultCount, at, "should have one default queue on %s", iface.Name).About(iface.Name)
			}
		case HFSC:
			if defaults != 1 {
				b.loadErr(ALTQDefaultCount, at, "should have one default queue on %s", iface.Name).About(iface.Name)
				continue
			}
			if def.IsRoot() {
				continue
			}
			if len(def.Children) > 0 && !mapBasedALTQ(b.t) {
				b.loadErr(DefaultNotLeaf, reportPos(def.Def.Stmt), "default queue is not a leaf").About(def.Name)
			}
		}
	}
}
