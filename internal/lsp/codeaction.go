package lsp

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/lint"
)

// Rule IDs the server offers actions of its own for, beside the fixes
// lint gives.
const (
	ruleUndefinedQueue = "PF102"
	ruleDefaultQueue   = "PF106"
	ruleALTQRemoved    = "PF201"
)

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
// of the findings it touches, the server's own fixes for findings lint
// gives none for, and the translation of the ALTQ statements it touches.
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
		if len(ld.Fixes) > 0 {
			for _, fix := range ld.Fixes {
				edits := fileEdits{}
				for _, fe := range fix.Edits {
					edits[fe.Range.File()] = append(edits[fe.Range.File()], fe.Edit)
				}
				out = append(out, s.action(d, a, sentence(fix.Message), protocol.CodeActionKindQuickFix, edits, len(ld.Fixes) == 1, ld))
			}
			continue
		}
		switch ld.Rule {
		case ruleUndefinedQueue:
			if ca := s.renameQueueAction(d, a, ld); ca != nil {
				out = append(out, *ca)
			}
		case ruleDefaultQueue:
			if ca := s.defaultQueueAction(d, a, ld); ca != nil {
				out = append(out, *ca)
			}
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

var didYouMean = regexp.MustCompile(`did you mean ([^\s?]+)\?`)

// renameQueueAction is "Rename to the defined queue X" for an undefined
// queue whose message suggests X.
func (s *Server) renameQueueAction(d *document, a *analysis, ld lint.Diagnostic) *protocol.CodeAction {
	m := didYouMean.FindStringSubmatch(ld.Message)
	if m == nil {
		return nil
	}
	want := m[1]
	defs := a.queueDefinitions(want)
	if len(defs) == 0 {
		return nil
	}
	tok, ok := a.tokenStartingAt(d.path, ld.Range.Start.Offset)
	if !ok || tok.Macro != nil {
		return nil // the name comes from a macro: the fix belongs there
	}
	text := want
	if tok.Kind == grammar.Quoted || a.quotedAt(defs[0]) {
		text = `"` + want + `"`
	}
	edits := fileEdits{d.path: {{Start: tok.Span.Start, End: tok.Span.End, NewText: text}}}
	if !s.fixes(d, a, edits, ruleUndefinedQueue) {
		return nil
	}
	ca := s.action(d, a, "Rename to the defined queue "+want, protocol.CodeActionKindQuickFix, edits, true, ld)
	return &ca
}

// tokenStartingAt is the token of file path that starts at offset.
func (a *analysis) tokenStartingAt(path string, offset int) (grammar.Token, bool) {
	s := a.statementAt(path, offset)
	if s == nil {
		return grammar.Token{}, false
	}
	for _, t := range s.Tokens {
		if t.Span.Start == offset {
			return t, true
		}
	}
	return grammar.Token{}, false
}

// quotedAt reports whether the text at a span is written in quotes.
func (a *analysis) quotedAt(fs fileSpan) bool {
	src := a.source(fs.file)
	return src != nil && strings.HasPrefix(src.Text(fs.span), `"`)
}

// defaultQueueAction is "Add the missing default queue": it marks one
// leaf queue of an interface without a default queue default (the one
// named like a catch-all, else the one ranked lowest, which is where
// unclassified traffic belongs).
func (s *Server) defaultQueueAction(d *document, a *analysis, ld lint.Diagnostic) *protocol.CodeAction {
	if a.model == nil {
		return nil
	}
	var leaf *queueChoice
	if name, ok := strings.CutPrefix(ld.Message, "should have one default queue on "); ok {
		name, _, _ = strings.Cut(name, ":")
		if !strings.Contains(ld.Message, " has none") {
			return nil // more than one: which to keep is the user's call
		}
		leaf = altqDefaultCandidate(a.model, name)
	} else if strings.HasPrefix(ld.Message, "no default queue specified") {
		leaf = newQueueDefaultCandidate(a.model, ld.Range.Start)
	}
	if leaf == nil || leaf.stmt.Source.Name != d.path {
		return nil
	}
	e, ok := leaf.edit()
	if !ok {
		return nil
	}
	edits := fileEdits{d.path: {e}}
	if !s.fixes(d, a, edits, ruleDefaultQueue) {
		return nil
	}
	ca := s.action(d, a, fmt.Sprintf("Add the missing default queue: make %s the default", leaf.name), protocol.CodeActionKindQuickFix, edits, true, ld)
	return &ca
}

// queueChoice is a queue to mark default, and how.
type queueChoice struct {
	name      string
	stmt      *grammar.Statement
	scheduler model.Scheduler // "" for a new queue: `default` alone
}

// catchAll are queue names that say "everything else".
var catchAll = map[string]bool{"default": true, "def": true, "std": true, "standard": true, "other": true, "others": true, "misc": true, "rest": true}

func altqDefaultCandidate(m *model.Model, ifname string) *queueChoice {
	var best *model.Queue
	for _, iface := range m.Interfaces {
		if iface.Name != ifname || iface.Scheduler == model.CODEL {
			continue
		}
		for _, q := range iface.Queues {
			if q.IsRoot() || len(q.Children) > 0 || q.Def == nil || q.Def.Stmt == nil || q.Def.Stmt.Stmt == nil {
				continue
			}
			switch {
			case best == nil:
				best = q
			case catchAll[strings.ToLower(q.Name)] != catchAll[strings.ToLower(best.Name)]:
				if catchAll[strings.ToLower(q.Name)] {
					best = q
				}
			case lowerRank(q, best, iface.Scheduler):
				best = q
			}
		}
		if best != nil {
			return &queueChoice{name: best.Name, stmt: best.Def.Stmt, scheduler: iface.Scheduler}
		}
	}
	return nil
}

// lowerRank reports whether q ranks below o: by priority, or for HFSC by
// link-share rate.
func lowerRank(q, o *model.Queue, s model.Scheduler) bool {
	if s == model.HFSC && q.Linkshare != nil && o.Linkshare != nil {
		return q.Linkshare.M2.Bits < o.Linkshare.M2.Bits
	}
	return q.Priority < o.Priority
}

func newQueueDefaultCandidate(m *model.Model, at grammar.Position) *queueChoice {
	for _, root := range m.QueueTrees {
		if root.Def == nil || root.Def.Stmt == nil || root.Def.Stmt.Source.Name != at.File {
			continue
		}
		sp := root.Def.Stmt.Span
		if at.Offset < sp.Start || at.Offset > sp.End {
			continue
		}
		var leaves []*model.NewQueueNode
		var walk func(n *model.NewQueueNode)
		walk = func(n *model.NewQueueNode) {
			if len(n.Children) == 0 && n != root {
				leaves = append(leaves, n)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(root)
		var best *model.NewQueueNode
		for _, l := range leaves {
			if best == nil || (catchAll[strings.ToLower(l.Def.Name)] && !catchAll[strings.ToLower(best.Def.Name)]) {
				best = l
			}
		}
		if best != nil && best.Def.Stmt != nil && best.Def.Stmt.Stmt != nil {
			return &queueChoice{name: best.Def.Name, stmt: best.Def.Stmt}
		}
	}
	return nil
}

// edit is the text that marks the queue default: `default` added to the
// scheduler's flags (`priq(red)` → `priq(default red)`), or the
// scheduler's flag word added at the end of the definition
// (` priq(default)`), or ` default` on a new queue.
func (c *queueChoice) edit() (edit.Edit, bool) {
	toks := c.stmt.Tokens
	last := len(toks) - 1
	for last >= 0 && (toks[last].Kind == grammar.Newline || toks[last].Kind == grammar.EOF) {
		last--
	}
	if last < 0 {
		return edit.Edit{}, false
	}
	if c.scheduler == model.NoScheduler {
		return edit.Edit{Start: toks[last].Span.End, End: toks[last].Span.End, NewText: " default"}, true
	}
	for i, t := range toks {
		if t.Text == string(c.scheduler) && i+1 < len(toks) && isPunct(toks[i+1], "(") && t.Macro == nil && toks[i+1].Macro == nil {
			at := toks[i+1].Span.End
			text := "default "
			if i+2 < len(toks) && isPunct(toks[i+2], ")") {
				text = "default"
			}
			return edit.Edit{Start: at, End: at, NewText: text}, true
		}
	}
	return edit.Edit{Start: toks[last].Span.End, End: toks[last].Span.End, NewText: " " + string(c.scheduler) + "(default)"}, true
}

// fixes reports whether edits of the document's own file remove a
// finding of the rule without adding a syntax error: the server's own
// fixes are checked by linting their result.
func (s *Server) fixes(d *document, a *analysis, edits fileEdits, rule string) bool {
	if len(edits) != 1 || len(edits[d.path]) == 0 {
		return false
	}
	out, err := edit.Apply(d.text, edits[d.path])
	if err != nil {
		return false
	}
	st := a.settings
	var after *lint.Result
	if s.guard(d, "checking a fix for", func() {
		after = lint.Lint(d.path, out, lint.Config{Target: st.Target, Defines: st.Defines, ReadFile: s.readFileFor(d)})
	}) != nil {
		return false
	}
	count := func(r *lint.Result, id string) int {
		n := 0
		for _, ld := range r.Diagnostics {
			if ld.Rule == id {
				n++
			}
		}
		return n
	}
	return count(after, rule) < count(a.lint, rule) && count(after, "PF001") <= count(a.lint, "PF001")
}
