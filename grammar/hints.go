package grammar

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/target"
)

// releaseHint explains a syntax error in a statement that uses a word
// which is a keyword in another release but not in the target: the usual
// cause is a ruleset written for an older (or other) pf than the one it
// must load on. It returns the word's index in toks (or -1) and the
// error's code.
func releaseHint(toks []Token, t target.Target) (int, Code, string) {
	for i, tok := range toks {
		if tok.Kind == Word && everKeyword[tok.Text] {
			code, hint := hintFor(tok, t)
			return i, code, hint
		}
	}
	return -1, Syntax, ""
}

func hintFor(first Token, t target.Target) (Code, string) {
	switch first.Text {
	case "altq", "oldqueue", "cbq", "priq", "hfsc", "priority", "tbrsize", "linkshare", "realtime", "upperlimit":
		if t.OS == target.OpenBSD && !t.HasALTQ() {
			return ALTQRemoved, "ALTQ was removed in OpenBSD 5.6; `pfshape translate` converts it to set prio and queues"
		}
		if first.Text == "oldqueue" {
			return OldqueueOnly55, "oldqueue exists only in OpenBSD 5.5; ALTQ child queues are spelled queue elsewhere"
		}
	case "scrub":
		if t.OS == target.OpenBSD {
			return ScrubRemoved, "standalone scrub rules were replaced by match … scrub (…) in OpenBSD 4.6"
		}
	case "nat", "rdr", "binat", "nat-anchor", "rdr-anchor", "binat-anchor":
		if t.OS == target.OpenBSD {
			return NatRemoved, "nat, rdr and binat rules were replaced by the nat-to, rdr-to and binat-to options in OpenBSD 4.7"
		}
	}
	return KeywordNotOnTarget, fmt.Sprintf("%q is not a keyword of pfctl on %s", first.Text, t)
}
