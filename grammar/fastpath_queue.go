package grammar

// The fast path's reading of ALTQ (`altq on`) and queue definitions.

func (p *ruleParser) altq() *Altq {
	a := &Altq{Pos: p.pos()}
	p.expect("altq")
	p.expect("on")
	a.Ifaces = braced(p, func() Str { return p.str(ptWord, ptQuoted) })
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
	l.Names = braced(p, func() Str { return p.str(ptWord, ptQuoted) })
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
