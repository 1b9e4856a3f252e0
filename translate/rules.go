package translate

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
)

// ruleFunc handles one filter or anchor rule.
type ruleFunc func(s *grammar.Statement, on *grammar.Interface, opts []grammar.FilterOpt)

// eachRule visits every filter and anchor rule, in anchor bodies and
// included files too.
func eachRule(stmts []*grammar.Statement, fn ruleFunc) {
	grammar.Walk(stmts, func(s *grammar.Statement, _ int) {
		if s.Stmt != nil {
			switch {
			case s.Rule != nil:
				fn(s, s.Rule.On, s.Rule.Options)
			case s.Anchor != nil:
				fn(s, s.Anchor.On, s.Anchor.Options)
			}
		}
	})
}

// barePrioChanges reports whether a bare `prio` (OpenBSD 5.0–5.1, where
// it sets the priority) must become `set prio` for the target.
func (tr *translator) barePrioChanges() bool {
	return tr.file.Target.HasBarePrioAction() && !tr.opts.Target.HasBarePrioAction()
}

// setsPrio reports whether a rule sets its priority itself.
func (tr *translator) setsPrio(opts []grammar.FilterOpt) bool {
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptPrio:
			if tr.file.Target.HasBarePrioAction() {
				return true
			}
		case *grammar.OptSet:
			if setItemsPrio(o.Set) {
				return true
			}
		}
	}
	return false
}

// rule translates the queue assignment and the bare prio of one rule.
func (tr *translator) rule(s *grammar.Statement, on *grammar.Interface, opts []grammar.FilterOpt) {
	barePrio, setsPrio := tr.barePrioChanges(), tr.setsPrio(opts)
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptQueue:
			if sharesMacro(s, o) {
				tr.noteSharedMacro(s, o)
				continue
			}
			if setsPrio && tr.resolvable(o.Queue, on) {
				// The rule says its priority already; the queue's would
				// contradict it, and its shaping is lost anyway.
				sp := s.NodeSpan(o.Pos, o.EndPos)
				tr.dropOption(s, o, opts)
				tr.note(s.Position(o.Pos), false, "the rule sets its priority already: %s is dropped, not turned into a second set prio", s.Source.Text(sp))
			} else {
				tr.queueOption(s, on, o, opts)
			}
		case *grammar.OptPrio:
			if barePrio {
				// `prio N` set the priority on OpenBSD 5.0–5.1; from 5.2 the same
				// words only match packets that already have it.
				tr.edit(s.Source, edit.Edit{Start: int(o.Pos), End: int(o.Pos), NewText: "set "})
			}
		case *grammar.OptSet:
			for _, it := range o.Set.Items() {
				if it.Queue != nil {
					tr.setQueuePrio(s, on, o, it, opts)
				}
			}
		}
	}
}

// setGroup returns the rule's `set ( … )` group, if it has one.
func setGroup(opts []grammar.FilterOpt) *grammar.SetAction {
	for _, o := range opts {
		if o, ok := o.(*grammar.OptSet); ok && len(o.Set.Group) > 0 {
			return o.Set
		}
	}
	return nil
}

// queueOption replaces `queue q` / `queue (q, ack)` with `set prio …`, or,
// when the rule has a `set ( … )` group, adds `prio …` to the group and
// drops the queue option.
func (tr *translator) queueOption(s *grammar.Statement, on *grammar.Interface, o *grammar.OptQueue, opts []grammar.FilterOpt) {
	group := setGroup(opts)
	q := o.Queue
	names := []string{}
	if q.Name != nil {
		names = append(names, q.Name.Text())
	}
	for _, n := range q.Pair {
		names = append(names, n.Text())
	}
	at := s.Position(o.Pos)
	var prios []int
	for _, n := range names {
		p, err := tr.prioFor(n, on)
		if err != nil {
			tr.note(at, true, "%v; the queue assignment is left as it is", err).Interface = tr.unmapped[n]
			return
		}
		prios = append(prios, p)
	}
	text := fmt.Sprintf("prio %d", prios[0])
	if len(prios) == 2 && prios[1] != prios[0] {
		text = fmt.Sprintf("prio (%d, %d)", prios[0], prios[1])
	}
	sp := s.NodeSpan(o.Pos, o.EndPos)
	if group != nil && !groupFromMacro(s, group) {
		last := group.Group[len(group.Group)-1]
		end := s.NodeSpan(last.Pos, last.EndPos).End
		tr.edit(s.Source, edit.Edit{Start: end, End: end, NewText: ", " + text})
		tr.dropOption(s, o, opts)
		return
	}
	tr.edit(s.Source, edit.Edit{Start: sp.Start, End: sp.End, NewText: spaced(s.Source.Bytes, sp.End, "set "+text)})
}

// prioFor is the priority a queue name becomes for a rule: the mapping of
// the interfaces the rule names, or of every interface that has the queue
// when they all agree.
func (tr *translator) prioFor(name string, on *grammar.Interface) (int, error) {
	cands := tr.byName[name]
	if iface, ok := tr.unmapped[name]; ok && len(cands) == 0 {
		return 0, fmt.Errorf("queue %s is on %s, which could not be mapped", name, iface)
	}
	if len(cands) == 0 {
		return 0, fmt.Errorf("queue %s is not defined on any ALTQ interface (a typo sends this traffic to the default queue)", name)
	}
	if on != nil {
		var named []*Mapping
		for _, it := range on.Items {
			if it.Not || it.Name == nil {
				continue
			}
			for _, m := range cands {
				if m.Interface == it.Name.Text() {
					named = append(named, m)
				}
			}
		}
		if len(named) > 0 {
			cands = named
		}
	}
	first, _ := cands[0].Prio(name)
	var differ []string
	for _, m := range cands {
		p, _ := m.Prio(name)
		differ = append(differ, fmt.Sprintf("%d on %s", p, m.Interface))
		if p != first {
			return 0, fmt.Errorf("queue %s becomes prio %s: name the interface with `on` or split the rule", name, strings.Join(differ, " but "))
		}
	}
	return first, nil
}

func setItemsPrio(a *grammar.SetAction) bool {
	if a.Item != nil && a.Item.Prio != nil {
		return true
	}
	for _, it := range a.Group {
		if it.Prio != nil {
			return true
		}
	}
	return false
}

// resolvable reports whether every queue a queue option names has a
// priority for the rule. An option that names an unknown queue is always
// left in place and reported, whatever else the rule says.
func (tr *translator) resolvable(q *grammar.QueueRef, on *grammar.Interface) bool {
	names := []string{}
	if q.Name != nil {
		names = append(names, q.Name.Text())
	}
	for _, n := range q.Pair {
		names = append(names, n.Text())
	}
	for _, n := range names {
		if _, err := tr.prioFor(n, on); err != nil {
			return false
		}
	}
	return true
}

// spaced keeps new text from running into what follows it: pfctl reads
// `3#comment` as the word "3", not the number 3, so text that ends in a
// letter or digit gets a space when the byte after it is not white space
// or one that ends a word for pfctl (`,`, `)`, `}`).
func spaced(src []byte, end int, text string) string {
	if end >= len(src) || text == "" {
		return text
	}
	last := text[len(text)-1]
	alnum := last >= '0' && last <= '9' || last >= 'a' && last <= 'z' || last >= 'A' && last <= 'Z'
	switch src[end] {
	case ' ', '\t', '\n', '\r', ',', ')', '}':
		return text // blanks, and what ends a word for pfctl's lexer
	}
	if alnum {
		return text + " "
	}
	return text
}
