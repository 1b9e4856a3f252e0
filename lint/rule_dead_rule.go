package lint

import (
	"strings"

	"github.com/pfshape/pfshape/internal/engine"
)

var deadRule = &Rule{
	ID:       "PF401",
	Name:     "dead-rule",
	Severity: Warning,
	Summary:  "a pass or block rule that never decides a packet",
	Doc: `pf decides a packet by the last matching rule, or by the first matching
quick rule, and not at all on an interface it skips (set skip on …). A
rule every packet of which is taken first by an earlier quick rule, decided
again by a later rule, or on a skipped interface, never decides anything: its
action, queue, priority, state options and log are never applied. It is
often a rule written above a catch-all (pass out on $ext_if … queue ssh
above pass out on $ext_if), or below a quick rule that covers it.

The packet engine proves it over every packet on every machine: a rule
that decides some packet only when an unknown holds (an interface group,
a table loaded from a file, user, …) is not reported, nor is a rule whose
packets pass through an anchor whose rules are loaded at run time after
it. The finding names the rules that take its packets, and says when pf
does not filter some of them. Move the rule
below them, make it quick, or delete it. Rules that set a tag are not
reported: tagging is something they do when they match.`,
	Bad: `pass out on em0 proto tcp to port 22 set prio 6
pass out on em0
`,
	Good: `pass out on em0
pass out on em0 proto tcp to port 22 set prio 6
`,
	Engine: true,
	Run: func(p *Pass) {
		u := p.Usage()
		if u == nil {
			return
		}
		for _, d := range u.Dead {
			s := p.ruleStatement(d.Rule)
			if s == nil {
				continue
			}
			diag := Diagnostic{Range: p.ruleRange(s), Unnecessary: true}
			diag.Message = deadMessage(d)
			diag.Related = append(p.relatedRules(d.Earlier, "quick: takes its packets first"),
				p.relatedRules(d.Later, "matches its packets later and decides them")...)
			p.Report(diag)
		}
	},
}

// deadMessage says why a rule decides no packet: the rules that decide
// its packets instead, and `set skip` for those pf does not filter.
func deadMessage(d *engine.Dead) string {
	const never = "rule never decides a packet: "
	if d.NoMatch {
		return "rule matches no packet"
	}
	var why []string
	every := "every packet it matches"
	if d.Skipped {
		why = append(why, "pf does not filter its packets on a skipped interface (set skip)")
		every = "its other packets"
	}
	switch {
	case len(d.Earlier) > 0 && len(d.Later) > 0:
		why = append(why, "the quick rule on "+lines(d.Rule, d.Earlier)+" takes some of its packets first and the later "+
			lines(d.Rule, d.Later)+" decide the rest (the last matching rule wins)")
	case len(d.Earlier) > 0:
		why = append(why, "the quick rule on "+lines(d.Rule, d.Earlier)+" takes "+every+" first")
	case len(d.Later) > 0:
		why = append(why, "the later rule on "+lines(d.Rule, d.Later)+" matches "+every+" (the last matching rule wins)")
	}
	if len(why) == 0 {
		return strings.TrimSuffix(never, ": ")
	}
	return never + strings.Join(why, ", and ")
}
