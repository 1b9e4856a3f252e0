package lint

import (
	"github.com/pfshape/pfshape/internal/model"
)

var childrenSum = &Rule{
	ID:       "PF111",
	Name:     "children-sum",
	Severity: Warning,
	Summary:  "the children of a queue ask for more bandwidth than it has",
	Doc: `Each child may stay within its parent, and yet together they may ask for
more than the parent has: pfctl only warns ("the sum of the child bandwidth
higher than parent") and loads the ruleset, and the children then get less
than their bandwidth says. Make the children's bandwidths add up to at most
the parent's (percentages: at most 100%).`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Mb queue { std, ssh }
queue std bandwidth 60% cbq(default)
queue ssh bandwidth 60%
`,
	Good: `altq on em0 cbq bandwidth 10Mb queue { std, ssh }
queue std bandwidth 60% cbq(default)
queue ssh bandwidth 40%
`,
	Run: runChildrenSum,
}

func runChildrenSum(p *Pass) {
	for _, iface := range p.Model.Interfaces {
		if iface.Scheduler == model.PRIQ || iface.Scheduler == model.CODEL {
			continue
		}
		for _, q := range iface.Queues {
			if len(q.Children) == 0 || !q.Rate.Known {
				continue
			}
			var sum uint64
			known := true
			for _, c := range q.Children {
				known = known && c.Rate.Known
				sum += c.Rate.Bits
			}
			if !known || sum <= q.Rate.Bits {
				continue
			}
			r := p.RangeOf(iface.Range)
			name := "interface " + iface.Name
			if !q.IsRoot() {
				r = p.RangeOf(q.Def.Range)
				name = "queue " + q.Name
			}
			p.Reportf(r, "the children of %s ask for %s in all, more than its %s: pfctl only warns, and they get less than they ask",
				name, rate(sum), rate(q.Rate.Bits))
		}
	}
	for _, q := range p.Model.NewQueues {
		for _, n := range q.Nodes {
			if len(n.Children) == 0 || q.Bandwidth == nil {
				continue
			}
			var sum uint64
			for _, c := range n.Children {
				if c.Def.Bandwidth != nil {
					sum += c.Def.Bandwidth.M2.Bits
				}
			}
			if sum > q.Bandwidth.M2.Bits {
				p.Reportf(p.RangeOf(q.Range), "the children of queue %s ask for %s in all, more than its %s",
					q.Name, rate(sum), rate(q.Bandwidth.M2.Bits))
				break
			}
		}
	}
}
