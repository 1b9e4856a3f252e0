package model

import (
	"sort"

	"github.com/pfshape/pfshape/grammar"
)

// Range is where something is written: its first byte as a position and
// the offset just past its last byte, in the same file.
type Range struct {
	Pos grammar.Position
	End int
}

// Span is the range as a byte span of its file.
func (r Range) Span() grammar.Span { return grammar.Span{Start: r.Pos.Offset, End: r.End} }

// rangeAt is the range of the statement's token that starts at p, or an
// empty range at p when no token starts there.
func rangeAt(s *grammar.Statement, p grammar.Offset) Range {
	pos := s.Position(p)
	toks := s.Tokens
	if i := firstAtOrAfter(toks, pos.Offset); i < toks.Len() && toks.Span(i).Start == pos.Offset {
		return Range{Pos: pos, End: toks.Span(i).End}
	}
	return Range{Pos: pos, End: pos.Offset}
}

// firstAtOrAfter is the index of the first of toks that starts at or
// after offset, or toks.Len(). Tokens are in source order (those of a
// macro's expansion all start where the macro is named), so it is found
// by halving, and a long statement's tokens are not each made into a
// Token to look at their spans.
func firstAtOrAfter(toks grammar.Tokens, offset int) int {
	return sort.Search(toks.Len(), func(i int) bool { return toks.Span(i).Start >= offset })
}

// rangeFrom is the range of a node from its Pos to its EndPos, in the
// user's bytes (see grammar.Statement.NodeSpan).
func rangeFrom(s *grammar.Statement, p, end grammar.Offset) Range {
	sp := s.NodeSpan(p, end)
	return Range{Pos: s.Position(p), End: sp.End}
}

// stmtRange is the statement's range.
func stmtRange(s *grammar.Statement) Range {
	return Range{Pos: s.Pos(), End: s.Span.End}
}

// reportPos is where pfctl reports an error about a whole statement: its
// yacc actions run when the newline that ends the statement is read, so
// pfctl names the statement's last line. The position returned is the
// first token on that line (the statement's start when it fits on one).
func reportPos(s *grammar.Statement) grammar.Position {
	toks := s.Tokens
	if s.HasBody && toks.Len() > 1 {
		toks = toks.Slice(0, toks.Len()-1) // the `{` that opens the body
	}
	if toks.Len() == 0 {
		return s.Pos()
	}
	// Tokens are in source order: the first that starts on or after the
	// start of the last token's line is on that line.
	last := toks.At(toks.Len() - 1).Pos()
	lineStart := last.Offset - last.Column + 1
	i := sort.Search(toks.Len(), func(i int) bool { return toks.Span(i).Start >= lineStart })
	if i == toks.Len() {
		return s.Pos()
	}
	return toks.At(i).Pos()
}

// endPos is reportPos of the statement being checked, found once, when a
// check first reports there (most statements have nothing to report): the
// rule checks each report there.
func (b *builder) endPos(s *grammar.Statement) grammar.Position {
	if b.endStmt != s {
		b.endStmt, b.endAt = s, reportPos(s)
	}
	return b.endAt
}

// nameRange finds the token with the given text at or after offset from,
// for names (queue names in lists, interface names) whose nodes carry no
// position of their own.
func nameRange(s *grammar.Statement, from int, text string) Range {
	toks := s.Tokens
	for i := firstAtOrAfter(toks, from); i < toks.Len(); i++ {
		if toks.Text(i) == text {
			return Range{Pos: toks.Pos(i), End: toks.Span(i).End}
		}
	}
	return Range{Pos: s.Pos(), End: s.Span.End}
}

// namesRange is the range of the last of names, found by nameRange from
// offset from: the names before it are passed over in order, as the same
// name may be given twice.
func namesRange(s *grammar.Statement, from int, names []string) Range {
	r := Range{Pos: s.Pos(), End: s.Span.End}
	for _, text := range names {
		r = nameRange(s, from, text)
		from = r.End
	}
	return r
}
