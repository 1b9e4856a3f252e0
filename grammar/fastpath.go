package grammar

import (
	"strconv"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Filter rules are most of any large ruleset, and participle spends most
// of its time on them: it tries every alternative of every optional part
// in turn, copying its parse context for each try (about 15 KB and 130
// allocations for a bare `pass`, 40 KB for an ordinary rule). A rule's
// parts are told apart by their first token, so ruleParser reads them in
// one pass, without trying.
//
// The participle grammar in the struct tags stays the definition of the
// language: ruleParser follows it production by production, hands the
// rarer productions (route options, translation targets, `set`,
// `(interface)` addresses, …) to participle itself, and gives up on
// anything it does not expect — a syntax error, an unusual shape — so
// that participle parses the statement again and says what is wrong.
// Whenever it does finish, its tree is the one participle builds, field
// for field: TestFastRuleMatchesParticiple and FuzzFastRule check this on
// the corpus, on generated rulesets and on fuzzed input.

// filterOptParser parses the rule options ruleParser does not know.
var filterOptParser = lazyParser[FilterOpt]()

// fastPathHook, when set (by tests), hears whether each statement the
// fast path knows took it.
var fastPathHook func(toks []Token, took bool)

// declined is the panic value with which ruleParser gives up.
type declined struct{}

// ruleParser reads a statement from participle's tokens, which end with
// an EOF token.
type ruleParser struct {
	toks []plexer.Token
	i    int
	a    *nodes
}

// fastProductions are the statements fastStatement parses, by first
// keyword.
var fastProductions = map[string]func(p *ruleParser) *Stmt{
	"pass":         fastRuleStmt,
	"block":        fastRuleStmt,
	"match":        fastRuleStmt,
	"anchor":       func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"nat-anchor":   func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"rdr-anchor":   func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"binat-anchor": func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"table":        func(p *ruleParser) *Stmt { return &Stmt{Table: p.tableDef()} },
	"antispoof":    func(p *ruleParser) *Stmt { return &Stmt{Antispoof: p.antispoof()} },
	"scrub":        func(p *ruleParser) *Stmt { return &Stmt{Scrub: p.scrubRule()} },
	"nat":          func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"rdr":          func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"binat":        func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"set":          func(p *ruleParser) *Stmt { return &Stmt{Option: p.setOption()} },
	"include":      func(p *ruleParser) *Stmt { return &Stmt{Include: p.include()} },
	"load":         func(p *ruleParser) *Stmt { return &Stmt{LoadAnchor: p.loadAnchor()} },
	"state":        func(p *ruleParser) *Stmt { return &Stmt{Limiter: p.limiterDef()} },
	"source":       func(p *ruleParser) *Stmt { return &Stmt{Limiter: p.limiterDef()} },
	"altq":         func(p *ruleParser) *Stmt { return &Stmt{Altq: p.altq()} },
	"queue":        func(p *ruleParser) *Stmt { return &Stmt{Queue: p.queueDef()} },
	"oldqueue":     func(p *ruleParser) *Stmt { return &Stmt{Queue: p.queueDef()} },
}

// fastMacro parses a macro definition, `name = value…`.
func fastMacro(p *ruleParser) *Stmt { return &Stmt{Macro: p.macroDef()} }

// fastProduction is the fast parser of a statement's kind, if it has one.
// `no` starts both `no scrub` and `no nat|rdr|binat`.
func fastProduction(toks []Token) func(p *ruleParser) *Stmt {
	if toks[0].Kind == Word && len(toks) > 1 && is(toks[1], "=") {
		return fastMacro
	}
	if toks[0].Kind != Keyword {
		return nil
	}
	if toks[0].Text == "no" && len(toks) > 1 {
		return fastProductions[toks[1].Text]
	}
	return fastProductions[toks[0].Text]
}

// fastStatement parses a statement of a kind in fastProductions, or
// returns nil when the statement is of another kind or should go to
// participle.
func fastStatement(toks []Token, ptoks []plexer.Token, a *nodes) (st *Stmt) {
	prod := fastProduction(toks)
	if prod == nil {
		return nil
	}
	defer func() {
		// Any panic, ours or a delegated parser's, means: let participle
		// parse the statement, with its own recovery around it.
		if recover() != nil {
			st = nil
		}
	}()
	p := ruleParser{toks: ptoks, a: a}
	st = prod(&p)
	if !p.peek().EOF() {
		return nil
	}
	st.Pos = ptoks[0].Pos
	return st
}

func (p *ruleParser) decline() { panic(declined{}) }

// peek is the next token; past the end, the final EOF token.
func (p *ruleParser) peek() *plexer.Token {
	return &p.toks[min(p.i, len(p.toks)-1)]
}

func (p *ruleParser) next() *plexer.Token {
	t := p.peek()
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *ruleParser) pos() plexer.Position { return p.peek().Pos }

// is reports whether the next token matches the literal v, the way
// participle matches an untyped literal: by its text alone.
func (p *ruleParser) is(v string) bool { return p.peek().Value == v }

func (p *ruleParser) isAny(vs ...string) bool {
	t := p.peek().Value
	for _, v := range vs {
		if t == v {
			return true
		}
	}
	return false
}

// isType reports whether the next token is of one of the types, the way
// participle matches a token reference such as Word.
func (p *ruleParser) isType(ts ...plexer.TokenType) bool {
	t := p.peek().Type
	for _, tt := range ts {
		if t == tt {
			return true
		}
	}
	return false
}

func (p *ruleParser) accept(v string) bool {
	if p.is(v) {
		p.next()
		return true
	}
	return false
}

func (p *ruleParser) expect(v string) {
	if !p.accept(v) {
		p.decline()
	}
}

// str takes the next token as a Str if it is of one of the types.
func (p *ruleParser) str(ts ...plexer.TokenType) Str {
	if !p.isType(ts...) {
		p.decline()
	}
	return Str(p.next().Value)
}

func (p *ruleParser) strPtr(ts ...plexer.TokenType) *Str {
	s := take(&p.a.str)
	*s = p.str(ts...)
	return s
}

// number takes a Number token as participle captures it into an int:
// strconv.ParseInt with base 0.
func (p *ruleParser) number() int {
	if !p.isType(ptNumber) {
		p.decline()
	}
	n, err := strconv.ParseInt(p.next().Value, 0, strconv.IntSize)
	if err != nil {
		p.decline()
	}
	return int(n)
}

func (p *ruleParser) numberPtr() *int {
	n := take(&p.a.int)
	*n = p.number()
	return n
}

// delegate parses one production with participle from where p stands.
func delegate[T any](p *ruleParser, parser *participle.Parser[T]) *T {
	pl, err := plexer.Upgrade(&sliceLexer{toks: p.toks[p.i:]})
	if err != nil {
		p.decline()
	}
	v, err := parser.ParseFromLexer(pl, participle.AllowTrailing(true))
	if err != nil {
		p.decline()
	}
	p.i += pl.Cursor()
	return v
}

// list reads `{ item [,] … }`, one item at least, as participle's
// `"{" (@@ ","?)+ "}"` does.
func list[T any](p *ruleParser, open, close string, item func() T) []T {
	p.expect(open)
	var out []T
	for {
		out = append(out, item())
		p.accept(",")
		if p.accept(close) {
			return out
		}
	}
}

// optionalList reads `( item [,] … )`, possibly empty, as participle's
// `"(" (@@ ","?)* ")"` does.
func optionalList[T any](p *ruleParser, open, close string, item func() T) []T {
	p.expect(open)
	var out []T
	for !p.accept(close) {
		out = append(out, item())
		p.accept(",")
	}
	return out
}

func (p *ruleParser) filterRule() *FilterRule {
	r := take(&p.a.filterRule)
	r.Pos = p.pos()
	if !p.isAny("pass", "block", "match") {
		p.decline()
	}
	r.Action = p.next().Value
	if p.isAny("drop", "return-rst", "return-icmp6", "return-icmp", "return") {
		r.Block = p.blockSpec()
	}
	p.ruleHead(&r.RuleHead)
	for !p.peek().EOF() {
		r.Options = append(r.Options, p.filterOpt())
		p.accept(",")
	}
	r.EndPos = p.pos()
	return r
}

func (p *ruleParser) blockSpec() *BlockSpec {
	b := &BlockSpec{Kind: p.next().Value}
	if p.is("(") {
		b.Args = optionalList(p, "(", ")", func() Str { return p.str(ptWord, ptNumber, ptKeyword) })
	}
	return b
}

func (p *ruleParser) ruleHead(h *RuleHead) {
	if p.isAny("in", "out") {
		h.Dir = p.next().Value
	}
	for {
		if p.is("log") {
			h.Log = append(h.Log, p.logSpec())
		} else if p.accept("quick") {
			h.Quick = true
		} else {
			break
		}
	}
	if p.is("on") {
		h.On = p.iface()
	}
	for p.isAny("fastroute", "route-to", "reply-to", "dup-to") {
		h.Route = append(h.Route, p.routeOpt())
	}
	if p.isAny("inet", "inet6") {
		h.AF = p.next().Value
	}
	if p.is("proto") {
		h.Proto = p.proto()
	}
	if p.isAny("all", "from", "os", "to") {
		h.FromTo = p.fromTo()
	}
}

func (p *ruleParser) logSpec() *LogSpec {
	l := &LogSpec{Pos: p.pos(), Log: true}
	p.next()
	if p.accept("(") {
		opt := func() Str {
			if p.isAny("all", "matches", "user", "to") || p.isType(ptWord, ptQuoted) {
				return Str(p.next().Value)
			}
			p.decline()
			return ""
		}
		l.Opts = append(l.Opts, opt())
		for !p.accept(")") {
			p.accept(",")
			l.Opts = append(l.Opts, opt())
		}
	}
	l.EndPos = p.pos()
	return l
}

func (p *ruleParser) iface() *Interface {
	in := take(&p.a.iface)
	in.Pos = p.pos()
	p.expect("on")
	if p.is("{") {
		in.Items = list(p, "{", "}", p.ifItem)
	} else {
		in.Items = []*IfItem{p.ifItem()}
	}
	in.EndPos = p.pos()
	return in
}

func (p *ruleParser) ifItem() *IfItem {
	it := take(&p.a.ifItem)
	it.Pos = p.pos()
	it.Not = p.accept("!")
	switch {
	case p.accept("any"):
		it.Any = true
	case p.accept("rdomain"):
		it.Rdomain = p.numberPtr()
	case p.isType(ptWord, ptQuoted):
		it.Name = p.strPtr(ptWord, ptQuoted)
	case p.accept("("):
		it.Paren = p.strPtr(ptWord, ptQuoted)
		p.expect(")")
	default:
		p.decline()
	}
	it.EndPos = p.pos()
	return it
}

func (p *ruleParser) proto() *ProtoSpec {
	ps := take(&p.a.proto)
	ps.Pos = p.pos()
	p.expect("proto")
	name := func() Str { return p.str(ptWord, ptNumber, ptQuoted) }
	if p.is("{") {
		ps.Items = list(p, "{", "}", name)
	} else {
		ps.Items = []Str{name()}
	}
	ps.EndPos = p.pos()
	return ps
}

func (p *ruleParser) fromTo() *FromTo {
	ft := take(&p.a.fromTo)
	ft.Pos = p.pos()
	for p.isAny("all", "from", "os", "to") {
		part := take(&p.a.fromToPart)
		part.Pos = p.pos()
		switch p.next().Value {
		case "all":
			part.All = true
		case "from":
			part.From = p.hostPort()
		case "os":
			name := func() Str { return p.str(ptWord, ptQuoted) }
			if p.is("{") {
				part.OS = optionalList(p, "{", "}", name)
			} else {
				part.OS = []Str{name()}
			}
		case "to":
			part.To = p.hostPort()
		}
		part.EndPos = p.pos()
		ft.Parts = append(ft.Parts, part)
	}
	ft.EndPos = p.pos()
	return ft
}

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
	he.EndPos = p.pos()
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
	case p.accept("<"):
		h.Table = p.strPtr(ptWord, ptQuoted, ptNumber)
		p.expect(">")
	case p.is("("):
		h.Dynamic = p.dynamic()
	case p.accept("route"):
		h.Route = p.strPtr(ptWord, ptQuoted)
	case p.isType(ptWord, ptNumber, ptQuoted):
		h.Address = p.address()
	default:
		p.decline()
	}
	h.EndPos = p.pos()
	return h
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
	a.EndPos = p.pos()
	return a
}

