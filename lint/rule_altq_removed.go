package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

var altqRemoved = &Rule{
	ID:       "PF201",
	Name:     "altq-removed",
	Severity: Error,
	Summary:  "ALTQ on OpenBSD 5.6 or later, which cannot load it",
	Doc: `OpenBSD 5.6 removed ALTQ: a ruleset with altq on … and ALTQ queue lines
no longer loads, and the machine comes up without a firewall. The fix is the
translation pfshape translate makes: the queue definitions go, and each
queue assignment becomes set prio with a priority that keeps the order of
the classes (see pfshape translate --help for the mapping and what cannot
be carried over). It is offered when the file reads cleanly as an ALTQ
release.`,
	Bad: `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0 proto tcp to port 22 queue ssh
`,
	Good: `pass out on em0 proto tcp to port 22 set prio 7
`,
	Fixable:  true,
	Claims:   []grammar.Code{grammar.ALTQRemoved, grammar.QueueALTQOption, grammar.QueueListsChildren},
	ClaimsOn: func(t target.Target) bool { return !t.HasALTQ() },
	Run:      runALTQRemoved,
}

func runALTQRemoved(p *Pass) {
	claimed := p.Claimed()
	if len(claimed) == 0 {
		return
	}
	fix := altqFix(p)
	seen := map[*grammar.Statement]bool{}
	for _, e := range claimed {
		s := p.StatementAt(e.Pos)
		if s != nil && seen[s] {
			continue
		}
		seen[s] = true
		what := "ALTQ"
		if s != nil && s.Stmt != nil {
			switch {
			case s.Altq != nil:
				what = "altq on " + strings.Join(strs(s.Altq.Ifaces), ", ")
			case s.Queue != nil:
				what = "ALTQ queue " + s.Queue.Name.Text()
			}
		}
		msg := fmt.Sprintf("%s: ALTQ was removed in OpenBSD 5.6, so %s cannot load this ruleset", what, p.Target)
		d := Diagnostic{Range: p.ErrorRange(e), Code: e.Code}
		if s != nil && s.Tokens.Len() > 0 {
			d.Range = p.SpanRange(s.Source, s.Tokens.At(0).Span) // the statement, not the option pfctl trips on
		}
		switch {
		case fix != nil:
			msg += "; the fix translates the queueing to set prio (pfshape translate shows the mapping)"
			d.Fixes = []Fix{*fix}
			fix = nil // once: the edits cover the whole ruleset
		case p.ReadAs == p.Target:
			msg += "; pfshape translate converts it to set prio once the file reads cleanly as an ALTQ release"
		}
		d.Message = msg
		p.Report(d)
	}
}

func strs(ss []grammar.Str) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text()
	}
	return out
}

// altqFix is the translation as one fix, when the file was read as an
// ALTQ release, loads there, and translates without leaving anything
// behind.
func altqFix(p *Pass) *Fix {
	if p.ReadAs == p.Target || len(p.Model.Check(p.ReadAs)) > 0 {
		return nil
	}
	res := translate.Translate(p.File, p.Model, translate.Options{Target: p.Target})
	if res.LeftBehind() || len(res.Edits) == 0 {
		return nil
	}
	fix := &Fix{Message: fmt.Sprintf("translate ALTQ (read as %s) to set prio for %s", p.ReadAs, p.Target)}
	names := make([]string, 0, len(res.Edits))
	for n := range res.Edits {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		src := res.Sources[n]
		if src == nil {
			src = p.Source(n)
		}
		if src == nil {
			return nil
		}
		for _, e := range res.Edits[n] {
			fix.Edits = append(fix.Edits, p.Edit(src, spanOf(e.Start, e.End), e.NewText))
		}
	}
	return fix
}
