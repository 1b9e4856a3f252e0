package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var hfscRealtime = &Rule{
	ID:       "PF112",
	Name:     "hfsc-realtime-80",
	Severity: Error,
	Summary:  "HFSC real-time curves above 80% of the interface",
	Doc: `HFSC guarantees real-time service only up to 80% of the interface
bandwidth, summed over every queue of the interface; pfctl refuses more
("real-time sc exceeds 80% of the interface bandwidth"). Lower the realtime
values.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 hfsc bandwidth 10Mb queue { std, voip }
queue std bandwidth 10% hfsc(default)
queue voip bandwidth 90% hfsc(realtime 9Mb)
`,
	Good: `altq on em0 hfsc bandwidth 10Mb queue { std, voip }
queue std bandwidth 10% hfsc(default)
queue voip bandwidth 90% hfsc(realtime 5Mb)
`,
	Claims: []grammar.Code{model.HFSCRealtime80},
	Run: func(p *Pass) {
		claimedWithAdvice(p, func(*grammar.Error) string {
			return "the real-time curves of an interface may add up to 80% of it; lower them"
		})
	},
}
