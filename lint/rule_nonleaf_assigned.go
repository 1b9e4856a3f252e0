package lint

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var nonLeafAssigned = &Rule{
	ID:       "PF113",
	Name:     "nonleaf-queue-assigned",
	Severity: Error,
	Summary:  "a rule assigns a queue that has child queues",
	Doc: `Only leaf queues hold packets in OpenBSD's queues and in ALTQ HFSC: the
kernel sends what a rule assigns to an inner queue to the default queue
instead. pfctl catches it only for root queues ("packets must be assigned to
leaf queues only"); an inner queue below the root passes unnoticed. Assign
one of its children.`,
	Bad: `queue rootq on em0 bandwidth 10M
queue web parent rootq bandwidth 5M
queue webin parent web bandwidth 4M default
queue webout parent web bandwidth 1M
pass out on em0 proto tcp to port 80 set queue web
`,
	Good: `queue rootq on em0 bandwidth 10M
queue web parent rootq bandwidth 5M
queue webin parent web bandwidth 4M default
queue webout parent web bandwidth 1M
pass out on em0 proto tcp to port 80 set queue webout
`,
	Claims: []grammar.Code{model.QueueNotLeafAssigned},
	Run:    runNonLeafAssigned,
}

func runNonLeafAssigned(p *Pass) {
	for _, e := range p.Claimed() {
		p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg + ": assign one of its children",
			Related: p.queueDefinedHere(e.Subject)})
	}
	inner := map[string]bool{}
	for _, q := range p.Model.NewQueues {
		if !q.IsRoot() && !q.IsLeaf() {
			inner[q.Name] = true
		}
	}
	for _, iface := range p.Model.Interfaces {
		if iface.Scheduler != model.HFSC {
			continue
		}
		for _, q := range iface.Queues {
			if !q.IsRoot() && len(q.Children) > 0 {
				inner[q.Name] = true
			}
		}
	}
	for _, r := range p.Model.Rules {
		if r.Queue == nil {
			continue
		}
		for _, n := range []string{r.Queue.Name, r.Queue.Ack} {
			if n != "" && inner[n] {
				p.Report(Diagnostic{Range: p.nameRange(r.Stmt, r.Queue.Range, n),
					Message: fmt.Sprintf("queue %s has child queues: only leaf queues hold packets, and the kernel sends this rule's traffic to the default queue; assign one of its children", n),
					Related: p.queueDefinedHere(n)})
			}
		}
	}
}
