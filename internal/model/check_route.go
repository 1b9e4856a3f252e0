package model

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// routeOpt is the rule's route-to, reply-to, dup-to (or fastroute),
// written before the address family (older releases) or as an option.
func routeOpt(h *grammar.RuleHead, opts []grammar.FilterOpt) *grammar.RouteOpt {
	if len(h.Route) > 0 {
		return h.Route[0]
	}
	for _, o := range opts {
		if o, ok := o.(*grammar.OptRoute); ok {
			return o.Route
		}
	}
	return nil
}

func routeKind(r *grammar.RouteOpt) string {
	if r.Kind != "" {
		return r.Kind
	}
	return r.Kind2
}

// routeFamily is pfrule's decide_address_family on the routing hosts of
// route-to, reply-to and dup-to, made after the source and destination
// lists: a rule they left without a family takes the routing hosts' one
// when all share it (OpenBSD parse.y and FreeBSD's pfrule: "if (r.rt &&
// r.rt != PF_FASTROUTE) decide_address_family($8.route.host, &r.af)"). ok
// is false when a name leaves it to the machine.
func routeFamily(af family, spec *grammar.RedirSpec) (family, bool) {
	if af != afNone || spec == nil || len(spec.Hosts) == 0 {
		return af, true
	}
	first := redirFamily(spec.Hosts[0])
	for _, h := range spec.Hosts {
		f := redirFamily(h)
		if f == afUnknown {
			return afNone, false
		}
		if f != first {
			return afNone, true
		}
	}
	return first, true
}

// afToChecks are filteropts_to_rule's checks of af-to: it translates
// incoming packets ("af-to can only be used with direction in") and does
// its own routing ("af-to cannot be used together with route-to,
// reply-to, dup-to").
func (b *builder) afToChecks(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt) bool {
	if !currentRuleChecks(b.t) {
		return true
	}
	var afto *grammar.OptAfTo
	for _, o := range opts {
		if o, ok := o.(*grammar.OptAfTo); ok {
			afto = o
		}
	}
	if afto == nil {
		return true
	}
	if h.Dir != "in" {
		b.parseErr(AFToNeedsIn, b.at(s, afto.Pos), "af-to can only be used with direction in")
		return false
	}
	if routeOpt(h, opts) != nil {
		b.parseErr(AFToWithRoute, b.at(s, afto.Pos), "af-to cannot be used together with route-to, reply-to, dup-to")
		return false
	}
	return true
}

// redirFamilies is collapse_redirspec's family check, made for each
// combination: an address of a translation (nat-to, rdr-to, binat-to)
// or routing spec whose family differs from the rule's is dropped, and a
// spec left with none is "af mismatch in translation spec" or "af
// mismatch in routing spec". Decided when the rule's family is known;
// af-to translates between families and is left out. FreeBSD's pfctl
// words and decides this differently ("no routing address with matching
// address family found.", prefer-ipv6-nexthop) and is left out.
func (b *builder) redirFamilies(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt, c combos) bool {
	if !c.known || c.af == afNone || b.t.OS != target.OpenBSD {
		return false
	}
	for _, o := range opts {
		if _, ok := o.(*grammar.OptAfTo); ok {
			return false
		}
	}
	mismatch := func(r *grammar.RedirSpec) bool {
		if r == nil || len(r.Hosts) == 0 {
			return false
		}
		for _, x := range r.Hosts {
			f := redirFamily(x)
			if f == afNone || f == afUnknown || f == c.af {
				return false
			}
		}
		return true
	}
	reported := false
	for _, o := range opts {
		if rd := translation(o); rd != nil && mismatch(rd.Hosts) && !reported {
			pos, _ := o.Bounds()
			b.parseErr(AFMismatchTranslation, b.at(s, pos), "af mismatch in translation spec")
			reported = true
		}
	}
	if r := routeOpt(h, opts); r != nil && mismatch(r.Hosts) {
		b.parseErr(AFMismatchRouting, b.at(s, r.Pos), "af mismatch in routing spec")
		reported = true
	}
	return reported
}

// routeConsistency is rule_consistent's check of routing options in
// OpenBSD current: they need state ("route-to, reply-to and dup-to
// require keep state") and belong on pass rules ("… are not supported on
// block rules", "… on match rules").
func (b *builder) routeConsistency(s *grammar.Statement, r *ruleShape, routed *grammar.RouteOpt, st *grammar.StateSpec, c combos) bool {
	if routed == nil || !c.maybe || !blockRouteChecked(b.t) {
		return false
	}
	reported := false
	if currentRuleChecks(b.t) && !keepsState(r.action, st) {
		b.parseErr(RouteNeedsKeepState, b.endPos(s), "route-to, reply-to and dup-to require keep state")
		reported = true
	}
	switch {
	case r.action == "block":
		b.parseErr(RouteOnBlock, b.endPos(s), "route-to, reply-to and dup-to are not supported on block rules")
		reported = true
	case r.action == "match" && currentRuleChecks(b.t):
		b.parseErr(RouteOnMatch, b.endPos(s), "route-to, reply-to and dup-to are not supported on match rules")
		reported = true
	}
	return reported
}