func (p *ruleParser) portSpec() *PortSpec {
	ps := take(&p.a.portSpec)
	ps.Pos = p.pos()
	p.expect("port")
	if p.is("{") {
		ps.Items = list(p, "{", "}", p.portItem)
	} else {
		ps.Items = []*PortItem{p.portItem()}
	}
	ps.EndPos = p.pos()
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
	pi.EndPos = p.pos()
	return pi
}

// idList is the operand of `user` and `group`.
func (p *ruleParser) idList() *IDList {
	if p.is("{") {
		return &IDList{Items: list(p, "{", "}", p.portItem)}
	}
	return &IDList{Items: []*PortItem{p.portItem()}}
}

// filterOpt reads one rule option, the common ones itself, the others
// through participle.
func (p *ruleParser) filterOpt() *FilterOpt {
	o := take(&p.a.filterOpt)
	o.Pos = p.pos()
	switch p.peek().Value {
	case "user":
		p.next()
		o.User = p.idList()
	case "group":
		p.next()
		o.Group = p.idList()
	case "flags":
		p.next()
		o.Flags = p.flags()
	case "icmp-type":
		p.next()
		o.IcmpType = p.icmpSpec()
	case "icmp6-type":
		p.next()
		o.Icmp6Type = p.icmpSpec()
	case "tos":
		p.next()
		o.Tos = p.strPtr(ptWord, ptNumber)
	case "keep", "modulate", "synproxy", "no":
		o.State = p.stateSpec()
	case "fragment":
		p.next()
		o.Fragment = true
	case "allow-opts":
		p.next()
		o.AllowOpts = true
	case "once":
		p.next()
		o.Once = true
	case "label":
		p.next()
		o.Label = p.strPtr(ptWord, ptQuoted)
	case "tag":
		p.next()
		o.Tag = p.strPtr(ptWord, ptQuoted)
	case "!", "tagged":
		o.NotTagged = p.accept("!")
		p.expect("tagged")
		o.Tagged = p.strPtr(ptWord, ptQuoted)
	case "probability":
		p.next()
		o.Probability = p.strPtr(ptWord, ptNumber)
	case "rtable":
		p.next()
		o.Rtable = p.numberPtr()
	case "divert-reply":
		p.next()
		o.DivertReply = true
	case "divert-packet":
		p.next()
		o.DivertPacket = p.portSpec()
	case "prio":
		p.next()
		o.Prio = p.prioSpec()
	case "queue":
		p.next()
		o.Queue = p.queueRef()
	case "max-pkt-size":
		p.next()
		o.MaxPktSize = p.numberPtr()
	case "received-on":
		p.next()
		o.ReceivedOn = p.ifItem()
	case "scrub":
		p.next()
		o.Scrub = optionalList(p, "(", ")", p.optionArg)
	case "ridentifier":
		p.next()
		o.Ridentifier = p.numberPtr()
	case "l3":
		p.next()
		o.L3 = true
	case "divert-to":
		p.next()
		o.DivertTo = &DivertSpec{Host: p.hostEntry()}
		if p.is("port") {
			o.DivertTo.Port = p.portSpec()
		}
	case "set":
		p.next()
		o.Set = p.setAction()
	case "max-pkt-rate":
		p.next()
		o.MaxPktRate = &Rate{Count: p.number()}
		p.expect("/")
		o.MaxPktRate.Seconds = p.number()
	case "nat-to":
		p.next()
		o.NatTo = p.redirect()
	case "rdr-to":
		p.next()
		o.RdrTo = p.redirect()
	case "binat-to":
		p.next()
		o.BinatTo = p.redirect()
	case "af-to":
		p.next()
		o.AfTo = p.afTo()
	case "fastroute", "route-to", "reply-to", "dup-to":
		o.Route = p.routeOpt()
	case "dnpipe":
		p.next()
		o.Dnpipe = p.numberPair()
	case "dnqueue":
		p.next()
		o.Dnqueue = p.numberPair()
	case "state", "source":
		o.Limiter = p.limiterRef()
	default:
		return delegate(p, filterOptParser())
	}
	o.EndPos = p.pos()
	return o
}

