package engine

import (
	"github.com/pfshape/pfshape/internal/model"
)

// Evaluate is the reference evaluator: one packet, on a machine where
// each unknown is as assume says, walked through the ruleset the way
// pf_test_rule() and pf_match_rule() walk it. The set engine must agree
// with it on every packet (FuzzEngines).
func (e *Engine) Evaluate(p Packet, assume Assume) *Outcome {
	for _, s := range e.f.Skip {
		if s == p.Iface || mayBeGroup(s) && assume(atomSkip(s)) {
			return &Outcome{Action: "pass", Skip: true}
		}
	}
	st := &evalState{}
	if o := e.refTranslate(p, st, assume); o != nil {
		return o
	}
	e.refRules(e.f.Rules, nil, p, st, assume)
	return e.finish(st)
}

// refTranslate runs the old-style translation rules (FreeBSD; OpenBSD
// before 4.7) before filtering: rdr on inbound packets, nat on outbound
// ones, the first match of each list deciding, `no` rules translating
// nothing (F22, F25-lb pf_get_translation(); pf.conf(5) TRANSLATION).
// It returns the outcome when a `pass` translation skips the filter.
func (e *Engine) refTranslate(p Packet, st *evalState, assume Assume) *Outcome {
	kind := "nat"
	if p.Dir == "in" {
		kind = "rdr"
	}
	for _, tr := range e.f.Translations {
		if tr.Kind == "binat" {
			st.caveat("binat rules are not evaluated")
			continue
		}
		if tr.Kind != kind || !e.refMatch(tr.Rule, p, st, assume) {
			continue
		}
		if tr.No {
			return nil
		}
		e.applyTranslation(st, tr)
		if tr.Pass {
			o := e.finish(st)
			o.Translation = tr
			return o
		}
		return nil
	}
	return nil
}

func (e *Engine) applyTranslation(st *evalState, tr *model.FilterTranslation) {
	st.trans = tr
	// Translation rules tag too (F22 pf_match_translation(); pf.conf(5)
	// tag).
	if tr.Rule.Tag != "" {
		st.tag, st.tagSet = tr.Rule.Tag, true
	}
	if tr.To == nil {
		return
	}
	if tr.Kind == "nat" {
		st.natTo = tr.To
		e.translate(st, tr.Rule, tr.To, ovSrc, ovSport, true)
	} else {
		st.rdrTo = tr.To
		e.translate(st, tr.Rule, tr.To, ovDst, ovDport, false)
	}
}

// refRules evaluates a ruleset (the main one, or an anchor's, frame
// being its anchor rule). It returns true when a quick rule ended the
// whole evaluation: quick in an anchor ends it all (pf.conf(5) ANCHORS).
func (e *Engine) refRules(rules []*model.FilterRule, frame *model.FilterRule, p Packet, st *evalState, assume Assume) bool {
	for _, r := range rules {
		if r == e.without || !e.refMatch(r, p, st, assume) {
			continue
		}
		if r.Anchor != nil {
			e.apply(st, r, frame)
			body, known := e.anchorRules(r)
			if !known {
				st.caveat("anchor " + r.Anchor.Name + ": its rules are loaded at run time")
				st.unknownAt = r
				continue
			}
			before := st.decided
			if e.refRules(body, r, p, st, assume) {
				return true
			}
			if r.Quick && e.anchorStops(st, r, before) {
				st.quick = true
				return true
			}
			continue
		}
		e.apply(st, r, frame)
		if r.Quick {
			if r.Action == "match" {
				stop, known := matchQuick(e.t)
				if !known {
					stop = assume(atomMatchQuick)
				}
				if !stop {
					continue
				}
			}
			st.quick = true
			return true
		}
	}
	return false
}

// anchorStops is whether a quick anchor ends evaluation when its body is
// done (see anchorQuickDirect).
func (e *Engine) anchorStops(st *evalState, a *model.FilterRule, before int) bool {
	if anchorQuickDirect(e.t) {
		return st.last != nil && st.lastIn == a && st.decided > before
	}
	return st.decided > before
}

