package grammar

import (
	"fmt"
	"iter"

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

// Token is one lexed token, as the lexer hands it out and as
// Tokens.At shows a statement's token: Span covers the bytes it came from
// in Source; a token that came (wholly or partly) out of a macro expansion
// covers the `$name` reference and records it in Macro, so errors and
// edits point at the user's bytes, never at the macro's definition.
//
// A Token is a view, built on demand: statements keep their tokens in the
// compact form of Tokens, which has no pointer per token.
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

// maxSourceBytes is the largest file the parser reads: a statement keeps
// its tokens' offsets in 32 bits. The loader reads no file over 64 MiB
// (ReadIncludeFile, internal/ruleset), far below it.
var maxSourceBytes = 1<<31 - 1 // a variable for tests

// tok is a token as a statement keeps it: 12 bytes and no pointer. Its
// text is, in the usual case, its bytes in the source (or, for a quoted
// string written plainly, the bytes inside the quotes); any other text (a
// macro's expansion, an escape, a backslash-newline) and the macro
// reference are kept in the statement's side table, which meta indexes.
type tok struct {
	start, end int32
	meta       uint32 // the Kind in the low 4 bits, tokInner, tokEverKeyword, and the side-table index + 1 from bit 8 up
}

const (
	tokKindMask    = 0xf
	tokInner       = 1 << 4 // the text is the bytes inside the span's first and last byte
	tokEverKeyword = 1 << 5 // a Word that is a keyword of another release (everKeyword)
	tokExtraBase   = 8      // meta >> tokExtraBase is the side-table index + 1; 0 for none
)

// tokSide is a statement's side table: the tokens whose text is not their
// bytes, and the macro references tokens came from, each kept once
// however many tokens its expansion made.
type tokSide struct {
	extra  []tokExtra
	macros []MacroRef
}

// tokExtra is the side-table entry of a token whose text differs from its
// bytes, or that came out of a macro expansion.
type tokExtra struct {
	text  string
	macro int32 // index into tokSide.macros + 1; 0 for none
}

// Tokens are a statement's tokens in compact form: 12 bytes a token,
// offsets into one Source, and a side table (nil when empty) for the few
// tokens whose text is not their bytes. At builds the Token view of one.
type Tokens struct {
	src  *Source
	toks []tok
	side *tokSide
}

// Len is the number of tokens.
func (ts Tokens) Len() int { return len(ts.toks) }

// Kind is the kind of token i.
func (ts Tokens) Kind(i int) Kind { return Kind(ts.toks[i].meta & tokKindMask) }

// Span is the span of token i.
func (ts Tokens) Span(i int) Span { t := ts.toks[i]; return Span{int(t.start), int(t.end)} }

// Text is the text of token i.
func (ts Tokens) Text(i int) string {
	t := ts.toks[i]
	switch {
	case t.meta>>tokExtraBase != 0:
		return ts.side.extra[t.meta>>tokExtraBase-1].text
	case t.meta&tokInner != 0:
		return ts.src.text[t.start+1 : t.end-1]
	}
	return ts.src.text[t.start:t.end]
}

// everKeyword reports whether token i is a Word that is a keyword of
// another release.
func (ts Tokens) everKeyword(i int) bool { return ts.toks[i].meta&tokEverKeyword != 0 }

// Pos is the human position of token i.
func (ts Tokens) Pos(i int) Position { return ts.src.Position(int(ts.toks[i].start)) }

// At is token i.
func (ts Tokens) At(i int) Token {
	t := ts.toks[i]
	out := Token{Kind: Kind(t.meta & tokKindMask), Span: Span{int(t.start), int(t.end)}, Source: ts.src}
	switch {
	case t.meta>>tokExtraBase != 0:
		x := ts.side.extra[t.meta>>tokExtraBase-1]
		out.Text = x.text
		if x.macro != 0 {
			out.Macro = &ts.side.macros[x.macro-1]
		}
	case t.meta&tokInner != 0:
		out.Text = ts.src.text[t.start+1 : t.end-1]
	default:
		out.Text = ts.src.text[t.start:t.end]
	}
	return out
}

// All yields the tokens with their indexes.
func (ts Tokens) All() iter.Seq2[int, Token] {
	return func(yield func(int, Token) bool) {
		for i := range ts.toks {
			if !yield(i, ts.At(i)) {
				return
			}
		}
	}
}

// Slice is tokens i to j (j excluded).
func (ts Tokens) Slice(i, j int) Tokens {
	ts.toks = ts.toks[i:j:j]
	return ts
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

// participleType is the participle token type of a token of kind k.
func participleType(k Kind) plexer.TokenType {
	switch k {
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
