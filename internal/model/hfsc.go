package model

import (
	"fmt"
	"math/big"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// checkHFSC is pfctl_altq.c's eval_pfqueue_hfsc admission control for a
// queue about to be added: curve shapes, real-time curves within 80% of
// the interface, link-share curves of the children within the parent's,
// and the upper limit. Checks that need an unknown rate are skipped.
func (b *builder) checkHFSC(q *Queue, at grammar.Position) bool {
	rt, ls, ul := q.Realtime, q.Linkshare, q.Upperlimit
	if !curveKnown(rt) || !curveKnown(ls) || !curveKnown(ul) {
		return true
	}
	zeroM2 := func(c *CurveRate) bool { return c != nil && c.M1.Bits > 0 && c.M2.Bits == 0 }
	if zeroM2(rt) || zeroM2(ls) || zeroM2(ul) {
		b.parseErr(HFSCM2Zero, at, "m2 is zero for %s", q.Name)
		return false
	}
	convex := func(c *CurveRate) bool { return c != nil && c.M1.Bits != 0 && c.M1.Bits < c.M2.Bits }
	// OpenBSD's copy tests the real-time curve only (its condition names
	// rtsc three times); FreeBSD's tests all three.
	if convex(rt) || (b.t.OS == target.FreeBSD && (convex(ls) || convex(ul))) {
		b.parseErr(HFSCConvexM1, at, "m1 must be zero for convex curve: %s", q.Name)
		return false
	}
	iface := q.Interface
	if !iface.Rate.Known {
		return true
	}
	if rt != nil && rt.M2.Bits != 0 {
		sum := []*CurveRate{rt}
		for _, o := range iface.Queues {
			if o.Realtime != nil && !o.IsRoot() && (!mapBasedALTQ(b.t) || o.Parent == q.Parent) {
				sum = append(sum, o.Realtime)
			}
		}
		limit := iface.Rate.Bits / 100 * 80
		if !curvesUnder(sum, CurveRate{M2: Rate{Bits: limit, Known: true}}) {
			b.parseErr(HFSCRealtime80, at, "real-time sc exceeds 80%% of the interface bandwidth (%s)", rateString(limit))
			return false
		}
	}
	if ls != nil && ls.M2.Bits != 0 && q.Parent != nil && q.Parent.Linkshare != nil && curveKnown(q.Parent.Linkshare) {
		sum := []*CurveRate{ls}
		for _, o := range q.Parent.Children {
			if o.Linkshare != nil && curveKnown(o.Linkshare) {
				sum = append(sum, o.Linkshare)
			}
		}
		if !curvesUnder(sum, *q.Parent.Linkshare) {
			b.parseErr(HFSCLinkshareAboveParent, at, "linkshare sc exceeds parent's sc")
			return false
		}
	}
	if ul != nil && ul.M2.Bits != 0 {
		if ul.M1.Bits > iface.Rate.Bits || ul.M2.Bits > iface.Rate.Bits {
			b.parseErr(HFSCUpperlimitAboveInterface, at, "upper-limit larger than interface bandwidth")
			return false
		}
		if rt != nil && rt.M2.Bits != 0 && rt.M2.Bits > ul.M2.Bits {
			b.parseErr(HFSCUpperlimitBelowRealtime, at, "upper-limit sc smaller than real-time sc")
			return false
		}
	}
	return true
}

func curveKnown(c *CurveRate) bool { return c == nil || (c.M1.Known && c.M2.Known) }

// curvesUnder reports whether the sum of the curves stays at or below
// limit everywhere. All are two-piece linear (m1 for d ms, then m2), so
// it is enough to compare at every breakpoint and the final slopes; the
// arithmetic is exact (bit/s times ms overflows 64 bits).
func curvesUnder(curves []*CurveRate, limit CurveRate) bool {
	xs := []uint64{limit.D}
	var slopeBig big.Int
	for _, c := range curves {
		if c.M1.Bits == 0 && c.M2.Bits == 0 {
			continue // pfctl skips null curves
		}
		xs = append(xs, c.D)
		slopeBig.Add(&slopeBig, new(big.Int).SetUint64(c.M2.Bits))
	}
	if slopeBig.Cmp(new(big.Int).SetUint64(limit.M2.Bits)) > 0 {
		return false
	}
	for _, x := range xs {
		var sum big.Int
		for _, c := range curves {
			if c.M1.Bits == 0 && c.M2.Bits == 0 {
				continue
			}
			sum.Add(&sum, curveAt(c, x))
		}
		if sum.Cmp(curveAt(&limit, x)) > 0 {
			return false
		}
	}
	return true
}

// curveAt is the service a curve has given by time x (ms), in bit/s·ms.
func curveAt(c *CurveRate, x uint64) *big.Int {
	m1, m2 := new(big.Int).SetUint64(c.M1.Bits), new(big.Int).SetUint64(c.M2.Bits)
	if x <= c.D {
		return m1.Mul(m1, new(big.Int).SetUint64(x))
	}
	y := m1.Mul(m1, new(big.Int).SetUint64(c.D))
	return y.Add(y, m2.Mul(m2, new(big.Int).SetUint64(x-c.D)))
}

// rateString prints a rate as pfctl's rate2str does: `80Mb`, `1.50Kb`.
func rateString(bits uint64) string {
	const units = " KMG"
	i := 0
	div := uint64(1)
	for bits/div >= 1000 && i <= 3 {
		div *= 1000
		i++
	}
	unit := byte(0)
	if i < len(units) {
		unit = units[i]
	}
	whole, frac := bits/div, bits%div
	if frac*100/div != 0 {
		cents := (frac*100 + div/2) / div // %.2f rounds
		if cents == 100 {
			whole, cents = whole+1, 0
		}
		return fmt.Sprintf("%d.%02d%cb", whole, cents, unit)
	}
	if unit == ' ' {
		return fmt.Sprintf("%d b", whole)
	}
	return fmt.Sprintf("%d%cb", whole, unit)
}
