package shapediff

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// ruleKey is a rule's text with its class options (queue, prio, set prio,
// set queue) taken out, macros expanded: two versions of a rule that differ
// only in their class have the same key.
func ruleKey(r *model.Rule) string {
	s := r.Stmt
	var opts []grammar.FilterOpt
	switch {
	case s.Rule != nil:
		opts = s.Rule.Options
	case s.Anchor != nil:
		opts = s.Anchor.Options
	}
	var skip []grammar.Span
	for _, o := range opts {
		class := false
		switch o := o.(type) {
		case *grammar.OptQueue, *grammar.OptPrio:
			class = true
		case *grammar.OptSet:
			class = setsClass(o.Set)
		}
		if class {
			skip = append(skip, s.NodeSpan(o.Bounds()))
		}
	}
	var words []string
	toks := s.Tokens
	if s.HasBody && toks.Len() > 0 {
		toks = toks.Slice(0, toks.Len()-1)
	}
next:
	for _, t := range toks.All() {
		for _, sp := range skip {
			if t.Span.Start >= sp.Start && t.Span.Start < sp.End {
				continue next
			}
		}
		words = append(words, t.Text)
	}
	return strings.Join(words, " ")
}

func setsClass(a *grammar.SetAction) bool {
	items := a.Group
	if a.Item != nil {
		items = append(items, a.Item)
	}
	for _, it := range items {
		if it.Prio != nil || it.Queue != nil {
			return true
		}
	}
	return false
}

// classText is what a rule does for shaping, in pf's words.
func classText(r *model.Rule) string {
	var parts []string
	if q := r.Queue; q != nil {
		word := "queue"
		if q.Set {
			word = "set queue"
		}
		if q.Ack != "" {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", word, q.Name, q.Ack))
		} else {
			parts = append(parts, word+" "+q.Name)
		}
	}
	if p := r.Prio; p != nil {
		word := "prio"
		if p.Set {
			word = "set prio"
		}
		if len(p.Values) == 2 {
			parts = append(parts, fmt.Sprintf("%s (%d, %d)", word, p.Values[0], p.Values[1]))
		} else if len(p.Values) == 1 {
			parts = append(parts, fmt.Sprintf("%s %d", word, p.Values[0]))
		}
	}
	return strings.Join(parts, ", ")
}

func ruleSubject(key string) string {
	const max = 72
	if len(key) > max {
		key = key[:max-1] + "…"
	}
	return fmt.Sprintf("rule %q", key)
}

// rules pairs the rules of the two versions by key (the k-th rule of a key
// in the old file with the k-th in the new) and reports class changes, and
// added or removed rules that carry a class.
func (d *differ) rules() {
	type entry struct {
		r   *model.Rule
		key string
	}
	index := func(m *model.Model) (map[string][]entry, []string) {
		out := map[string][]entry{}
		var order []string
		for _, r := range m.Rules {
			k := ruleKey(r)
			if _, ok := out[k]; !ok {
				order = append(order, k)
			}
			out[k] = append(out[k], entry{r, k})
		}
		return out, order
	}
	old, oldOrder := index(d.old)
	cur, curOrder := index(d.new)
	for _, k := range curOrder {
		for i, n := range cur[k] {
			nc := classText(n.r)
			if i >= len(old[k]) {
				if nc != "" {
					d.add(Change{Kind: Added, Subject: ruleSubject(k), New: nc}, n.r.Pos)
				}
				continue
			}
			if oc := classText(old[k][i].r); oc != nc {
				d.add(Change{Kind: Changed, Subject: ruleSubject(k), Field: "class", Old: oc, New: nc}, n.r.Pos)
			}
		}
	}
	for _, k := range oldOrder {
		for i, o := range old[k] {
			if i >= len(cur[k]) {
				if oc := classText(o.r); oc != "" {
					d.add(Change{Kind: Removed, Subject: ruleSubject(k), Old: oc}, o.r.Pos)
				}
			}
		}
	}
}
