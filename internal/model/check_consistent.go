package model

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// stateConsistency is the rest of rule_consistent (OpenBSD current's
// pfctl, and FreeBSD's filter_consistent where it has the same check):
// the options that only some protocols take, and the state options that
// contradict the action or each other. Like consistency, it decides on
// the lists what some combination would raise, and reports each message
// once. On older OpenBSD releases these are left out: when each arrived
// is not pinned down (see currentRuleChecks).
func (b *builder) stateConsistency(s *grammar.Statement, r *ruleShape, c combos) bool {
	if !c.maybe {
		return false
	}
	obsd := currentRuleChecks(b.t)
	if !obsd && b.t.OS != target.FreeBSD {
		return false
	}
	reported := false
	report := func(code grammar.Code, format string, args ...any) {
		b.parseErr(code, b.endPos(s), format, args...)
		reported = true
	}
	some := func(pred func(proto) bool) bool {
		for _, p := range r.protos {
			if p != protoUnknown && pred(p) {
				return true
			}
		}
		return false
	}
	notTCP := func(p proto) bool { return p != protoTCP }
	notTCPUDP := func(p proto) bool { return p != protoTCP && p != protoUDP }
	if obsd {
		if r.os && some(notTCP) {
			report(OSNotTCP, "os only applies to tcp")
		}
		if r.user && some(notTCPUDP) {
			report(UserNotTCPUDP, "user only applies to tcp/udp")
		}
		if r.group && some(notTCPUDP) {
			report(GroupNotTCPUDP, "group only applies to tcp/udp")
		}
	}
	st := r.state
	kept := st != nil && st.Kind != "no"
	if kept {
		opts := stateOptions(st)
		if opts["overload"] > 0 && opts["max-src-conn"] == 0 && opts["max-src-conn-rate"] == 0 {
			report(OverloadNeedsMaxSrcConn, "'overload' requires 'max-src-conn' or 'max-src-conn-rate'")
		}
		if r.action != "pass" && r.action != "anchor" {
			report(KeepStateNotPass, "keep state is great, but only for pass rules")
		}
		if opts["sloppy"] > 0 && (st.Kind == "modulate" || st.Kind == "synproxy") {
			report(SloppyWithSynproxy, "sloppy state matching cannot be used with synproxy state or modulate state")
		}
	}
	if obsd && r.natRdr && !r.binat {
		if r.action != "match" && !keepsState(r.action, st) {
			report(TranslationNeedsKeepState, "nat-to and rdr-to require keep state")
		}
		if r.dir == "" {
			report(TranslationNeedsDirection, "nat-to and rdr-to require a direction")
		}
	}
	return reported
}
