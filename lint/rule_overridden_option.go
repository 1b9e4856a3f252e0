package lint

var overriddenOption = &Rule{
	ID:       "PF403",
	Name:     "overridden-option",
	Severity: Warning,
	Summary:  "a match rule's set prio or queue that no packet leaves with",
	Doc: `A match rule applies its options at once, but a later rule that sets the
same option replaces them, and the deciding rule's own options come last.
When every packet the match rule matches gets its priority (or queue)
from a later rule, or is blocked, or passes without creating state (on
OpenBSD a packet that creates no state takes the deciding rule's own
options only), the match rule's option is never applied.

The packet engine proves it over every packet on every machine. The
finding names the rules whose option the packets leave with.`,
	Bad: `match out on em0 proto tcp set prio 6
pass out on em0 set prio 2
`,
	Good: `match out on em0 proto tcp set prio 6
pass out on em0
`,
	Engine: true,
	Run: func(p *Pass) {
		u := p.Usage()
		if u == nil {
			return
		}
		for _, o := range u.Overridden {
			s := p.ruleStatement(o.Rule)
			if s == nil {
				continue
			}
			what := "set prio"
			if o.Option == "queue" {
				what = "queue"
			}
			msg := what + " of this match rule never reaches a packet: "
			switch {
			case len(o.By) > 0 && o.Dropped:
				msg += "the rules on " + lines(o.Rule, o.By) + " set it again, or the packets are blocked or keep no state"
			case len(o.By) > 0:
				msg += "the rules on " + lines(o.Rule, o.By) + " set it again for every packet it matches"
			default:
				msg += "every packet it matches is blocked or keeps no state"
			}
			p.Report(Diagnostic{Range: p.ruleRange(s), Message: msg,
				Related: p.relatedRules(o.By, "sets "+what+" again")})
		}
	},
}
