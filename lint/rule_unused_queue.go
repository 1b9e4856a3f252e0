package lint

var unusedQueue = &Rule{
	ID:       "PF103",
	Name:     "unused-queue",
	Severity: Warning,
	Summary:  "a leaf queue that no rule assigns",
	Doc: `A leaf queue that is not the default queue only gets traffic that a rule
assigns to it. When no rule does, its bandwidth is reserved for nothing (or,
more often, the rule meant for it names another queue). When the ruleset
loads anchors from elsewhere, whose rules may assign it, the finding is info.`,
	Target: "openbsd-5.4",
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0
`,
	Good: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0 proto tcp to port 22 queue ssh
`,
	Run: runUnusedQueue,
}

func runUnusedQueue(p *Pass) {
	assigned := assignedQueues(p.Model)
	sev := SeverityDefault
	note := ""
	if externalRules(p) {
		sev, note = Info, " (an anchor loaded from elsewhere may assign it)"
	}
	for _, d := range p.Model.QueueDefs {
		if len(d.Children) > 0 || d.Flags.Default || assigned[d.Name] || len(d.Instances) == 0 {
			continue
		}
		p.Report(Diagnostic{Range: p.RangeOf(d.Range), Severity: sev,
			Message: "queue " + d.Name + " is defined but no rule assigns it" + note})
	}
	seen := map[string]bool{}
	for _, q := range p.Model.NewQueues {
		if q.IsRoot() || !q.IsLeaf() || q.Default || assigned[q.Name] || seen[q.Name] {
			continue
		}
		seen[q.Name] = true
		p.Report(Diagnostic{Range: p.RangeOf(q.Range), Severity: sev,
			Message: "queue " + q.Name + " is defined but no rule assigns it" + note})
	}
}
