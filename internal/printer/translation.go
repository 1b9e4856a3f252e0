package printer

import (
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// translationRule is a `nat`, `rdr` or `binat` rule with `->` (FreeBSD;
// OpenBSD before 4.7), or its `no` form.
func (p *printer) translationRule(nr *grammar.NatRule, rs *ruleset) {
	r := &rule{action: nr.Kind, no: nr.No, pass: nr.Pass, onrdomain: -1, rtable: -1, category: nr.Kind}
	var l ruleLists
	p.ruleHead(r, &nr.RuleHead, &l)
	if nr.PassLog != nil {
		r.log |= logOn
	}
	p.filterOpts(r, append(append([]grammar.FilterOpt(nil), nr.Options...), nr.After...), &l)
	if nr.To != nil && !nr.No {
		rd := p.redirOf(nr.To)
		if nr.Kind == "rdr" {
			l.rdr = rd
		} else {
			l.nat = rd
			if nr.Kind == "binat" {
				rd.static = true
			}
		}
	}
	decideAF(l.src, &r.af)
	decideAF(l.dst, &r.af)
	p.expandRule(r, rs, &l)
}

// formatTranslation prints a nat, rdr or binat rule as pfctl does.
func (p *printer) formatTranslation(r *rule) string {
	var b strings.Builder
	if r.no {
		b.WriteString("no ")
	}
	b.WriteString(r.action)
	if r.pass {
		b.WriteString(" pass")
	}
	if r.log != 0 {
		b.WriteString(" log")
	}
	b.WriteString(onText(r))
	b.WriteString(p.afProtoFromTo(r))
	b.WriteString(tagText(r.tag, r.matchTag, r.matchTagNot))
	if r.no {
		return b.String()
	}
	switch {
	case r.hasRdr:
		b.WriteString(" -> " + p.poolString(&r.rdr, r.af, "rdr"))
	case r.hasNat && r.action == "binat":
		b.WriteString(" -> " + p.poolString(&r.nat, r.af, "binat"))
	case r.hasNat:
		b.WriteString(" -> " + p.poolString(&r.nat, r.af, "nat"))
	}
	return b.String()
}
