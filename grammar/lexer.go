package grammar

import (
	"fmt"
	"strings"
)

// maxTokenLen is the length of pfctl's token buffer; a longer word or
// quoted string is "string too long".
const maxTokenLen = 8192

// char is one character of input and where it came from: a byte range of
// the source, or the `$name` reference whose expansion produced it.
type char struct {
	c     int // byte value, or eofChar
	span  Span
	macro *MacroRef
}

const eofChar = -1

// lexer turns one Source into tokens the way pfctl's yylex does: comments
// skipped (and recorded), backslash-newline joined, `$macro` references
// expanded and the expansion lexed again, numbers told from strings by the
// character that follows them, keywords looked up in the target's table.
type lexer struct {
	src      *Source
	pos      int        // next byte of src.Bytes
	pending  []char     // characters to read before src: pushed back or expanded, last first
	inMacro  int        // how many of pending came from a macro expansion
	expanded int        // macro bytes expanded in this statement; the file parser resets it
	budget   *budget    // the parse's budgets (budget.go); nil in tests of the lexer alone
	words    *wordTable // the target's keywords
	macros   *Macros
	arrow    bool // FreeBSD's `->`

	comments  []Span
	errs      *ErrorList
	lineError bool // an error was reported on the current line

	// charByChar turns off plainWord, so that tests can compare its
	// tokens with the ones read a character at a time.
	charByChar bool
}

func newLexer(src *Source, words *wordTable, macros *Macros, arrow bool, errs *ErrorList) *lexer {
	return &lexer{src: src, words: words, macros: macros, arrow: arrow, errs: errs}
}

// expanding reports whether a macro's text is being read: pfctl expands no
// `$name` inside an expansion.
func (l *lexer) expanding() bool { return l.inMacro > 0 }

func (l *lexer) pop() char {
	n := len(l.pending)
	c := l.pending[n-1]
	l.pending = l.pending[:n-1]
	if c.macro != nil {
		l.inMacro--
	}
	return c
}

// getc reads one character outside quotes: pending characters first, then
// the file, where a backslash-newline is skipped and a backslash before any
// other character yields that character (as pfctl's lgetc does).
func (l *lexer) getc() char {
	if len(l.pending) > 0 {
		return l.pop()
	}
	b := l.src.Bytes
	for l.pos < len(b) && b[l.pos] == '\\' {
		if l.pos+1 < len(b) && b[l.pos+1] == '\n' {
			l.pos += 2
			continue
		}
		start := l.pos
		if l.pos+1 >= len(b) {
			l.pos++
			return char{c: eofChar, span: Span{start, l.pos}}
		}
		l.pos += 2
		return char{c: int(b[start+1]), span: Span{start, l.pos}}
	}
	if l.pos >= len(b) {
		return char{c: eofChar, span: Span{len(b), len(b)}}
	}
	l.pos++
	return char{c: int(b[l.pos-1]), span: Span{l.pos - 1, l.pos}}
}

// getq reads one character inside quotes: no backslash processing.
func (l *lexer) getq() char {
	if len(l.pending) > 0 {
		return l.pop()
	}
	if l.pos >= len(l.src.Bytes) {
		return char{c: eofChar, span: Span{l.pos, l.pos}}
	}
	l.pos++
	return char{c: int(l.src.Bytes[l.pos-1]), span: Span{l.pos - 1, l.pos}}
}

func (l *lexer) ungetc(c char) {
	if c.c == eofChar && c.macro == nil {
		return
	}
	if c.macro != nil {
		l.inMacro++
	}
	l.pending = append(l.pending, c)
}

func isSpace(c int) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
func isDigit(c int) bool { return c >= '0' && c <= '9' }
func isAlnum(c int) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
func isPunct(c int) bool { return c > ' ' && c < 0x7f && !isAlnum(c) }

// allowedInString is pfctl's allowed_in_string().
func allowedInString(c int) bool {
	if isAlnum(c) {
		return true
	}
	if !isPunct(c) {
		return false
	}
	switch c {
	case '(', ')', '{', '}', '<', '>', '!', '=', '/', '#', ',':
		return false
	}
	return true
}

// allowedToEndNumber is pfctl's allowed_to_end_number().
func allowedToEndNumber(c int) bool {
	return isSpace(c) || c == ')' || c == ',' || c == '/' || c == '}' || c == '='
}

// tokenBuilder collects the characters of one token and the span and macro
// they came from. Most tokens are a run of the source's bytes as written;
// their text is then a slice of Source.text, and only a token with an
// escape, a continuation or a macro's characters in it is copied out.
type tokenBuilder struct {
	src    *Source
	text   strings.Builder
	run    Span // the source bytes the text is, while direct
	direct bool
	span   Span
	macro  *MacroRef
	set    bool
}

