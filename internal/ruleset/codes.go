package ruleset

import "github.com/pfshape/pfshape/grammar"

// Codes of the loader's errors (see grammar.Code).
const (
	// AnchorOutsideRoot is a load anchor … from a file outside the roots.
	AnchorOutsideRoot grammar.Code = "anchor-outside-root"
	// AnchorCycle is a load anchor … from a file that is being loaded
	// (it loads itself, directly or through others).
	AnchorCycle grammar.Code = "anchor-cycle"
	// AnchorBudget is a load anchor past the ruleset's budget: anchor
	// files loaded deeper, more often or with more bytes than pfshape
	// reads.
	AnchorBudget grammar.Code = "anchor-budget"
	// AnchorUnreadable is a load anchor … from a file that cannot be read.
	AnchorUnreadable grammar.Code = "anchor-unreadable"
)