func (p *ruleParser) flags() *Flags {
	f := &Flags{}
	if p.accept("any") {
		f.Any = true
		return f
	}
	if p.isType(ptWord) {
		f.Set = p.strPtr(ptWord)
	}
	p.expect("/")
	f.Mask = p.str(ptWord)
	return f
}

func (p *ruleParser) icmpSpec() *IcmpSpec {
	item := func() *IcmpItem {
		it := &IcmpItem{Type: p.str(ptWord, ptNumber)}
		if p.accept("code") {
			it.Code = p.strPtr(ptWord, ptNumber)
		}
		return it
	}
	if p.is("{") {
		return &IcmpSpec{Items: list(p, "{", "}", item)}
	}
	return &IcmpSpec{Items: []*IcmpItem{item()}}
}

func (p *ruleParser) stateSpec() *StateSpec {
	s := take(&p.a.state)
	s.Pos = p.pos()
	s.Kind = p.next().Value
	p.expect("state")
	if p.is("(") {
		s.Opts = optionalList(p, "(", ")", p.optionArg)
	}
	s.EndPos = p.pos()
	return s
}

func (p *ruleParser) optionArg() *OptionArg {
	a := &OptionArg{Pos: p.pos()}
	switch {
	case p.is("{"):
		a.List = optionalList(p, "{", "}", p.optionArg)
	case p.is("("):
		a.Paren = optionalList(p, "(", ")", p.optionArg)
	case p.accept("<"):
		a.Table = p.strPtr(ptWord, ptQuoted, ptNumber)
		p.expect(">")
	case p.isType(ptWord, ptNumber, ptQuoted, ptKeyword) || p.is("/"):
		a.Value = p.strPtr(p.peek().Type)
	case p.accept(","):
		a.Comma = true
	default:
		p.decline()
	}
	a.EndPos = p.pos()
	return a
}

