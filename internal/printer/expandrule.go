package printer

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// expandRule is pfctl's expand_rule: one rule for every combination of
// interface, protocol, icmp type, source and destination address, source
// and destination port, OS, user and group, in that order, skipping the
// combinations whose address families do not agree.
func (p *printer) expandRule(base *rule, rs *ruleset, l *ruleLists) {
	af := base.af
	ifs := l.ifs
	if len(ifs) == 0 {
		ifs = []ifNode{{}}
	}
	protos := l.protos
	if len(protos) == 0 {
		protos = []uint8{0}
	}
	icmps := l.icmps
	if len(icmps) == 0 {
		icmps = []icmpNode{{}}
	}
	srcs := l.src
	if len(srcs) == 0 {
		srcs = []host{anyHost()}
	}
	dsts := l.dst
	if len(dsts) == 0 {
		dsts = []host{anyHost()}
	}
	sports := l.sports
	if len(sports) == 0 {
		sports = []portSpec{{}}
	}
	dports := l.dports
	if len(dports) == 0 {
		dports = []portSpec{{}}
	}
	oses := l.oses
	if len(oses) == 0 {
		oses = []string{""}
	}
	uids := l.uids
	if len(uids) == 0 {
		uids = []idSpec{{}}
	}
	gids := l.gids
	if len(gids) == 0 {
		gids = []idSpec{{}}
	}
	binat := 1 // binat-to adds the inbound rule to each combination
	if l.nat != nil && l.nat.binat {
		binat = 2
	}
	if !p.admit(expansion(binat, len(ifs), len(protos), len(icmps), len(srcs), len(dsts), len(sports), len(dports),
		len(oses), len(uids), len(gids))) {
		return
	}
	for _, ifn := range ifs {
		for _, proto := range protos {
			for _, ic := range icmps {
				for _, c := range p.addressCombos(srcs, dsts, sports, dports) {
					for _, os := range oses {
						for _, uid := range uids {
							for _, gid := range gids {
								p.expandOne(base, rs, l, af, ifn, proto, ic, c.src, c.dst, c.sp, c.dp, os, uid, gid)
							}
						}
					}
				}
			}
		}
	}
}

type addrCombo struct {
	src, dst host
	sp, dp   portSpec
}

// addressCombos orders the address and port combinations: OpenBSD loops
// source host, destination host, source port, destination port; FreeBSD
// source host, source port, destination host, destination port.
func (p *printer) addressCombos(srcs, dsts []host, sports, dports []portSpec) []addrCombo {
	var out []addrCombo
	for _, src := range srcs {
		if p.freebsd() {
			for _, sp := range sports {
				for _, dst := range dsts {
					for _, dp := range dports {
						out = append(out, addrCombo{src, dst, sp, dp})
					}
				}
			}
			continue
		}
		for _, dst := range dsts {
			for _, sp := range sports {
				for _, dp := range dports {
					out = append(out, addrCombo{src, dst, sp, dp})
				}
			}
		}
	}
	return out
}

