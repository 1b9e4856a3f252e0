package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
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
	Claims: []grammar.Code{model.QueueNoParent, model.ALTQParentUndefined, model.QueueParentUndefined},
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
			switch e.Code {
			case model.QueueNoParent:
				return "list it in the altq line's queue { … } or in its parent's" + suggestion(e.Subject, listed)
			case model.QueueParentUndefined:
				return "define the parent queue" + suggestion(e.Subject, parents)
			}
			return ""
		})
	},
}
