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

// ruleOptions reads the queue and priority options of a rule.
func (b *builder) ruleOptions(s *grammar.Statement, r *Rule, opts []grammar.FilterOpt) {
	// pfctl's filter_opt and filter_set keep one queue assignment, the
	// `queue` option's or `set queue`'s: a second is an error.
	queued := false
	redefined := func(at grammar.Offset) bool {
		if queued {
			b.parseErr(QueueRedefined, s.Position(at), "queue cannot be redefined")
			return true
		}
		queued = true
		return false
	}
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptQueue:
			if redefined(o.Pos) || !b.queueAssign(s, r, o.Queue, false) {
				return
			}
		case *grammar.OptPrio:
			p, ok := b.prio(s, o.Prio, false)
			if !ok {
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
					p, ok := b.prio(s, it.Prio, true)
					if !ok {
						return
					}
					r.Prio = p
				case it.Queue != nil:
					if redefined(it.Pos) || !b.queueAssign(s, r, it.Queue, true) {
						return
					}
				}
			}
		}
	}
}

// prio reads `N` or `(N, M)`: each must be 0–7 ("prio must be 0 - 7").
func (b *builder) prio(s *grammar.Statement, ps *grammar.PrioSpec, set bool) (*Prio, bool) {
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
	for _, v := range p.Values {
		if v < 0 || v > prioMax {
			b.parseErr(PrioRange, p.Pos, "prio must be 0 - %d", prioMax)
			return nil, false
		}
	}
	return p, true
}

// queueAssign reads a queue assignment. Where the target's pfctl checks
// assignments (the queueing of OpenBSD 5.5 and later), the queues must be
// defined before the rule, and only non-root queues count.
func (b *builder) queueAssign(s *grammar.Statement, r *Rule, qr *grammar.QueueRef, set bool) bool {
	qa := &QueueAssign{Set: set, Range: rangeFrom(s, qr.Pos, qr.EndPos)}
	var names []string
	if qr.Name != nil {
		names = []string{qr.Name.Text()}
	} else {
		for _, n := range qr.Pair {
			names = append(names, n.Text())
		}
	}
	if len(names) == 0 {
		return true
	}
	qa.Name = names[0]
	if len(names) > 1 {
		qa.Ack = names[1]
	}
	if queueAssignmentsChecked(b.t) {
		from := int(qr.Pos)
		for _, n := range names {
			nr := nameRange(s, from, n)
			from = nr.End
			if b.nq.find(n) == nil {
				b.parseErr(QueueUndefined, nr.Pos, "queue %s is not defined", n).About(n)
				return false
			}
		}
	}
	r.Queue = qa
	return true
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
