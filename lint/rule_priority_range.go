package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var priorityRange = &Rule{
	ID:       "PF108",
	Name:     "priority-range",
	Severity: Error,
	Summary:  "a priority out of the range of its scheduler or of prio",
	Doc: `Queue priorities are 0-7 for CBQ and 0-15 for PRIQ (HFSC ignores them),
and prio / set prio take 0-7. pfctl refuses anything else: "priority out of
range: max 7", "prio must be 0 - 7".`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Mb queue { std }
queue std bandwidth 100% priority 9 cbq(default)
`,
	Good: `altq on em0 cbq bandwidth 10Mb queue { std }
queue std bandwidth 100% priority 7 cbq(default)
`,
	Claims: []grammar.Code{model.PriorityRange, model.PrioRange},
	Run: func(p *Pass) {
		claimedWithAdvice(p, func(e *grammar.Error) string {
			if e.Code == model.PrioRange {
				return "priorities run from 0 (lowest) to 7"
			}
			return "CBQ takes 0-7, PRIQ 0-15"
		})
	},
}
