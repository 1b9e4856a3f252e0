package printer

import (
	"fmt"
	"strconv"
	"strings"
)

const tcpFlagChars = "FSRPAUEW"

func flagString(f uint8) string {
	var b strings.Builder
	for i := 0; i < len(tcpFlagChars); i++ {
		if f&(1<<i) != 0 {
			b.WriteByte(tcpFlagChars[i])
		}
	}
	return b.String()
}

func opString(op portOp, a1, a2 string) string {
	switch op {
	case opIRG:
		return " " + a1 + " >< " + a2
	case opXRG:
		return " " + a1 + " <> " + a2
	case opEQ:
		return " = " + a1
	case opNE:
		return " != " + a1
	case opLT:
		return " < " + a1
	case opLE:
		return " <= " + a1
	case opGT:
		return " > " + a1
	case opGE:
		return " >= " + a1
	case opRRG:
		return " " + a1 + ":" + a2
	}
	return ""
}

// portString is print_port: FreeBSD's pfctl names well-known ports.
func (p *printer) portString(ps portSpec, proto uint8) string {
	a1, a2 := strconv.Itoa(int(ps.a)), strconv.Itoa(int(ps.b))
	if p.portNames() && (ps.op == opEQ || ps.op == opNE) {
		pn := "udp"
		if proto == 6 {
			pn = "tcp"
		}
		if name, ok := serviceByPort(ps.a, pn); ok {
			a1 = name
		}
	}
	return " port" + opString(ps.op, a1, a2)
}

func ugidString(id idSpec, what string) string {
	a1, a2 := strconv.FormatUint(uint64(id.a), 10), strconv.FormatUint(uint64(id.b), 10)
	if id.a == 0xffffffff && (id.op == opEQ || id.op == opNE) {
		a1 = "unknown"
	}
	return " " + what + opString(id.op, a1, a2)
}

// afProtoFromTo prints the address family, the protocol and the from/to
// part, which every kind of rule prints in this order.
func (p *printer) afProtoFromTo(r *rule) string {
	var b strings.Builder
	switch r.af {
	case afInet:
		b.WriteString(" inet")
	case afInet6:
		b.WriteString(" inet6")
	}
	if r.proto != 0 {
		b.WriteString(" proto " + protoString(r.proto))
	}
	b.WriteString(p.fromTo(r))
	return b.String()
}

// onText prints the rule's interface: ` on IF` or ` on ! IF`.
func onText(r *rule) string {
	switch {
	case r.ifname == "":
		return ""
	case r.ifnot:
		return " on ! " + r.ifname
	}
	return " on " + r.ifname
}

func (p *printer) fromTo(r *rule) string {
	s, d := r.src, r.dst
	if s.addr.typ == addrMask && d.addr.typ == addrMask &&
		s.addr.addr.zero(afInet6) && s.addr.mask.zero(afInet6) &&
		d.addr.addr.zero(afInet6) && d.addr.mask.zero(afInet6) &&
		!s.neg && !d.neg && s.port.op == opNone && d.port.op == opNone && r.os == "" {
		return " all"
	}
	var b strings.Builder
	b.WriteString(" from ")
	if s.neg {
		b.WriteString("! ")
	}
	b.WriteString(formatAddr(s.addr, r.af, p.verbose2))
	if s.port.op != opNone {
		b.WriteString(p.portString(s.port, r.proto))
	}
	if r.os != "" {
		b.WriteString(" os \"" + r.os + "\"")
	}
	b.WriteString(" to ")
	if d.neg {
		b.WriteString("! ")
	}
	b.WriteString(formatAddr(d.addr, r.af, p.verbose2))
	if d.port.op != opNone {
		b.WriteString(p.portString(d.port, r.proto))
	}
	return b.String()
}

