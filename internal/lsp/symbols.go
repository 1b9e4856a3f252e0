package lsp

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// symbolKind is what a name under the cursor names.
type symbolKind int

const (
	symQueue symbolKind = iota + 1
	symMacro
	symTable
)

// symbol is a name in the document: a queue, a `$macro` reference, a
// `<table>`.
type symbol struct {
	kind symbolKind
	name string
	span grammar.Span
	stmt *grammar.Statement
}

// walkStatements visits every statement of a file in order, anchor bodies
// where they stand and included files where they are included.
func walkStatements(ss []*grammar.Statement, visit func(*grammar.Statement)) {
	grammar.Walk(ss, func(s *grammar.Statement, _ int) { visit(s) })
}

// statementAt is the innermost statement of file path that holds offset
// (an offset just past a statement's last byte counts: the cursor sits
// there after typing a word).
func (a *analysis) statementAt(path string, offset int) *grammar.Statement {
	if a.file == nil {
		return nil
	}
	var found *grammar.Statement
	walkStatements(a.file.Statements, func(s *grammar.Statement) {
		if s.Source == nil || s.Source.Name != path {
			return
		}
		if s.Span.Start <= offset && offset <= s.Span.End {
			found = s // bodies come after their anchor: deeper wins
		}
	})
	return found
}

// tokenAt is the index of the statement's token under offset: the one
// that holds it, else the one that ends at it; -1 when none.
func tokenAt(s *grammar.Statement, offset int) int {
	best := -1
	for i, t := range s.Tokens.All() {
		if t.Kind == grammar.Newline || t.Kind == grammar.EOF {
			continue
		}
		if t.Span.Start <= offset && offset < t.Span.End {
			return i
		}
		if t.Span.End == offset && best < 0 {
			best = i
		}
	}
	return best
}

// symbolAt finds the symbol under a byte offset of the document's file.
func (a *analysis) symbolAt(path string, offset int) *symbol {
	s := a.statementAt(path, offset)
	if s == nil {
		return nil
	}
	i := tokenAt(s, offset)
	if i < 0 {
		return nil
	}
	t := s.Tokens.At(i)
	if t.Macro != nil {
		return &symbol{kind: symMacro, name: t.Macro.Name, span: t.Macro.Span, stmt: s}
	}
	if t.Kind != grammar.Word && t.Kind != grammar.Quoted && t.Kind != grammar.Number {
		return nil
	}
	if i > 0 && i+1 < s.Tokens.Len() && isPunct(s.Tokens.At(i-1), "<") && isPunct(s.Tokens.At(i+1), ">") {
		return &symbol{kind: symTable, name: t.Text, span: t.Span, stmt: s}
	}
	if t.Kind != grammar.Number && a.isQueueToken(s, i) {
		return &symbol{kind: symQueue, name: t.Text, span: t.Span, stmt: s}
	}
	return nil
}

func isPunct(t grammar.Token, text string) bool { return t.Kind == grammar.Punct && t.Text == text }

// isQueueToken reports whether token i of a statement names a queue: the
// name of a queue definition, a name in the queue list of an altq line or
// of a queue, the parent of a new queue, or a name in a rule's queue
// assignment.
func (a *analysis) isQueueToken(s *grammar.Statement, i int) bool {
	t := s.Tokens.At(i)
	prev := ""
	if i > 0 {
		prev = s.Tokens.At(i - 1).Text
	}
	if s.Stmt != nil {
		switch {
		case s.Queue != nil:
			if i == 1 || prev == "parent" {
				return true
			}
			return inQueueList(s, i)
		case s.Altq != nil:
			return inQueueList(s, i)
		}
	}
	if a.model == nil {
		return false
	}
	for _, r := range a.model.Rules {
		if r.Stmt != s || r.Queue == nil {
			continue
		}
		if inRange(r.Queue.Range, t.Span) && (t.Text == r.Queue.Name || t.Text == r.Queue.Ack) {
			return true
		}
	}
	return false
}

// inQueueList reports whether token i is a name in the queue list of an
// altq line (`queue { a, b }` or `queue a`) or in the `{ … }` of a
// queue's children, never an option's operand.
func inQueueList(s *grammar.Statement, i int) bool {
	toks := s.Tokens
	j := i - 1
	for j >= 0 && (isPunct(toks.At(j), ",") || toks.At(j).Kind == grammar.Word || toks.At(j).Kind == grammar.Quoted) {
		j--
	}
	switch {
	case j < 0:
		return false
	case isPunct(toks.At(j), "{"):
		if s.Altq != nil {
			return j > 0 && toks.At(j-1).Text == "queue"
		}
		return s.Queue != nil // a queue's only braces hold its children
	}
	return s.Altq != nil && j == i-1 && toks.At(j).Text == "queue"
}

func inRange(r model.Range, sp grammar.Span) bool {
	return sp.Start >= r.Pos.Offset && sp.End <= max(r.End, r.Pos.Offset+1)
}
