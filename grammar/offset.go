package grammar

// Offset is where a node starts (its Pos) or ends (its EndPos): the byte
// offset, in its statement's Source, of the node's first token, or of the
// token after its last one (the end of the statement when there is none).
// It is 4 bytes where participle's lexer.Position is 40; the statement
// gives the file, line and column (Statement.Position) and the bytes a
// node covers (Statement.NodeSpan). A Source is at most maxSourceBytes
// long, so every offset of one fits.
//
// participle does not fill a field of this type (it fills Pos and EndPos
// only when they are lexer.Positions): the generated parser fills them from
// the tokens' offsets, and the rare tree participle builds in its place
// gets the statement's start throughout (fallbackOffsets).
type Offset int32

// Position is the file, line and column of an offset of the statement's
// source: where a node of the statement is.
func (s *Statement) Position(o Offset) Position { return s.Source.Position(int(o)) }