// refMatch is pf_match_rule()'s test chain for one rule and one packet.
func (e *Engine) refMatch(r *model.FilterRule, p Packet, st *evalState, assume Assume) bool {
	if len(r.Ifaces) > 0 {
		ok := false
		for _, it := range r.Ifaces {
			var m bool
			switch {
			case it.Name == "any":
				m = !isLoopback(p.Iface)
			default:
				m = it.Name == p.Iface || mayBeGroup(it.Name) && assume(atomGroup(it.Name))
			}
			if m != it.Not {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if r.Dir != "" && r.Dir != p.Dir || r.AF != 0 && r.AF != p.AF {
		return false
	}
	if len(r.Protos) > 0 {
		ok := false
		for _, pr := range r.Protos {
			if pr.Unknown && assume(atomProto(pr.Name)) || !pr.Unknown && pr.Num == p.Proto {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if r.Fragment {
		return false
	}
	if !e.refHosts(r, ovSrc, r.Src.Hosts, p.AF, addrU128(p.Src), st, assume) ||
		!e.refHosts(r, ovDst, r.Dst.Hosts, p.AF, addrU128(p.Dst), st, assume) {
		return false
	}
	if p.Proto == 6 || p.Proto == 17 {
		if !e.refPorts(r, ovSport, r.Src.Ports, p.Sport, st, assume) ||
			!e.refPorts(r, ovDport, r.Dst.Ports, p.Dport, st, assume) {
			return false
		}
	}
	if len(r.ICMP) > 0 && (p.Proto == 1 || p.Proto == 58) {
		ok := false
		for _, it := range r.ICMP {
			if it.Unknown && assume(atomICMP(it.Text)) ||
				!it.Unknown && it.Type == p.Type && (it.Code < 0 || uint8(it.Code) == p.Code) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if (p.Proto == 1 || p.Proto == 58) && statefulSkipsReplies(e.t, r) {
		if isReply(p.Proto, p.Type) || p.Proto == 58 && p.Type == mldReport && assume(atomMLDReport) {
			return false
		}
	}
	if r.Flags != nil && p.Proto == 6 && p.Flags&r.Flags.Mask != r.Flags.Set {
		return false
	}
	if r.Tagged != "" {
		cur := p.Tag
		if st.tagSet {
			cur = st.tag
		}
		if (cur == r.Tagged) == r.NotTagged {
			return false
		}
	}
	for _, w := range r.Unknowns {
		if !assume(e.atomRule(r, w)) {
			return false
		}
	}
	return true
}

// refHosts is the address test of one side: one of the list's elements
// of the packet's family matches (pfctl's expand_rule keeps only the
// combinations whose families agree; PF_MISMATCHAW).
func (e *Engine) refHosts(r *model.FilterRule, ov int, hosts []model.FilterHost, af int, v u128, st *evalState, assume Assume) bool {
	if len(hosts) == 0 {
		return true
	}
	side := ovSide[ov]
	fam := false
	for _, h := range hosts {
		if hostFamilyOK(r, h, af) {
			fam = true
		}
	}
	if !fam {
		return false
	}
	o := st.overrides()[ov]
	if o.set && o.by != nil {
		return assume(e.atomTranslated(r, side, o.by))
	}
	if o.set {
		v = o.val
	}
	for _, h := range hosts {
		if !hostFamilyOK(r, h, af) {
			continue
		}
		var m bool
		switch h.Kind {
		case model.HostNet:
			m = !v.less(addrU128(h.Lo)) && !addrU128(h.Hi).less(v)
		case model.HostTable:
			if t, ok := e.tables[h.Name]; ok {
				m = t[af/6].has(v)
			} else {
				m = assume(atomHost(side, h))
			}
		case model.HostAny:
			m = true
		default:
			m = assume(atomHost(side, h))
		}
		if m != h.Not {
			return true
		}
	}
	return false
}

// hostFamilyOK: an element takes part for family af when its family (if
// it has one) and the rule's agree with af.
func hostFamilyOK(r *model.FilterRule, h model.FilterHost, af int) bool {
	return (h.AF == 0 || h.AF == af) && (r.AF == 0 || r.AF == af)
}

// refPorts is the port test of one side (pf_match_port()).
func (e *Engine) refPorts(r *model.FilterRule, ov int, ports []model.FilterPort, v uint16, st *evalState, assume Assume) bool {
	if len(ports) == 0 {
		return true
	}
	o := st.overrides()[ov]
	if o.set && o.by != nil {
		return assume(e.atomTranslated(r, ovSide[ov], o.by))
	}
	if o.set {
		v = uint16(o.val.lo)
	}
	for _, pt := range ports {
		if pt.Unknown {
			if assume(atomPort(ovSide[ov-ovSport], pt.Text)) {
				return true
			}
			continue
		}
		if portMatch(pt, v) {
			return true
		}
	}
	return false
}

// portMatch is pf_match_port(): `a >< b` excludes both ends, `a <> b`
// matches outside them, `a:b` includes both (pf.conf(5) PARAMETERS).
func portMatch(pt model.FilterPort, p uint16) bool {
	a, b := pt.A, pt.B
	switch pt.Op {
	case "=":
		return p == a
	case "!=":
		return p != a
	case "<":
		return p < a
	case "<=":
		return p <= a
	case ">":
		return p > a
	case ">=":
		return p >= a
	case ":":
		return p >= a && p <= b
	case "><":
		return p > a && p < b
	case "<>":
		return p < a || p > b
	}
	return false
}
