package model

import (
	"github.com/pfshape/pfshape/grammar"
)

// The rule checks below follow pfctl's parser through one filter or anchor
// rule in its order: first the errors its grammar actions raise while
// reading the statement (an address, a port, a scrub or divert option:
// the first one ends the statement, yacc's YYERROR), then those of the
// rule's action (pfrule and anchorrule: filteropts_to_rule, the flags
// and state checks, expand_divertspec; again the first one ends it), then
// those expand_rule and rule_consistent raise for each combination of
// the rule's lists, which are decided here on the lists without expanding
// them and reported once each. pfctl's follow-up lines "skipping rule due
// to errors" and "rule expands to no valid combination" are left out when
// a message says why; the latter is reported alone when every
// combination is dropped because address families disagree.

// checkFilterRule checks a pass, block or match rule.
func (b *builder) checkFilterRule(s *grammar.Statement) {
	fr := s.Rule
	if !b.parseChecks(s, &fr.RuleHead, fr.Options, b.newFilterOpts(s)) {
		return
	}
	rs := b.shape(s, fr.Action, fr.Block, &fr.RuleHead, fr.Options)
	b.ruleChecks(s, &rs, &fr.RuleHead, fr.Options, false)
}

// checkAnchorRule checks `anchor NAME …` (OpenBSD's anchorrule, which
// takes filter options).
func (b *builder) checkAnchorRule(s *grammar.Statement) {
	ar := s.Anchor
	if ar.Kind != "anchor" {
		// nat-anchor, rdr-anchor and binat-anchor take no filter options:
		// pfctl's syntax error, which the grammar lets through. An option
		// given twice there is still refused, as a filter rule's.
		fo := b.newFilterOpts(s)
		for _, o := range ar.Options {
			if !fo.opt(o) {
				return
			}
		}
		return
	}
	if !b.parseChecks(s, &ar.RuleHead, ar.Options, b.newFilterOpts(s)) {
		return
	}
	rs := b.shape(s, "anchor", nil, &ar.RuleHead, ar.Options)
	b.ruleChecks(s, &rs, &ar.RuleHead, ar.Options, true)
}

// checkTranslation checks a `nat`/`rdr`/`binat … ->` rule: only what the
// parser reports while reading addresses, ports and tags.
func (b *builder) checkTranslation(s *grammar.Statement) {
	nr := s.Translation
	if nr.Kind == "binat" && b.binatPort(s, nr) {
		return
	}
	opts := append(append([]grammar.FilterOpt(nil), nr.Options...), nr.After...)
	if !b.parseChecks(s, &nr.RuleHead, opts, nil) {
		return
	}
	if nr.To != nil && (!b.redirParse(s, nr.To.Hosts) || !b.portParse(s, nr.To.Port)) {
		return
	}
	if b.tagChecks(s, opts) {
		b.translationPoolChecks(s)
	}
}

// binatPort reports a port on a binat rule's addresses: pfctl's binatrule
// reads `from ipspec [to ipspec]`, hosts without ports, so a port there is
// a syntax error (parse.y binatrule).
func (b *builder) binatPort(s *grammar.Statement, nr *grammar.NatRule) bool {
	if nr.FromTo == nil {
		return false
	}
	for _, hp := range []*grammar.HostPort{nr.FromTo.From(), nr.FromTo.To()} {
		if hp != nil && hp.Port != nil {
			b.parseErr(grammar.Syntax, s.Position(hp.Port.Pos), "syntax error")
			return true
		}
	}
	return false
}

// checkScrubRule checks a standalone `scrub` rule: its addresses, ports
// and scrub options.
func (b *builder) checkScrubRule(s *grammar.Statement) {
	sr := s.Scrub
	var opts []grammar.FilterOpt
	for _, o := range sr.Options {
		if o.Filter != nil {
			opts = append(opts, o.Filter)
		}
	}
	if !b.parseChecks(s, &sr.RuleHead, opts, nil) {
		return
	}
	b.scrubRuleOpts(s, sr.Options)
}