func (p *ruleParser) prioSpec() *PrioSpec {
	ps := &PrioSpec{Pos: p.pos()}
	if p.accept("(") {
		ps.Pair = append(ps.Pair, p.number())
		p.accept(",")
		ps.Pair = append(ps.Pair, p.number())
		p.expect(")")
	} else {
		ps.Prio = p.numberPtr()
	}
	ps.EndPos = p.pos()
	return ps
}

func (p *ruleParser) queueRef() *QueueRef {
	q := &QueueRef{Pos: p.pos()}
	if p.accept("(") {
		q.Pair = append(q.Pair, p.str(ptWord, ptQuoted))
		if p.accept(",") || p.isType(ptWord, ptQuoted) {
			q.Pair = append(q.Pair, p.str(ptWord, ptQuoted))
		}
		p.expect(")")
	} else {
		q.Name = p.strPtr(ptWord, ptQuoted)
	}
	q.EndPos = p.pos()
	return q
}

func (p *ruleParser) routeOpt() *RouteOpt {
	r := &RouteOpt{Pos: p.pos()}
	if p.accept("fastroute") {
		r.Kind = "fastroute"
	} else {
		if !p.isAny("route-to", "reply-to", "dup-to") {
			p.decline()
		}
		r.Kind2 = p.next().Value
		r.Hosts = p.redirSpec()
		r.Pool = p.poolOpts()
	}
	r.EndPos = p.pos()
	return r
}

