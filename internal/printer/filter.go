package printer

import (
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// ruleBase reads what the rule head says: direction, log, quick,
// interfaces, family, protocols, addresses and ports.
func (p *printer) ruleHead(r *rule, h *grammar.RuleHead, l *ruleLists) {
	switch h.Dir {
	case "in":
		r.direction = dirIn
	case "out":
		r.direction = dirOut
	}
	for range h.Log {
		r.log |= logOn
		opts := parenWords(p.curStmt, "log")
		for i := 0; i < len(opts); i++ {
			switch opts[i] {
			case "all":
				r.log |= logAll
			case "matches":
				r.log |= logMatches
			case "user":
				r.log |= logUser
			case "to":
				if i+1 < len(opts) {
					i++
					n := strings.TrimPrefix(opts[i], "pflog")
					r.logif, _ = strconv.Atoi(n)
				}
			}
		}
	}
	r.quick = h.Quick
	l.ifs = ifNodes(h.On)
	switch h.AF {
	case "inet":
		r.af = afInet
	case "inet6":
		r.af = afInet6
	}
	l.protos = p.protoList(h.Proto)
	if h.FromTo != nil {
		for _, part := range h.FromTo.Parts {
			switch {
			case part.From != nil:
				l.src = p.hostsOf(part.From.Hosts)
				l.sports = p.portSpecs(part.From.Port)
			case part.To != nil:
				l.dst = p.hostsOf(part.To.Hosts)
				l.dports = p.portSpecs(part.To.Port)
			case part.OS != nil:
				for _, o := range part.OS {
					l.oses = append(l.oses, o.Text())
				}
			}
		}
	}
	for _, ro := range h.Route {
		p.routeOpt(r, ro, l)
	}
}

func (p *printer) routeOpt(r *rule, ro *grammar.RouteOpt, l *ruleLists) {
	switch ro.Kind2 {
	case "route-to":
		r.rt = rtRouteTo
	case "reply-to":
		r.rt = rtReplyTo
	case "dup-to":
		r.rt = rtDupTo
	default:
		r.rt = rtFastRoute
		return
	}
	rs := &redirspec{routing: true}
	if ro.Hosts != nil {
		for _, rh := range ro.Hosts.Hosts {
			if p.oldRouteSyntax() && rh.Address != nil && rh.Address.RangeTo == nil {
				// A bare name is the interface to route through.
				rs.hosts = append(rs.hosts, host{ifname: rh.Address.Name.Text(), addr: addrWrap{typ: addrMask}})
				continue
			}
			one := &grammar.RedirSpec{Hosts: []*grammar.RedirHost{rh}}
			rs.hosts = append(rs.hosts, p.redirHosts(one)...)
		}
	}
	rs.oldRoute = p.oldRouteSyntax()
	p.poolOpts(rs, ro.Pool)
	l.route = rs
}

// filterOpts reads the options after the addresses.
func (p *printer) filterOpts(r *rule, opts []grammar.FilterOpt, l *ruleLists) (keepGiven bool, keepOpts []stateOpt, flagsGiven bool) {
	r.rtable = -1
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptUser:
			l.uids = append(p.idSpecs(o.User, p.mach.users), l.uids...)
		case *grammar.OptGroup:
			l.gids = append(p.idSpecs(o.Group, p.mach.groupIDs), l.gids...)
		case *grammar.OptFlags:
			flagsGiven = true
			if o.Flags.Any {
				r.flagsAny = true
			} else {
				if o.Flags.Set != nil {
					r.flags = parseFlags(o.Flags.Set.Text())
				}
				r.flagset = parseFlags(o.Flags.Mask.Text())
			}
		case *grammar.OptIcmpType:
			l.icmps = p.icmpList(o.IcmpType, false)
		case *grammar.OptIcmp6Type:
			l.icmps = p.icmpList(o.Icmp6Type, true)
		case *grammar.OptTos:
			r.tos, _ = tosValue(o.Tos.Text())
		case *grammar.StateSpec:
			keepGiven = true
			switch o.Kind {
			case "keep":
				r.keepState = stateNormal
			case "modulate":
				r.keepState = stateModulate
			case "synproxy":
				r.keepState = stateSynproxy
			default:
				r.keepState = stateNone
			}
			keepOpts = stateOpts(flatArgs(o.Opts))
		case *grammar.OptFragment:
			r.fragment = true
		case *grammar.OptAllowOpts:
			r.allowOpts = true
		case *grammar.OptOnce:
			r.once = true
		case *grammar.OptLabel:
			r.label = o.Label.Text()
		case *grammar.OptTag:
			r.tag = o.Tag.Text()
		case *grammar.OptTagged:
			r.matchTag = o.Tagged.Text()
			r.matchTagNot = o.NotTagged
		case *grammar.OptProbability:
			if msg := model.ProbabilityMessage(p.t, o.Probability.Text()); msg != "" {
				p.errorf(model.ProbabilityInvalid, "%s", msg)
			}
			r.prob = probability(o.Probability.Text())
		case *grammar.OptRtable:
			r.rtable = o.Rtable
		case *grammar.OptDivertTo:
			r.divert = divertTo
			hs := p.hostsOf(o.DivertTo.Host)
			if o.DivertTo.Port != nil && len(o.DivertTo.Port.Items) > 0 {
				if ps, ok := portItem(o.DivertTo.Port.Items[0]); ok {
					r.divertPort = ps.a
				}
			}
			l.divert = hs
		case *grammar.OptDivertReply:
			r.divert = divertReply
		case *grammar.OptDivertPacket:
			r.divert = divertPacket
			if len(o.DivertPacket.Items) > 0 {
				if ps, ok := portItem(o.DivertPacket.Items[0]); ok {
					r.divertPort = ps.a
				}
			}
		case *grammar.OptPrio:
			if p.t.HasBarePrioAction() {
				p.setPrioOf(r, o.Prio)
			} else if o.Prio.Prio != nil {
				r.hasPrio = true
				r.prio = uint8(*o.Prio.Prio)
				if r.prio == 0 {
					r.prio = 0xff
				}
			}
		case *grammar.OptSet:
			for _, it := range o.Set.Items() {
				switch {
				case it.Prio != nil:
					p.setPrioOf(r, it.Prio)
				case it.Queue != nil:
					queueOf(r, it.Queue)
				case it.Tos != nil:
					r.setTos, _ = tosValue(it.Tos.Text())
					r.hasSetTos = true
				case it.Delay != nil:
					r.delay, r.hasDelay = uint16(*it.Delay), true
				}
			}
		case *grammar.OptQueue:
			queueOf(r, o.Queue)
		case *grammar.OptMaxPktRate:
			r.pktrate = [2]uint32{uint32(o.MaxPktRate.Count), uint32(o.MaxPktRate.Seconds)}
		case *grammar.OptMaxPktSize:
			r.maxPktSize = o.MaxPktSize
		case *grammar.OptReceivedOn:
			if o.ReceivedOn.Name != nil {
				r.rcvIf = o.ReceivedOn.Name.Text()
			} else if o.ReceivedOn.Any {
				r.rcvIf = "any"
			}
			r.rcvNot = o.ReceivedOn.Not
		case *grammar.OptScrub:
			p.scrubOpts(r, flatArgs(o.Scrub))
		case *grammar.OptNatTo:
			l.nat = p.redirOf(o.NatTo)
		case *grammar.OptRdrTo:
			l.rdr = p.redirOf(o.RdrTo)
		case *grammar.OptBinatTo:
			l.nat = p.redirOf(o.BinatTo)
			l.nat.binat = true
			l.nat.static = true
		case *grammar.OptAfTo:
			r.afto = true
			af := afInet
			if o.AfTo.AF == "inet6" {
				af = afInet6
			}
			l.nat = p.redirOf(o.AfTo.From)
			l.nat.af = af
			if o.AfTo.To != nil {
				l.rdr = p.redirOf(o.AfTo.To)
				l.rdr.af = af
			} else {
				l.rdr = &redirspec{af: af}
			}
		case *grammar.OptRoute:
			p.routeOpt(r, o.Route, l)
		case *grammar.LimiterRef:
			if ref, ok := p.limiterRef(o); ok {
				r.limiters = append(r.limiters, ref)
			}
		}
	}
	return keepGiven, keepOpts, flagsGiven
}

