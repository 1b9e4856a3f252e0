package grammar

// The fast path's reading of the statements other than filter rules and
// queues.

func (p *ruleParser) anchorRule() *AnchorRule {
	a := &AnchorRule{Pos: p.pos()}
	a.Kind = p.next().Value
	if p.isType(ptWord, ptQuoted, ptNumber) {
		a.Name = p.strPtr(ptWord, ptQuoted, ptNumber)
	}
	p.ruleHead(&a.RuleHead)
	a.Options = p.filterOpts()
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
			return t
		}
	}
}

func (p *ruleParser) antispoof() *Antispoof {
	a := &Antispoof{Pos: p.pos()}
	p.expect("antispoof")
	a.Log, a.Quick = p.logQuick()
	p.expect("for")
	a.For = braced(p, p.ifItem)
	if p.isAny("inet", "inet6") {
		a.AF = p.next().Value
	}
	a.Options = p.filterOpts()
	return a
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
	return n
}

func (p *ruleParser) scrubRule() *ScrubRule {
	r := &ScrubRule{Pos: p.pos()}
	r.No = p.accept("no")
	p.expect("scrub")
	p.ruleHead(&r.RuleHead)
	r.Options = options(p, p.scrubOpt)
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
	return m
}

func (p *ruleParser) include() *Include {
	in := &Include{Pos: p.pos()}
	p.expect("include")
	in.File = p.str(ptQuoted, ptWord)
	return in
}

func (p *ruleParser) loadAnchor() *LoadAnchor {
	l := &LoadAnchor{Pos: p.pos()}
	p.expect("load")
	p.expect("anchor")
	l.Name = p.str(ptWord, ptQuoted)
	p.expect("from")
	l.File = p.str(ptQuoted, ptWord)
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
	return l
}
