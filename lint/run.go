package lint

import (
	"sort"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Config says how to lint.
type Config struct {
	// Target is the release the ruleset must load on.
	Target target.Target
	// Defines are -D name=value macros.
	Defines map[string]string
	// ReadFile reads included files; grammar.ReadIncludeFile when nil.
	ReadFile func(path string) ([]byte, error)
	// IncludeRoot is the folder included files must lie in (see
	// grammar.Options.IncludeRoot); "" allows any.
	IncludeRoot string
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
}

type runState struct {
	sources    map[string]*grammar.Source
	statements []*grammar.Statement
	claimed    map[string][]*grammar.Error
	diags      []Diagnostic
}

// Lint reads a ruleset for the target and runs the rules over it.
func Lint(name string, src []byte, cfg Config) *Result {
	rules := cfg.Rules
	if rules == nil {
		rules = All()
	}
	opts := grammar.Options{Target: cfg.Target, Defines: cfg.Defines, ReadFile: cfg.ReadFile, IncludeRoot: cfg.IncludeRoot}
	f, _ := grammar.Parse(name, src, opts)
	syntaxErrs := f.Errors
	readAs := cfg.Target
	if alt := readForALTQ(name, src, f, opts); alt != nil {
		f, readAs = alt, alt.Target
	}
	m, _ := model.Build(f)
	st := &runState{sources: map[string]*grammar.Source{}, claimed: map[string][]*grammar.Error{}}
	collect(f, st)
	st.claim(cfg.Target, syntaxErrs, "PF001")
	st.claim(cfg.Target, m.Check(m.Target), "PF002")
	for _, r := range rules {
		p := &Pass{Rule: r, File: f, Model: m, Target: cfg.Target, ReadAs: readAs, run: st}
		r.Run(p)
	}
	diags := suppress(st.diags, f, st, ruleSet(rules))
	return &Result{Diagnostics: sortDiagnostics(diags), Sources: st.sources, ReadAs: readAs}
}

// readForALTQ reads a ruleset that uses ALTQ for the ALTQ release it was
// written for, when the target has no ALTQ: the ALTQ rule then offers the
// translation as its fix, and the queue rules still see the queues. It
// returns nil when the file does not use ALTQ or parses for no release.
func readForALTQ(name string, src []byte, f *grammar.File, opts grammar.Options) *grammar.File {
	if opts.Target.HasALTQ() || len(f.Errors) == 0 {
		return nil
	}
	uses := false
	for _, e := range f.Errors {
		uses = uses || altqMessage(opts.Target, e.Msg)
	}
	if !uses {
		return nil
	}
	for _, c := range target.ALTQReleases { // read for when the target has no ALTQ
		o := opts
		o.Target = target.MustParse(c)
		alt, _ := grammar.Parse(name, src, o)
		if len(alt.Errors) > 0 {
			continue
		}
		if m, _ := model.Build(alt); len(m.Interfaces) > 0 {
			return alt
		}
	}
	return nil
}

// collect records the sources and statements of a file and its includes.
func collect(f *grammar.File, st *runState) {
	if f == nil {
		return
	}
	st.sources[f.Source.Name] = f.Source
	var walk func([]*grammar.Statement)
	walk = func(ss []*grammar.Statement) {
		for _, s := range ss {
			st.statements = append(st.statements, s)
			st.sources[s.Source.Name] = s.Source
			walk(s.Body)
			if s.Included != nil {
				collect(s.Included, st)
			}
		}
	}
	walk(f.Statements)
}

// claim hands each of pfctl's messages to the first rule of the catalogue
// that claims it, or to fallback. Every rule of the catalogue takes part,
// selected or not, so that ignoring a rule does not move its findings to
// PF001 or PF002.
func (st *runState) claim(t target.Target, errs grammar.ErrorList, fallback string) {
	type line struct {
		file string
		n    int
	}
	substantive := map[line]bool{}
	for _, e := range errs {
		if !followUp(e.Msg) {
			substantive[line{e.Pos.File, e.Pos.Line}] = true
		}
	}
	for _, e := range errs {
		if followUp(e.Msg) && substantive[line{e.Pos.File, e.Pos.Line}] {
			continue // the error it follows says it all
		}
		owner := fallback
		for _, r := range All() {
			if r.Claims != nil && r.Claims(t, e.Msg) {
				owner = r.ID
				break
			}
		}
		st.claimed[owner] = append(st.claimed[owner], e)
	}
}

// followUp reports whether a message is one pfctl prints after another
// error of the same statement, adding nothing to it.
func followUp(msg string) bool {
	return msg == "errors in queue definition" || msg == "cannot add queue"
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
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && ds[i-1].Range.Start == d.Range.Start && ds[i-1].Rule == d.Rule && ds[i-1].Message == d.Message {
			continue
		}
		out = append(out, d)
	}
	return out
}

// hasPrefix reports whether msg starts with any of the prefixes.
func hasPrefix(msg string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// contains reports whether msg contains any of the parts.
func contains(msg string, parts ...string) bool {
	for _, p := range parts {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
