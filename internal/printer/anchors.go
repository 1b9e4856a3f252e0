package printer

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
)

// anchorRule is `anchor NAME …` (with an inline body or not), or an
// anonymous `{ … }` anchor: an anchor rule in rs, expanded like a filter
// rule, whose body fills the anchor's own ruleset.
func (p *printer) anchorRule(s *grammar.Statement, rs *ruleset) {
	r := &rule{isAnchor: true, anchorKind: "anchor", onrdomain: -1, rtable: -1}
	var l ruleLists
	var opts []grammar.FilterOpt
	if a := s.Anchor; a != nil {
		r.anchorKind = a.Kind
		switch a.Kind {
		case "nat-anchor":
			r.category = "nat"
		case "rdr-anchor":
			r.category = "rdr"
		case "binat-anchor":
			r.category = "binat"
		}
		r.action = "anchor"
		if a.Name != nil {
			r.anchorCall = a.Name.Text()
		}
		p.ruleHead(r, &a.RuleHead, &l)
		opts = a.Options
	}
	p.filterOpts(r, opts, &l)
	decideAF(l.src, &r.af)
	decideAF(l.dst, &r.af)
	if s.HasBody {
		if r.anchorCall == "" {
			rs.unnamed++
			r.anchorCall = fmt.Sprintf("_%d", rs.unnamed)
		}
		sub := p.anchorRuleset(rs, r.anchorCall)
		p.walk(s.Body, sub)
		r.anchorRS = sub
		p.curStmt = s
	}
	p.expandRule(r, rs, &l)
}
