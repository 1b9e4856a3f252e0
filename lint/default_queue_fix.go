package lint

import (
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
)

// queueChoice is a queue to mark default, and how.
type queueChoice struct {
	name      string
	stmt      *grammar.Statement
	scheduler model.Scheduler // "" for a new queue: `default` alone
}

// catchAll are queue names that say "everything else".
var catchAll = map[string]bool{"default": true, "def": true, "std": true, "standard": true, "other": true, "others": true, "misc": true, "rest": true}

func isCatchAll(name string) bool { return catchAll[strings.ToLower(name)] }

// altqDefaultCandidate is the leaf queue of an ALTQ interface to make
// default: the one named like a catch-all, else the one ranked lowest
// (model.RankOf, the ranking the translation to set prio uses), which is
// where unclassified traffic belongs.
func altqDefaultCandidate(m *model.Model, ifname string) *queueChoice {
	var best *model.Queue
	for _, iface := range m.Interfaces {
		if iface.Name != ifname || iface.Scheduler == model.CODEL {
			continue
		}
		for _, q := range iface.Queues {
			if q.IsRoot() || len(q.Children) > 0 || q.Def == nil || q.Def.Stmt == nil || q.Def.Stmt.Stmt == nil {
				continue
			}
			switch {
			case best == nil:
				best = q
			case isCatchAll(q.Name) != isCatchAll(best.Name):
				if isCatchAll(q.Name) {
					best = q
				}
			case model.RankOf(q, iface.Scheduler).Compare(model.RankOf(best, iface.Scheduler)) < 0:
				best = q
			}
		}
		if best != nil {
			return &queueChoice{name: best.Name, stmt: best.Def.Stmt, scheduler: iface.Scheduler}
		}
	}
	return nil
}

// newQueueDefaultCandidate is the leaf of a queue tree to make default:
// the one named like a catch-all, else the first.
func newQueueDefaultCandidate(m *model.Model, root string) *queueChoice {
	for _, r := range m.QueueTrees {
		if r.Def == nil || r.Def.Name != root {
			continue
		}
		var leaves []*model.NewQueueNode
		var walk func(n *model.NewQueueNode)
		walk = func(n *model.NewQueueNode) {
			if len(n.Children) == 0 && n != r {
				leaves = append(leaves, n)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(r)
		var best *model.NewQueueNode
		for _, l := range leaves {
			if best == nil || (isCatchAll(l.Def.Name) && !isCatchAll(best.Def.Name)) {
				best = l
			}
		}
		if best != nil && best.Def.Stmt != nil && best.Def.Stmt.Stmt != nil {
			return &queueChoice{name: best.Def.Name, stmt: best.Def.Stmt}
		}
	}
	return nil
}

// defaultQueueFix marks the chosen queue default.
func (p *Pass) defaultQueueFix(c *queueChoice) []Fix {
	if c == nil {
		return nil
	}
	e, ok := c.edit()
	if !ok {
		return nil
	}
	return []Fix{{Message: "add the missing default queue: make " + c.name + " the default",
		Edits: []FileEdit{p.Edit(c.stmt.Source, grammar.Span{Start: e.Start, End: e.End}, e.NewText)}}}
}

// edit is the text that marks the queue default: `default` added to the
// scheduler's flags (`priq(red)` → `priq(default red)`), or the
// scheduler's flag word added at the end of the definition
// (` priq(default)`), or ` default` on a new queue. There is none when
// the place is inside a macro's expansion.
func (c *queueChoice) edit() (edit.Edit, bool) {
	toks := c.stmt.Tokens
	last := toks.Len() - 1
	for last >= 0 && (toks.At(last).Kind == grammar.Newline || toks.At(last).Kind == grammar.EOF) {
		last--
	}
	if last < 0 || toks.At(last).Macro != nil {
		return edit.Edit{}, false
	}
	end := toks.At(last).Span.End
	if c.scheduler == model.NoScheduler {
		return edit.Edit{Start: end, End: end, NewText: " default"}, true
	}
	for i, t := range toks.All() {
		if t.Text == string(c.scheduler) && i+1 < toks.Len() && isPunct(toks.At(i+1), "(") && t.Macro == nil && toks.At(i+1).Macro == nil {
			at := toks.At(i + 1).Span.End
			text := "default "
			if i+2 < toks.Len() && isPunct(toks.At(i+2), ")") {
				text = "default"
			}
			return edit.Edit{Start: at, End: at, NewText: text}, true
		}
	}
	return edit.Edit{Start: end, End: end, NewText: " " + string(c.scheduler) + "(default)"}, true
}
