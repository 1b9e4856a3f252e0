package lint

import (
	"fmt"
	"sort"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Pass is what a rule's Run sees: one ruleset, read and modelled, and the
// target it must load on.
type Pass struct {
	Rule *Rule
	// File is the parsed ruleset; Model is built from it.
	File  *grammar.File
	Model *model.Model
	// Target is the release the ruleset must load on.
	Target target.Target
	// ReadAs is the release File was read for: Target, or, when Target
	// has no ALTQ and the file uses it, the ALTQ release it parses for
	// (so that its queues can still be checked and translated).
	ReadAs target.Target

	run *runState
}

// Report records a finding of the pass's rule. A zero Severity is the
// rule's default.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.ID
	d.Message = grammar.Reword(d.Message)
	for i := range d.Related {
		d.Related[i].Message = grammar.Reword(d.Related[i].Message)
	}
	for i := range d.Fixes {
		d.Fixes[i].Message = grammar.Reword(d.Fixes[i].Message)
		d.Fixes[i].Unsafe = p.Rule.UnsafeFixes
	}
	if d.Severity == SeverityDefault {
		d.Severity = p.Rule.Severity
	}
	p.run.diags = append(p.run.diags, d)
}

// Reportf records a finding with a formatted message.
func (p *Pass) Reportf(r Range, format string, args ...any) {
	p.Report(Diagnostic{Range: r, Message: fmt.Sprintf(format, args...)})
}

// Claimed returns pfctl's messages (syntax and load-time errors) that the
// pass's rule claims, in file order.
func (p *Pass) Claimed() []*grammar.Error { return p.run.claimed[p.Rule.ID] }

// Source returns the source file of a name (the ruleset or a file it
// includes), or nil.
func (p *Pass) Source(name string) *grammar.Source { return p.run.sources[name] }

// Statements returns every statement of the ruleset in file order: anchor
// bodies and included files where they stand.
func (p *Pass) Statements() []*grammar.Statement { return p.run.statements }

// RangeOf converts a model range to a finding's range.
func (p *Pass) RangeOf(r model.Range) Range {
	end := r.Pos
	if src := p.Source(r.Pos.File); src != nil && r.End >= r.Pos.Offset {
		end = src.Position(r.End)
	}
	return Range{Start: r.Pos, End: end}
}

// SpanRange is the range of a span of a source.
func (p *Pass) SpanRange(src *grammar.Source, sp grammar.Span) Range {
	return spanRange(src, sp)
}

func spanRange(src *grammar.Source, sp grammar.Span) Range {
	return Range{Start: src.Position(sp.Start), End: src.Position(sp.End)}
}

// ErrorRange is the range of a pfctl message: from its position to the end
// of the word there.
func (p *Pass) ErrorRange(e *grammar.Error) Range {
	return errorRange(p.Source(e.Pos.File), e)
}

func errorRange(src *grammar.Source, e *grammar.Error) Range {
	if src == nil {
		return Range{Start: e.Pos, End: e.Pos}
	}
	end := e.Pos.Offset
	for end < len(src.Bytes) && !isSpace(src.Bytes[end]) {
		end++
	}
	return Range{Start: e.Pos, End: src.Position(end)}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Edit makes an edit of a span of a source.
func (p *Pass) Edit(src *grammar.Source, sp grammar.Span, newText string) FileEdit {
	return FileEdit{Edit: edit.Edit{Start: sp.Start, End: sp.End, NewText: newText}, Range: spanRange(src, sp)}
}

// StatementAt returns the statement that starts at or encloses a position
// of a file, innermost first, or nil.
func (p *Pass) StatementAt(pos grammar.Position) *grammar.Statement {
	return p.run.statementAt(pos)
}

// statementAt finds the innermost statement at a position by binary
// search over each file's statements in order of their start (an anchor's
// body statements start inside it, after it), built once per run.
func (st *runState) statementAt(pos grammar.Position) *grammar.Statement {
	if st.byFile == nil {
		st.byFile = map[string][]*grammar.Statement{}
		for _, s := range st.statements {
			st.byFile[s.Source.Name] = append(st.byFile[s.Source.Name], s)
		}
		for _, ss := range st.byFile {
			sort.SliceStable(ss, func(i, j int) bool { return ss[i].Span.Start < ss[j].Span.Start })
		}
	}
	ss := st.byFile[pos.File]
	i := sort.Search(len(ss), func(i int) bool { return ss[i].Span.Start > pos.Offset }) - 1
	for ; i >= 0; i-- {
		if s := ss[i]; pos.Offset < max(s.Span.End, s.Span.Start+1) {
			return s
		}
	}
	return nil
}

// fromMacro reports whether the bytes of a span are a `$macro` reference
// rather than the text itself: a fix must not rewrite a reference.
func fromMacro(s *grammar.Statement, sp grammar.Span) bool {
	for _, t := range s.Tokens.All() {
		if t.Macro != nil && t.Span.Start < sp.End && sp.Start < t.Span.End {
			return true
		}
	}
	return false
}

func spanOf(start, end int) grammar.Span { return grammar.Span{Start: start, End: end} }