func (p *printer) poolString(po *pool, af int, kind string) string {
	var b strings.Builder
	if p.freebsd() && len(po.list) > 0 {
		// FreeBSD's print_pool: `{ a, b }`, route hosts as `(if addr)`.
		if len(po.list) > 1 {
			b.WriteString("{ ")
		}
		for i, h := range po.list {
			if i > 0 {
				b.WriteString(", ")
			}
			if kind == "route" {
				haf := af
				if po.ipv6NextHop && h.af != 0 {
					// a next hop keeps its own family (an IPv6
					// one on an inet rule)
					haf = h.af
				}
				if h.addr.addr.zero(haf) && h.addr.typ == addrMask {
					b.WriteString(h.ifname)
				} else {
					b.WriteString("(" + h.ifname + " " + formatAddr(h.addr, haf, false) + ")")
				}
				continue
			}
			b.WriteString(formatAddr(h.addr, af, false))
		}
		if len(po.list) > 1 {
			b.WriteString(" }")
		}
	} else if p.oldRouteSyntax() && kind == "route" {
		// OpenBSD before 5.x printed route-to pools as `addr@if`.
		if po.ifname != "" {
			if !po.addr.addr.zero(af) {
				b.WriteString(formatAddr(po.addr, af, false) + "@")
			}
			b.WriteString(po.ifname)
		} else {
			b.WriteString(formatAddr(po.addr, af, false))
		}
	} else if po.ifname != "" {
		if !po.addr.addr.zero(af) {
			b.WriteString(formatAddr(po.addr, af, p.verbose2) + "@")
		}
		b.WriteString(po.ifname)
	} else {
		b.WriteString(formatAddr(po.addr, af, p.verbose2))
	}
	p1, p2 := po.proxy[0], po.proxy[1]
	switch kind {
	case "nat":
		if (p1 != 50001 || p2 != 65535) && (p1 != 0 || p2 != 0) {
			if p1 == p2 {
				fmt.Fprintf(&b, " port %d", p1)
			} else {
				fmt.Fprintf(&b, " port %d:%d", p1, p2)
			}
		}
	case "rdr":
		if p1 != 0 {
			fmt.Fprintf(&b, " port %d", p1)
			if p2 != 0 && p2 != p1 {
				fmt.Fprintf(&b, ":%d", p2)
			}
		}
	}
	switch po.typ {
	case poolBitmask:
		b.WriteString(" bitmask")
	case poolRandom:
		b.WriteString(" random")
	case poolSrcHash:
		fmt.Fprintf(&b, " source-hash 0x%08x%08x%08x%08x", po.key[0], po.key[1], po.key[2], po.key[3])
	case poolRoundRobin:
		b.WriteString(" round-robin")
	case poolLeastStates:
		b.WriteString(" least-states")
	}
	if po.sticky {
		b.WriteString(" sticky-address")
	}
	if po.endpointIndependent {
		b.WriteString(" endpoint-independent")
	}
	if kind == "nat" && p1 == 0 && p2 == 0 {
		b.WriteString(" static-port")
	}
	if po.mapE[0] > 0 {
		fmt.Fprintf(&b, " map-e-portset %d/%d/%d", po.mapE[0], po.mapE[1], po.mapE[2])
	}
	if po.ipv6NextHop {
		b.WriteString(" prefer-ipv6-nexthop")
	}
	return b.String()
}

