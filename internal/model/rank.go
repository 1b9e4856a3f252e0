package model

import "cmp"

// Rank orders the queues of one ALTQ interface: a higher rank is served
// first. PRIQ and CBQ rank by priority; HFSC, whose priority field means
// nothing, ranks by real-time rate, then link-share rate. The translation
// to set prio and the choice of a default queue both rank by it.
type Rank struct {
	Prio                int
	Realtime, Linkshare uint64
}

// Compare is -1, 0 or +1 as a ranks below, with or above b.
func (a Rank) Compare(b Rank) int {
	return cmp.Or(cmp.Compare(a.Prio, b.Prio), cmp.Compare(a.Realtime, b.Realtime), cmp.Compare(a.Linkshare, b.Linkshare))
}

// RankOf is a queue's rank under its interface's scheduler.
func RankOf(q *Queue, s Scheduler) Rank {
	if s != HFSC {
		return Rank{Prio: q.Priority}
	}
	var r Rank
	if q.Realtime != nil {
		r.Realtime = q.Realtime.M2.Bits
	}
	if q.Linkshare != nil {
		r.Linkshare = q.Linkshare.M2.Bits
	}
	return r
}