func (p *ruleParser) redirSpec() *RedirSpec {
	rs := &RedirSpec{Pos: p.pos()}
	if p.is("{") {
		rs.Hosts = list(p, "{", "}", p.redirHost)
	} else {
		rs.Hosts = []*RedirHost{p.redirHost()}
	}
	rs.EndPos = p.pos()
	return rs
}

func (p *ruleParser) redirHost() *RedirHost {
	h := &RedirHost{Pos: p.pos()}
	switch {
	case p.accept("<"):
		h.Table = p.strPtr(ptWord, ptQuoted, ptNumber)
		p.expect(">")
	case p.is("("):
		h.Dynamic = p.dynamic()
	case p.accept("route"):
		h.Route = p.strPtr(ptWord, ptQuoted)
	case p.isType(ptWord, ptNumber, ptQuoted):
		h.Address = p.address()
	default:
		p.decline()
	}
	if p.accept("weight") {
		h.Weight = p.numberPtr()
	}
	h.EndPos = p.pos()
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
	d.EndPos = p.pos()
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

func (p *ruleParser) setAction() *SetAction {
	sa := &SetAction{Pos: p.pos()}
	if p.is("(") {
		sa.Group = list(p, "(", ")", p.setItem)
	} else {
		sa.Item = p.setItem()
	}
	sa.EndPos = p.pos()
	return sa
}

func (p *ruleParser) setItem() *SetItem {
	si := &SetItem{Pos: p.pos()}
	switch {
	case p.accept("prio"):
		si.Prio = p.prioSpec()
	case p.accept("queue"):
		si.Queue = p.queueRef()
	case p.accept("tos"):
		si.Tos = p.strPtr(ptWord, ptNumber)
	case p.accept("delay"):
		si.Delay = p.numberPtr()
	default:
		p.decline()
	}
	si.EndPos = p.pos()
	return si
}

func (p *ruleParser) numberPair() *NumberPair {
	if p.accept("(") {
		np := &NumberPair{Pair: []int{p.number()}}
		p.accept(",")
		np.Pair = append(np.Pair, p.number())
		p.expect(")")
		return np
	}
	return &NumberPair{One: p.numberPtr()}
}

func (p *ruleParser) limiterRef() *LimiterRef {
	l := &LimiterRef{Pos: p.pos()}
	l.Kind = p.next().Value
	p.expect("limiter")
	if p.accept("id") {
		l.ID = p.numberPtr()
	} else {
		l.Name = p.strPtr(ptWord, ptQuoted)
	}
	if p.is("(") {
		l.Opts = optionalList(p, "(", ")", p.optionArg)
	}
	l.EndPos = p.pos()
	return l
}

func (p *ruleParser) anchorRule() *AnchorRule {
	a := &AnchorRule{Pos: p.pos()}
	a.Kind = p.next().Value
	if p.isType(ptWord, ptQuoted, ptNumber) {
		a.Name = p.strPtr(ptWord, ptQuoted, ptNumber)
	}
	p.ruleHead(&a.RuleHead)
	for !p.peek().EOF() {
		a.Options = append(a.Options, p.filterOpt())
		p.accept(",")
	}
	a.EndPos = p.pos()
	return a
}

func (p *ruleParser) tableDef() *TableDef {
	t := &TableDef{Pos: p.pos()}
	p.expect("table")
	p.expect("<")
	t.Name = p.str(ptWord, ptQuoted)
	p.expect(">")
	for {
		switch {
		case p.isAny("persist", "const", "counters"):
			t.Options = append(t.Options, &TableOpt{Flag: p.next().Value})
		case p.accept("file"):
			t.Options = append(t.Options, &TableOpt{File: p.strPtr(ptQuoted, ptWord)})
		case p.is("{"):
			t.Options = append(t.Options, &TableOpt{Entries: optionalList(p, "{", "}", p.hostEntry)})
		default:
			t.EndPos = p.pos()
			return t
		}
	}
}

func (p *ruleParser) antispoof() *Antispoof {
	a := &Antispoof{Pos: p.pos()}
	p.expect("antispoof")
	for {
		if p.is("log") {
			a.Log = append(a.Log, p.logSpec())
		} else if p.accept("quick") {
			a.Quick = true
		} else {
			break
		}
	}
	p.expect("for")
	if p.is("{") {
		a.For = list(p, "{", "}", p.ifItem)
	} else {
		a.For = []*IfItem{p.ifItem()}
	}
	if p.isAny("inet", "inet6") {
		a.AF = p.next().Value
	}
	a.Options = p.filterOpts()
	a.EndPos = p.pos()
	return a
}

// filterOpts reads rule options up to the end of the statement or a `->`.
func (p *ruleParser) filterOpts() []*FilterOpt {
	var out []*FilterOpt
	for !p.peek().EOF() && !p.is("->") {
		out = append(out, p.filterOpt())
		p.accept(",")
	}
	return out
}

func (p *ruleParser) natRule() *NatRule {
	n := &NatRule{Pos: p.pos()}
	n.No = p.accept("no")
	if !p.isAny("nat", "rdr", "binat") {
		p.decline()
	}
	n.Kind = p.next().Value
	if p.accept("pass") {
		n.Pass = true
		if p.is("log") {
			n.PassLog = p.logSpec()
		}
	}
	p.ruleHead(&n.RuleHead)
	n.Options = p.filterOpts()
	if p.accept("->") {
		n.To = p.redirect()
		n.After = p.filterOpts()
	}
	n.EndPos = p.pos()
	return n
}

func (p *ruleParser) scrubRule() *ScrubRule {
	r := &ScrubRule{Pos: p.pos()}
	r.No = p.accept("no")
	p.expect("scrub")
	p.ruleHead(&r.RuleHead)
	for !p.peek().EOF() {
		r.Options = append(r.Options, p.scrubOpt())
		p.accept(",")
	}
	r.EndPos = p.pos()
	return r
}

func (p *ruleParser) scrubOpt() *ScrubOpt {
	o := &ScrubOpt{}
	switch {
	case p.isAny("no-df", "random-id"):
		o.Flag = p.next().Value
	case p.isAny("min-ttl", "max-mss", "set-tos"):
		o.Name = p.next().Value
		o.Value = p.strPtr(ptWord, ptNumber)
	case p.is("fragment") && p.fragmentMode() != "":
		o.Fragment = p.fragmentMode()
		p.next() // fragment
		if o.Fragment == "noreassemble" {
			p.next()
		}
		p.next()
	case p.accept("reassemble"):
		o.Reass = p.strPtr(ptWord, ptKeyword)
	case p.is("("):
		o.Paren = optionalList(p, "(", ")", p.optionArg)
	default:
		o.Filter = p.filterOpt()
	}
	return o
}

// fragmentMode is what `fragment` before p's position is followed by, as
// ScrubOpt captures it ("reassemble", "noreassemble", "crop", "drop-ovl"),
// or "" when it is not one of those and `fragment` is the rule option.
func (p *ruleParser) fragmentMode() string {
	second := p.peekSecond().Value
	switch second {
	case "reassemble", "crop", "drop-ovl":
		return second
	case "no":
		if p.toks[min(p.i+2, len(p.toks)-1)].Value == "reassemble" {
			return "noreassemble"
		}
	}
	return ""
}

func (p *ruleParser) setOption() *SetOption {
	o := &SetOption{Pos: p.pos()}
	p.expect("set")
	if !p.isAny("optimization", "ruleset-optimization", "reassemble", "timeout", "limit", "loginterface",
		"hostid", "block-policy", "fail-policy", "fingerprints", "state-policy", "debug", "skip",
		"state-defaults", "syncookies", "require-order", "keepcounters") {
		p.decline()
	}
	o.Name = p.next().Value
	for !p.peek().EOF() {
		o.Args = append(o.Args, p.optionArg())
	}
	o.EndPos = p.pos()
	return o
}

func (p *ruleParser) macroDef() *MacroDef {
	m := &MacroDef{Pos: p.pos()}
	m.Name = p.str(ptWord)
	p.expect("=")
	m.Values = append(m.Values, p.str(ptWord, ptNumber, ptQuoted))
	for p.isType(ptWord, ptNumber, ptQuoted) {
		m.Values = append(m.Values, p.str(ptWord, ptNumber, ptQuoted))
	}
	m.EndPos = p.pos()
	return m
}

func (p *ruleParser) include() *Include {
	in := &Include{Pos: p.pos()}
	p.expect("include")
	in.File = p.str(ptQuoted, ptWord)
	in.EndPos = p.pos()
	return in
}

func (p *ruleParser) loadAnchor() *LoadAnchor {
	l := &LoadAnchor{Pos: p.pos()}
	p.expect("load")
	p.expect("anchor")
	l.Name = p.str(ptWord, ptQuoted)
	p.expect("from")
	l.File = p.str(ptQuoted, ptWord)
	l.EndPos = p.pos()
	return l
}

func (p *ruleParser) limiterDef() *LimiterDef {
	l := &LimiterDef{Pos: p.pos()}
	l.Kind = p.next().Value
	p.expect("limiter")
	l.Name = p.str(ptWord, ptQuoted)
	for !p.peek().EOF() {
		l.Args = append(l.Args, p.optionArg())
	}
	l.EndPos = p.pos()
	return l
}

func (p *ruleParser) altq() *Altq {
	a := &Altq{Pos: p.pos()}
	p.expect("altq")
	p.expect("on")
	name := func() Str { return p.str(ptWord, ptQuoted) }
	if p.is("{") {
		a.Ifaces = list(p, "{", "}", name)
	} else {
		a.Ifaces = []Str{name()}
	}
	for !p.peek().EOF() && !p.is("queue") {
		a.Opts = append(a.Opts, p.queueOpt())
	}
	if p.accept("queue") {
		a.Children = p.queueList()
	}
	a.EndPos = p.pos()
	return a
}

func (p *ruleParser) queueDef() *QueueDef {
	q := &QueueDef{Pos: p.pos()}
	q.Keyword = p.next().Value
	q.Name = p.str(ptWord, ptQuoted)
	for !p.peek().EOF() && !p.is("{") && !p.isType(ptWord, ptQuoted) {
		q.Opts = append(q.Opts, p.queueOpt())
		p.accept(",")
	}
	if !p.peek().EOF() {
		q.Children = p.queueList()
	}
	q.EndPos = p.pos()
	return q
}

func (p *ruleParser) queueList() *QueueList {
	l := &QueueList{Pos: p.pos()}
	name := func() Str { return p.str(ptWord, ptQuoted) }
	if p.is("{") {
		l.Names = list(p, "{", "}", name)
	} else {
		l.Names = []Str{name()}
	}
	l.EndPos = p.pos()
	return l
}

func (p *ruleParser) queueOpt() *QueueOpt {
	o := &QueueOpt{Pos: p.pos()}
	switch {
	case p.is("on"):
		o.On = p.iface()
	case p.accept("parent"):
		o.Parent = p.strPtr(ptWord, ptQuoted)
	case p.accept("bandwidth"):
		o.Bandwidth = p.bandwidth()
	case p.accept("min"):
		o.Min = p.bandwidth()
	case p.accept("max"):
		o.Max = p.bandwidth()
	case p.accept("priority"):
		o.Priority = p.numberPtr()
	case p.accept("qlimit"):
		o.Qlimit = p.numberPtr()
	case p.accept("tbrsize"):
		o.Tbrsize = p.numberPtr()
	case p.accept("flows"):
		o.Flows = p.numberPtr()
	case p.accept("quantum"):
		o.Quantum = p.numberPtr()
	case p.accept("default"):
		o.Default = true
	case p.isAny("cbq", "priq", "hfsc", "fairq", "codelq"):
		o.Scheduler = p.scheduler()
	default:
		p.decline()
	}
	o.EndPos = p.pos()
	return o
}

func (p *ruleParser) bandwidth() *Bandwidth {
	b := &Bandwidth{Pos: p.pos()}
	b.Value = p.str(ptWord, ptNumber)
	if p.accept("burst") {
		b.Burst = p.strPtr(ptWord, ptNumber)
		p.expect("for")
		b.BurstFor = p.strPtr(ptWord, ptNumber)
	}
	b.EndPos = p.pos()
	return b
}

func (p *ruleParser) scheduler() *Scheduler {
	s := &Scheduler{Pos: p.pos()}
	s.Name = p.next().Value
	if p.is("(") {
		s.Opts = optionalList(p, "(", ")", p.schedOpt)
	}
	s.EndPos = p.pos()
	return s
}

func (p *ruleParser) schedOpt() *SchedOpt {
	o := &SchedOpt{Pos: p.pos()}
	switch {
	case p.is("default") || p.isType(ptWord):
		o.Flag = p.strPtr(p.peek().Type)
	case p.isAny("linkshare", "realtime", "upperlimit"):
		o.Curve = p.next().Value
		o.SC = p.serviceCurve()
	case p.isAny("buckets", "hogs", "target", "interval"):
		o.Param = p.next().Value
		o.Value = p.strPtr(ptWord, ptNumber)
	default:
		p.decline()
	}
	o.EndPos = p.pos()
	return o
}

func (p *ruleParser) serviceCurve() *ServiceCurve {
	sc := &ServiceCurve{Pos: p.pos()}
	if p.accept("(") {
		sc.M1 = p.strPtr(ptWord, ptNumber)
		p.accept(",")
		sc.D = p.strPtr(ptWord, ptNumber)
		p.accept(",")
		sc.M2 = p.strPtr(ptWord, ptNumber)
		p.expect(")")
	} else {
		sc.BW = p.strPtr(ptWord, ptNumber)
	}
	sc.EndPos = p.pos()
	return sc
}

// fastRuleStmt parses a filter rule into a Stmt.
func fastRuleStmt(p *ruleParser) *Stmt {
	st := take(&p.a.stmt)
	st.Rule = p.filterRule()
	return st
}
