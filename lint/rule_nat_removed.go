package lint

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var natRemoved = &Rule{
	ID:       "PF204",
	Name:     "nat-removed",
	Severity: Error,
	Summary:  "a nat, rdr or binat rule on OpenBSD 4.7 or later",
	Doc: `OpenBSD 4.7 replaced nat, rdr and binat rules (with ->) by the nat-to,
rdr-to and binat-to options of match and pass rules, and later pfctl rejects
the whole ruleset. nat on em0 from 10.0.0.0/8 to any -> (em0) becomes
match out on em0 from 10.0.0.0/8 nat-to (em0); rdr on em0 proto tcp to port
80 -> 10.0.0.5 becomes pass in on em0 proto tcp to port 80 rdr-to 10.0.0.5.`,
	Target:   "openbsd-4.7",
	Bad:      "nat on em0 from 10.0.0.0/8 to any -> (em0)\n",
	Good:     "match out on em0 from 10.0.0.0/8 nat-to (em0)\n",
	Claims:   []grammar.Code{grammar.NatRemoved},
	ClaimsOn: func(t target.Target) bool { return t.OS == target.OpenBSD },
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: fmt.Sprintf("nat, rdr and binat rules were removed in OpenBSD 4.7, so %s cannot load this ruleset: use the nat-to, rdr-to and binat-to options of match and pass rules", p.Target)})
		}
	},
}
