package printer

// maxExpandedRules bounds what one print expands to. pfctl has no such
// limit, but it multiplies every list of a rule out (3 lists of 1,000
// entries are 10^9 rules), and pfshape runs on rulesets from pull
// requests: a rule that expands past the bound is refused with an error
// instead of printing for hours. A million rules is far beyond what a
// firewall loads (each costs the kernel a pf_rule) and about 800 MB here.
// A variable only so that tests can lower it.
var maxExpandedRules = 1_000_000

// expansion is the number of rules lists of these lengths multiply out
// to (an empty list counts as one), saturated at maxExpandedRules+1.
func expansion(lens ...int) int {
	n := 1
	for _, l := range lens {
		n *= max(l, 1)
		if n > maxExpandedRules {
			return maxExpandedRules + 1
		}
	}
	return n
}

// admit reports whether n more rules fit under maxExpandedRules, and
// counts them; when they do not, it reports the rule as pfshape's error.
// A rule too large on its own is left out and the rest printed; once
// the ruleset as a whole reaches the bound, nothing after is printed.
func (p *printer) admit(n int) bool {
	switch {
	case p.expanded > maxExpandedRules:
		return false // reported once, below
	case n > maxExpandedRules:
		p.errorf(TooManyRules, "rule expands to more than %d rules: pfshape does not print it", maxExpandedRules)
		return false
	case p.expanded+n > maxExpandedRules:
		p.errorf(TooManyRules, "the ruleset expands to more than %d rules: pfshape does not print the rest", maxExpandedRules)
		p.expanded = maxExpandedRules + 1
		return false
	}
	p.expanded += n
	return true
}
