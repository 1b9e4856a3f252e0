package lint

import (
	"context"
	"github.com/pfshape/pfshape/internal/engine"
	"runtime/trace"
	"sort"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// Config says how to lint a ruleset read from bytes (Lint).
type Config struct {
	// Target is the release the ruleset must load on.
	Target target.Target
	// Defines are -D name=value macros.
	Defines map[string]string
	// ReadFile reads included files; grammar.ReadIncludeFile when nil.
	ReadFile func(path string) ([]byte, error)
	// IncludeRoots are the folders included files must lie in (see
	// ruleset.Options.Roots).
	IncludeRoots []string
	// Rules are the rules to run; nil runs All().
	Rules []*Rule
}

// Result is what Lint found in one ruleset.
type Result struct {
	// Diagnostics are sorted by file, position and rule.
	Diagnostics []Diagnostic
	// Sources are the files read (the ruleset and what it includes), by
	// name: what fixes apply to.
	Sources map[string]*grammar.Source
	// ReadAs is the release the file was read for (see Pass.ReadAs).
	ReadAs target.Target
	// Ruleset is what was linted.
	Ruleset *ruleset.Ruleset
}

type runState struct {
	sources    map[string]*grammar.Source
	statements []*grammar.Statement
	claimed    map[string][]*grammar.Error
	diags      []Diagnostic
	// byFile are the statements of each file by start (statementAt).
	byFile map[string][]*grammar.Statement
	// acks indexes the ALTQ queues for the ACK rules (ackPairs).
	acks *ackIndex
	// stmtLines are the statements' lines (statementLines).
	stmtLines map[sourceLine][][2]int
	// rs is the loaded ruleset; usage what the packet engine says of
	// its rules (Pass.Usage), computed once, beside the other rules when
	// usageReady is set (closed when it is done).
	rs         *ruleset.Ruleset
	usage      *engine.Usage
	usageDone  bool
	usageReady chan struct{}
	usagePanic any
	// bwUses are the model's bandwidths (Pass.bandwidthUses).
	bwUses []bandwidthUse
	bwDone bool
}

// Options are the loader's options lint reads a ruleset with: for the
// target, or, when the target has no ALTQ and the file uses it, for the
// ALTQ release it was written for, so that the ALTQ rule offers the
// translation as its fix and the queue rules still see the queues.
func Options(t target.Target) ruleset.Options {
	return ruleset.Options{Target: t, Infer: ruleset.InferForALTQ, Filter: true}
}

// UsesEngine reports whether rules (nil: All()) include one that reads
// the packet engine's analysis, which reads the filter view: a loader
// for them sets Options.Filter.
func UsesEngine(rules []*Rule) bool {
	if rules == nil {
		rules = All()
	}
	for _, r := range rules {
		if r.Engine {
			return true
		}
	}
	return false
}

// Lint reads a ruleset from bytes for the target and runs the rules over
// it.
func Lint(name string, src []byte, cfg Config) *Result {
	opts := Options(cfg.Target)
	opts.Defines, opts.ReadFile, opts.Roots = cfg.Defines, cfg.ReadFile, cfg.IncludeRoots
	return Run(ruleset.LoadBytes(name, src, opts), cfg.Rules)
}

// Run runs the rules (nil: All()) over a ruleset the loader read.
func Run(rs *ruleset.Ruleset, rules []*Rule) *Result {
	if rules == nil {
		rules = All()
	}
	f, m := rs.File, rs.Model
	st := &runState{sources: rs.Sources(), claimed: map[string][]*grammar.Error{}, rs: rs}
	if UsesEngine(rules) {
		// First: it is the longest of the rules' work, and reads only
		// the ruleset.
		st.startUsage()
	}
	collect(f, st)
	st.claim(rs.Target, rs.TargetErrors, "PF001")
	// pfctl stops at the first failing queue definition; the checks of
	// the queues as a whole it would make next are reported too.
	st.claim(rs.Target, append(append(append(grammar.ErrorList(nil), rs.LoadErrors()...), m.Deferred()...), rs.AnchorErrors()...), "PF002")
	for _, r := range rules {
		p := &Pass{Rule: r, File: f, Model: m, Target: rs.Target, ReadAs: rs.ReadAs, run: st}
		trace.WithRegion(context.Background(), r.ID, func() { r.Run(p) })
	}
	diags := suppress(st.diags, f, st, ruleSet(rules))
	return &Result{Diagnostics: sortDiagnostics(diags), Sources: st.sources, ReadAs: rs.ReadAs, Ruleset: rs}
}

// collect records the statements of a file and its includes.
func collect(f *grammar.File, st *runState) {
	if f == nil {
		return
	}
	grammar.Walk(f.Statements, func(s *grammar.Statement, _ int) {
		st.statements = append(st.statements, s)
	})
}

// claim hands each of pfctl's errors to the first rule of the catalogue
// that claims its code, or to fallback. Every rule of the catalogue takes
// part, selected or not, so that ignoring a rule does not move its
// findings to PF001 or PF002.
func (st *runState) claim(t target.Target, errs grammar.ErrorList, fallback string) {
	type line struct {
		file string
		n    int
	}
	substantive := map[line]bool{}
	for _, e := range errs {
		if !followUp(e.Code) {
			substantive[line{e.Pos.File, e.Pos.Line}] = true
		}
	}
	for _, e := range errs {
		if followUp(e.Code) && substantive[line{e.Pos.File, e.Pos.Line}] {
			continue // the error it follows says it all
		}
		owner := fallback
		for _, r := range All() {
			if r.claims(t, e.Code) {
				owner = r.ID
				break
			}
		}
		st.claimed[owner] = append(st.claimed[owner], e)
	}
}

// followUp reports whether an error is one pfctl prints after another
// error of the same statement, adding nothing to it.
func followUp(c grammar.Code) bool {
	return c == model.QueueErrors || c == model.QueueNotAdded
}

func ruleSet(rules []*Rule) map[string]bool {
	out := map[string]bool{}
	for _, r := range rules {
		out[r.ID] = true
	}
	return out
}

// sortDiagnostics orders by file, position, rule and message, and drops
// exact duplicates (a queue defined once and created on two interfaces
// gives the same finding twice).
func sortDiagnostics(ds []Diagnostic) []Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Range.Start.File != b.Range.Start.File {
			return a.Range.Start.File < b.Range.Start.File
		}
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message // msgcheck:ok a stable order of the findings, not a decision
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && ds[i-1].Range.Start == d.Range.Start && ds[i-1].Rule == d.Rule && ds[i-1].Message == d.Message { // msgcheck:ok the same finding twice, in any words
			continue
		}
		out = append(out, d)
	}
	return out
}
