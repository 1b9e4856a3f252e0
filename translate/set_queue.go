package translate

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
)

// queueNames are the queues a queue reference names: `q` or `(q, ack)`.
func queueNames(q *grammar.QueueRef) []string {
	var names []string
	if q.Name != nil {
		names = append(names, q.Name.Text())
	}
	for _, n := range q.Pair {
		names = append(names, n.Text())
	}
	return names
}

// setQueuePrio turns the `queue …` item of a rule's `set` (OpenBSD
// 5.3–5.5 assigned ALTQ queues with `set queue` as with `queue`) into the
// priority its queues became: `set queue (q, ack)` becomes
// `set prio (N, M)`, and `set (queue q, tos 4)` becomes
// `set (prio N, tos 4)`. When the rule sets a prio of its own, the item
// is dropped instead, as a queue option is. (A rule with a `queue`
// option too does not load: pfctl keeps one queue assignment, "queue
// cannot be redefined".)
func (tr *translator) setQueuePrio(s *grammar.Statement, on *grammar.Interface, o *grammar.OptSet, it *grammar.SetItem, opts []grammar.FilterOpt) {
	sp := s.NodeSpan(it.Pos, it.EndPos)
	at := s.Position(it.Pos)
	text, err := tr.prioText(queueNames(it.Queue), on)
	if err != nil {
		tr.note(at, true, "%v; set %s is left as it is", err, s.Source.Text(sp))
		return
	}
	if tr.setsPrio(opts) {
		tr.dropSetItem(s, o, it, opts)
		tr.note(at, false, "the rule gets its priority otherwise: set %s is dropped, not turned into a second set prio", s.Source.Text(sp))
		return
	}
	tr.edit(s.Source, edit.Edit{Start: sp.Start, End: sp.End, NewText: spaced(s.Source.Bytes, sp.End, text)})
}

// dropSetItem deletes one item of a rule's `set`, with the comma that
// parts it from its neighbour, or the whole option when it is the only
// item.
func (tr *translator) dropSetItem(s *grammar.Statement, o *grammar.OptSet, it *grammar.SetItem, opts []grammar.FilterOpt) {
	items := o.Set.Group
	if len(items) <= 1 {
		tr.dropOption(s, o, opts)
		return
	}
	for i, x := range items {
		if x != it {
			continue
		}
		var start, end int
		if i+1 < len(items) {
			start, end = s.NodeSpan(it.Pos, it.EndPos).Start, s.NodeSpan(items[i+1].Pos, items[i+1].EndPos).Start
		} else {
			start, end = s.NodeSpan(items[i-1].Pos, items[i-1].EndPos).End, s.NodeSpan(it.Pos, it.EndPos).End
		}
		tr.edit(s.Source, edit.Edit{Start: start, End: end})
		return
	}
}
