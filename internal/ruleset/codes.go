package ruleset

import "github.com/pfshape/pfshape/grammar"

// Codes of the loader's errors (see grammar.Code).
const (
	// AnchorOutsideRoot is a load anchor … from a file outside the roots.
	AnchorOutsideRoot grammar.Code = "anchor-outside-root"
	// AnchorTooDeep is anchor files loaded deeper, or more of them, than
	// pfshape reads.
	AnchorTooDeep grammar.Code = "anchor-too-deep"
	// AnchorUnreadable is a load anchor … from a file that cannot be read.
	AnchorUnreadable grammar.Code = "anchor-unreadable"
)
