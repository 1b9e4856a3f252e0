package model

import (
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// queueOpts are the options of an altq or queue line once read, the way
// pfctl's queue_opts rule collects them.
type queueOpts struct {
	on        []OnInterface
	bandwidth *Bandwidth
	priority  *int
	qlimit    *int
	tbrsize   *int
	scheduler Scheduler
	flags     Flags
	ls        *ServiceCurve
	rt        *ServiceCurve
	ul        *ServiceCurve
	// the queueing that replaced ALTQ
	parent     *QueueName
	min, max   *ServiceCurve
	isDefault  bool
	flows      *int
	quantum    *int
	bwRange    Range
	schedRange Range
}

// readQueueOpts reads the options, reporting pfctl's parse-time errors.
// Like pfctl, it stops at the first error: the statement is then dropped.
// newStyle selects the options of the queueing that replaced ALTQ.
func (b *builder) readQueueOpts(s *grammar.Statement, opts []*grammar.QueueOpt, newStyle bool) (queueOpts, bool) {
	var q queueOpts
	seen := map[string]bool{}
	respecified := func(o *grammar.QueueOpt, what, msg string) bool {
		if seen[what] {
			b.parseErr(QueueOptionRespecified, s.Position(o.Pos), "%s", msg)
			return true
		}
		seen[what] = true
		return false
	}
	for _, o := range opts {
		r := rangeFrom(s, o.Pos, o.EndPos)
		switch {
		case o.On != nil:
			for _, it := range o.On.Items {
				name := ""
				if it.Name != nil {
					name = it.Name.Text()
				}
				q.on = append(q.on, OnInterface{Name: name, Not: it.Not, Range: rangeAt(s, it.Pos)})
			}
		case o.Bandwidth != nil:
			if respecified(o, "bandwidth", "bandwidth cannot be respecified") {
				return q, false
			}
			if newStyle {
				sc, ok := b.readSCSpec(s, o.Bandwidth)
				if !ok {
					return q, false
				}
				q.ls = sc
				q.bandwidth = &sc.M2
			} else {
				bw, ok := b.readBandwidth(s, o.Bandwidth.Pos, o.Bandwidth.Value)
				if !ok {
					return q, false
				}
				q.bandwidth = &bw
			}
			q.bwRange = r
		case o.Min != nil, o.Max != nil:
			spec, dst := o.Min, &q.min
			if o.Max != nil {
				spec, dst = o.Max, &q.max
			}
			sc, ok := b.readSCSpec(s, spec)
			if !ok {
				return q, false
			}
			*dst = sc
		case o.Parent != nil:
			if respecified(o, "parent", "parent cannot be respecified") {
				return q, false
			}
			q.parent = &QueueName{Name: o.Parent.Text(), Range: r}
		case o.Priority != nil:
			if respecified(o, "priority", "priority cannot be respecified") {
				return q, false
			}
			if *o.Priority < 0 || *o.Priority > 255 {
				b.parseErr(PriorityRange, s.Position(o.Pos), "priority out of range: max 255")
				return q, false
			}
			q.priority = o.Priority
		case o.Qlimit != nil:
			if respecified(o, "qlimit", "qlimit cannot be respecified") {
				return q, false
			}
			if *o.Qlimit < 0 || *o.Qlimit > 65535 {
				b.parseErr(QlimitRange, s.Position(o.Pos), "qlimit out of range: max 65535")
				return q, false
			}
			q.qlimit = o.Qlimit
		case o.Tbrsize != nil:
			if respecified(o, "tbrsize", "tbrsize cannot be respecified") {
				return q, false
			}
			if max := tbrsizeMax(b.t); *o.Tbrsize < 0 || int64(*o.Tbrsize) > max {
				b.parseErr(TbrsizeRange, s.Position(o.Pos), "tbrsize too big: max %d", max)
				return q, false
			}
			q.tbrsize = o.Tbrsize
		case o.Flows != nil:
			if respecified(o, "flows", "number of flows cannot be respecified") {
				return q, false
			}
			if *o.Flows < 1 || *o.Flows > 32767 {
				b.parseErr(FlowsRange, s.Position(o.Pos), "number of flows out of range: max 32767")
				return q, false
			}
			q.flows = o.Flows
		case o.Quantum != nil:
			if respecified(o, "quantum", "quantum cannot be respecified") {
				return q, false
			}
			if *o.Quantum < 1 || *o.Quantum > 65535 {
				b.parseErr(QuantumRange, s.Position(o.Pos), "quantum out of range: max 65535")
				return q, false
			}
			q.quantum = o.Quantum
		case o.Default:
			if respecified(o, "default", "default cannot be respecified") {
				return q, false
			}
			q.isDefault = true
		case o.Scheduler != nil:
			if respecified(o, "scheduler", "scheduler cannot be respecified") {
				return q, false
			}
			q.schedRange = r
			if !b.readScheduler(s, o.Scheduler, &q) {
				return q, false
			}
		}
	}
	return q, true
}

// readScheduler reads `cbq(…)`, `hfsc(…)`, …: flags and HFSC/FAIRQ curves.
func (b *builder) readScheduler(s *grammar.Statement, sc *grammar.Scheduler, q *queueOpts) bool {
	q.scheduler = Scheduler(sc.Name)
	allowed := schedulerFlags(b.t, q.scheduler)
	for _, so := range sc.Opts {
		switch {
		case so.Flag != nil:
			word := so.Flag.Text()
			if !allowed[word] {
				b.parseErr(SchedulerFlagUnknown, s.Position(so.Pos), `unknown %s flag "%s"`, q.scheduler.flagName(), word)
				return false
			}
			q.flags.set(word)
		case so.Curve != "":
			if q.scheduler != HFSC && !(q.scheduler == FAIRQ && so.Curve == "linkshare") {
				b.parseErr(grammar.Syntax, s.Position(so.Pos), "syntax error")
				return false
			}
			dst := map[string]**ServiceCurve{"linkshare": &q.ls, "realtime": &q.rt, "upperlimit": &q.ul}[so.Curve]
			if *dst != nil {
				b.parseErr(CurveRespecified, s.Position(so.Pos), "%s already specified", so.Curve)
				return false
			}
			curve, ok := b.readCurve(s, so)
			if !ok {
				return false
			}
			*dst = curve
		case so.Param != "":
			// FAIRQ's buckets and hogs, CoDel's target and interval.
			ok := (q.scheduler == FAIRQ && (so.Param == "buckets" || so.Param == "hogs")) ||
				(q.scheduler == CODEL && (so.Param == "target" || so.Param == "interval"))
			if !ok {
				b.parseErr(grammar.Syntax, s.Position(so.Pos), "syntax error")
				return false
			}
		}
	}
	return true
}

// readCurve reads an ALTQ service curve: `BW` or `(m1 d m2)`.
func (b *builder) readCurve(s *grammar.Statement, so *grammar.SchedOpt) (*ServiceCurve, bool) {
	sc := so.SC
	if sc == nil {
		return nil, false
	}
	out := &ServiceCurve{Range: rangeAt(s, so.Pos)}
	if sc.BW != nil {
		bw, ok := b.readBandwidthText(s, int(sc.Pos), *sc.BW)
		if !ok {
			return nil, false
		}
		out.M2 = bw
		out.End = bw.End
		return out, true
	}
	if sc.M1 == nil || sc.D == nil || sc.M2 == nil {
		return nil, false
	}
	m1, ok := b.readBandwidthText(s, int(sc.Pos), *sc.M1)
	if !ok {
		return nil, false
	}
	d, err := strconv.ParseInt(sc.D.Text(), 10, 64)
	if err != nil {
		b.parseErr(grammar.Syntax, nameRange(s, m1.End, sc.D.Text()).Pos, "syntax error")
		return nil, false
	}
	if d < 0 || d > 1<<31-1 {
		b.parseErr(CurveTimingRange, nameRange(s, m1.End, sc.D.Text()).Pos, "timing in curve out of range")
		return nil, false
	}
	m2, ok := b.readBandwidthText(s, m1.End, *sc.M2)
	if !ok {
		return nil, false
	}
	out.M1, out.D, out.M2 = &m1, uint64(d), m2
	out.End = m2.End
	return out, true
}

// readSCSpec reads a bandwidth of the queueing that replaced ALTQ:
// `BW [burst BW for Nms]`. Percentages are refused ("no bandwidth in %
// yet").
func (b *builder) readSCSpec(s *grammar.Statement, spec *grammar.Bandwidth) (*ServiceCurve, bool) {
	m2, ok := b.readBandwidth(s, spec.Pos, spec.Value)
	if !ok {
		return nil, false
	}
	sc := &ServiceCurve{M2: m2, Range: rangeFrom(s, spec.Pos, spec.EndPos)}
	if spec.Burst != nil {
		m1, ok := b.readBandwidthText(s, m2.End, *spec.Burst)
		if !ok {
			return nil, false
		}
		sc.M1 = &m1
		forText := ""
		if spec.BurstFor != nil {
			forText = spec.BurstFor.Text()
		}
		// strtoul, then the rest must be exactly "ms": `ms` alone is 0.
		ms, ok := strings.CutSuffix(forText, "ms")
		d, err := uint64(0), error(nil)
		if ms != "" {
			d, err = strconv.ParseUint(ms, 10, 64)
		}
		if !ok || err != nil {
			b.parseErr(CurveTimeUnit, nameRange(s, m1.End, forText).Pos, "time in scspec must be in ms")
			return nil, false
		}
		sc.D = d
		if m1.IsPercent {
			b.parseErr(BandwidthPercentUnsupported, reportPos(s), "no bandwidth in %% yet")
			return nil, false
		}
	}
	if m2.IsPercent {
		b.parseErr(BandwidthPercentUnsupported, reportPos(s), "no bandwidth in %% yet")
		return nil, false
	}
	return sc, true
}

// readBandwidth reads the bandwidth token at p.
func (b *builder) readBandwidth(s *grammar.Statement, p grammar.Offset, v grammar.Str) (Bandwidth, bool) {
	return b.readBandwidthText(s, int(p), v)
}

// readBandwidthText reads the bandwidth written v, the first such token at
// or after offset from, reporting pfctl's error at the token.
func (b *builder) readBandwidthText(s *grammar.Statement, from int, v grammar.Str) (Bandwidth, bool) {
	text := v.Text()
	r := Range{Pos: s.Pos(), End: s.Span.End}
	number := false
	for _, t := range s.Tokens.All() {
		if t.Span.Start >= from && t.Text == text {
			r = Range{Pos: t.Pos(), End: t.Span.End}
			number = t.Kind == grammar.Number
			break
		}
	}
	bw, msg := ParseBandwidth(text, number, b.t)
	bw.Range = r
	if msg != "" {
		b.parseErr(BandwidthInvalid, r.Pos, "%s", msg)
		return bw, false
	}
	return bw, true
}
