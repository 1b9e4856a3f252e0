package lint

import (
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var queueNoParent = &Rule{
	ID:       "PF109",
	Name:     "queue-no-parent",
	Severity: Error,
	Summary:  "a queue that no altq line or parent queue lists",
	Doc: `An ALTQ queue must be named in the queue { … } list of its altq line or
of its parent queue, and a new-style queue's parent must exist; pfctl
refuses the ruleset otherwise ("queue ssh has no parent"). Usually the name
is misspelt in one of the two places; the message suggests the closest name
listed.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, shh }
queue std priority 1 priq(default)
queue ssh priority 7
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
`,
	Claims: func(_ target.Target, msg string) bool {
		return strings.HasSuffix(msg, " has no parent") || contains(msg, "not found for ") ||
			(strings.HasPrefix(msg, "queue ") && strings.Contains(msg, ": parent ") && strings.HasSuffix(msg, " not found"))
	},
	Run: func(p *Pass) {
		var listed []string
		for _, i := range p.Model.Interfaces {
			for _, c := range i.Children {
				listed = append(listed, c.Name)
			}
		}
		for _, d := range p.Model.QueueDefs {
			for _, c := range d.Children {
				listed = append(listed, c.Name)
			}
		}
		parents := definedQueues(p.Model)
		claimedWithAdvice(p, func(e *grammar.Error) string {
			if name, ok := strings.CutSuffix(strings.TrimPrefix(e.Msg, "queue "), " has no parent"); ok {
				return "list it in the altq line's queue { … } or in its parent's" + suggestion(name, listed)
			}
			if i := strings.Index(e.Msg, ": parent "); i >= 0 {
				name := strings.TrimSuffix(e.Msg[i+len(": parent "):], " not found")
				return "define the parent queue" + suggestion(name, parents)
			}
			return ""
		})
	},
}
