package lsp

import (
	"fmt"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/lint"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// diagnostics converts the findings of a document's own file. Findings in
// files it includes are not published on the document: each file's
// findings belong to that file, and are shown when it is opened.
func (s *Server) diagnostics(d *document, a *analysis) []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	if a.lint == nil {
		for _, e := range a.syntax {
			if e.Pos.File == d.path {
				out = append(out, lspDiagnostic(d, lint.Diagnostic{
					Range: lint.Range{Start: e.Pos, End: e.Pos}, Rule: "PF001", Severity: lint.Error, Code: e.Code, Message: e.Msg,
				}))
			}
		}
		return out
	}
	elsewhere := map[*grammar.Statement][]lint.Diagnostic{}
	var order []*grammar.Statement
	for _, ld := range a.lint.Diagnostics {
		if ld.Range.Start.File == d.path {
			ldiag := lspDiagnostic(d, ld)
			ldiag.RelatedInformation = s.related(d, a, ld)
			out = append(out, ldiag)
			continue
		}
		if inc := a.includeOf(d.path, ld.Range.Start.File); inc != nil {
			if elsewhere[inc] == nil {
				order = append(order, inc)
			}
			elsewhere[inc] = append(elsewhere[inc], ld)
		}
	}
	for _, inc := range order {
		out = append(out, includeDiagnostic(d, inc, elsewhere[inc]))
	}
	return out
}

// includeOf is the include statement of the document's own file that
// reads file, directly or through other includes; nil when none does.
func (a *analysis) includeOf(path, file string) *grammar.Statement {
	if a.file == nil {
		return nil
	}
	var holds func(f *grammar.File) bool
	holds = func(f *grammar.File) bool {
		if f == nil {
			return false
		}
		if f.Source.Name == file {
			return true
		}
		found := false
		walkStatements(f.Statements, func(s *grammar.Statement) {
			found = found || (s.Included != nil && s.Included.Source.Name == file)
		})
		return found
	}
	var out *grammar.Statement
	var walk func(ss []*grammar.Statement)
	walk = func(ss []*grammar.Statement) {
		for _, s := range ss {
			if out != nil {
				return
			}
			if s.Source != nil && s.Source.Name == path && s.Included != nil && holds(s.Included) {
				out = s
				return
			}
			walk(s.Body)
		}
	}
	walk(a.file.Statements)
	return out
}

// includeDiagnostic sums up, on an include line, the findings in the
// file it reads, which are published on that file itself only when the
// editor opens it.
func includeDiagnostic(d *document, inc *grammar.Statement, found []lint.Diagnostic) protocol.Diagnostic {
	worst := lint.Info
	for _, ld := range found {
		if ld.Severity != lint.SeverityDefault && ld.Severity < worst {
			worst = ld.Severity
		}
	}
	first := found[0]
	msg := fmt.Sprintf("%s: %s [%s]", first.Range.Start, first.Message, first.Rule)
	if len(found) > 1 {
		msg = fmt.Sprintf("%d findings in the included file; the first: %s", len(found), msg)
	}
	sev := severity(worst)
	source := serverName
	return protocol.Diagnostic{
		Range:    d.index.rangeOf(inc.Span.Start, inc.Span.End),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: "include"},
		Source:   &source,
		Message:  msg,
	}
}

// lspDiagnostic converts one finding: byte offsets become UTF-16
// positions of the document's text, the severity maps, the rule ID is
// the code and the rule's page its description.
func lspDiagnostic(d *document, ld lint.Diagnostic) protocol.Diagnostic {
	start := ld.Range.Start.Offset
	end := start
	if ld.Range.End.File == ld.Range.Start.File && ld.Range.End.Offset >= start {
		end = ld.Range.End.Offset
	}
	sev := severity(ld.Severity)
	source := serverName
	out := protocol.Diagnostic{
		Range:    d.index.rangeOf(start, end),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: ld.Rule},
		Source:   &source,
		Message:  ld.Message,
	}
	if r := lint.Lookup(ld.Rule); r != nil {
		out.CodeDescription = &protocol.CodeDescription{HRef: lint.DocURL(r.ID)} // the rule's page
		if ld.Unnecessary || strings.HasPrefix(r.Name, "unused-") {
			// Greyed out: a dead rule, an unused definition.
			out.Tags = []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}
		}
	}
	return out
}

// related converts a finding's related places ("queue ssh is defined
// here"), in the document or in a file the analysis read.
func (s *Server) related(d *document, a *analysis, ld lint.Diagnostic) []protocol.DiagnosticRelatedInformation {
	var out []protocol.DiagnosticRelatedInformation
	for _, r := range ld.Related {
		ix, uri := d.index, d.uri
		if f := r.Range.File(); f != d.path {
			ix, uri = s.indexOf(a, f), s.uriFor(f)
		}
		if ix == nil {
			continue
		}
		end := max(r.Range.End.Offset, r.Range.Start.Offset)
		out = append(out, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri, Range: ix.rangeOf(r.Range.Start.Offset, end)},
			Message:  r.Message,
		})
	}
	return out
}

func severity(s lint.Severity) protocol.DiagnosticSeverity {
	switch s {
	case lint.Warning:
		return protocol.DiagnosticSeverityWarning
	case lint.Info:
		return protocol.DiagnosticSeverityInformation
	}
	return protocol.DiagnosticSeverityError
}

// internalDiagnostic says, on the document itself, that the server failed
// on it: better than silence, which reads as "no findings".
func internalDiagnostic(d *document, err error) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityError
	source := serverName
	return protocol.Diagnostic{
		Range:    d.index.rangeOf(0, 0),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: "internal"},
		Source:   &source,
		Message:  fmt.Sprintf("pfshape could not lint this file (a bug; the server log has the details): %v", err),
	}
}
