package lint

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var scrubRemoved = &Rule{
	ID:       "PF203",
	Name:     "scrub-removed",
	Severity: Error,
	Summary:  "a standalone scrub rule on OpenBSD 4.6 or later",
	Doc: `OpenBSD 4.6 replaced standalone scrub rules with the scrub option of
match rules, and later pfctl rejects the whole ruleset. Write
match in all scrub (no-df random-id max-mss 1440) instead of
scrub in all no-df random-id max-mss 1440.`,
	Target:   "openbsd-4.9",
	Bad:      "scrub in all\n",
	Good:     "match in all scrub (no-df)\n",
	Claims:   []grammar.Code{grammar.ScrubRemoved},
	ClaimsOn: func(t target.Target) bool { return t.OS == target.OpenBSD },
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: fmt.Sprintf("standalone scrub rules were removed in OpenBSD 4.6, so %s cannot load this ruleset: write match … scrub (…) instead", p.Target)})
		}
	},
}
