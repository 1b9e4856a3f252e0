package lint

var syntaxError = &Rule{
	ID:       "PF001",
	Name:     "syntax-error",
	Severity: Error,
	Summary:  "pfctl cannot parse the statement",
	Doc: `pfctl rejects the whole ruleset when one statement does not parse. The
message is pfctl's ("syntax error"), followed by what was found and what was
expected, and a hint when a word belongs to another release.`,
	Bad:  "pass in al\n",
	Good: "pass in all\n",
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg})
		}
	},
}
