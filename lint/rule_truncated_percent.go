package lint

import (
	"strconv"
	"strings"
)

var truncatedPercent = &Rule{
	ID:       "PF114",
	Name:     "truncated-percent",
	Severity: Warning,
	Summary:  "a percentage with a fraction, which pfctl truncates",
	Doc: `pfctl reads a bandwidth percentage as an integer: 12.5% is 12%, 0.5% is
0% (and then an error). The fix writes the percentage pfctl uses, so the
file says what the kernel does; raise it if you meant more.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Mb queue { std, ssh }
queue std bandwidth 87.5% cbq(default)
queue ssh bandwidth 12.5%
`,
	Good: `altq on em0 cbq bandwidth 10Mb queue { std, ssh }
queue std bandwidth 88% cbq(default)
queue ssh bandwidth 12%
`,
	Fixable: true,
	Run: func(p *Pass) {
		for _, u := range p.bandwidthUses() {
			bw := u.bw
			num, ok := strings.CutSuffix(bw.Text, "%")
			if !bw.IsPercent || !ok || !strings.Contains(num, ".") {
				continue
			}
			if f, err := strconv.ParseFloat(num, 64); err != nil || f == float64(bw.Percent) {
				continue
			}
			d := Diagnostic{Range: p.RangeOf(bw.Range),
				Message: "pfctl truncates " + bw.Text + " to " + strconv.Itoa(bw.Percent) + "%: percentages are integers"}
			if src := p.Source(bw.Pos.File); src != nil && u.stmt != nil && !fromMacro(u.stmt, bw.Span()) && src.Text(bw.Span()) == bw.Text {
				d.Fixes = []Fix{{Message: "write " + strconv.Itoa(bw.Percent) + "%",
					Edits: []FileEdit{p.Edit(src, bw.Span(), strconv.Itoa(bw.Percent)+"%")}}}
			}
			p.Report(d)
		}
	},
}
