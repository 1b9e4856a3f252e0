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
		for _, t := range toks {
			if t.Span.Start == pos.Offset {
				return t.Span
			}
		}
		return Span{pos.Offset, pos.Offset}
	}
	// The last token that starts before end is the node's last token.
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Span.Start >= end.Offset })
	if i == 0 || toks[i-1].Span.End < pos.Offset {
		return Span{pos.Offset, pos.Offset}
	}
	return Span{pos.Offset, toks[i-1].Span.End}
}
