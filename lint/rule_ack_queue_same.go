package lint

import (
	"fmt"
)

var ackQueueSame = &Rule{
	ID:       "PF105",
	Name:     "ack-queue-same",
	Severity: Info,
	Summary:  "the ACK queue of queue (data, ack) is the data queue, or has its priority",
	Doc: `queue (data, ack) sends TCP ACKs and lowdelay packets to the second queue
so that they overtake the data. Naming the same queue twice, or two queues of
the same priority, gives them no advantage: write queue data alone, or rank
the ACK queue higher.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ack }
queue std priority 1 priq(default)
queue ack priority 5
pass out on em0 proto tcp queue (std, std)
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ack }
queue std priority 1 priq(default)
queue ack priority 5
pass out on em0 proto tcp queue (std, ack)
`,
	Run: func(p *Pass) {
		for _, r := range p.Model.Rules {
			if r.Queue == nil || r.Queue.Ack == "" {
				continue
			}
			if r.Queue.Ack == r.Queue.Name {
				p.Reportf(p.RangeOf(r.Queue.Range), "queue (%s, %s) names the same queue twice: ACKs get no head start; write queue %s, or give ACKs a queue of their own",
					r.Queue.Name, r.Queue.Ack, r.Queue.Name)
				continue
			}
			for _, ap := range p.ackPairs(r) {
				if ap.ackPri == ap.dataPri {
					p.Report(Diagnostic{Range: p.nameRange(r.Stmt, r.Queue.Range, r.Queue.Ack),
						Message: fmt.Sprintf("ACK queue %s has the priority of its data queue %s (%d) on %s: ACKs get no head start; raise %s",
							ap.ack.Name, ap.data.Name, ap.dataPri, ap.iface.Name, ap.ack.Name),
						Related: append(p.queueDefinedHere(ap.ack.Name), p.queueDefinedHere(ap.data.Name)...)})
					break
				}
			}
		}
	},
}
