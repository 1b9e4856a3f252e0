package lint

import (
	"bytes"
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var barePrio = &Rule{
	ID:       "PF202",
	Name:     "bare-prio",
	Severity: Warning,
	Summary:  "prio N on OpenBSD 5.2 or later, where it matches instead of setting",
	Doc: `On OpenBSD 5.0 and 5.1 a rule's prio N set the packet priority. Since 5.2
that is set prio N, and prio N alone is a match criterion: the rule now
matches only packets that already have priority N, and sets nothing.
prio (N, M) no longer parses at all (an error). The fix inserts set.`,
	Bad:      "pass out on em0 proto tcp to port 22 prio 6\n",
	Good:     "pass out on em0 proto tcp to port 22 set prio 6\n",
	Fixable:  true,
	Claims:   []grammar.Code{grammar.PrioPair},
	ClaimsOn: isBarePrioTarget,
	Run:      runBarePrio,
}

func isBarePrioTarget(t target.Target) bool {
	return t.OS == target.OpenBSD && t.HasSetPrio() && !t.HasBarePrioAction()
}

func runBarePrio(p *Pass) {
	if !isBarePrioTarget(p.Target) {
		return
	}
	insertSet := func(src *grammar.Source, s *grammar.Statement, at int) []Fix {
		if src == nil || !bytes.HasPrefix(src.Bytes[at:], []byte("prio")) || (s != nil && fromMacro(s, spanOf(at, at+4))) {
			return nil
		}
		return []Fix{{Message: "write set prio", Edits: []FileEdit{p.Edit(src, spanOf(at, at), "set ")}}}
	}
	for _, e := range p.Claimed() {
		p.Report(Diagnostic{Range: p.ErrorRange(e), Severity: Error, Code: e.Code,
			Message: fmt.Sprintf("prio (N, M) does not parse on %s: it became set prio (N, M) in OpenBSD 5.2", p.Target),
			Fixes:   insertSet(p.Source(e.Pos.File), p.StatementAt(e.Pos), e.Pos.Offset)})
	}
	for _, s := range p.Statements() {
		if s.Stmt == nil {
			continue
		}
		var opts []grammar.FilterOpt
		switch {
		case s.Rule != nil:
			opts = s.Rule.Options
		case s.Anchor != nil:
			opts = s.Anchor.Options
		}
		for _, o := range opts {
			o, ok := o.(*grammar.OptPrio)
			if !ok || o.Prio.Prio == nil {
				continue
			}
			n := *o.Prio.Prio
			r := p.SpanRange(s.Source, s.NodeSpan(o.Pos, o.EndPos))
			p.Report(Diagnostic{Range: r,
				Message: fmt.Sprintf("prio %d is a match criterion on %s: the rule matches packets whose priority is already %d and sets nothing (prio set it only on OpenBSD 5.0-5.1); write set prio %d to set it", n, p.Target, n, n),
				Fixes:   insertSet(s.Source, s, int(o.Pos))})
		}
	}
}
