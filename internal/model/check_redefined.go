package model

import (
	"math"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// filterOpts is pfctl's struct filter_opts while its parser reads the
// options of one filter or anchor rule (filter_opt, filter_set): which of
// the options it takes once were given. The second is refused in the
// option's action, at that option, with the target's words; the first
// refusal ends the statement (YYERROR). The value errors pfctl raises in
// the same actions (a prio out of range, a queue not defined, a set delay
// or max-pkt-rate out of range) are reported here too, in pfctl's order.
// Which checks a release has is in dialect.go.
type filterOpts struct {
	b *builder
	s *grammar.Statement
	// the FOM_ markers and the pointers pfctl tests
	flags, icmp, tos, keep, label, queue, prio, setPrio, setTos, nat, rdr, received bool
	// labels counts the labels where a rule takes several.
	labels int
	// delay and pktRate are the last set delay and max-pkt-rate count:
	// pfctl tests the value it kept, so a first one of 0 does not count.
	delay, pktRate int
}

func (b *builder) newFilterOpts(s *grammar.Statement) *filterOpts {
	return &filterOpts{b: b, s: s}
}

// opt reads one option; false when pfctl refuses it.
func (fo *filterOpts) opt(o grammar.FilterOpt) bool {
	t := fo.b.t
	pos, _ := o.Bounds()
	base := filterOptsChecked(t)
	switch o := o.(type) {
	case *grammar.OptFlags:
		return fo.once(base, &fo.flags, pos, FlagsRedefined, "flags cannot be redefined")
	case *grammar.OptIcmpType, *grammar.OptIcmp6Type:
		return fo.once(base, &fo.icmp, pos, ICMPTypeRedefined, "icmp-type cannot be redefined")
	case *grammar.OptTos:
		// an illegal value ended the statement in the parser
		return grammar.TosValid(o.Tos) && fo.once(base, &fo.tos, pos, TosRedefined, "tos cannot be redefined")
	case *grammar.StateSpec:
		return fo.once(base, &fo.keep, pos, StateRedefined, "modulate or keep cannot be redefined")
	case *grammar.OptLabel:
		return fo.labelOpt(base, pos)
	case *grammar.OptQueue:
		return fo.queueOpt(o.Pos, o.Queue)
	case *grammar.OptPrio:
		return fo.prioOpt(o)
	case *grammar.OptNatTo, *grammar.OptBinatTo:
		return fo.once(translationOptsChecked(t), &fo.nat, pos, NatToRespecified, "cannot respecify nat-to/binat-to")
	case *grammar.OptRdrTo:
		return fo.once(translationOptsChecked(t), &fo.rdr, pos, RdrToRespecified, "cannot respecify rdr-to")
	case *grammar.OptAfTo:
		// af-to fills both the nat-to and the rdr-to slot of
		// filter_opts, but tests only the first.
		if !afToChecked(t) {
			return true
		}
		if !fo.once(true, &fo.nat, pos, AfToRespecified, "cannot respecify af-to") {
			return false
		}
		fo.rdr = true
	case *grammar.OptReceivedOn:
		return fo.once(translationOptsChecked(t), &fo.received, pos, ReceivedOnRespecified, "cannot respecify received-on")
	case *grammar.OptMaxPktRate:
		return fo.maxPktRate(o)
	case *grammar.OptSet:
		for _, it := range o.Set.Items() {
			if !fo.setItem(it) {
				return false
			}
		}
	}
	return true
}

// once marks an option taken once; when checked and already marked, it
// reports the second at pos.
func (fo *filterOpts) once(checked bool, seen *bool, pos grammar.Offset, code grammar.Code, msg string) bool {
	if !checked {
		return true
	}
	if *seen {
		fo.b.parseErr(code, fo.s.Position(pos), "%s", msg)
		return false
	}
	*seen = true
	return true
}

// labelOpt is one label: FreeBSD 13 and later count them, the others take
// one.
func (fo *filterOpts) labelOpt(checked bool, pos grammar.Offset) bool {
	if !labelsCounted(fo.b.t) {
		return fo.once(checked, &fo.label, pos, LabelRedefined, "label cannot be redefined")
	}
	if fo.labels >= labelCountMax {
		fo.b.parseErr(LabelTooMany, fo.s.Position(pos), "label can only be used %d times", labelCountMax)
		return false
	}
	fo.labels++
	return true
}

// queueOpt is `queue …` or `set queue …`. The new queueing's qname looks
// the queue up as it is read, before the action tests for a second
// assignment.
func (fo *filterOpts) queueOpt(pos grammar.Offset, qr *grammar.QueueRef) bool {
	if name, nr, ok := fo.b.undefinedQueue(fo.s, qr); ok {
		fo.b.parseErr(QueueUndefined, nr.Pos, "queue %s is not defined", name).About(name)
		return false
	}
	return fo.once(filterOptsChecked(fo.b.t), &fo.queue, pos, QueueRedefined, "queue cannot be redefined")
}

// prioOpt is `prio N`: an action on OpenBSD 5.0–5.1, whose range is
// checked; elsewhere a match criterion of one number (the parser reported
// `prio (N, M)`), refused twice before its range is checked.
func (fo *filterOpts) prioOpt(o *grammar.OptPrio) bool {
	if !barePrio(fo.b.t) {
		if len(o.Prio.Pair) > 0 ||
			!fo.once(prioCriterionChecked(fo.b.t), &fo.prio, o.Pos, PrioRedefined, "prio cannot be redefined") {
			return false
		}
	}
	return fo.prioRange(o.Prio)
}

// setItem is one setting of `set …` or `set ( … )`. A setting the target
// does not have, or an illegal tos, is a syntax error the parser reported:
// the statement ends there.
func (fo *filterOpts) setItem(it *grammar.SetItem) bool {
	t := fo.b.t
	switch {
	case it.Prio != nil && !t.HasSetPrio(), it.Queue != nil && !t.HasSetQueue(),
		it.Tos != nil && !grammar.TosValid(*it.Tos), it.Delay != nil && t.OS == target.FreeBSD:
		return false
	case it.Prio != nil:
		// the prio rule checks the range before filter_set's action
		return fo.prioRange(it.Prio) &&
			fo.once(setPrioChecked(t), &fo.setPrio, it.Pos, SetPrioRedefined, "prio cannot be redefined")
	case it.Queue != nil:
		return fo.queueOpt(it.Pos, it.Queue)
	case it.Tos != nil:
		return fo.once(setTosChecked(t), &fo.setTos, it.Pos, SetTosRespecified, "tos cannot be respecified")
	case it.Delay != nil:
		if !delayAndPktRateChecked(t) {
			return true
		}
		if fo.delay != 0 {
			fo.b.parseErr(SetDelayRespecified, fo.s.Position(it.Pos), "delay cannot be respecified")
			return false
		}
		if d := *it.Delay; d < 0 || d > math.MaxUint16 {
			fo.b.parseErr(OptionValueInvalid, fo.s.Position(it.Pos), "illegal delay value %d (0-%d)", d, math.MaxUint16)
			return false
		}
		fo.delay = *it.Delay
	}
	return true
}

// maxPktRate is `max-pkt-rate N/S`: both numbers 0–UINT_MAX, then a second
// refused when the first's count was not 0.
func (fo *filterOpts) maxPktRate(o *grammar.OptMaxPktRate) bool {
	if !delayAndPktRateChecked(fo.b.t) {
		return true
	}
	r := o.MaxPktRate
	if r.Count < 0 || r.Count > math.MaxUint32 || r.Seconds < 0 || r.Seconds > math.MaxUint32 {
		fo.b.parseErr(OptionValueInvalid, fo.s.Position(o.Pos), "only positive values permitted")
		return false
	}
	if fo.pktRate != 0 {
		fo.b.parseErr(MaxPktRateRespecified, fo.s.Position(o.Pos), "cannot respecify max-pkt-rate")
		return false
	}
	fo.pktRate = r.Count
	return true
}

// prioRange reports a prio value out of 0–7 ("prio must be 0 - 7").
func (fo *filterOpts) prioRange(ps *grammar.PrioSpec) bool {
	if prioInRange(ps) {
		return true
	}
	fo.b.parseErr(PrioRange, fo.s.Position(ps.Pos), "prio must be 0 - %d", prioMax)
	return false
}

// antispoofOpts checks antispoof's options (antispoof_opts): the labels,
// one or, on FreeBSD 13 and later, up to five.
func (b *builder) antispoofOpts(s *grammar.Statement) {
	fo := b.newFilterOpts(s)
	checked := antispoofOptsChecked(b.t)
	for _, o := range s.Antispoof.Options {
		if l, ok := o.(*grammar.OptLabel); ok && !fo.labelOpt(checked, l.Pos) {
			return
		}
	}
}
