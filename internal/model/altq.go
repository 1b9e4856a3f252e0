package model

import "github.com/pfshape/pfshape/grammar"

// Interface is the ALTQ of one interface: what an `altq on IF …` line sets
// up. A line naming several interfaces (`altq on { em0 em1 } …`) gives
// one Interface for each.
type Interface struct {
	Name      string
	Scheduler Scheduler
	// Flags are the scheduler flags written on the altq line itself.
	Flags Flags
	// Bandwidth is the altq line's bandwidth; nil when absent, and then
	// pfctl asks the kernel for the interface's speed.
	Bandwidth *Bandwidth
	// Rate is the interface bandwidth pfctl uses; unknown (Known false)
	// when it comes from the kernel.
	Rate    Rate
	Qlimit  int // 50 unless given
	Tbrsize int // 0: pfctl's heuristic from the bandwidth and the MTU
	// Children are the queue names listed on the altq line.
	Children []QueueName
	// Root is pfctl's hidden root queue `root_IF` (CBQ, HFSC, FAIRQ);
	// nil for PRIQ and CODEL, whose listed queues are top-level.
	Root *Queue
	// Queues are every queue created on the interface, root first, in the
	// order pfctl creates them.
	Queues []*Queue
	Range
	Stmt *grammar.Statement
}

// QueueName is a queue named in a list (`queue { a b }` or a queue's
// children), where it is written.
type QueueName struct {
	Name string
	Range
}

// OnInterface is one interface of an `on IF` restriction.
type OnInterface struct {
	Name string
	Not  bool
	Range
}

// QueueDef is an ALTQ queue definition as written (`queue NAME …`, or
// `oldqueue NAME …` on OpenBSD 5.5). One definition becomes a Queue on
// every interface whose lists name it, unless `on IF` restricts it.
type QueueDef struct {
	Keyword string
	Name    string
	On      []OnInterface
	// Bandwidth is nil when absent: 100% of the parent.
	Bandwidth *Bandwidth
	Priority  int // 1 unless given
	Qlimit    int // 50 unless given
	// Scheduler is the scheduler word on the queue line (it only carries
	// flags); NoScheduler when absent.
	Scheduler                       Scheduler
	Flags                           Flags
	Linkshare, Realtime, Upperlimit *ServiceCurve
	Children                        []QueueName
	// Instances are the queues created from this definition.
	Instances []*Queue
	Range
	Stmt *grammar.Statement
}

// Queue is one ALTQ queue on one interface, with its bandwidth resolved.
type Queue struct {
	Name      string
	Interface *Interface
	Parent    *Queue // nil for root_IF and for PRIQ/CODEL queues
	Children  []*Queue
	// Def is the definition; nil for pfctl's hidden root_IF.
	Def      *QueueDef
	Rate     Rate
	Priority int
	Qlimit   int
	Flags    Flags
	// Linkshare, Realtime and Upperlimit are HFSC's curves resolved;
	// Linkshare defaults to the bandwidth, as pfctl sets it.
	Linkshare, Realtime, Upperlimit *CurveRate
}

// IsRoot reports whether q is pfctl's hidden root queue root_IF.
func (q *Queue) IsRoot() bool { return q.Def == nil }

// Pos is where the queue is defined: its definition, or the altq line for
// root_IF.
func (q *Queue) Pos() grammar.Position {
	if q.Def != nil {
		return q.Def.Pos
	}
	if q.Interface != nil {
		return q.Interface.Pos
	}
	return grammar.Position{}
}
