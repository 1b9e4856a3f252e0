package grammar

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/target"
)

// releaseHint explains a syntax error in a statement that uses a word
// which is a keyword in another release but not in the target: the usual
// cause is a ruleset written for an older (or other) pf than the one it
// must load on. The words that name a whole feature of other releases
// (altq, scrub, nat, …) explain the error wherever they stand; any other
// such word only when the parser stopped at it, since it is a plain word
// the statement may well use as one (priq(default) on OpenBSD 5.4). at is
// the offset the parser stopped at. It returns the word's index in toks
// (or -1) and the error's code.
func releaseHint(toks Tokens, t target.Target, at int) (int, Code, string) {
	for i := range toks.Len() {
		if toks.Kind(i) != Word || !toks.everKeyword(i) {
			continue
		}
		tok := toks.At(i)
		if code, h := featureHint(tok, t); h != "" {
			return i, code, h
		}
		if tok.Span.Start == at {
			return i, KeywordNotOnTarget, fmt.Sprintf("%q is not a keyword of pfctl on %s", tok.Text, t)
		}
	}
	return -1, Syntax, ""
}

// featureHint names the feature of other releases a word belongs to, ""
// when it names none on the target.
func featureHint(first Token, t target.Target) (Code, string) {
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
	return Syntax, ""
}
