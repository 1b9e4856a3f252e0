package grammar

import (
	"sort"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// NodeSpan returns the bytes of a node of this statement, from the Pos and
// EndPos participle recorded for it: from the first byte of its first token
// to the last byte of its last token, never the white space or comment
// after it. A node that came out of a macro expansion covers the `$name`
// reference. Edits use it to replace exactly what the user wrote.
func (s *Statement) NodeSpan(pos, end plexer.Position) Span {
	toks := s.Tokens
	if end.Offset <= pos.Offset {
		// Both ends inside one macro expansion: the node is that reference.
		for i := range toks.Len() {
			if sp := toks.Span(i); sp.Start == pos.Offset {
				return sp
			}
		}
		return Span{pos.Offset, pos.Offset}
	}
	// The last token that starts before end is the node's last token.
	i := sort.Search(toks.Len(), func(i int) bool { return toks.Span(i).Start >= end.Offset })
	if i == 0 || toks.Span(i-1).End < pos.Offset {
		return Span{pos.Offset, pos.Offset}
	}
	return Span{pos.Offset, toks.Span(i - 1).End}
}

// startPos is where the statement starts, as participle gives a node's
// position: what the checks of a whole statement report at (the statement
// nodes keep no position of their own).
func (s *Statement) startPos() plexer.Position {
	p := s.Pos()
	return plexer.Position{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Column}
}
