package printer

import "github.com/pfshape/pfshape/grammar"

// antispoof expands `antispoof for IF` as pfctl does: a block rule on
// every other interface for each network of IF (its link-local
// addresses excepted), and, for an interface that is not a loopback, a
// block rule for IF's own addresses arriving anywhere.
func (p *printer) antispoof(a *grammar.Antispoof, rs *ruleset) {
	log := 0
	if len(a.Log) > 0 {
		log = logOn
	}
	af := 0
	switch a.AF {
	case "inet":
		af = afInet
	case "inet6":
		af = afInet6
	}
	base := rule{action: "block", direction: dirIn, log: log, quick: a.Quick, af: af, onrdomain: -1, rtable: -1}
	for _, o := range a.Options {
		switch o := o.(type) {
		case *grammar.OptLabel:
			base.label = o.Label.Text()
		case *grammar.OptRtable:
			base.rtable = o.Rtable
		}
	}
	if len(a.Log) > 0 {
		for _, w := range parenWords(p.curStmt, "log") {
			if w == "all" {
				base.log |= logAll
			}
		}
	}
	for _, it := range a.For {
		name, dynamic := "", false
		switch {
		case it.Name != nil:
			name = it.Name.Text()
		case it.Paren != nil:
			name, dynamic = it.Paren.Text(), true
		}
		var nets, own []host
		if dynamic {
			h := host{addr: addrWrap{typ: addrDynIf, name: name}}
			h.setMask(128)
			own = []host{h}
			h.addr.iflags = aflagNetwork
			nets = []host{h}
		} else {
			nets = p.mach.ifaLookup(name, aflagNetwork)
		}
		if len(nets) > 0 {
			r := base
			l := ruleLists{ifs: []ifNode{{name: name, not: true}}, src: nets}
			p.expandRule(&r, rs, &l)
		}
		// A group is a loopback when its members are.
		members := p.mach.members(name)
		loopback := len(members) > 0
		for _, ifc := range members {
			if ifc.flags&ifFlagLoopback == 0 {
				loopback = false
			}
		}
		if !loopback {
			if !dynamic {
				own = p.mach.ifaLookup(name, 0)
			}
			if len(own) > 0 {
				r := base
				l := ruleLists{src: own}
				p.expandRule(&r, rs, &l)
			}
		}
	}
}
