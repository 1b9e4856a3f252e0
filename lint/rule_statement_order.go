package lint

import (
	"github.com/pfshape/pfshape/grammar"
)

var statementOrder = &Rule{
	ID:       "PF205",
	Name:     "statement-order",
	Severity: Error,
	Summary:  "statements out of pfctl's order on FreeBSD (and OpenBSD before 5.0)",
	Doc: `FreeBSD's pfctl, and OpenBSD's before 5.0, require the statements in the
order options, (ethernet,) normalization, queueing, translation, filtering,
and refuse the ruleset otherwise ("Rules must be in order"). Move the
statement up, or put set require-order no among the options.`,
	Target: "freebsd-14.0",
	Bad: `pass all
set block-policy drop
`,
	Good: `set block-policy drop
pass all
`,
	Claims: []grammar.Code{grammar.StatementOrder},
	Run: func(p *Pass) {
		claimedWithAdvice(p, func(*grammar.Error) string {
			return "move this statement up, or add set require-order no"
		})
	},
}
