package grammar

// The fast path's reading of filter rules and what other rules share with
// them: the rule head, addresses, ports and the rule options.

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
	r.Options = p.filterOpts()
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
	h.Log, h.Quick = p.logQuick()
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
	return l
}

func (p *ruleParser) iface() *Interface {
	in := take(&p.a.iface)
	in.Pos = p.pos()
	p.expect("on")
	in.Items = braced(p, p.ifItem)
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
	return it
}

func (p *ruleParser) proto() *ProtoSpec {
	ps := take(&p.a.proto)
	ps.Pos = p.pos()
	p.expect("proto")
	name := func() Str { return p.str(ptWord, ptNumber, ptQuoted) }
	ps.Items = braced(p, name)
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
		ft.Parts = append(ft.Parts, part)
	}
	return ft
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
	return r
}

// filterOpts reads rule options, as participle's `(@@ ",")*` does.
func (p *ruleParser) filterOpts() []*FilterOpt { return options(p, p.filterOpt) }

// options reads `(item [,])*` up to the end of the statement or a `->`
// (which ends a translation rule's options): an item that does not parse
// ends the fast path, as no grammar lets anything else follow options.
func options[T any](p *ruleParser, item func() T) []T {
	var out []T
	for !p.peek().EOF() && !p.is("->") {
		out = append(out, item())
		p.accept(",")
	}
	return out
}

// fastRuleStmt parses a filter rule into a Stmt.
func fastRuleStmt(p *ruleParser) *Stmt {
	st := take(&p.a.stmt)
	st.Rule = p.filterRule()
	return st
}

// logQuick reads `( log … | quick )*`, which rules and antispoof share.
func (p *ruleParser) logQuick() (logs []*LogSpec, quick bool) {
	for {
		if p.is("log") {
			logs = append(logs, p.logSpec())
		} else if p.accept("quick") {
			quick = true
		} else {
			return logs, quick
		}
	}
}
