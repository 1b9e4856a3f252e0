package lint

import (
	"regexp"
	"sync"
)

var bytesAsBits = &Rule{
	ID:       "PF115",
	Name:     "bytes-as-bits",
	Severity: Warning,
	Summary:  "a bandwidth unit with B, which pfctl reads as bits",
	Doc: `Since OpenBSD 5.5, and on FreeBSD, pfctl accepts K, M and G followed by b,
B, bit or Bit, and all four mean bits: 10MB is 10 Mbit/s, not 10 megabytes
per second (80 Mbit/s). The fix writes b, which says what pfctl does; if you
meant bytes, multiply by 8.`,
	Target: "openbsd-5.5",
	Bad: `altq on em0 priq bandwidth 10MB queue { std }
oldqueue std priority 1 priq(default)
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std }
oldqueue std priority 1 priq(default)
`,
	Fixable: true,
	Run: func(p *Pass) {
		if !newUnits(p.Model.Target) {
			return
		}
		for _, u := range p.bandwidthUses() {
			bw := u.bw
			m := bytesUnit().FindStringSubmatchIndex(bw.Text)
			if m == nil {
				continue
			}
			d := Diagnostic{Range: p.RangeOf(bw.Range),
				Message: "pfctl reads " + bw.Text + " as " + rate(bw.Written) + ": B means bits here, not bytes; write " +
					bw.Text[:m[3]] + "b, or multiply by 8 if you meant bytes"}
			if src := p.Source(bw.Pos.File); src != nil && u.stmt != nil && !fromMacro(u.stmt, bw.Span()) && src.Text(bw.Span()) == bw.Text {
				at := bw.Pos.Offset + m[3]
				d.Fixes = []Fix{{Message: "write b (bits)", Edits: []FileEdit{p.Edit(src, spanOf(at, at+1), "b")}}}
			}
			p.Report(d)
		}
	},
}

// bytesUnit matches a bandwidth whose unit is K, M or G followed by B;
// group 1 is the number and unit letter.
var bytesUnit = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9.]+[KMG])B$`) })
