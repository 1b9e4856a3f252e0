package lsp

import (
	"fmt"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/lint"
)

// translateAction is "Translate this ALTQ block to set prio", offered
// when the range touches an altq line, an ALTQ queue definition, a rule
// that assigns a queue, or an altq-removed finding. Its edit is the whole
// translation (every file the ruleset reads that changes), since the
// definitions and the rules that use them change together. When the
// translation cannot be made, the action is shown disabled with the
// reason, to clients that show such actions.
func (s *Server) translateAction(d *document, a *analysis, start, end int, inRange []lint.Diagnostic) *protocol.CodeAction {
	if a.model == nil || len(a.model.Interfaces) == 0 {
		return nil
	}
	var removed []lint.Diagnostic
	for _, ld := range inRange {
		if ld.Rule == ruleALTQRemoved {
			removed = append(removed, ld)
		}
	}
	if len(removed) == 0 && !touchesALTQ(a.model, d.path, start, end) {
		return nil
	}
	to := a.settings.translationTarget()
	title := fmt.Sprintf("Translate this ALTQ block to set prio (for %s)", to)
	kind := protocol.CodeActionKindRefactorRewrite
	if len(removed) > 0 {
		kind = protocol.CodeActionKindQuickFix
	}
	edits, why := s.translationEdits(d, a)
	if why != "" {
		if !s.disabledSupport {
			return nil
		}
		return &protocol.CodeAction{Title: title, Kind: &kind, Disabled: &struct {
			Reason string `json:"reason"`
		}{Reason: why}}
	}
	ca := s.action(d, a, title, kind, edits, len(removed) > 0, removed...)
	return &ca
}

// touchesALTQ reports whether a byte range of a file touches an altq
// line, an ALTQ queue definition or a rule that assigns a queue.
func touchesALTQ(m *model.Model, path string, start, end int) bool {
	touches := func(s *grammar.Statement) bool {
		return s != nil && s.Source != nil && s.Source.Name == path && s.Span.Start <= end && start <= s.Span.End
	}
	for _, i := range m.Interfaces {
		if touches(i.Stmt) {
			return true
		}
	}
	for _, q := range m.QueueDefs {
		if touches(q.Stmt) {
			return true
		}
	}
	for _, r := range m.Rules {
		if r.Queue != nil && touches(r.Stmt) {
			return true
		}
	}
	return false
}

// translationEdits are the translation's edits, or why there are none:
// the file must read cleanly as the ALTQ release it is written for, the
// translation must carry everything over, and its result must load on
// the target.
func (s *Server) translationEdits(d *document, a *analysis) (fileEdits, string) {
	if errs := a.rs.Errors(); len(errs) > 0 {
		return nil, fmt.Sprintf("the ruleset does not load on %s; fix it first (%s)", a.rs.ReadAs, errs[0].Msg)
	}
	tr := a.translate()
	switch {
	case tr == nil && a.translateErr != nil:
		return nil, a.translateErr.Error()
	case tr == nil:
		return nil, "nothing to translate"
	}
	for _, n := range tr.Notes {
		if n.Left {
			return nil, fmt.Sprintf("%s: %s", n.Pos, n.Msg)
		}
	}
	if len(tr.Edits) == 0 {
		return nil, "nothing to translate"
	}
	edits := fileEdits{}
	outputs := map[string][]byte{}
	for name, es := range tr.Edits {
		src := tr.Sources[name]
		if src == nil {
			src = a.source(name)
		}
		if src == nil {
			return nil, "the translation changes " + name + ", which the server did not read"
		}
		out, err := edit.Apply(src.Bytes, es)
		if err != nil {
			return nil, fmt.Sprintf("the translation's edits do not apply: %v", err)
		}
		outputs[name] = out
		edits[name] = es
	}
	if why := s.loadsOn(d, a, outputs); why != "" {
		return nil, why
	}
	return edits, ""
}

// loadsOn checks the translated ruleset on the translation's target.
func (s *Server) loadsOn(d *document, a *analysis, outputs map[string][]byte) string {
	to := a.settings.translationTarget()
	var errs grammar.ErrorList
	err := s.guard(d, "checking the translation of", func() { errs = a.rs.Verify(outputs, to) })
	if err != nil {
		return err.Error()
	}
	if len(errs) > 0 {
		return fmt.Sprintf("the translation would not load on %s: %s", to, errs[0])
	}
	return ""
}
