package model

import "github.com/pfshape/pfshape/grammar"

// divertParse is what pfctl's filter_opt actions for divert-to,
// divert-reply and divert-packet report while reading: a rule takes one
// divert option ("more than one divert option"), and a numeric divert
// port must be a port. n counts the divert options so far.
func (b *builder) divertParse(s *grammar.Statement, o grammar.FilterOpt, n int) bool {
	if n > 1 && currentRuleChecks(b.t) {
		pos, _ := o.Bounds()
		b.parseErr(DivertMoreThanOne, s.Position(pos), "more than one divert option")
		return false
	}
	switch o := o.(type) {
	case *grammar.OptDivertTo:
		return b.portParse(s, o.DivertTo.Port)
	case *grammar.OptDivertPacket:
		return b.portParse(s, o.DivertPacket)
	}
	return true
}

// divertChecks is pfctl's expand_divertspec: divert-to takes incoming
// packets ("divert-to used with outgoing rule") and an address of the
// rule's family ("divert-to address family mismatch"), divert-reply
// outgoing ones ("divert-reply used with incoming rule"). A rule without
// a family takes the divert-to address's. It returns the rule's family
// for expand_rule, whether that is known, and whether the rule goes on.
func (b *builder) divertChecks(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt, af family, known bool) (family, bool, bool) {
	if !currentRuleChecks(b.t) {
		return af, known, true
	}
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptDivertTo:
			if h.Dir == "out" {
				b.parseErr(DivertToOutgoing, b.endPos(s), "divert-to used with outgoing rule")
				return af, known, false
			}
			df := afUnknown
			if e := o.DivertTo.Host; e != nil && e.Host != nil && len(e.List) == 0 {
				df = hostFamily(e.Host)
			}
			switch {
			case !known || df == afNone:
				return af, known, true
			case df == afUnknown:
				return af, af != afNone, true
			case af != afNone && af != df:
				b.parseErr(DivertAFMismatch, b.endPos(s), "divert-to address family mismatch")
				return af, known, false
			}
			return df, known, true
		case *grammar.OptDivertReply:
			if h.Dir == "in" {
				b.parseErr(DivertReplyIncoming, b.endPos(s), "divert-reply used with incoming rule")
				return af, known, false
			}
			return af, known, true
		case *grammar.OptDivertPacket:
			return af, known, true
		}
	}
	return af, known, true
}
