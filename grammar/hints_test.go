package grammar

import "testing"

// TestReleaseHints: a word that is a keyword elsewhere explains a syntax
// error only when the parser stopped at it, or when it names a feature
// the target lacks (ALTQ, scrub, nat rules).
func TestReleaseHints(t *testing.T) {
	tests := []struct{ target, src, want string }{
		// priq(default, ecn): default is a plain word on 5.4 and is read
		// as one; the stray ")" is the error.
		{"openbsd-5.4", "altq on em0 priq bandwidth 10Mb queue { std }\nqueue std priority 1 priq(default,ecn))",
			`2: syntax error: unexpected ")"`},
		{"openbsd-7.8", "altq on em0 priq bandwidth 10Mb queue { std }",
			"1: syntax error: unexpected \"altq\" (ALTQ was removed in OpenBSD 5.6; `pfshape translate` converts it to set prio and queues)"},
		{"openbsd-7.8", "scrub in all",
			`1: syntax error: standalone scrub rules were replaced by match … scrub (…) in OpenBSD 4.6`},
		{"openbsd-4.2", "pass in all set prio 3",
			`1: syntax error: unexpected "prio" ("prio" is not a keyword of pfctl on openbsd-4.2)`},
	}
	for _, tc := range tests {
		t.Run(tc.target+": "+tc.src, func(t *testing.T) {
			if got := errorLines(parseWith(tc.target, tc.src, nil)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