func (b *tokenBuilder) add(c char, keep bool) {
	if keep {
		plain := c.macro == nil && c.span.Len() == 1
		switch {
		case b.text.Len() == 0 && !b.direct && plain:
			b.run, b.direct = c.span, true
		case b.direct && plain && c.span.Start == b.run.End:
			b.run.End++
		default:
			b.spill()
			b.text.WriteByte(byte(c.c))
		}
	}
	b.cover(c)
}

// spill copies a direct run into text, before a character that does not
// continue it.
func (b *tokenBuilder) spill() {
	if b.direct {
		b.direct = false
		b.text.Grow(b.run.Len() + 1)
		b.text.WriteString(b.src.text[b.run.Start:b.run.End])
	}
}

// len is the length of the token's text so far.
func (b *tokenBuilder) len() int {
	if b.direct {
		return b.run.Len()
	}
	return b.text.Len()
}

// string is the token's text.
func (b *tokenBuilder) string() string {
	if b.direct {
		return b.src.text[b.run.Start:b.run.End]
	}
	return b.text.String()
}

func (b *tokenBuilder) cover(c char) {
	sp := c.span
	if c.macro != nil {
		sp = c.macro.Span
		if b.macro == nil {
			b.macro = c.macro
		}
	}
	if !b.set {
		b.span, b.set = sp, true
	} else {
		b.span = b.span.Union(sp)
	}
}

func (l *lexer) token(k Kind, b *tokenBuilder) Token {
	return Token{Kind: k, Text: b.string(), Span: b.span, Source: l.src, Macro: b.macro}
}

func (l *lexer) errorAt(code Code, sp Span, msg string) *Error {
	l.lineError = true
	return l.errs.Add(code, l.src.Position(sp.Start), msg)
}

// skipLine discards the rest of the line after a lexical error, as pfctl's
// findeol does, and returns the newline so the statement ends there.
func (l *lexer) skipLine() Token {
	for {
		c := l.getc()
		if c.c == eofChar {
			return Token{Kind: Newline, Span: c.span, Source: l.src}
		}
		if c.c == '\n' && c.macro == nil {
			return Token{Kind: Newline, Span: c.span, Source: l.src}
		}
	}
}

