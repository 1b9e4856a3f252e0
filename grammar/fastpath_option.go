package grammar

// The fast path's reading of rule options.

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
	return &IcmpSpec{Items: braced(p, item)}
}

func (p *ruleParser) stateSpec() *StateSpec {
	s := take(&p.a.state)
	s.Pos = p.pos()
	s.Kind = p.next().Value
	p.expect("state")
	if p.is("(") {
		s.Opts = optionalList(p, "(", ")", p.optionArg)
	}
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
	case p.accept("!"):
		a.Not = true
	case p.accept(","):
		a.Comma = true
	default:
		p.decline()
	}
	return a
}

func (p *ruleParser) prioSpec() *PrioSpec {
	ps := &PrioSpec{Pos: p.pos()}
	if p.is("(") {
		ps.Pair = p.twoNumbers()
	} else {
		ps.Prio = p.numberPtr()
	}
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

func (p *ruleParser) setAction() *SetAction {
	sa := &SetAction{Pos: p.pos()}
	if p.is("(") {
		sa.Group = list(p, "(", ")", p.setItem)
	} else {
		sa.Item = p.setItem()
	}
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
	if p.is("(") {
		return &NumberPair{Pair: p.twoNumbers()}
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
	return l
}

// twoNumbers reads `( N [,] N )`.
func (p *ruleParser) twoNumbers() []int {
	p.expect("(")
	pair := []int{p.number()}
	p.accept(",")
	pair = append(pair, p.number())
	p.expect(")")
	return pair
}
