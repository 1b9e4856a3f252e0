package lint

import (
	"context"
	"fmt"
	"runtime/trace"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/engine"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
)

// Usage is what the packet engine says of the ruleset's rules over every
// packet (engine.Usage), computed once per run for the rules that read
// it; nil when pfctl would not load the ruleset (its errors come first)
// or it has no filter rules.
func (p *Pass) Usage() *engine.Usage {
	st := p.run
	if st.usageReady != nil {
		<-st.usageReady
		if st.usagePanic != nil {
			panic(st.usagePanic)
		}
		return st.usage
	}
	if !st.usageDone {
		st.usageDone = true
		st.usage = usage(st.rs)
	}
	return st.usage
}

// startUsage computes Usage in a goroutine of its own, while the rules
// before those that read it run: the engine reads the model and the
// filter view (built once, under a sync.Once), which no rule changes.
// A run whose rules do not wait for it (one that panicked) leaves it to
// finish alone.
func (st *runState) startUsage() {
	if st.usageReady != nil || st.usageDone {
		return
	}
	st.usageDone = true
	st.usageReady = make(chan struct{})
	go func() {
		defer close(st.usageReady)
		// A panic is the caller's, as it was before the goroutine:
		// Pass.Usage raises it again where a guard (the language
		// server's) recovers it.
		defer func() { st.usagePanic = recover() }()
		trace.WithRegion(context.Background(), "usage", func() { st.usage = usage(st.rs) })
	}()
}

// usage is the packet engine's analysis of a ruleset pfctl would load.
func usage(rs *ruleset.Ruleset) *engine.Usage {
	if rs == nil || rs.Model == nil || len(rs.OwnErrors()) > 0 {
		return nil
	}
	u, err := engine.ForRuleset(rs).Usage()
	if err != nil {
		return nil
	}
	return u
}

// ruleStatement is the statement a filter rule of the model comes from,
// when it is in a file lint reports on.
func (p *Pass) ruleStatement(r *model.FilterRule) *grammar.Statement {
	s := p.run.statementAt(grammar.Position{File: r.Pos.File, Offset: r.Pos.Offset})
	if s == nil || s.Text() != r.Text {
		return nil
	}
	return s
}

// ruleRange is where a finding on a rule goes: its statement.
func (p *Pass) ruleRange(s *grammar.Statement) Range { return p.SpanRange(s.Source, s.Span) }

// relatedRules are the places of rules a finding names, each with what
// it does.
func (p *Pass) relatedRules(rs []*model.FilterRule, what string) []Related {
	var out []Related
	for _, r := range rs {
		if s := p.ruleStatement(r); s != nil {
			out = append(out, Related{Range: p.ruleRange(s), Message: what})
		}
	}
	return out
}

// lines writes rules' places as pfctl's users read them: `line 12`, or
// `other.conf:12` in another file; three at most, then how many more.
func lines(of *model.FilterRule, rs []*model.FilterRule) string {
	var ws []string
	for i, r := range rs {
		if i == 3 {
			ws = append(ws, fmt.Sprintf("%d more", len(rs)-3))
			break
		}
		if r.Pos.File == of.Pos.File {
			ws = append(ws, strconv.Itoa(r.Pos.Line))
		} else {
			ws = append(ws, fmt.Sprintf("%s:%d", r.Pos.File, r.Pos.Line))
		}
	}
	if len(ws) == 0 {
		return ""
	}
	word := "line "
	if len(rs) > 1 {
		word = "lines "
	}
	switch len(ws) {
	case 1:
		return word + ws[0]
	case 2:
		return word + ws[0] + " and " + ws[1]
	}
	return word + strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}
