package grammar

import plexer "github.com/alecthomas/participle/v2/lexer"

// The fast path's reading of addresses, ports and translation targets.

// hostStarts reports whether a HostEntry can begin at the next token.
func (p *ruleParser) hostStarts() bool {
	return p.isAny("!", "{", "any", "no-route", "urpf-failed", "<", "(", "route") ||
		p.isType(ptWord, ptNumber, ptQuoted)
}

func (p *ruleParser) hostPort() *HostPort {
	hp := take(&p.a.hostPort)
	if p.is("{") && p.peekSecond().Value == "}" {
		// `{ }`: no HostEntry (a list needs one), participle's second
		// alternative.
		p.next()
		p.next()
	} else if p.hostStarts() {
		hp.Hosts = p.hostEntry()
	}
	if p.is("port") {
		hp.Port = p.portSpec()
	}
	return hp
}

// peekSecond is the token after the next one.
func (p *ruleParser) peekSecond() *plexer.Token {
	return &p.toks[min(p.i+1, len(p.toks)-1)]
}

func (p *ruleParser) hostEntry() *HostEntry {
	he := take(&p.a.hostEntry)
	he.Pos = p.pos()
	he.Not = p.accept("!")
	if p.is("{") {
		he.List = list(p, "{", "}", p.hostEntry)
	} else {
		he.Host = p.host()
	}
	return he
}

func (p *ruleParser) host() *Host {
	h := take(&p.a.host)
	h.Pos = p.pos()
	switch {
	case p.accept("any"):
		h.Any = true
	case p.accept("no-route"):
		h.NoRoute = true
	case p.accept("urpf-failed"):
		h.UrpfFailed = true
	default:
		p.hostTarget(&h.Table, &h.Dynamic, &h.Route, &h.Address)
	}
	return h
}

// hostTarget reads the alternatives Host and RedirHost share: `<table>`,
// `(interface …)`, `route label`, or an address.
func (p *ruleParser) hostTarget(table **Str, dynamic **Dynamic, route **Str, address **Address) {
	switch {
	case p.accept("<"):
		*table = p.strPtr(ptWord, ptQuoted, ptNumber)
		p.expect(">")
	case p.is("("):
		*dynamic = p.dynamic()
	case p.accept("route"):
		*route = p.strPtr(ptWord, ptQuoted)
	case p.isType(ptWord, ptNumber, ptQuoted):
		*address = p.address()
	default:
		p.decline()
	}
}

func (p *ruleParser) address() *Address {
	a := take(&p.a.address)
	a.Pos = p.pos()
	a.Name = p.str(ptWord, ptNumber, ptQuoted)
	if p.accept("/") {
		a.Mask = p.numberPtr()
	}
	if p.accept("-") {
		a.RangeTo = p.strPtr(ptWord, ptNumber)
	}
	return a
}

func (p *ruleParser) portSpec() *PortSpec {
	ps := take(&p.a.portSpec)
	ps.Pos = p.pos()
	p.expect("port")
	ps.Items = braced(p, p.portItem)
	return ps
}

func (p *ruleParser) portItem() *PortItem {
	pi := take(&p.a.portItem)
	pi.Pos = p.pos()
	if p.isAny("=", "!=", "<=", ">=", "<", ">") {
		pi.Op = p.next().Value
	}
	pi.From = p.str(ptWord, ptNumber, ptQuoted)
	if p.isAny("<>", "><", ":") {
		pi.Rng = p.next().Value
		pi.To = p.strPtr(ptWord, ptNumber, ptQuoted)
	}
	return pi
}

// idList is the operand of `user` and `group`.
func (p *ruleParser) idList() *IDList {
	return &IDList{Items: braced(p, p.portItem)}
}

func (p *ruleParser) redirSpec() *RedirSpec {
	rs := &RedirSpec{Pos: p.pos()}
	rs.Hosts = braced(p, p.redirHost)
	return rs
}

func (p *ruleParser) redirHost() *RedirHost {
	h := &RedirHost{Pos: p.pos()}
	p.hostTarget(&h.Table, &h.Dynamic, &h.Route, &h.Address)
	if p.accept("weight") {
		h.Weight = p.numberPtr()
	}
	return h
}

// poolKinds are the pool options that are a single keyword.
var poolKinds = []string{"bitmask", "random", "round-robin", "least-states", "static-port",
	"sticky-address", "prefer-ipv6-nexthop", "endpoint-independent"}

func (p *ruleParser) poolOpts() []*PoolOpt {
	var out []*PoolOpt
	for {
		switch {
		case p.isAny(poolKinds...):
			out = append(out, &PoolOpt{Kind: p.next().Value})
		case p.accept("source-hash"):
			o := &PoolOpt{Hash: true}
			if p.isType(ptWord, ptQuoted) {
				o.Key = p.strPtr(ptWord, ptQuoted)
			}
			out = append(out, o)
		case p.accept("map-e-portset"):
			o := &PoolOpt{MapE: []Str{p.str(ptNumber, ptWord)}}
			p.expect("/")
			o.MapE = append(o.MapE, p.str(ptNumber, ptWord))
			p.expect("/")
			o.MapE = append(o.MapE, p.str(ptNumber, ptWord))
			out = append(out, o)
		default:
			return out
		}
	}
}

func (p *ruleParser) dynamic() *Dynamic {
	d := &Dynamic{Pos: p.pos()}
	p.expect("(")
	d.Iface = p.str(ptWord, ptQuoted)
	if p.accept("/") {
		d.Mask = p.numberPtr()
	}
	for p.is(",") || p.hostStarts() {
		p.accept(",")
		d.Hosts = append(d.Hosts, p.hostEntry())
	}
	p.expect(")")
	if p.accept("/") {
		d.Mask2 = p.numberPtr()
	}
	return d
}

func (p *ruleParser) redirect() *Redirect {
	r := &Redirect{Hosts: p.redirSpec()}
	if p.is("port") {
		r.Port = p.portSpec()
	}
	r.Pool = p.poolOpts()
	return r
}

func (p *ruleParser) afTo() *AfTo {
	if !p.isAny("inet", "inet6") {
		p.decline()
	}
	a := &AfTo{AF: p.next().Value}
	p.expect("from")
	a.From = p.redirect()
	if p.accept("to") {
		a.To = p.redirect()
	}
	return a
}
