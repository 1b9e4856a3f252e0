package lint

import (
	"bytes"

	"github.com/pfshape/pfshape/grammar"
)

// queueDefinition is the range of the name in the first definition of a
// queue (ALTQ or new), and the token written there.
func (p *Pass) queueDefinition(name string) (Range, grammar.Token, bool) {
	var stmts []*grammar.Statement
	for _, d := range p.Model.QueueDefs {
		if d.Name == name && d.Stmt != nil {
			stmts = append(stmts, d.Stmt)
		}
	}
	for _, q := range p.Model.NewQueues {
		if q.Name == name && q.Stmt != nil {
			stmts = append(stmts, q.Stmt)
		}
	}
	for _, s := range stmts {
		for _, t := range s.Tokens.Slice(min(1, s.Tokens.Len()), s.Tokens.Len()).All() {
			if t.Text == name && t.Macro == nil && (t.Kind == grammar.Word || t.Kind == grammar.Quoted || t.Kind == grammar.Number) {
				return spanRange(s.Source, t.Span), t, true
			}
		}
		return spanRange(s.Source, s.Span), grammar.Token{}, true
	}
	return Range{}, grammar.Token{}, false
}

// queueDefinedHere is the related location of a queue's definition.
func (p *Pass) queueDefinedHere(name string) []Related {
	r, _, ok := p.queueDefinition(name)
	if !ok {
		return nil
	}
	return []Related{{Range: r, Message: "queue " + name + " is defined here"}}
}

// tokenAt is the token that starts at a position, and its statement.
func (p *Pass) tokenAt(pos grammar.Position) (grammar.Token, bool) {
	s := p.StatementAt(pos)
	if s == nil {
		return grammar.Token{}, false
	}
	for _, t := range s.Tokens.All() {
		if t.Span.Start == pos.Offset && t.Source != nil && t.Source.Name == pos.File {
			return t, true
		}
	}
	return grammar.Token{}, false
}

// renameQueueFix renames the queue name written at a position to a
// defined queue, quoted when either is written in quotes. There is none
// when the name there comes from a macro: the fix belongs in the macro.
func (p *Pass) renameQueueFix(at grammar.Position, want string) []Fix {
	tok, ok := p.tokenAt(at)
	if !ok || tok.Macro != nil {
		return nil
	}
	_, def, ok := p.queueDefinition(want)
	if !ok {
		return nil
	}
	text := want
	if tok.Kind == grammar.Quoted || (def.Source != nil && bytes.HasPrefix(def.Source.Bytes[def.Span.Start:], []byte(`"`))) {
		text = `"` + want + `"`
	}
	return []Fix{{Message: "rename to the defined queue " + want, Edits: []FileEdit{p.Edit(tok.Source, tok.Span, text)}}}
}