// optionValues are the value checks of one filter option (check_values.go).
func (b *builder) optionValues(s *grammar.Statement, o grammar.FilterOpt) bool {
	pos, _ := o.Bounds()
	msg, code := "", grammar.Code("")
	switch o := o.(type) {
	case *grammar.OptIcmpType:
		msg, code = icmpValues(o.IcmpType, false), ICMPValueInvalid
	case *grammar.OptIcmp6Type:
		msg, code = icmpValues(o.Icmp6Type, true), ICMPValueInvalid
	case *grammar.StateSpec:
		var arg *grammar.OptionArg
		if msg, arg = stateValues(o); arg != nil {
			pos = arg.Pos
		}
		code = OptionValueInvalid
	case *grammar.OptProbability:
		msg, code = probabilityValue(b.t, o.Probability.Text()), ProbabilityInvalid
	}
	if msg == "" {
		return true
	}
	b.parseErr(code, b.at(s, pos), "%s", msg)
	return false
}

// ruleQueueNames are the lengths of the assigned queues' names, which the
// rule's action checks as it copies them, after reading every option.
func (b *builder) ruleQueueNames(s *grammar.Statement, opts []grammar.FilterOpt) bool {
	for _, o := range opts {
		var refs []*grammar.QueueRef
		switch o := o.(type) {
		case *grammar.OptQueue:
			refs = append(refs, o.Queue)
		case *grammar.OptSet:
			for _, it := range o.Set.Items() {
				refs = append(refs, it.Queue)
			}
		}
		for _, qr := range refs {
			if msg := ruleQueueValue(qr); msg != "" {
				pos, _ := o.Bounds()
				b.parseErr(QueueNameTooLong, b.at(s, pos), "%s", msg)
				return false
			}
		}
	}
	return true
}

// parseChecks are the errors of the grammar's actions while the statement
// is read, in reading order; the first one ends the statement. fo is the
// state of a filter or anchor rule's options (nil for other statements):
// each option's own errors come first, then its action's.
func (b *builder) parseChecks(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt, fo *filterOpts) bool {
	for _, r := range h.Route {
		if !b.redirParse(s, r.Hosts) {
			return false
		}
	}
	if h.FromTo != nil {
		for _, p := range h.FromTo.Parts {
			hp := p.From
			if hp == nil {
				hp = p.To
			}
			if hp == nil {
				continue
			}
			if !b.hostEntryParse(s, hp.Hosts) || !b.portParse(s, hp.Port) {
				return false
			}
		}
	}
	diverts := 0
	for _, o := range opts {
		ok := true
		switch o := o.(type) {
		case *grammar.OptRoute:
			ok = b.redirParse(s, o.Route.Hosts)
		case *grammar.OptNatTo, *grammar.OptRdrTo, *grammar.OptBinatTo:
			rd := translation(o)
			ok = b.redirParse(s, rd.Hosts) && b.portParse(s, rd.Port)
		case *grammar.OptAfTo:
			ok = b.redirParse(s, o.AfTo.From.Hosts) && (o.AfTo.To == nil || b.redirParse(s, o.AfTo.To.Hosts))
		case *grammar.OptDivertTo, *grammar.OptDivertReply, *grammar.OptDivertPacket:
			diverts++
			ok = b.divertParse(s, o, diverts)
		case *grammar.OptScrub:
			ok = b.scrubOpts(s, o.Scrub)
		default:
			ok = b.optionValues(s, o)
		}
		if ok && fo != nil {
			ok = fo.opt(o)
		}
		if !ok {
			return false
		}
	}
	return b.ruleQueueNames(s, opts)
}

// shape reads what the action and combination checks need.
func (b *builder) shape(s *grammar.Statement, action string, blk *grammar.BlockSpec, h *grammar.RuleHead, opts []grammar.FilterOpt) ruleShape {
	r := ruleShape{action: action, protos: protoList(h.Proto)}
	r.returnRS = blk != nil && blk.Kind == "return-rst"
	r.dir, r.state = h.Dir, stateOf(opts)
	if h.FromTo != nil {
		for _, p := range h.FromTo.Parts {
			for _, hp := range []*grammar.HostPort{p.From, p.To} {
				if hp != nil && hp.Port != nil && !r.hasPort {
					r.hasPort = true
					r.portPos = s.Position(hp.Port.Pos)
				}
			}
			for _, os := range p.OS {
				r.os = r.os || os.Text() != "any"
			}
		}
	}
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptUser:
			r.user = true
		case *grammar.OptGroup:
			r.group = true
		case *grammar.OptNatTo, *grammar.OptRdrTo:
			r.natRdr = true
		case *grammar.OptBinatTo:
			r.binat = true
		case *grammar.OptIcmpType:
			r.icmp, r.icmpPos = append(r.icmp, protoICMP), s.Position(o.Pos)
		case *grammar.OptIcmp6Type:
			r.icmp, r.icmpPos = append(r.icmp, protoICMP6), s.Position(o.Pos)
		case *grammar.OptFlags:
			r.flagsSet = !o.Flags.Any
		case *grammar.OptAllowOpts:
			r.allowOps = true
		case *grammar.OptFragment:
			r.fragment = true
		}
	}
	return r
}

