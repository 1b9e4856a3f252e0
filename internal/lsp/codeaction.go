package lsp

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/lint"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// ruleALTQRemoved is the rule whose fix is the translation the server
// offers as an action of its own (translateAction).
const ruleALTQRemoved = "PF201"

// fileEdits are byte edits by file name.
type fileEdits map[string][]edit.Edit

func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	d, a, _ := s.analysisOf(p.TextDocument.URI)
	if d == nil || a == nil || a.lint == nil {
		return nil, nil
	}
	start, end := d.index.offset(p.Range.Start), d.index.offset(p.Range.End)
	if end < start {
		start, end = end, start
	}
	var out []protocol.CodeAction
	for _, ca := range s.codeActions(d, a, start, end) {
		if kindWanted(*ca.Kind, p.Context.Only) {
			out = append(out, ca)
		}
	}
	return out, nil
}

func kindWanted(kind string, only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// codeActions are the actions for a byte range of a document: the fixes
// of the findings it touches, and the translation of the ALTQ statements
// it touches. Every quick fix is a lint fix: the server makes none of its
// own from a finding's words.
func (s *Server) codeActions(d *document, a *analysis, start, end int) []protocol.CodeAction {
	var inRange []lint.Diagnostic
	for _, ld := range a.lint.Diagnostics {
		if ld.Range.Start.File != d.path {
			continue
		}
		ds, de := ld.Range.Start.Offset, max(ld.Range.End.Offset, ld.Range.Start.Offset)
		if ds <= end && start <= de {
			inRange = append(inRange, ld)
		}
	}
	var out []protocol.CodeAction
	translation := s.translateAction(d, a, start, end, inRange)
	for _, ld := range inRange {
		if ld.Rule == ruleALTQRemoved && translation != nil && translation.Disabled == nil {
			continue // the same translation, offered once below
		}
		for _, fix := range ld.Fixes {
			edits := fileEdits{}
			for _, fe := range fix.Edits {
				edits[fe.Range.File()] = append(edits[fe.Range.File()], fe.Edit)
			}
			out = append(out, s.action(d, a, sentence(fix.Message), protocol.CodeActionKindQuickFix, edits, len(ld.Fixes) == 1, ld))
		}
	}
	if translation != nil {
		out = append(out, *translation)
	}
	return out
}

// action makes a code action from byte edits.
func (s *Server) action(d *document, a *analysis, title, kind string, edits fileEdits, preferred bool, diags ...lint.Diagnostic) protocol.CodeAction {
	ca := protocol.CodeAction{Title: title, Kind: &kind, Edit: s.workspaceEdit(d, a, edits)}
	if preferred {
		ca.IsPreferred = &preferred
	}
	for _, ld := range diags {
		ca.Diagnostics = append(ca.Diagnostics, lspDiagnostic(d, ld))
	}
	return ca
}

// workspaceEdit converts byte edits to LSP text edits, each file's
// positions counted in that file's text.
func (s *Server) workspaceEdit(d *document, a *analysis, edits fileEdits) *protocol.WorkspaceEdit {
	we := &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{}}
	names := make([]string, 0, len(edits))
	for n := range edits {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		ix, uri := d.index, d.uri
		if name != d.path {
			ix, uri = s.indexOf(a, name), s.uriFor(name)
		}
		if ix == nil {
			continue
		}
		es := append([]edit.Edit(nil), edits[name]...)
		sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
		tes := []protocol.TextEdit{}
		for _, e := range es {
			tes = append(tes, protocol.TextEdit{Range: ix.rangeOf(e.Start, e.End), NewText: e.NewText})
		}
		we.Changes[uri] = tes
	}
	return we
}

// sentence capitalises a fix message for a menu: "write b (bits)" →
// "Write b (bits)".
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
