package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var undefinedQueue = &Rule{
	ID:       "PF102",
	Name:     "undefined-queue",
	Severity: Error,
	Summary:  "a rule assigns a queue that is not defined",
	Doc: `pfctl checks queue names only on OpenBSD 5.6 and later. Elsewhere a rule
that names a queue nobody defined loads without a word, and its traffic
silently goes to the default queue: a typo costs all the shaping the rule
was for. The message suggests the closest defined name, and the fix
renames the assignment to it. When the ruleset
defines no queue at all (an anchor's rules, loaded under a main ruleset that
defines them), the finding is a warning.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0 proto tcp to port 22 queue shh
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0 proto tcp to port 22 queue ssh
`,
	Fixable:     true,
	UnsafeFixes: true,
	Claims:      []grammar.Code{model.QueueUndefined},
	Run:         runUndefinedQueue,
}

func runUndefinedQueue(p *Pass) {
	defined := definedQueues(p.Model)
	// suggest adds the closest defined name: its definition as the
	// related place, and the rename as the fix (the name looked for once:
	// thousands of undefined names against thousands of defined ones
	// must stay cheap).
	suggest := func(d *Diagnostic, name string) {
		if want := didYouMean(name, defined); want != "" {
			d.Message += meant(want)
			d.Related = p.queueDefinedHere(want)
			d.Fixes = p.renameQueueFix(d.Range.Start, want)
		}
	}
	for _, e := range p.Claimed() {
		d := Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg}
		suggest(&d, e.Subject)
		p.Report(d)
	}
	isDefined := map[string]bool{}
	for _, n := range defined {
		isDefined[n] = true
	}
	for _, r := range p.Model.Rules {
		if r.Queue == nil {
			continue
		}
		for _, n := range []string{r.Queue.Name, r.Queue.Ack} {
			if n == "" || isDefined[n] {
				continue
			}
			d := Diagnostic{Range: p.nameRange(r.Stmt, r.Queue.Range, n)}
			if len(defined) == 0 {
				d.Severity = Warning
				d.Message = "queue " + n + " is not defined: the ruleset defines no queue; unless it is an anchor loaded under a ruleset that defines " + n + ", its traffic goes to the default queue"
			} else {
				d.Message = "queue " + n + " is not defined: pfctl loads the rule and its traffic silently goes to the default queue"
				suggest(&d, n)
			}
			p.Report(d)
		}
	}
}