func (p *printer) expandOne(base *rule, rs *ruleset, l *ruleLists, af int, ifn ifNode, proto uint8,
	ic icmpNode, src, dst host, sp, dp portSpec, os string, uid, gid idSpec) {
	r := *base
	r.af = af
	okRdr := p.collapse(&r, &r.rdr, l.rdr, &r.hasRdr)
	okNat := p.collapse(&r, &r.nat, l.nat, &r.hasNat)
	okRoute := p.collapse(&r, &r.route, l.route, nil)
	if (r.af != 0 && src.af != 0 && r.af != src.af) ||
		(r.af != 0 && dst.af != 0 && r.af != dst.af) ||
		(src.af != 0 && dst.af != 0 && src.af != dst.af) ||
		(src.ifindex != 0 && dst.ifindex != 0 && src.ifindex != dst.ifindex) ||
		(src.ifindex != 0 && ifn.name != "" && src.ifindex != p.mach.nameToIndex(ifn.name)) ||
		(dst.ifindex != 0 && ifn.name != "" && dst.ifindex != p.mach.nameToIndex(ifn.name)) {
		return
	}
	if !okRdr || !okNat || !okRoute {
		return
	}
	if r.af == 0 && src.af != 0 {
		r.af = src.af
	} else if r.af == 0 && dst.af != 0 {
		r.af = dst.af
	}
	switch {
	case ifn.name != "":
		r.ifname = ifn.name
	case src.ifindex != 0:
		r.ifname = p.mach.indexToName(src.ifindex)
	case dst.ifindex != 0:
		r.ifname = p.mach.indexToName(dst.ifindex)
	default:
		r.ifname = ""
	}
	r.onrdomain = -1
	if ifn.useRD {
		r.onrdomain = ifn.rdomain
	}
	r.label = expandLabel(base.label, r.ifname, r.af, src, sp, dst, dp, proto)
	r.tag = expandLabel(base.tag, r.ifname, r.af, src, sp, dst, dp, proto)
	r.matchTag = expandLabel(base.matchTag, r.ifname, r.af, src, sp, dst, dp, proto)

	r.ifnot = ifn.not
	r.proto = proto
	r.src = ruleAddr{addr: src.addr, neg: src.not, port: sp}
	r.dst = ruleAddr{addr: dst.addr, neg: dst.not, port: dp}
	r.uid, r.gid = uid, gid
	r.icmpType, r.icmpCode = ic.typ, ic.code
	r.os = os
	if (base.keepState == stateModulate || base.keepState == stateSynproxy) && r.proto != 0 && r.proto != 6 {
		r.keepState = stateNormal
	}
	if r.proto != 0 && r.proto != 6 {
		r.flags, r.flagset = 0, 0
	}
	dir := r.direction
	binat := l.nat != nil && l.nat.binat
	if binat {
		r.direction = dirOut
	}
	p.applyRedir(&r.nat, l.nat, false, dp)
	p.applyRedir(&r.rdr, l.rdr, true, dp)
	p.applyRedir(&r.route, l.route, false, dp)
	if l.route != nil {
		r.route.proxy = [2]uint16{}
	}
	if !p.consistent(&r) {
		return
	}
	p.addRule(rs, &r)
	r.direction = dir
	if binat {
		rb := r
		rb.direction = dirIn
		srch := src
		srch.ifname = ""
		dsth := host{addr: r.nat.addr}
		brd := *l.nat
		brd.static = false
		brd.binat = false
		brd.hosts = []host{srch}
		// The inbound rule: from the destination to the translated
		// address, redirected to the source.
		bl := ruleLists{rdr: &brd}
		rb.hasNat = false
		rb.nat = pool{}
		rb.label, rb.tag, rb.matchTag = r.label, r.tag, r.matchTag
		p.expandOne(&rb, rs, &bl, rb.af, ifn, proto, ic, dst, dsth, dp, sp, os, uid, gid)
	}
}

// collapse is collapse_redirspec: the pool of a translation or route,
// made a table when it holds several addresses. It reports false when
// no address of the rule's family is left.
func (p *printer) collapse(r *rule, po *pool, rs *redirspec, has *bool) bool {
	*po = pool{}
	if rs == nil || len(rs.hosts) == 0 {
		po.addr.typ = addrNone
		if has != nil {
			*has = false
		}
		return true
	}
	if has != nil {
		*has = true
	}
	if r.afto && rs.af != 0 {
		// the route spec has no family of its own: it keeps the af-to
		// target's (FreeBSD nat64.sh route_to loads route-to with af-to)
		r.naf = rs.af
	}
	af := 0
	var kept []host
	// with prefer-ipv6-nexthop a rule of no family keeps every next hop
	// and takes no family from them: it routes IPv4 packets over IPv6
	// next hops (route_to.sh prefer_ipv6_nexthop_single_ipv6)
	anyAF := rs.routing && rs.ipv6NextHop && r.af == 0 && r.naf == 0
	for _, h := range rs.hosts {
		if anyAF {
			kept = append(kept, h)
			continue
		}
		if rs.af != 0 && r.af == 0 && af == 0 {
			switch r.naf {
			case afInet6:
				af = afInet
			case afInet:
				af = afInet6
			default:
				af = rs.af
			}
		}
		if h.af != 0 && r.naf == 0 {
			if r.af != 0 && r.af != h.af && !ipv6NextHopFor(r.af, h.af, rs) {
				continue
			}
			if r.af == 0 && af != 0 && af != h.af && p.poolSkipsOtherAF() {
				continue
			}
		}
		if r.af == 0 && af == 0 {
			af = h.af
		}
		kept = append(kept, h)
	}
	if r.af == 0 && af != 0 {
		r.af = af
	}
	if len(kept) == 0 {
		p.errorf(map[bool]grammar.Code{true: model.AFMismatchRouting, false: model.AFMismatchTranslation}[rs.routing], "af mismatch in %s spec", map[bool]string{true: "routing", false: "translation"}[rs.routing])
		return false
	}
	if len(kept) == 1 {
		po.addr = kept[0].addr
		po.ifname = kept[0].ifname
		if p.freebsd() {
			po.list = kept
		}
		return true
	}
	if p.freebsd() {
		// FreeBSD keeps the addresses in the rule's pool.
		po.addr = kept[0].addr
		po.ifname = kept[0].ifname
		po.list = kept
		return true
	}
	name := p.autoTable(kept)
	po.addr = addrWrap{typ: addrTable, name: name}
	return true
}

