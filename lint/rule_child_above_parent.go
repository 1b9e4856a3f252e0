package lint

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

var childAboveParent = &Rule{
	ID:       "PF110",
	Name:     "child-above-parent",
	Severity: Error,
	Summary:  "a queue's bandwidth above its parent's or the interface's",
	Doc: `A queue cannot have more bandwidth than its parent queue or than the
interface, and an HFSC link-share or upper-limit curve cannot exceed the
parent's or the interface's; pfctl refuses it ("bandwidth for ssh higher than
parent"). Lower the queue's bandwidth or raise the parent's.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 cbq bandwidth 10Mb queue { std }
queue std bandwidth 20Mb cbq(default)
`,
	Good: `altq on em0 cbq bandwidth 10Mb queue { std }
queue std bandwidth 10Mb cbq(default)
`,
	Claims: []grammar.Code{model.QueueAboveParent, model.QueueAboveInterface, model.HFSCLinkshareAboveParent,
		model.HFSCUpperlimitAboveInterface},
	Run: func(p *Pass) {
		for _, e := range p.Claimed() {
			d := Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg + ": lower the queue's bandwidth or raise its parent's"}
			if e.Code == model.QueueAboveParent {
				d.Related = p.queueDefinedHere(e.Subject)
			}
			p.Report(d)
		}
	},
}
