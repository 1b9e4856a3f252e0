package grammar

import (
	"fmt"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Kind is the class of a token, as pfctl's lexer tells them apart.
type Kind int

const (
	EOF     Kind = iota
	Newline      // the end of a statement (or a line inside braces)
	Keyword      // a bare word found in the target's keyword table
	Word         // any other bare word: pfctl's STRING (10Mb, em0, 10.0.0.1, ssh)
	Number       // digits followed by white space, EOF or one of ) , / } =
	Quoted       // a "…" or '…' string; Text holds it without the quotes
	Punct        // one character, or one of != <= >= <> >< ->
)

var kindNames = [...]string{"EOF", "Newline", "Keyword", "Word", "Number", "Quoted", "Punct"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MacroRef is a `$name` reference in the user's bytes that a token's text
// came from.
type MacroRef struct {
	Name string
	Span Span
}

// Token is one lexed token. Span covers the bytes it came from in Source;
// a token that came (wholly or partly) out of a macro expansion covers the
// `$name` reference and records it in Macro, so errors and edits point at
// the user's bytes, never at the macro's definition.
type Token struct {
	Kind   Kind
	Text   string
	Span   Span
	Source *Source
	Macro  *MacroRef
}

// Pos is the token's human position.
func (t Token) Pos() Position { return t.Source.Position(t.Span.Start) }

// Describe names the token the way an error message wants it.
func (t Token) Describe() string {
	switch t.Kind {
	case EOF:
		return "end of file"
	case Newline:
		return "end of line"
	case Quoted:
		return fmt.Sprintf("%q", t.Text)
	}
	return fmt.Sprintf("%q", t.Text)
}

// participle token types. They are negative like participle's own EOF and
// distinct from it.
const (
	ptEOF     = plexer.EOF
	ptKeyword = plexer.TokenType(-2 - iota)
	ptWord
	ptNumber
	ptQuoted
	ptPunct
)

func participleSymbols() map[string]plexer.TokenType {
	return map[string]plexer.TokenType{
		"EOF":     ptEOF,
		"Keyword": ptKeyword,
		"Word":    ptWord,
		"Number":  ptNumber,
		"Quoted":  ptQuoted,
		"Punct":   ptPunct,
	}
}

func (t Token) participleType() plexer.TokenType {
	switch t.Kind {
	case Keyword:
		return ptKeyword
	case Word:
		return ptWord
	case Number:
		return ptNumber
	case Quoted:
		return ptQuoted
	case Punct:
		return ptPunct
	}
	return ptEOF
}
