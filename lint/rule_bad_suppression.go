package lint

import (
	"strings"
)

var badSuppression = &Rule{
	ID:       "PF003",
	Name:     "bad-suppression",
	Severity: Warning,
	Summary:  "a pfshape:ignore comment names no known rule",
	Doc: `A suppression comment (# pfshape:ignore ID[,ID] at the end of a line or
alone on the line before it, # pfshape:ignore-file ID anywhere) must name
rules by ID or name. An unknown name silences nothing, so the finding it was
meant for comes back, or a typo hides that the comment is stale. pfshape rules
lists the IDs.`,
	Bad:  "pass all # pfshape:ignore PF999\n",
	Good: "pass all # pfshape:ignore PF102\n",
}

// The Run of PF003 looks rules up in the catalogue, which lists PF003:
// it is set in init to break the initialization cycle.
func init() { badSuppression.Run = runBadSuppression }

func runBadSuppression(p *Pass) {
	{
		for _, d := range directives(p.File) {
			r := p.SpanRange(d.src, d.span)
			if len(d.names) == 0 {
				p.Reportf(r, "%s names no rule: write # %s ID[,ID]", directiveWord(d), directiveWord(d))
				continue
			}
			var unknown []string
			for _, n := range d.names {
				if Lookup(n) == nil {
					unknown = append(unknown, n)
				}
			}
			if len(unknown) > 0 {
				var ids []string
				for _, r := range All() {
					ids = append(ids, r.ID, r.Name)
				}
				p.Reportf(r, "%s names unknown rule %s%s", directiveWord(d), strings.Join(unknown, ", "), suggestion(unknown[0], ids))
			}
		}
	}
}

func directiveWord(d directive) string {
	if d.wholeFile {
		return ignoreFilePrefix
	}
	return ignorePrefix
}
