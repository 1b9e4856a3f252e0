package grammar

import "sort"

// NodeSpan returns the bytes of a node of this statement, from its Pos and
// EndPos: from the first byte of its first token to the last byte of its
// last token, never the white space or comment after it. A node that came
// out of a macro expansion covers the `$name` reference. Edits use it to
// replace exactly what the user wrote.
func (s *Statement) NodeSpan(pos, end Offset) Span {
	toks := s.Tokens
	p, e := int(pos), int(end)
	if e <= p {
		// Both ends inside one macro expansion: the node is that reference.
		for i := range toks.Len() {
			if sp := toks.Span(i); sp.Start == p {
				return sp
			}
		}
		return Span{p, p}
	}
	// The last token that starts before end is the node's last token.
	i := sort.Search(toks.Len(), func(i int) bool { return toks.Span(i).Start >= e })
	if i == 0 || toks.Span(i-1).End < p {
		return Span{p, p}
	}
	return Span{p, toks.Span(i - 1).End}
}