// formatRule is print_rule for OpenBSD 4.7 and later.
func (p *printer) formatRule(r *rule) string {
	var b strings.Builder
	if p.verbose2 {
		fmt.Fprintf(&b, "@%d ", r.nr)
	}
	if r.isAnchor {
		name := r.anchorCall
		base := name
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			base = name[i+1:]
		}
		if name == "" || strings.HasPrefix(base, "_") {
			b.WriteString(r.anchorKind)
		} else {
			b.WriteString(r.anchorKind + " \"" + name + "\"")
		}
	} else {
		b.WriteString(r.action)
	}
	if r.action == "block" {
		switch r.ret {
		case "return":
			b.WriteString(" return")
		case "return-rst":
			if r.returnTTL == 0 {
				b.WriteString(" return-rst")
			} else {
				fmt.Fprintf(&b, " return-rst(ttl %d)", r.returnTTL)
			}
		case "return-icmp":
			ic, ok := icmpCodeName(r.returnICMP[0], r.returnICMP[1], afInet, p.notnbrUnr())
			ic6, ok6 := icmpCodeName(r.returnICMP6[0], r.returnICMP6[1], afInet6, p.notnbrUnr())
			if !ok {
				ic = strconv.Itoa(int(r.returnICMP[1]))
			}
			if !ok6 {
				ic6 = strconv.Itoa(int(r.returnICMP6[1]))
			}
			switch r.af {
			case afInet:
				b.WriteString(" return-icmp(" + ic + ")")
			case afInet6:
				b.WriteString(" return-icmp6(" + ic6 + ")")
			default:
				b.WriteString(" return-icmp(" + ic + ", " + ic6 + ")")
			}
		default:
			b.WriteString(" drop")
		}
	}
	switch r.direction {
	case dirIn:
		b.WriteString(" in")
	case dirOut:
		b.WriteString(" out")
	}
	if r.log != 0 {
		b.WriteString(" log")
		if r.log&^logOn != 0 || r.logif != 0 {
			var parts []string
			if r.log&logAll != 0 {
				parts = append(parts, "all")
			}
			if r.log&logMatches != 0 {
				parts = append(parts, "matches")
			}
			if r.log&logUser != 0 {
				parts = append(parts, "user")
			}
			if r.logif != 0 {
				parts = append(parts, fmt.Sprintf("to pflog%d", r.logif))
			}
			b.WriteString(" (" + strings.Join(parts, ", ") + ")")
		}
	}
	if r.quick {
		b.WriteString(" quick")
	}
	b.WriteString(onText(r))
	if r.onrdomain >= 0 {
		if r.ifnot {
			fmt.Fprintf(&b, " on ! rdomain %d", r.onrdomain)
		} else {
			fmt.Fprintf(&b, " on rdomain %d", r.onrdomain)
		}
	}
	if p.routeBeforeAF() && r.rt != rtNone {
		b.WriteString(p.routeString(r))
	}
	b.WriteString(p.afProtoFromTo(r))
	if r.rcvIf != "" {
		not := ""
		if r.rcvNot {
			not = "!"
		}
		b.WriteString(" " + not + "received-on " + r.rcvIf)
	}
	if r.uid.op != opNone {
		b.WriteString(ugidString(r.uid, "user"))
	}
	if r.gid.op != opNone {
		b.WriteString(ugidString(r.gid, "group"))
	}
	if r.flags != 0 || r.flagset != 0 {
		b.WriteString(" flags " + flagString(r.flags) + "/" + flagString(r.flagset))
	} else if (r.action == "pass" || r.action == "match") && (r.proto == 0 || r.proto == 6) &&
		!r.fragment && !r.isAnchor && r.keepState != stateNone && p.printsFlagsAny() {
		b.WriteString(" flags any")
	}
	if r.icmpType != 0 {
		t := r.icmpType - 1
		if r.af != afInet6 {
			b.WriteString(" icmp-type")
		} else {
			b.WriteString(" icmp6-type")
		}
		if n, ok := icmpTypeName(t, r.af); ok {
			b.WriteString(" " + n)
		} else {
			fmt.Fprintf(&b, " %d", t)
		}
		if r.icmpCode != 0 {
			c := r.icmpCode - 1
			if n, ok := icmpCodeName(t, c, r.af, p.notnbrUnr()); ok {
				b.WriteString(" code " + n)
			} else {
				fmt.Fprintf(&b, " code %d", c)
			}
		}
	}
	if r.tos != 0 {
		fmt.Fprintf(&b, " tos 0x%2.2x", r.tos)
	}
	if r.hasPrio {
		pr := r.prio
		if pr == 0xff {
			pr = 0
		}
		fmt.Fprintf(&b, " prio %d", pr)
	}
	if r.maxPktSize != 0 {
		fmt.Fprintf(&b, " max-pkt-size %d", r.maxPktSize)
	}
	if p.barePrio() && r.hasSetPrio {
		if r.setPrio[0] == r.setPrio[1] {
			fmt.Fprintf(&b, " prio %d", r.setPrio[0])
		} else {
			fmt.Fprintf(&b, " prio(%d, %d)", r.setPrio[0], r.setPrio[1])
		}
	}
	if r.pktrate[0] != 0 {
		fmt.Fprintf(&b, " max-pkt-rate %d/%d", r.pktrate[0], r.pktrate[1])
	}
	if p.freebsd() && r.hasSetPrio {
		if r.setPrio[0] == r.setPrio[1] {
			fmt.Fprintf(&b, " set ( prio %d )", r.setPrio[0])
		} else {
			fmt.Fprintf(&b, " set ( prio(%d, %d) )", r.setPrio[0], r.setPrio[1])
		}
	}
	if p.setParens() {
		if r.hasSetPrio || r.qname != "" || r.hasSetTos || r.hasDelay {
			var parts []string
			if r.hasSetPrio {
				if r.setPrio[0] == r.setPrio[1] {
					parts = append(parts, fmt.Sprintf("prio %d", r.setPrio[0]))
				} else {
					parts = append(parts, fmt.Sprintf("prio(%d, %d)", r.setPrio[0], r.setPrio[1]))
				}
			}
			if r.qname != "" {
				if r.pqname != "" {
					parts = append(parts, "queue("+r.qname+", "+r.pqname+")")
				} else {
					parts = append(parts, "queue "+r.qname)
				}
			}
			if r.hasSetTos {
				parts = append(parts, fmt.Sprintf("tos 0x%2.2x", r.setTos))
			}
			if r.hasDelay {
				parts = append(parts, fmt.Sprintf("delay %d", r.delay))
			}
			b.WriteString(" set (" + strings.Join(parts, ", ") + ")")
		}
	}
	b.WriteString(p.stateString(r))
	b.WriteString(limiterRefsString(r.limiters))
	if r.fragment {
		b.WriteString(" fragment")
	}
	if r.nodf || r.randomID || r.reassTCP || r.minTTL != 0 || r.maxMSS != 0 || r.hasScrubTos {
		var parts []string
		if r.nodf {
			parts = append(parts, "no-df")
		}
		if r.randomID {
			parts = append(parts, "random-id")
		}
		if r.minTTL != 0 {
			parts = append(parts, fmt.Sprintf("min-ttl %d", r.minTTL))
		}
		if r.hasScrubTos {
			parts = append(parts, fmt.Sprintf("set-tos 0x%2.2x", r.setTOSScrub))
		}
		if r.reassTCP {
			parts = append(parts, "reassemble tcp")
		}
		if r.maxMSS != 0 {
			parts = append(parts, fmt.Sprintf("max-mss %d", r.maxMSS))
		}
		b.WriteString(" scrub (" + strings.Join(parts, " ") + ")")
	}
	if r.allowOpts {
		b.WriteString(" allow-opts")
	}
	if r.label != "" {
		b.WriteString(" label \"" + r.label + "\"")
	}
	if r.once {
		b.WriteString(" once")
	}
	b.WriteString(tagText(r.tag, r.matchTag, r.matchTagNot))
	if r.rtable != -1 {
		fmt.Fprintf(&b, " rtable %d", r.rtable)
	}
	switch r.divert {
	case divertTo:
		if p.freebsd() {
			fmt.Fprintf(&b, " divert-to %d", r.divertPort)
		} else {
			fmt.Fprintf(&b, " divert-to %s port %d", addrString(r.af, r.divertAddr), r.divertPort)
		}
	case divertReply:
		b.WriteString(" divert-reply")
	case divertPacket:
		fmt.Fprintf(&b, " divert-packet port %d", r.divertPort)
	}
	if !p.setParens() && r.qname != "" {
		if r.pqname != "" {
			b.WriteString(" queue(" + r.qname + ", " + r.pqname + ")")
		} else {
			b.WriteString(" queue " + r.qname)
		}
	}
	naf := r.af
	if r.naf != 0 {
		naf = r.naf
	}
	switch {
	case !r.isAnchor && r.hasNat && r.afto:
		b.WriteString(" af-to ")
		if r.naf == afInet {
			b.WriteString("inet")
		} else {
			b.WriteString("inet6")
		}
		b.WriteString(" from " + p.poolString(&r.nat, naf, "nat"))
		if r.hasRdr {
			b.WriteString(" to " + p.poolString(&r.rdr, naf, "rdr"))
		}
	case !r.isAnchor && r.hasNat:
		b.WriteString(" nat-to " + p.poolString(&r.nat, naf, "nat"))
	case !r.isAnchor && r.hasRdr:
		b.WriteString(" rdr-to " + p.poolString(&r.rdr, r.af, "rdr"))
	}
	if !p.routeBeforeAF() && r.rt != rtNone {
		b.WriteString(p.routeString(r))
	}
	return b.String()
}

