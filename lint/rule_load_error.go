package lint

var loadError = &Rule{
	ID:       "PF002",
	Name:     "load-error",
	Severity: Error,
	Summary:  "pfctl refuses the ruleset when it loads it",
	Doc: `The statement parses, but pfctl refuses it while it reads the values or
loads the queues (an unknown bandwidth unit, an option given twice, a
curve pfctl's admission control rejects). The message is pfctl's own, on the
line pfctl names; where pfctl prints no line, the finding is on the
statement that causes it. Errors that have a rule of their own (default
queue, priorities, parents, bandwidth above the parent) are reported by it.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Mbps queue { std }
queue std bandwidth 100% cbq(default)
`,
	Good: `altq on em0 cbq bandwidth 10Mb queue { std }
queue std bandwidth 100% cbq(default)
`,
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg})
		}
	},
}
