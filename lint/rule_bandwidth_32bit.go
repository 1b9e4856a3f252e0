package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var bandwidth32 = &Rule{
	ID:       "PF101",
	Name:     "bandwidth-32bit",
	Severity: Error,
	Summary:  "a bandwidth at or above 2^32 bit/s that the target truncates",
	Doc: `The kernel keeps bandwidth in 32-bit fields in ALTQ on OpenBSD (every
scheduler), on FreeBSD before 12.0 (every scheduler) and FreeBSD 12.0+ for
CBQ, PRIQ, FAIRQ and CODEL, and in the service curves of OpenBSD's new
queues. A value of 2^32 bit/s (about 4.29 Gbit/s) or more wraps or is
clamped without an error: 10Gb becomes 1.41 Gbit/s. Percentages count as
what they resolve to: 50% of a 10G interface is 5 Gbit/s. The message gives
the value, the limit and what the kernel uses. Use HFSC on FreeBSD 12.0+, or
keep every value below 4294967295 bit/s.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Gb queue { std }
queue std bandwidth 100% cbq(default)
`,
	Good: `altq on em0 cbq bandwidth 4Gb queue { std }
queue std bandwidth 100% cbq(default)
`,
	Run: runBandwidth32,
}

func runBandwidth32(p *Pass) {
	m := p.Model
	t := m.Target
	for _, iface := range m.Interfaces {
		if !altqTruncates(t, iface.Scheduler) {
			continue
		}
		var ifMeant uint64
		if bw := iface.Bandwidth; bw != nil && !bw.IsPercent {
			ifMeant = bw.Written
			if ifMeant > limit32 {
				p.Reportf(p.RangeOf(bw.Range), "interface bandwidth %s is %s, above the 32-bit limit %d bit/s of %s %s: the kernel uses %s",
					bw.Text, rate(ifMeant), uint64(limit32), t, iface.Scheduler, rate(iface.Rate.Bits))
			}
		}
		meant := map[*model.Queue]uint64{}
		for _, q := range iface.Queues {
			if q.IsRoot() {
				meant[q] = ifMeant
				continue
			}
			ref := ifMeant
			if q.Parent != nil {
				ref = meant[q.Parent]
			}
			bw := q.Def.Bandwidth
			switch {
			case bw == nil:
				meant[q] = ref
			case !bw.IsPercent:
				meant[q] = bw.Written
			default:
				meant[q] = ref / 100 * uint64(bw.Percent)
			}
			if bw == nil || meant[q] <= limit32 || iface.Scheduler == model.PRIQ || iface.Scheduler == model.CODEL {
				continue
			}
			uses := uint64(uint32(meant[q]))
			if q.Rate.Known {
				uses = q.Rate.Bits
			}
			what := bw.Text
			if bw.IsPercent {
				what = bw.Text + " of " + rate(ref)
			}
			p.Reportf(p.RangeOf(bw.Range), "bandwidth of queue %s (%s) is %s, above the 32-bit limit %d bit/s of %s %s: the kernel uses %s",
				q.Name, what, rate(meant[q]), uint64(limit32), t, iface.Scheduler, rate(uses))
		}
	}
	// Service curves: ALTQ HFSC and the new queues.
	newQueue := newQueueStatements(m)
	for _, u := range p.bandwidthUses() {
		if u.what == "bandwidth" && u.stmt != nil && (u.stmt.Altq != nil || !newQueue[u.stmt]) {
			continue // done above
		}
		bw := u.bw
		if bw.IsPercent || bw.Written <= limit32 {
			continue
		}
		if !newQueue[u.stmt] && !altqTruncates(t, model.HFSC) {
			continue
		}
		p.Reportf(p.RangeOf(bw.Range), "%s %s is %s, above the 32-bit limit %d bit/s of the kernel's service curves on %s: the kernel uses %s",
			u.what, bw.Text, rate(bw.Written), uint64(limit32), t, rate(uint64(uint32(bw.Bits))))
	}
}

// newQueueStatements are the statements that define new-style queues.
func newQueueStatements(m *model.Model) map[*grammar.Statement]bool {
	out := make(map[*grammar.Statement]bool, len(m.NewQueues))
	for _, q := range m.NewQueues {
		out[q.Stmt] = true
	}
	return out
}