func (p *printer) setPrioOf(r *rule, ps *grammar.PrioSpec) {
	r.hasSetPrio = true
	if ps.Prio != nil {
		r.setPrio = [2]uint8{uint8(*ps.Prio), uint8(*ps.Prio)}
	} else if len(ps.Pair) == 2 {
		r.setPrio = [2]uint8{uint8(ps.Pair[0]), uint8(ps.Pair[1])}
	}
}

func queueOf(r *rule, q *grammar.QueueRef) {
	if q.Name != nil {
		r.qname = q.Name.Text()
		return
	}
	if len(q.Pair) > 0 {
		r.qname = q.Pair[0].Text()
	}
	if len(q.Pair) > 1 {
		r.pqname = q.Pair[1].Text()
	}
}

// scrubOpts reads `scrub (…)` options of a filter rule.
func (p *printer) scrubOpts(r *rule, words []string) {
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case "no-df":
			r.nodf = true
		case "random-id":
			r.randomID = true
		case "min-ttl":
			if i+1 < len(words) {
				i++
				r.minTTL, _ = strconv.Atoi(words[i])
			}
		case "max-mss":
			if i+1 < len(words) {
				i++
				r.maxMSS, _ = strconv.Atoi(words[i])
			}
		case "reassemble":
			if i+1 < len(words) {
				i++
			}
			r.reassTCP = true
		case "set-tos":
			if i+1 < len(words) {
				i++
				v, _ := tosValue(words[i])
				r.setTOSScrub, r.hasScrubTos = int(v), true
			}
		}
	}
}

