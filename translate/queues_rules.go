package translate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
)

// queuesRule translates the queue assignment and the bare prio of one
// rule for the queue translation; rules may assign queues anywhere, in
// anchors too (only the definitions must stay outside anchors).
func (tr *translator) queuesRule(s *grammar.Statement, on *grammar.Interface, opts []grammar.FilterOpt) {
	barePrio, setsPrio := tr.barePrioChanges(), tr.setsPrio(opts)
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptQueue:
			if sharesMacro(s, o) {
				tr.noteSharedMacro(s, o)
				continue
			}
			tr.queueAssignment(s, on, o, opts, setsPrio)
		case *grammar.OptPrio:
			if barePrio {
				tr.edit(s.Source, edit.Edit{Start: int(o.Pos), End: int(o.Pos), NewText: "set "})
			}
		case *grammar.OptSet:
			tr.checkSetQueue(s, on, o, opts)
		}
	}
}

// checkSetQueue handles a `set queue` (OpenBSD 5.3–5.5 with ALTQ): one
// that names queues which became OpenBSD's queues is already spelled for
// the target and stays; one whose queues were PRIQ's, which became
// priorities, becomes `set prio` as in the prio translation; any other
// (a queue that did not become a leaf, a mix of both kinds) is reported
// and left as it is.
func (tr *translator) checkSetQueue(s *grammar.Statement, on *grammar.Interface, o *grammar.OptSet, opts []grammar.FilterOpt) {
	for _, it := range o.Set.Items() {
		if it.Queue == nil {
			continue
		}
		kinds := map[treeKind]bool{}
		var fail error
		for _, n := range queueNames(it.Queue) {
			k, err := tr.assignedKind(n, on)
			if err != nil {
				fail = err
				break
			}
			kinds[k] = true
		}
		at := s.Position(it.Pos)
		text := s.Source.Text(s.NodeSpan(it.Pos, it.EndPos))
		switch {
		case fail != nil:
			tr.note(at, true, "%v; set %s is left as it is", fail, text)
		case kinds[treePrio] && len(kinds) > 1:
			tr.note(at, true, "set %s names a queue that became a queue and one that became a priority (PRIQ): split the rule; it is left as it is", text)
		case kinds[treePrio]:
			tr.setQueuePrio(s, on, o, it, opts)
		}
	}
}

// queueAssignment turns `queue q` / `queue (q, ack)` into `set queue …`
// (with --to both, and `set prio …`) when the queues became OpenBSD's
// queues, or into `set prio …` when they were PRIQ's.
func (tr *translator) queueAssignment(s *grammar.Statement, on *grammar.Interface, o *grammar.OptQueue, opts []grammar.FilterOpt, setsPrio bool) {
	group := setGroup(opts)
	var names []string
	if o.Queue.Name != nil {
		names = append(names, o.Queue.Name.Text())
	}
	for _, n := range o.Queue.Pair {
		names = append(names, n.Text())
	}
	at := s.Position(o.Pos)
	kinds := map[treeKind]bool{}
	for _, n := range names {
		k, err := tr.assignedKind(n, on)
		if err != nil {
			tr.note(at, true, "%v; the queue assignment is left as it is", err)
			return
		}
		kinds[k] = true
	}
	switch {
	case kinds[treePrio] && len(kinds) > 1:
		tr.note(at, true, "%s names a queue that became a queue and one that became a priority (PRIQ): split the rule; the queue assignment is left as it is", s.Source.Text(s.NodeSpan(o.Pos, o.EndPos)))
		return
	case kinds[treePrio] && setsPrio:
		tr.dropOption(s, o, opts)
		tr.note(at, false, "the rule sets its priority already: %s is dropped, not turned into a second set prio", s.Source.Text(s.NodeSpan(o.Pos, o.EndPos)))
		return
	case kinds[treePrio]:
		tr.queueOption(s, on, o, opts)
		return
	}
	items := []string{"queue " + tr.queueRefText(names)}
	if tr.opts.To == ToBoth && !kinds[treeNew] {
		if setsPrio {
			tr.note(at, false, "the rule sets its priority already: it gets set queue, not a second set prio")
		} else if p, err := tr.prioText(names, on); err != nil {
			tr.note(at, true, "%v; the rule gets set queue but no set prio", err)
		} else {
			items = append(items, p)
		}
	}
	sp := s.NodeSpan(o.Pos, o.EndPos)
	switch {
	case group != nil && !groupFromMacro(s, group):
		last := group.Group[len(group.Group)-1]
		end := s.NodeSpan(last.Pos, last.EndPos).End
		tr.edit(s.Source, edit.Edit{Start: end, End: end, NewText: ", " + strings.Join(items, ", ")})
		tr.dropOption(s, o, opts)
	case len(items) == 1:
		tr.edit(s.Source, edit.Edit{Start: sp.Start, End: sp.End, NewText: spaced(s.Source.Bytes, sp.End, "set "+items[0])})
	default:
		tr.edit(s.Source, edit.Edit{Start: sp.Start, End: sp.End, NewText: "set (" + strings.Join(items, ", ") + ")"})
	}
}

