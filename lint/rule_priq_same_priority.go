package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
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
	Claims: []grammar.Code{model.PriqSamePriority},
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code,
				Message: e.Msg + ": PRIQ needs a distinct priority for each queue of an interface",
				Related: p.queueDefinedHere(e.Subject)})
		}
	},
}
