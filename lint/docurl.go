package lint

// DocBase is where the rule pages (docs/rules, generated from the
// catalogue) are published.
const DocBase = "https://github.com/pfshape/pfshape/blob/main/docs/rules/"

// DocURL is the page that explains a rule: docs/rules/PF102.md.
func DocURL(id string) string { return DocBase + id + ".md" }
