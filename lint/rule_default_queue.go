package lint

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var defaultQueue = &Rule{
	ID:       "PF106",
	Name:     "default-queue",
	Severity: Error,
	Summary:  "an interface has no default queue, more than one, or one with children",
	Doc: `Traffic that no rule assigns goes to the default queue, so pfctl wants
exactly one per interface, and a leaf: "should have one default queue on
em0", "default queue is not a leaf". Mark one leaf queue default
(cbq(default), priq(default), hfsc(default), or default on a new queue).`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1
queue ssh priority 7
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
`,
	Claims: func(_ target.Target, msg string) bool {
		return hasPrefix(msg, "should have one default queue on ", "no default queue specified", "default queue is not a leaf") ||
			contains(msg, "would make default queue") ||
			(strings.HasPrefix(msg, "default queue ") && strings.HasSuffix(msg, " is not a leaf queue"))
	},
	Run: func(p *Pass) {
		claimedWithAdvice(p, func(e *grammar.Error) string {
			if name, ok := strings.CutPrefix(e.Msg, "should have one default queue on "); ok {
				var defs []string
				for _, iface := range p.Model.Interfaces {
					if iface.Name != name {
						continue
					}
					for _, q := range iface.Queues {
						if q.Flags.Default && (!q.IsRoot() || iface.Scheduler == "cbq") {
							defs = append(defs, q.Name)
						}
					}
				}
				if len(defs) == 0 {
					return name + " has none; mark one leaf queue default"
				}
				return fmt.Sprintf("%s has %d (%s); keep default on one of them", name, len(defs), strings.Join(defs, ", "))
			}
			if strings.HasPrefix(e.Msg, "no default queue") {
				return "mark one leaf queue of the tree default"
			}
			return "the default queue must be a leaf; move default to one of its children"
		})
	},
}
