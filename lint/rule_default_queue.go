package lint

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var defaultQueue = &Rule{
	ID:       "PF106",
	Name:     "default-queue",
	Severity: Error,
	Summary:  "an interface has no default queue, more than one, or one with children",
	Doc: `Traffic that no rule assigns goes to the default queue, so pfctl wants
exactly one per interface, and a leaf: "should have one default queue on
em0", "default queue is not a leaf". Mark one leaf queue default
(cbq(default), priq(default), hfsc(default), or default on a new queue).
Where there is none, the fix marks the leaf named like a catch-all (std,
default, other, …), else the one ranked lowest, as the translation to set
prio ranks them (priority; for HFSC real-time, then link-share rate).`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1
queue ssh priority 7
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
`,
	Fixable:     true,
	UnsafeFixes: true,
	Claims:      []grammar.Code{model.ALTQDefaultCount, model.QueueNoDefault, model.DefaultNotLeaf},
	Run:         runDefaultQueue,
}

func runDefaultQueue(p *Pass) {
	for _, e := range p.Claimed() {
		d := Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg}
		advice := "the default queue must be a leaf; move default to one of its children"
		switch e.Code {
		case model.ALTQDefaultCount:
			name := e.Subject
			var defs []string
			for _, iface := range p.Model.Interfaces {
				if iface.Name != name {
					continue
				}
				for _, q := range iface.Queues {
					if q.Flags.Default && (!q.IsRoot() || iface.Scheduler == "cbq") {
						defs = append(defs, q.Name)
						d.Related = append(d.Related, p.queueDefinedHere(q.Name)...)
					}
				}
			}
			if len(defs) == 0 {
				advice = name + " has none; mark one leaf queue default"
				d.Fixes = p.defaultQueueFix(altqDefaultCandidate(p.Model, name))
			} else {
				advice = fmt.Sprintf("%s has %d (%s); keep default on one of them", name, len(defs), strings.Join(defs, ", "))
			}
		case model.QueueNoDefault:
			advice = "mark one leaf queue of the tree default"
			d.Fixes = p.defaultQueueFix(newQueueDefaultCandidate(p.Model, e.Subject))
		case model.DefaultNotLeaf:
			d.Related = p.queueDefinedHere(e.Subject)
		}
		d.Message += ": " + advice
		p.Report(d)
	}
}