// ipv6NextHopFor reports whether a route-to pool with prefer-ipv6-nexthop
// keeps a next hop of family haf on a rule of family raf: FreeBSD routes
// IPv4 packets over IPv6 next hops (route_to.sh prefer_ipv6_nexthop_*,
// pfsync.sh rt_af load `route-to (outif 2001:db8:4200::fe)
// prefer-ipv6-nexthop inet …`); IPv6 packets never go over IPv4 ones.
func ipv6NextHopFor(raf, haf int, rs *redirspec) bool {
	return rs.routing && rs.ipv6NextHop && raf == afInet && haf == afInet6
}

// applyRedir is apply_redirspec: ports, pool type, key, sticky-address
// and static-port.
func (p *printer) applyRedir(po *pool, rs *redirspec, isRdr bool, dp portSpec) {
	if rs == nil || len(rs.hosts) == 0 {
		return
	}
	po.proxy[0] = rs.port.a
	if isRdr {
		if rs.port.b == 0 && rs.port.op != opNone {
			po.proxy[1] = rs.port.a + (dp.b - dp.a)
		} else {
			po.portOp = rs.port.op
			po.proxy[1] = rs.port.b
		}
	} else {
		po.proxy[1] = rs.port.b
		if po.proxy[0] == 0 && po.proxy[1] == 0 {
			po.proxy = [2]uint16{50001, 65535}
		} else if po.proxy[1] == 0 {
			po.proxy[1] = po.proxy[0]
		}
	}
	po.typ = rs.poolType
	if po.typ == poolNone && (po.addr.typ == addrTable || len(po.list) > 1 ||
		(po.addr.typ == addrDynIf && po.addr.iflags&aflagNoAlias == 0)) {
		po.typ = poolRoundRobin
	}
	po.endpointIndependent = rs.endpointIndependent
	po.ipv6NextHop = rs.ipv6NextHop
	po.mapE = rs.mapE
	if rs.hasKey {
		po.key = rs.key
	}
	po.sticky = rs.sticky
	if rs.static && !isRdr {
		po.proxy = [2]uint16{}
	}
}

// portProto reports whether rule_consistent lets a rule of protocol proto
// match ports: tcp and udp, and sctp where pf knows it.
func (p *printer) portProto(proto uint8) bool {
	return proto == 6 || proto == 17 || (proto == 132 && p.t.HasSCTPPorts())
}

// consistent is the part of rule_consistent that decides whether pfctl
// loads the rule at all. The translation rules of FreeBSD and of OpenBSD
// before 4.7 have checks of their own: nat_consistent makes none, binat
// gets none, rdr gets rdr_consistent's (parse.y rule_consistent).
func (p *printer) consistent(r *rule) bool {
	switch r.action {
	case "nat", "binat":
		return true
	case "rdr":
		return p.rdrConsistent(r)
	}
	bad := func(code grammar.Code, msg string) bool { p.errorf(code, "%s", msg); return false }
	switch {
	case !p.portProto(r.proto) && (r.src.port.op != opNone || r.dst.port.op != opNone):
		return bad(model.PortNotTCPUDP, "port only applies to tcp/udp")
	case r.proto != 1 && r.proto != 58 && (r.icmpType != 0 || r.icmpCode != 0):
		return bad(model.ICMPTypeNotICMP, "icmp-type/code only applies to icmp")
	case r.af == 0 && (r.icmpType != 0 || r.icmpCode != 0):
		return bad(model.ICMPTypeNeedsAF, "must indicate address family with icmp-type/code")
	case (r.proto == 1 && r.af == afInet6) || (r.proto == 58 && r.af == afInet):
		return bad(model.ProtoAFMismatch, "proto doesn't match address family")
	}
	return true
}

// rdrConsistent is parse.y's rdr_consistent: ports of the rule and of the
// redirection only with a protocol that has them, and a destination port
// given as one port or a range (a:b), which the redirection maps onto.
// Every problem is reported, as pfctl counts them all.
func (p *printer) rdrConsistent(r *rule) bool {
	ok := true
	bad := func(code grammar.Code, msg string) {
		p.errorf(code, "%s", msg)
		ok = false
	}
	if !p.portProto(r.proto) {
		if r.src.port.op != opNone {
			bad(model.PortNotTCPUDP, "src port only applies to tcp/udp")
		}
		if r.dst.port.op != opNone {
			bad(model.PortNotTCPUDP, "dst port only applies to tcp/udp")
		}
		if r.rdr.proxy[0] != 0 {
			bad(model.PortNotTCPUDP, "rpool port only applies to tcp/udp")
		}
	}
	if op := r.dst.port.op; op != opNone && op != opEQ && op != opRRG {
		bad(model.RdrPortOperator, "invalid port operator for rdr destination port")
	}
	return ok
}
