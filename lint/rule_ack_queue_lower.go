package lint

import (
	"fmt"
)

var ackQueueLower = &Rule{
	ID:       "PF104",
	Name:     "ack-queue-lower",
	Severity: Warning,
	Summary:  "the ACK queue of queue (data, ack) has a lower priority than the data queue",
	Doc: `In queue (data, ack) the second queue takes TCP ACKs without payload and
lowdelay packets, so that downloads are not held up behind uploads. It only
helps when the ACK queue ranks above the data queue; ranked below, every ACK
waits behind the data and every download slows down. Swap the names, or give
the ACK queue the higher priority.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ack }
queue std priority 5 priq(default)
queue ack priority 1
pass out on em0 proto tcp queue (std, ack)
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ack }
queue std priority 1 priq(default)
queue ack priority 5
pass out on em0 proto tcp queue (std, ack)
`,
	Run: func(p *Pass) {
		for _, r := range p.Model.Rules {
			for _, ap := range p.ackPairs(r) {
				if ap.ackPri < ap.dataPri {
					p.Report(Diagnostic{Range: p.nameRange(r.Stmt, r.Queue.Range, r.Queue.Ack),
						Message: fmt.Sprintf("ACK queue %s (priority %d) ranks below its data queue %s (priority %d) on %s: ACKs wait behind the data; swap them or raise %s",
							ap.ack.Name, ap.ackPri, ap.data.Name, ap.dataPri, ap.iface.Name, ap.ack.Name),
						Related: append(p.queueDefinedHere(ap.ack.Name), p.queueDefinedHere(ap.data.Name)...)})
					break
				}
			}
		}
	},
}
