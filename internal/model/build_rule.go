package model

import (
	"github.com/pfshape/pfshape/grammar"
)

// filterRule is a pass, block or match rule.
func (b *builder) filterRule(s *grammar.Statement, depth int) {
	fr := s.Rule
	r := &Rule{Action: fr.Action, AnchorDepth: depth, Range: stmtRange(s), Stmt: s}
	r.Interfaces = ruleInterfaces(s, fr.On)
	b.ruleOptions(s, r, fr.Options)
	b.m.Rules = append(b.m.Rules, r)
}

// anchorRule is `anchor NAME …` (and nat-anchor, …): its options may
// assign queues too.
func (b *builder) anchorRule(s *grammar.Statement, depth int) {
	ar := s.Anchor
	r := &Rule{Action: ar.Kind, AnchorDepth: depth, Range: stmtRange(s), Stmt: s}
	r.Interfaces = ruleInterfaces(s, ar.On)
	b.ruleOptions(s, r, ar.Options)
	b.m.Rules = append(b.m.Rules, r)
}

func ruleInterfaces(s *grammar.Statement, on *grammar.Interface) []OnInterface {
	if on == nil {
		return nil
	}
	var out []OnInterface
	for _, it := range on.Items {
		name := ""
		switch {
		case it.Name != nil:
			name = it.Name.Text()
		case it.Paren != nil:
			name = it.Paren.Text()
		case it.Any:
			name = "any"
		}
		out = append(out, OnInterface{Name: name, Not: it.Not, Range: rangeAt(s, it.Pos)})
	}
	return out
}

// ruleOptions reads the queue and priority options of a rule. It reports
// nothing: the errors of these options are pfctl's parser's, reported in
// reading order with the rule's other options (filterOpts). It reads as
// far as pfctl would: up to a second queue assignment, a prio out of
// range or a queue not defined.
func (b *builder) ruleOptions(s *grammar.Statement, r *Rule, opts []grammar.FilterOpt) {
	queued := false
	assign := func(qr *grammar.QueueRef, set bool) bool {
		if queued || !b.queueAssign(s, r, qr, set) {
			return false
		}
		queued = true
		return true
	}
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptQueue:
			if !assign(o.Queue, false) {
				return
			}
		case *grammar.OptPrio:
			p := b.prio(s, o.Prio, false)
			if p == nil {
				return
			}
			if barePrio(b.t) {
				r.Prio = p
			} else {
				r.MatchPrio = p
			}
		case *grammar.OptSet:
			for _, it := range o.Set.Items() {
				switch {
				case it.Prio != nil:
					p := b.prio(s, it.Prio, true)
					if p == nil {
						return
					}
					r.Prio = p
				case it.Queue != nil:
					if !assign(it.Queue, true) {
						return
					}
				}
			}
		}
	}
}

// prio reads `N` or `(N, M)`; nil when a value is out of 0–7 ("prio must
// be 0 - 7", prioInRange).
func (b *builder) prio(s *grammar.Statement, ps *grammar.PrioSpec, set bool) *Prio {
	if !prioInRange(ps) {
		return nil
	}
	p := &Prio{Set: set, Range: rangeAt(s, ps.Pos)}
	if ps.Prio != nil {
		p.Values = []int{*ps.Prio}
	} else {
		p.Values = append(p.Values, ps.Pair...)
		p.End = s.Span.End
		for _, t := range s.Tokens.All() {
			if t.Span.Start > int(ps.Pos) && t.Text == ")" {
				p.End = t.Span.End
				break
			}
		}
	}
	return p
}

// prioInRange reports whether the values of `N` or `(N, M)` are 0–7.
func prioInRange(ps *grammar.PrioSpec) bool {
	values := ps.Pair
	if ps.Prio != nil {
		values = []int{*ps.Prio}
	}
	for _, v := range values {
		if v < 0 || v > prioMax {
			return false
		}
	}
	return true
}

// queueAssign reads a queue assignment; false, and nothing read, when a
// queue is not defined (undefinedQueue).
func (b *builder) queueAssign(s *grammar.Statement, r *Rule, qr *grammar.QueueRef, set bool) bool {
	names := assignedNames(qr)
	if len(names) == 0 {
		return true
	}
	if _, _, undefined := b.undefinedQueue(s, qr); undefined {
		return false
	}
	qa := &QueueAssign{Set: set, Range: rangeFrom(s, qr.Pos, qr.EndPos), Name: names[0]}
	if len(names) > 1 {
		qa.Ack = names[1]
	}
	r.Queue = qa
	return true
}

// undefinedQueue is the first queue of an assignment that is not defined
// before the rule, where the target's pfctl checks assignments (the
// queueing of OpenBSD 5.5 and later): only non-root queues count.
func (b *builder) undefinedQueue(s *grammar.Statement, qr *grammar.QueueRef) (string, Range, bool) {
	if !queueAssignmentsChecked(b.t) {
		return "", Range{}, false
	}
	names := assignedNames(qr)
	for i, n := range names {
		if b.nq.find(n) != nil {
			continue
		}
		// Where the name is, found only for the message.
		return n, namesRange(s, int(qr.Pos), names[:i+1]), true
	}
	return "", Range{}, false
}

// assignedNames are the queue and the ACK queue of an assignment.
func assignedNames(qr *grammar.QueueRef) []string {
	if qr.Name != nil {
		return []string{qr.Name.Text()}
	}
	var names []string
	for _, n := range qr.Pair {
		names = append(names, n.Text())
	}
	return names
}

// checkAssignedLeaves is pfctl_leafqueue_check: packets go to leaf queues
// only. pfctl compares the names with its root queues and its list of
// non-root definitions, and only the roots have children in that list,
// so in effect it catches a name that is both a non-root queue (else the
// rule failed with "is not defined") and a root with children. pfctl
// prints it without a line; it is reported on the rule.
func (b *builder) checkAssignedLeaves() {
	if !queueAssignmentsChecked(b.t) {
		return
	}
	inner := map[string]bool{} // roots with children, by name
	for _, t := range b.m.QueueTrees {
		if len(t.Children) > 0 {
			inner[t.Def.Name] = true
		}
	}
	for _, r := range b.m.Rules {
		if r.Queue == nil {
			continue
		}
		for _, n := range []string{r.Queue.Name, r.Queue.Ack} {
			if n != "" && inner[n] {
				b.loadErr(QueueNotLeafAssigned, reportPos(r.Stmt), "queue %s: packets must be assigned to leaf queues only", n).About(n)
				break
			}
		}
	}
}
