package model

import (
	"strconv"

	"github.com/pfshape/pfshape/grammar"
)

// proto is what pfctl's checks distinguish of a protocol.
type proto uint8

const (
	protoAny     proto = iota // no `proto`: r->proto 0
	protoTCP                  // 6
	protoUDP                  // 17
	protoICMP                 // 1
	protoICMP6                // 58
	protoOther                // another protocol pfctl knows
	protoUnknown              // a name that only the machine's protocols file decides
)

// otherProtocols are protocol names of /etc/protocols that are none of
// tcp, udp, icmp and icmp6; other names are left to the machine. sctp is
// left out: FreeBSD 14.0 and later filter its ports (target.HasSCTPPorts),
// so it never draws a port error here; the printer refuses its ports
// where pfctl does.
var otherProtocols = map[string]bool{
	"ip": true, "igmp": true, "ggp": true, "ipencap": true, "ipip": true, "st": true,
	"egp": true, "igp": true, "pup": true, "hmp": true, "xns-idp": true, "rdp": true,
	"iso-tp4": true, "xtp": true, "ddp": true, "idpr-cmtp": true, "ipv6": true,
	"ipv6-route": true, "ipv6-frag": true, "idrp": true, "rsvp": true, "gre": true,
	"esp": true, "ah": true, "skip": true, "ipv6-nonxt": true, "ipv6-opts": true,
	"rspf": true, "vmtp": true, "eigrp": true, "ospf": true, "ax.25": true,
	"etherip": true, "encap": true, "pim": true, "ipcomp": true, "vrrp": true,
	"carp": true, "l2tp": true, "mobility": true, "udplite": true,
	"mpls-in-ip": true, "pfsync": true, "divert": true,
}

// protoOf classifies one item of `proto …`.
func protoOf(name string) proto {
	switch name {
	case "tcp", "TCP":
		return protoTCP
	case "udp", "UDP":
		return protoUDP
	case "icmp", "ICMP":
		return protoICMP
	case "ipv6-icmp", "IPv6-ICMP", "icmp6":
		return protoICMP6
	}
	if n, err := strconv.Atoi(name); err == nil {
		switch n {
		case 6:
			return protoTCP
		case 17:
			return protoUDP
		case 1:
			return protoICMP
		case 58:
			return protoICMP6
		case 132: // sctp, see otherProtocols
			return protoUnknown
		}
		if n > 0 && n < 256 {
			return protoOther
		}
		return protoUnknown
	}
	if otherProtocols[name] {
		return protoOther
	}
	return protoUnknown
}

// protoList is the protocols of a rule, one entry (protoAny) without
// `proto`, as expand_rule loops over them.
func protoList(p *grammar.ProtoSpec) []proto {
	if p == nil || len(p.Items) == 0 {
		return []proto{protoAny}
	}
	out := make([]proto, len(p.Items))
	for i, it := range p.Items {
		out[i] = protoOf(it.Text())
	}
	return out
}

func (p proto) icmpName() string {
	if p == protoICMP {
		return "icmp"
	}
	return "icmp6"
}

// portParse is pfctl's parseport and getservice on each port of a list
// (portValue).
func (b *builder) portParse(s *grammar.Statement, ps *grammar.PortSpec) bool {
	if ps == nil {
		return true
	}
	for _, it := range ps.Items {
		if msg := portItemValues(it); msg != "" {
			b.parseErr(PortInvalid, s.Position(it.Pos), "%s", msg)
			return false
		}
	}
	return true
}

func portNumber(s string) (uint64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// ruleShape is what the per-combination checks of one statement need,
// read once from the statement.
type ruleShape struct {
	action   string // pass, block, match, anchor
	protos   []proto
	hasPort  bool
	portPos  grammar.Position
	icmp     []proto // the icmp-type (protoICMP) or icmp6-type (protoICMP6) given
	icmpPos  grammar.Position
	returnRS bool
	allowOps bool
	fragment bool
	flagsSet bool
	// read by stateConsistency
	os, user, group bool // `os` (other than "any"), `user`, `group` given
	dir             string
	state           *grammar.StateSpec
	natRdr, binat   bool // nat-to or rdr-to; binat-to
}

// consistency mirrors the checks pfctl makes on each combination that
// expand_rule keeps (its own "icmp-type mismatch" and rule_consistent's
// protocol, icmp and address-family checks), decided on the lists: a
// message is reported once when some combination would raise it. It
// returns whether it reported anything.
func (b *builder) consistency(s *grammar.Statement, r *ruleShape, c combos) bool {
	if !c.maybe {
		return false
	}
	reported := false
	report := func(code grammar.Code, pos grammar.Position, format string, args ...any) {
		b.parseErr(code, pos, format, args...)
		reported = true
	}
	any := func(pred func(proto) bool) bool {
		for _, p := range r.protos {
			if p != protoUnknown && pred(p) {
				return true
			}
		}
		return false
	}
	typed := len(r.icmp) > 0
	if typed {
		q := r.icmp[0]
		if any(func(p proto) bool { return p != q }) {
			report(ICMPTypeMismatch, r.icmpPos, "icmp-type mismatch")
		}
	}
	if r.hasPort && any(func(p proto) bool { return p != protoTCP && p != protoUDP }) {
		report(PortNotTCPUDP, r.portPos, "port only applies to tcp/udp")
	}
	if typed && any(func(p proto) bool { return p != protoICMP && p != protoICMP6 }) {
		report(ICMPTypeNotICMP, r.icmpPos, "icmp-type/code only applies to icmp")
	}
	if typed && c.known && c.sure[afNone] {
		report(ICMPTypeNeedsAF, r.icmpPos, "must indicate address family with icmp-type/code")
	}
	for _, p := range []proto{protoICMP, protoICMP6} {
		wrong := afInet6
		if p == protoICMP6 {
			wrong = afInet
		}
		if c.known && c.sure[wrong] && any(func(x proto) bool { return x == p }) {
			report(ProtoAFMismatch, b.endPos(s), "proto %s doesn't match address family %s", p.icmpName(), wrong)
		}
	}
	if r.allowOps && r.action != "pass" && !(r.action == "match" && b.t.HasMatchAllowOpts()) {
		report(AllowOptsNotPass, b.endPos(s), "allow-opts can only be specified for pass rules")
	}
	if r.fragment && (r.hasPort || r.flagsSet || typed) {
		report(FragmentsIPOnly, b.endPos(s), "fragments can be filtered only on IP header fields")
	}
	if r.returnRS && any(func(p proto) bool { return p != protoTCP }) {
		report(ReturnRSTNotTCP, b.endPos(s), "return-rst can only be applied to TCP rules")
	}
	return reported
}

// flagsOnlyTCP is the check pfrule and anchorrule make before expanding:
// `flags` with a protocol list that has no tcp ("flags only apply to
// tcp"). `flags any` sets no flags and passes.
func flagsOnlyTCP(r *ruleShape) bool {
	if !r.flagsSet || len(r.protos) == 0 || r.protos[0] == protoAny {
		return false
	}
	for _, p := range r.protos {
		if p == protoTCP || p == protoUnknown {
			return false
		}
	}
	return true
}
