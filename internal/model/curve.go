package model

// ServiceCurve is an HFSC (or FAIRQ) service curve, or a curve of the
// queueing that replaced ALTQ: M1 for the first D milliseconds, then M2.
// A curve written as one bandwidth has only M2.
type ServiceCurve struct {
	M1 *Bandwidth
	D  uint64 // milliseconds
	M2 Bandwidth
	Range
}

// CurveRate is a service curve resolved to bit/s.
type CurveRate struct {
	M1 Rate
	D  uint64
	M2 Rate
}

// resolve resolves the curve's bandwidths against ref, as pfctl's
// eval_queue_opts does with the parent's bandwidth.
func (c *ServiceCurve) resolve(ref Rate) *CurveRate {
	if c == nil {
		return nil
	}
	out := &CurveRate{D: c.D, M2: ref.of(c.M2)}
	if c.M1 != nil {
		out.M1 = ref.of(*c.M1)
	} else {
		out.M1 = Rate{Known: true}
	}
	return out
}

// Rate is a bandwidth resolved to bit/s. Known is false when it depends
// on the interface speed pfctl asks the kernel for, which pfshape cannot
// know.
type Rate struct {
	Bits  uint64
	Known bool
}

// of resolves a bandwidth against r (its parent's rate). An absolute
// value is known whatever the parent.
func (r Rate) of(b Bandwidth) Rate {
	if b.Bits > 0 {
		return Rate{Bits: b.Bits, Known: true}
	}
	if !r.Known {
		return Rate{}
	}
	return Rate{Bits: b.Resolve(r.Bits), Known: true}
}
