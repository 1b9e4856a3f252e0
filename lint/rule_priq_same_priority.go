package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var priqSamePriority = &Rule{
	ID:       "PF107",
	Name:     "priq-same-priority",
	Severity: Error,
	Summary:  "two PRIQ queues of an interface share a priority",
	Doc: `PRIQ serves queues strictly by priority, so each queue of an interface
needs its own (0-15); pfctl refuses two with the same: "std and bulk have the
same priority". Give each queue a distinct priority.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, bulk }
queue std priority 1 priq(default)
queue bulk priority 1
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, bulk }
queue std priority 2 priq(default)
queue bulk priority 1
`,
	Claims: func(_ target.Target, msg string) bool {
		return contains(msg, "have the same priority", "does not have a unique priority")
	},
	Run: func(p *Pass) {
		claimedWithAdvice(p, func(*grammar.Error) string {
			return "PRIQ needs a distinct priority for each queue of an interface"
		})
	},
}