// parseFlags is pfctl's parse_flags.
func parseFlags(s string) uint8 {
	var f uint8
	for _, c := range s {
		i := strings.IndexRune(tcpFlagChars, c)
		if i < 0 {
			return 0
		}
		f |= 1 << i
	}
	if f == 0 {
		return 0xff
	}
	return f
}

// probability reads `probability 50%` or `0.5` into pf's 32-bit fraction.
func probability(s string) uint32 {
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return 0
	}
	if pct {
		v /= 100
	}
	f := v*4294967295.0 + 0.5
	if f < 0 {
		return 0
	}
	n := uint32(f)
	if n == 0 {
		n = 1
	}
	return n
}

// filterRule is a pass, block or match rule: read it, apply pfctl's
// defaults, expand it.
func (p *printer) filterRule(fr *grammar.FilterRule, rs *ruleset) {
	r := &rule{action: fr.Action, onrdomain: -1, rtable: -1}
	if fr.Block != nil {
		p.blockSpec(r, fr.Block)
	} else if r.action == "block" && p.blockReturn {
		r.ret = "return"
		r.returnICMP = [2]uint8{3, 3}
		r.returnICMP6 = [2]uint8{1, 4}
	}
	var l ruleLists
	p.ruleHead(r, &fr.RuleHead, &l)
	keepGiven, keepOpts, flagsGiven := p.filterOpts(r, fr.Options, &l)
	p.finishFilterRule(r, &l, keepGiven, keepOpts, flagsGiven)
	if r.divert == divertTo && len(l.divert) > 0 && !p.freebsd() {
		if r.af != 0 {
			found := false
			for _, h := range l.divert {
				if h.af == r.af {
					r.divertAddr, found = h.addr.addr, true
					break
				}
			}
			if !found {
				p.errorf(model.DivertAFMismatch, "divert-to address family mismatch")
				return
			}
		} else {
			r.af = l.divert[0].af
			r.divertAddr = l.divert[0].addr.addr
		}
	}
	p.expandRule(r, rs, &l)
}

// finishFilterRule applies the defaults pfctl's rule action applies.
func (p *printer) finishFilterRule(r *rule, l *ruleLists, keepGiven bool, keepOpts []stateOpt, flagsGiven bool) {
	pass := r.action == "pass"
	if !keepGiven && pass && p.defaultKeepState() {
		r.keepState = stateNormal
		keepOpts = p.stateDefaults
	}
	srctrack, adaptive := p.applyStateOpts(r, keepOpts)
	if pass && r.flags == 0 && r.flagset == 0 && !r.fragment && !flagsGiven && r.keepState != stateNone {
		r.flags, r.flagset = parseFlags("S"), parseFlags("SA")
	}
	if !adaptive && r.maxStates != 0 {
		r.timeouts[tmAdaptiveStart] = (r.maxStates / 10) * 6
		r.timeouts[tmAdaptiveEnd] = (r.maxStates / 10) * 12
	}
	if r.srcTrack {
		if r.timeouts[tmSrcNode] < r.maxSrcConnRate[1] {
			r.timeouts[tmSrcNode] = r.maxSrcConnRate[1]
		}
		if srctrack == "rule" {
			r.ruleSrcTrack = true
		}
	}
	decideAF(l.src, &r.af)
	decideAF(l.dst, &r.af)
}

// defaultKeepState: pass rules keep state unless told not to (OpenBSD
// 4.1 and later, FreeBSD 7 and later).
func (p *printer) defaultKeepState() bool { return !p.obsdBefore(4, 1) }

func (p *printer) blockSpec(r *rule, b *grammar.BlockSpec) {
	args := parenWords(p.curStmt, b.Kind)
	switch b.Kind {
	case "drop":
		r.ret = "drop"
	case "return":
		r.ret = "return"
		r.returnICMP = [2]uint8{3, 3}
		r.returnICMP6 = [2]uint8{1, 4}
	case "return-rst":
		r.ret = "return-rst"
		for i := 0; i+1 < len(args); i++ {
			if args[i] == "ttl" {
				r.returnTTL, _ = strconv.Atoi(args[i+1])
			}
		}
	case "return-icmp", "return-icmp6":
		r.ret = "return-icmp"
		r.returnICMP = [2]uint8{3, 3}
		r.returnICMP6 = [2]uint8{1, 4}
		code := func(s string, af int) uint8 {
			if n, err := strconv.ParseUint(s, 10, 8); err == nil {
				return uint8(n)
			}
			typ := uint8(3)
			if af == afInet6 {
				typ = 1
			}
			c, _ := icmpCodeByName(typ, s, af, p.notnbrUnr())
			return c
		}
		if b.Kind == "return-icmp6" {
			if len(args) > 0 {
				r.returnICMP6[1] = code(args[0], afInet6)
			}
			break
		}
		if len(args) > 0 {
			r.returnICMP[1] = code(args[0], afInet)
		}
		if len(args) > 1 {
			r.returnICMP6[1] = code(args[1], afInet6)
		}
	}
}