// ruleChecks are the checks of pfrule's and anchorrule's actions and of
// expand_rule.
func (b *builder) ruleChecks(s *grammar.Statement, r *ruleShape, h *grammar.RuleHead, opts []grammar.FilterOpt, anchor bool) {
	// filteropts_to_rule
	if !b.tagChecks(s, opts) || !b.afToChecks(s, h, opts) {
		return
	}
	if flagsOnlyTCP(r) {
		b.parseErr(FlagsNotTCP, b.endPos(s), "flags only apply to tcp")
		return
	}
	if !anchor && !b.stateChecks(s, opts) {
		return
	}
	state, routed := stateOf(opts), routeOpt(h, opts)
	if anchor {
		if state != nil && state.Kind != "no" {
			b.parseErr(AnchorState, b.at(s, state.Pos), "cannot specify state handling on anchors")
			return
		}
		if routed != nil && currentRuleChecks(b.t) {
			b.parseErr(AnchorRoute, b.at(s, routed.Pos), "cannot specify route handling on anchors")
			return
		}
	}
	src, dst := fromToHosts(h)
	af, known := decideFamily(ruleFamily(h.AF), src)
	if known {
		var ok bool
		af, ok = decideFamily(af, dst)
		known = ok
	}
	if known && routed != nil && routeKind(routed) != "fastroute" {
		af, known = routeFamily(af, routed.Hosts)
	}
	if routed != nil && currentRuleChecks(b.t) && h.Dir == "" && routeKind(routed) != "dup-to" {
		b.parseErr(RouteNeedsDirection, b.endPos(s), "direction must be explicit with rules that specify routing")
		return
	}
	af, known, ok := b.divertChecks(s, h, opts, af, known)
	if !ok {
		return
	}

	// expand_rule
	c := expandFamilies(af, known, src, dst)
	reported := b.redirFamilies(s, h, opts, c)
	reported = b.checkNetmasks(s, c, src, dst) || reported
	reported = b.binatChecks(s, h, opts, c, src) || reported
	reported = b.consistency(s, r, c) || reported
	reported = b.stateConsistency(s, r, c) || reported
	reported = b.routeConsistency(s, r, routed, state, c) || reported
	reported = b.poolChecks(s, h, opts) || reported
	if !reported && known && !c.maybe {
		b.parseErr(RuleNoCombination, b.endPos(s), "rule expands to no valid combination")
	}
}

// fromToHosts are the source and destination address lists.
func fromToHosts(h *grammar.RuleHead) (src, dst []*grammar.Host) {
	if h.FromTo == nil {
		return nil, nil
	}
	return hostList(h.FromTo.From()), hostList(h.FromTo.To())
}

// translation is the option's nat-to, rdr-to or binat-to; nil for others.
func translation(o grammar.FilterOpt) *grammar.Redirect {
	switch o := o.(type) {
	case *grammar.OptNatTo:
		return o.NatTo
	case *grammar.OptRdrTo:
		return o.RdrTo
	case *grammar.OptBinatTo:
		return o.BinatTo
	}
	return nil
}

// stateOf is the rule's state option; nil when none is written.
func stateOf(opts []grammar.FilterOpt) *grammar.StateSpec {
	var st *grammar.StateSpec
	for _, o := range opts {
		if o, ok := o.(*grammar.StateSpec); ok {
			st = o
		}
	}
	return st
}

// keepsState reports whether the rule keeps state: pass rules do unless
// `no state` (OpenBSD 4.1 and later, FreeBSD 7 and later), others only
// with an explicit state option.
func keepsState(action string, st *grammar.StateSpec) bool {
	if st != nil {
		return st.Kind != "no"
	}
	return action == "pass"
}