// dropOption deletes the rule option o (one of opts, the rule's options
// in order) and the blanks before it, with the comma that parts it from
// the option after it or, when there is none, from the one before:
// pf.conf's options are `filter_opts comma filter_opt`, where the comma
// may be left out, so `queue q, set (tos 0)` would leave `, set (tos 0)`
// and `tag t, queue q` a trailing comma, neither of which loads. The
// comma is found between o and its neighbour, as dropSetItem finds a set
// item's. When a word stands right after what is deleted (`queue q)set
// …`), one blank stays so the words around it do not run together.
func (tr *translator) dropOption(s *grammar.Statement, o grammar.FilterOpt, opts []grammar.FilterOpt) {
	b := s.Source.Bytes
	sp := s.NodeSpan(o.Bounds())
	start, end := sp.Start, sp.End
	comma := func(from, to int) bool { return from < to && bytes.IndexByte(b[from:to], ',') >= 0 }
	if i := slices.Index(opts, o); i >= 0 {
		if i+1 < len(opts) {
			if next := s.NodeSpan(opts[i+1].Bounds()); comma(end, next.Start) {
				end = next.Start
			}
		}
		if end == sp.End && i > 0 {
			if prev := s.NodeSpan(opts[i-1].Bounds()); comma(prev.End, start) {
				start = prev.End
			}
		}
	}
	for start > 0 && (b[start-1] == ' ' || b[start-1] == '\t') {
		start--
	}
	keep := ""
	if start < sp.Start && end < len(b) && !isBlank(b[end]) {
		keep = " "
	}
	tr.edit(s.Source, edit.Edit{Start: start, End: end, NewText: keep})
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// queueRefText is `q` or `(q, ack)`, names spelled for the target.
func (tr *translator) queueRefText(names []string) string {
	if len(names) == 1 {
		return tr.quote(names[0])
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = tr.quote(n)
	}
	return "(" + strings.Join(quoted, ", ") + ")"
}

// prioText is `prio N` or `prio (N, M)` for the queues, as the prio
// translation writes it.
func (tr *translator) prioText(names []string, on *grammar.Interface) (string, error) {
	var prios []int
	for _, n := range names {
		p, err := tr.prioFor(n, on)
		if err != nil {
			return "", err
		}
		prios = append(prios, p)
	}
	if len(prios) == 2 && prios[1] != prios[0] {
		return fmt.Sprintf("prio (%d, %d)", prios[0], prios[1]), nil
	}
	return fmt.Sprintf("prio %d", prios[0]), nil
}

// assignedKind is what the queue a rule assigns became: a queue (it must
// then be a leaf on every interface the rule may use) or a priority. The
// interfaces are those the rule names with `on`, when they have the
// queue, else every interface that has it.
func (tr *translator) assignedKind(name string, on *grammar.Interface) (treeKind, error) {
	ifaces := tr.queues.byQueue[name]
	if len(ifaces) == 0 {
		for _, q := range tr.model.NewQueues {
			if q.Name == name {
				return treeNew, nil // the model checks it as pfctl does
			}
		}
		return 0, fmt.Errorf("queue %s is not defined on any ALTQ interface (a typo sends this traffic to the default queue)", name)
	}
	if on != nil {
		var named []*model.Interface
		for _, it := range on.Items {
			if it.Not || it.Name == nil {
				continue
			}
			for _, iface := range ifaces {
				if iface.Name == it.Name.Text() {
					named = append(named, iface)
				}
			}
		}
		if len(named) > 0 {
			ifaces = named
		}
	}
	kind := treeKind(-1)
	for _, iface := range ifaces {
		p := tr.queues.byIface[iface]
		switch {
		case p.kind == treeLeft:
			return 0, fmt.Errorf("queue %s is on %s, whose queues are left in place", name, iface.Name)
		case kind >= 0 && p.kind != kind:
			return 0, fmt.Errorf("queue %s became a queue on one interface and a priority (PRIQ) on another: name the interface with `on` or split the rule", name)
		}
		kind = p.kind
		if p.kind != treeQueues {
			continue
		}
		for q, nq := range p.byQueue {
			if q.Name == name && len(q.Children) > 0 {
				return 0, fmt.Errorf("queue %s has child queues on %s (%s): OpenBSD assigns packets to leaf queues only; assign one of them", nq.name, iface.Name, childNames(q))
			}
		}
	}
	return kind, nil
}
