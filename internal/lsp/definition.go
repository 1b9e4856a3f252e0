package lsp

import (
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/grammar"
)

// definition answers with the definitions of the queue, macro or table
// under the cursor: []Location, or nil when there is none.
func (s *Server) definition(_ *glsp.Context, p *protocol.DefinitionParams) (any, error) {
	d, a, _ := s.analysisOf(p.TextDocument.URI)
	if d == nil || a == nil {
		return nil, nil
	}
	sym := a.symbolAt(d.path, d.index.offset(p.Position))
	if sym == nil {
		return nil, nil
	}
	var spans []fileSpan
	switch sym.kind {
	case symQueue:
		spans = a.queueDefinitions(sym.name)
	case symMacro:
		spans = a.macroDefinition(sym.name)
	case symTable:
		for _, st := range a.tableDefinitions(sym.name) {
			spans = append(spans, nameSpan(st, sym.name, 0))
		}
	}
	var out []protocol.Location
	for _, fs := range spans {
		if loc, ok := s.location(d, a, fs); ok {
			out = append(out, loc)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// fileSpan is a span of a named file.
type fileSpan struct {
	file string
	span grammar.Span
}

// nameSpan is the span of the first token of a statement, from the
// token index from on, that spells name (the statement when none does).
func nameSpan(s *grammar.Statement, name string, from int) fileSpan {
	for _, t := range s.Tokens.Slice(min(from, s.Tokens.Len()), s.Tokens.Len()).All() {
		if t.Text == name && t.Macro == nil && (t.Kind == grammar.Word || t.Kind == grammar.Quoted || t.Kind == grammar.Number) {
			return fileSpan{s.Source.Name, t.Span}
		}
	}
	return fileSpan{s.Source.Name, s.Span}
}

func (a *analysis) queueDefinitions(name string) []fileSpan {
	if a.model == nil {
		return nil
	}
	var out []fileSpan
	for _, def := range a.model.QueueDefs {
		if def.Name == name && def.Stmt != nil {
			out = append(out, nameSpan(def.Stmt, name, 1))
		}
	}
	for _, q := range a.model.NewQueues {
		if q.Name == name && q.Stmt != nil {
			out = append(out, nameSpan(q.Stmt, name, 1))
		}
	}
	return out
}

func (a *analysis) macroDefinition(name string) []fileSpan {
	if a.file == nil || a.file.Macros == nil {
		return nil
	}
	for _, m := range a.file.Macros.All() {
		if m.Name == name && !m.Override {
			return []fileSpan{{m.Defined.File, grammar.Span{Start: m.Defined.Offset, End: m.Defined.Offset + len(name)}}}
		}
	}
	return nil
}

// location converts a span of the document or of a file it includes.
func (s *Server) location(d *document, a *analysis, fs fileSpan) (protocol.Location, bool) {
	if fs.file == d.path {
		return protocol.Location{URI: d.uri, Range: d.index.rangeOf(fs.span.Start, fs.span.End)}, true
	}
	ix := s.indexOf(a, fs.file)
	if ix == nil {
		return protocol.Location{}, false
	}
	return protocol.Location{URI: s.uriFor(fs.file), Range: ix.rangeOf(fs.span.Start, fs.span.End)}, true
}

// indexOf is the line index of a file the analysis read: an open
// document's text, or the bytes the ruleset was read with.
func (s *Server) indexOf(a *analysis, name string) *lineIndex {
	if b, ok := s.openText(name); ok {
		return newLineIndex(b)
	}
	if a.lint != nil {
		if src := a.lint.Sources[name]; src != nil {
			return newLineIndex(src.Bytes)
		}
	}
	if src := a.source(name); src != nil {
		return newLineIndex(src.Bytes)
	}
	return nil
}

// source finds a file the analysis read by name.
func (a *analysis) source(name string) *grammar.Source {
	if a.file == nil {
		return nil
	}
	if a.file.Source.Name == name {
		return a.file.Source
	}
	var found *grammar.Source
	walkStatements(a.file.Statements, func(s *grammar.Statement) {
		if found == nil && s.Source != nil && s.Source.Name == name {
			found = s.Source
		}
	})
	return found
}