func (p *printer) routeString(r *rule) string {
	var b strings.Builder
	switch r.rt {
	case rtRouteTo:
		b.WriteString(" route-to")
	case rtReplyTo:
		b.WriteString(" reply-to")
	case rtDupTo:
		b.WriteString(" dup-to")
	case rtFastRoute:
		return " fastroute"
	}
	// With af-to the next hop is in the target family (FreeBSD, where
	// route-to and af-to may meet).
	af := r.af
	if r.afto && r.naf != 0 {
		af = r.naf
	}
	b.WriteString(" " + p.poolString(&r.route, af, "route"))
	return b.String()
}

// stateString prints keep/modulate/synproxy state, probability and the
// state options in pfctl's order.
func (p *printer) stateString(r *rule) string {
	var b strings.Builder
	ropts := r.maxStates != 0 || r.maxSrcNodes != 0 || r.maxSrcStates != 0 ||
		r.noSync || r.srcTrack || r.ifBound || r.sloppy || r.pflow || r.floating && p.freebsd()
	for _, t := range r.timeouts {
		if t != 0 {
			ropts = true
		}
	}
	switch {
	case r.keepState == stateNone && r.action == "pass" && !r.isAnchor:
		b.WriteString(" no state")
	case r.keepState == stateNormal && (ropts || p.alwaysKeepState()):
		b.WriteString(" keep state")
	case r.keepState == stateModulate:
		b.WriteString(" modulate state")
	case r.keepState == stateSynproxy:
		b.WriteString(" synproxy state")
	}
	if r.prob != 0 {
		f := float64(r.prob) * 100.0 / (4294967295.0 + 1.0)
		s := strconv.FormatFloat(f, 'f', 6, 64)
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
		b.WriteString(" probability " + s + "%")
	}
	if ropts {
		var parts []string
		if r.maxStates != 0 {
			parts = append(parts, fmt.Sprintf("max %d", r.maxStates))
		}
		if r.noSync {
			parts = append(parts, "no-sync")
		}
		if r.srcTrack {
			if r.ruleSrcTrack {
				parts = append(parts, "source-track rule")
			} else {
				parts = append(parts, "source-track global")
			}
		}
		if r.maxSrcStates != 0 {
			parts = append(parts, fmt.Sprintf("max-src-states %d", r.maxSrcStates))
		}
		if r.maxSrcConn != 0 {
			parts = append(parts, fmt.Sprintf("max-src-conn %d", r.maxSrcConn))
		}
		if r.maxSrcConnRate[0] != 0 {
			parts = append(parts, fmt.Sprintf("max-src-conn-rate %d/%d", r.maxSrcConnRate[0], r.maxSrcConnRate[1]))
		}
		if r.maxSrcNodes != 0 {
			parts = append(parts, fmt.Sprintf("max-src-nodes %d", r.maxSrcNodes))
		}
		if r.overload != "" {
			s := "overload <" + r.overload + ">"
			if r.flush {
				s += " flush"
			}
			if r.flushGlobal {
				s += " global"
			}
			parts = append(parts, s)
		}
		if r.ifBound {
			parts = append(parts, "if-bound")
		}
		if r.floating && p.freebsd() {
			parts = append(parts, "floating")
		}
		if r.sloppy {
			parts = append(parts, "sloppy")
		}
		if r.pflow {
			parts = append(parts, "pflow")
		}
		for i, t := range r.timeouts {
			if t != 0 {
				parts = append(parts, fmt.Sprintf("%s %d", timeoutNames[i], t))
			}
		}
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	return b.String()
}
