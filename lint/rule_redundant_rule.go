package lint

var redundantRule = &Rule{
	ID:       "PF402",
	Name:     "redundant-rule",
	Severity: Info,
	Summary:  "a rule whose removal changes no verdict and no option applied",
	Doc: `A rule is redundant when the rules around it already treat its packets
exactly as it does: without it, every packet it decides is decided by
another rule with the same action, the same way of blocking or passing
(state, return, route, label, …) and the same queue, priority, tag, log
and translations. Deleting it changes nothing pf does. pfctl's optimizer
(pfctl -o) removes some such duplicates silently; this says which.

The packet engine proves it by evaluating every packet the rule decides
again without it. Rules inside anchors and rules that set a tag are not
checked.`,
	Bad: `block in on em0
pass in on em0 proto tcp to port 22
block in on em0 proto tcp to port 23
`,
	Good: `block in on em0
pass in on em0 proto tcp to port 22
`,
	Engine: true,
	Run: func(p *Pass) {
		u := p.Usage()
		if u == nil {
			return
		}
		for _, d := range u.Redundant {
			s := p.ruleStatement(d.Rule)
			if s == nil {
				continue
			}
			p.Report(Diagnostic{Range: p.ruleRange(s), Unnecessary: true,
				Message: "rule is redundant: without it, " + lines(d.Rule, d.By) + " decide its packets the same way",
				Related: p.relatedRules(d.By, "decides its packets the same way without it")})
		}
	},
}
