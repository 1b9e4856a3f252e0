package model

import "github.com/pfshape/pfshape/grammar"

// WithInterfaceSpeeds reads the same file again as if the kernel reported
// the given speeds (bit/s, by interface name): pfctl takes an altq line's
// interface bandwidth from the kernel when the line has no absolute
// bandwidth (none at all, or a percentage of the speed), which pfshape
// cannot know unless it is told. It returns the new model and the
// parse-time errors; Check on it reports the load-time errors with the
// speeds known. Interfaces whose altq line has an absolute bandwidth keep
// it, as in pfctl.
func (m *Model) WithInterfaceSpeeds(speeds map[string]uint64) (*Model, grammar.ErrorList) {
	if m == nil || m.file == nil {
		return m, nil
	}
	mm := build(m.file, m.Target, speeds)
	return mm, append(grammar.ErrorList(nil), mm.parseErrs...)
}

// kernelRate is the interface bandwidth pfctl's eval_pfaltq computes from
// the speed the kernel reports: all of it, or a percentage of it (division
// first). Unknown when no speed was given for the interface.
func (b *builder) kernelRate(iface *Interface) Rate {
	speed, ok := b.m.speeds[iface.Name]
	if !ok || speed == 0 {
		return Rate{}
	}
	if iface.Bandwidth != nil && iface.Bandwidth.Percent > 0 {
		return Rate{Bits: speed / 100 * uint64(iface.Bandwidth.Percent), Known: true}
	}
	return Rate{Bits: speed, Known: true}
}