// next returns the next token. Lexical errors are recorded and the rest of
// the line is skipped, so one bad line gives one error.
func (l *lexer) next() Token {
top:
	c := l.getc()
	for c.c == ' ' || c.c == '\t' {
		c = l.getc()
	}
	if c.c == '#' {
		start := c.span.Start
		for c.c != '\n' && c.c != eofChar {
			c = l.getc()
		}
		if c.macro == nil {
			l.comments = append(l.comments, Span{start, c.span.Start})
		}
	}
	if c.c == '$' && !l.expanding() {
		var name strings.Builder
		sp := c.span
		for {
			n := l.getc()
			if isAlnum(n.c) || n.c == '_' {
				name.WriteByte(byte(n.c))
				sp = sp.Union(n.span)
				if name.Len() >= maxTokenLen {
					l.errorAt(StringTooLong, sp, "string too long")
					return l.skipLine()
				}
				continue
			}
			l.ungetc(n)
			break
		}
		val, ok := l.macros.Lookup(name.String())
		if !ok {
			l.errorAt(MacroUndefined, sp, "macro '"+name.String()+"' not defined").About(name.String())
			return l.skipLine()
		}
		// Macros that double on every line would otherwise feed millions
		// of tokens to one statement long before a definition's own
		// length is checked.
		if l.expanded += len(val); l.expanded > maxMacroLen {
			l.errorAt(MacroTooLong, sp, fmt.Sprintf("macro '%s' makes this statement longer than %d bytes", name.String(), maxMacroLen))
			return l.skipLine()
		}
		if b := l.budget; b != nil && b.expansion > 0 {
			if b.expanded+len(val) > b.expansion {
				b.over = true
				l.errorAt(ExpansionBudget, sp, fmt.Sprintf("macro '%s' not expanded: the macros of this ruleset expand to more than %d bytes in all, the limit for its size (macros that expand macros multiply them)", name.String(), b.expansion))
				return l.skipLine()
			}
			b.expanded += len(val)
		}
		ref := &MacroRef{Name: name.String(), Span: sp}
		l.macros.use(name.String())
		for i := len(val) - 1; i >= 0; i-- {
			l.pending = append(l.pending, char{c: int(val[i]), span: sp, macro: ref})
		}
		l.inMacro += len(val)
		goto top
	}

	if t, ok := l.plainWord(c); ok {
		return t
	}
	b := tokenBuilder{src: l.src}
	switch c.c {
	case '\'', '"':
		quote := c.c
		b.cover(c)
		for {
			q := l.getq()
			switch {
			case q.c == eofChar:
				b.cover(q)
				l.errorAt(UnterminatedString, b.span, "reached end of file while parsing quoted string")
				return Token{Kind: EOF, Span: q.span, Source: l.src}
			case q.c == '\n' && q.macro == nil:
				b.cover(q) // pfctl drops a newline inside quotes
				continue
			case q.c == '\\':
				n := l.getq()
				if n.c == quote || n.c == ' ' || n.c == '\t' {
					b.cover(q)
					b.add(n, true)
					continue
				} else if n.c == '\n' {
					b.cover(q)
					b.cover(n)
					continue
				}
				l.ungetc(n)
			case q.c == quote:
				b.cover(q)
				t := l.token(Quoted, &b)
				return t
			case q.c == 0:
				l.errorAt(Syntax, q.span, "syntax error")
				return l.skipLine()
			}
			b.add(q, true)
			if b.len() >= maxTokenLen-1 {
				l.errorAt(StringTooLong, b.span, "string too long")
				return l.skipLine()
			}
		}
	case '!':
		if n := l.getc(); n.c == '=' {
			return l.punct(c, n)
		} else {
			l.ungetc(n)
		}
	case '<':
		if n := l.getc(); n.c == '>' || n.c == '=' {
			return l.punct(c, n)
		} else {
			l.ungetc(n)
		}
	case '>':
		if n := l.getc(); n.c == '<' || n.c == '=' {
			return l.punct(c, n)
		} else {
			l.ungetc(n)
		}
	case '-':
		if l.arrow {
			if n := l.getc(); n.c == '>' {
				return l.punct(c, n)
			} else {
				l.ungetc(n)
			}
		}
	}

	if c.c == '-' || isDigit(c.c) {
		var buf [24]char // a number or address is short; longer ones grow
		read := buf[:0]
		n := c
		for {
			read = append(read, n)
			if len(read) >= maxTokenLen {
				l.errorAt(StringTooLong, n.span, "string too long")
				return l.skipLine()
			}
			n = l.getc()
			if !isDigit(n.c) {
				break
			}
		}
		l.ungetc(n)
		if !(len(read) == 1 && read[0].c == '-') && (n.c == eofChar || allowedToEndNumber(n.c)) {
			for _, r := range read {
				b.add(r, true)
			}
			return l.token(Number, &b)
		}
		// Not a number: read it again as a string.
		for i := len(read) - 1; i >= 1; i-- {
			l.ungetc(read[i])
		}
		c = read[0]
		if c.c == '-' {
			b.add(c, true)
			return l.token(Punct, &b)
		}
	}

	if isAlnum(c.c) || c.c == ':' || c.c == '_' {
		for {
			b.add(c, true)
			if b.len() >= maxTokenLen {
				l.errorAt(StringTooLong, b.span, "string too long")
				return l.skipLine()
			}
			c = l.getc()
			if c.c == eofChar || !allowedInString(c.c) {
				break
			}
		}
		l.ungetc(c)
		k := Word
		if l.words.isKeyword(b.string()) {
			k = Keyword
		}
		return l.token(k, &b)
	}
	if c.c == eofChar {
		if c.macro != nil {
			goto top
		}
		return Token{Kind: EOF, Span: c.span, Source: l.src}
	}
	if c.c == '\n' {
		b.add(c, true)
		t := l.token(Newline, &b)
		t.Text = "\n"
		return t
	}
	b.add(c, true)
	return l.token(Punct, &b)
}

// plainWord reads a word or number written plainly in the source — no
// backslash, no macro, nothing pushed back — by scanning its bytes, which
// is how nearly every token is written. It reports false, having read
// nothing more, for anything else; next then reads the token a character
// at a time.
func (l *lexer) plainWord(c char) (Token, bool) {
	if l.charByChar || c.macro != nil || c.span.Len() != 1 || len(l.pending) > 0 || !(isAlnum(c.c) || c.c == ':' || c.c == '_') {
		return Token{}, false
	}
	src := l.src.Bytes
	start, j := c.span.Start, c.span.End
	end := min(len(src), start+maxTokenLen) // the slow path reports longer ones
	if isDigit(c.c) {
		for j < end && isDigit(int(src[j])) {
			j++
		}
		if j-start < maxTokenLen && (j == len(src) || allowedToEndNumber(int(src[j]))) {
			l.pos = j
			return Token{Kind: Number, Text: l.src.text[start:j], Span: Span{start, j}, Source: l.src}, true
		}
	}
	for j < end && src[j] != '\\' && allowedInString(int(src[j])) {
		j++
	}
	if j-start >= maxTokenLen || (j < len(src) && src[j] == '\\') {
		return Token{}, false
	}
	l.pos = j
	text := l.src.text[start:j]
	k := Word
	if l.words.isKeyword(text) {
		k = Keyword
	}
	return Token{Kind: k, Text: text, Span: Span{start, j}, Source: l.src}, true
}

func (l *lexer) punct(a, b char) Token {
	tb := tokenBuilder{src: l.src}
	tb.add(a, true)
	tb.add(b, true)
	return l.token(Punct, &tb)
}
