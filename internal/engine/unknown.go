package engine

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Unknowns are named in pf.conf's words. Each is a yes/no question about
// the machine or the release that the ruleset's text cannot answer; the
// engine branches on it (the set engine keeps both answers apart, the
// reference is told the answer by an Assume).

// atomGroup: whether the packet's interface is in an interface group
// (egress, a group set with ifconfig, a driver name): ifconfig decides.
func atomGroup(g string) string { return "on " + g + ": the interface is in group " + g }

// atomHost: whether an address is in what only the machine knows: an
// interface's addresses, `self`, a host name, a table loaded from a file
// or at run time, the routing table.
func atomHost(side string, h model.FilterHost) string {
	switch h.Kind {
	case model.HostTable:
		return side + " " + h.Text + ": the address is in table <" + h.Name + ">"
	case model.HostNoRoute:
		return side + " " + h.Text + ": the routing table has no route to the address"
	case model.HostUrpfFailed:
		return side + " " + h.Text + ": the packet fails the unicast reverse path check"
	case model.HostRoute:
		return side + " " + h.Text + ": the routing table routes the address through " + h.Name
	}
	return side + " " + h.Text + ": the address is one of " + h.Text
}

// atomProto, atomPort, atomICMP: a name outside the assumed
// /etc/protocols, /etc/services or pfctl's ICMP names.
func atomProto(name string) string { return "proto " + name + ": the protocol's number" }
func atomPort(side, text string) string {
	return side + " port " + text + ": the service's port"
}
func atomICMP(text string) string { return "icmp-type " + text + ": the type's number" }

// atomTranslated: whether a rule's source (or destination) test holds
// for an address (or port) a translation chose at run time (nat-to
// (egress), a pool, a table).
func (e *Engine) atomTranslated(r *model.FilterRule, side string, by *model.FilterRule) string {
	r, by = e.named(r), e.named(by)
	return fmt.Sprintf("%s:%d: %s test on the address %s on line %d chose", r.Pos.File, r.Pos.Line, side, by.Action, by.Pos.Line)
}

// atomSkip: a `set skip on GROUP` and whether the interface is in it.
func atomSkip(g string) string { return "set skip on " + g + ": the interface is in group " + g }

// Release behaviours the sources do not settle for every release.
const (
	atomMLDReport  = "release: a stateful rule takes an MLD listener report (OpenBSD's pf_icmp_mapping() made it a reply before it made it a query)"
	atomMatchQuick = "release: match quick ends evaluation (OpenBSD 5.8 and later and FreeBSD main in 2025 do; OpenBSD 5.0 and FreeBSD 13 do not)"
)

// matchQuick is whether `match quick` ends evaluation on t: true, false,
// or unknown (then the engine branches on atomMatchQuick). O78 and O-916
// pf_match_rule() return on any quick rule; O-734 and F22 break only on
// the last pass/block rule's quick; F25 stops.
func matchQuick(t target.Target) (stop, known bool) {
	if t.OS == target.OpenBSD {
		switch {
		case t.Release.AtLeast(target.Release{Major: 5, Minor: 8}):
			return true, true
		case !t.Release.AtLeast(target.Release{Major: 5, Minor: 1}):
			return false, true
		}
	}
	return false, false
}

// anchorQuickDirect is whether a quick anchor ends evaluation only when
// the last matching pass/block rule lies directly in it (O72 and O78
// pf_match_rule()/pf_step_into_anchor(): `*ctx->am == r`); elsewhere it
// ends when any rule inside matched (pf.conf(5) ANCHORS; O-916, F22
// pf_step_out_of_anchor()).
func anchorQuickDirect(t target.Target) bool {
	return t.OS == target.OpenBSD && t.Release.AtLeast(target.Release{Major: 7, Minor: 2})
}

// matchOptionsStateless is whether a stateless pass (or the default
// pass) keeps the queue and prio that match rules set: not on OpenBSD,
// where pf_test() takes the final rule's own qid and set_prio when no
// state exists; yes on FreeBSD (F25 pf_test() uses pd->act).
func matchOptionsStateless(t target.Target) bool { return t.OS == target.FreeBSD }

// ICMP replies: the types OpenBSD's pf_icmp_mapping() leaves with
// icmp_dir PF_OUT and no state of their own to match (echo, timestamp,
// information, mask replies, router advertisements, IPv6 I-am-here,
// mobile registration replies; ICMPv6 echo, who-are-you and mtrace
// replies). Neighbour advertisements map to a state (state_icmp) and are
// exempt.
var (
	icmpReplies4 = []uint8{0, 9, 14, 16, 18, 34, 36}
	icmpReplies6 = []uint8{129, 140, 200}
)

// mldReport is ICMPv6 type 131, whose mapping changed between releases.
const mldReport = 131

// statefulSkipsReplies is whether a stateful, non-sloppy rule never
// matches an ICMP reply that has no state: OpenBSD's pf_match_rule()
// ("icmp only. don't create states on replies"); FreeBSD's has no such
// test.
func statefulSkipsReplies(t target.Target, r *model.FilterRule) bool {
	return t.OS == target.OpenBSD && r.KeepState && !r.Sloppy
}

func isReply(proto, typ uint8) bool {
	list := icmpReplies4
	if proto == 58 {
		list = icmpReplies6
	}
	for _, x := range list {
		if x == typ {
			return true
		}
	}
	return false
}
