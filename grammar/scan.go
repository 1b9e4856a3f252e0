package grammar

// The reader's fast path. Nearly every token of a ruleset is written
// plainly: a word, a number, a quoted string without escapes, punctuation,
// or a `$name` whose value is made of such tokens. scan reads those
// straight from the source's bytes into the statement's compact tokens,
// without the lexer's characters and Token values; at anything else (a
// backslash, an error, an anchor's `{`, a macro the lexer must expand) it
// stops before that token, and collect hands it to the lexer, which reads
// it as it always has. Both ways give the same tokens, comments and errors
// (FuzzParse and TestScanMatchesLexer compare them).

// scanned is a token scan read: its kind and bytes, and whether its text
// is the bytes inside the first and last (a quoted string).
type scanned struct {
	kind       Kind
	start, end int
	inner      bool
}

// text is the token's text in s.
func (t scanned) text(s string) string {
	if t.inner {
		return s[t.start+1 : t.end-1]
	}
	return s[t.start:t.end]
}

// byteClass says, for each byte, what scanToken needs to know of it.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		if allowedInString(c) && c != '\\' {
			t[c] |= inWord
		}
		if allowedToEndNumber(c) {
			t[c] |= endsNumber
		}
	}
	return t
}()

const (
	inWord     = 1 << iota // may go on with a word scanToken reads (allowedInString, not a backslash)
	endsNumber             // allowedToEndNumber
)

// scanToken reads the token at b[i], which is not a blank, a newline, `#`
// or `$`. It reports false for a token the lexer must read: one with a
// backslash or a control character in it, an unterminated or overlong
// string, a `-` (a number, FreeBSD's `->` or a lone minus, depending on
// what follows and on the release), bytes beyond ASCII. A token that ends
// at the end of b ends as one followed by a blank would.
func scanToken(b []byte, i int) (scanned, bool) {
	c := b[i]
	switch {
	case isAlnum(int(c)) || c == ':' || c == '_':
		end := min(len(b), i+maxTokenLen)
		j := i + 1
		if isDigit(int(c)) {
			for j < end && isDigit(int(b[j])) {
				j++
			}
			if j-i < maxTokenLen && (j == len(b) || byteClass[b[j]]&endsNumber != 0) {
				return scanned{kind: Number, start: i, end: j}, true
			}
		}
		for j < end && byteClass[b[j]]&inWord != 0 {
			j++
		}
		if j-i >= maxTokenLen || (j < len(b) && b[j] == '\\') {
			return scanned{}, false
		}
		return scanned{kind: Word, start: i, end: j}, true
	case c == '"' || c == '\'':
		j := i + 1
		for j < len(b) && b[j] != c && b[j] != '\n' && b[j] != '\\' && b[j] != 0 {
			j++
		}
		// The lexer reports a string of maxTokenLen-1 bytes or more.
		if j == len(b) || b[j] != c || j-i-1 >= maxTokenLen-1 {
			return scanned{}, false
		}
		return scanned{kind: Quoted, start: i, end: j + 1, inner: true}, true
	case c == '-' || c == '\\' || c <= ' ' || c >= 0x7f:
		return scanned{}, false
	case c == '!' || c == '<' || c == '>':
		if i+1 < len(b) {
			switch n := b[i+1]; {
			case n == '\\':
				return scanned{}, false
			case c == '!' && n == '=', c == '<' && (n == '>' || n == '='), c == '>' && (n == '<' || n == '='):
				return scanned{kind: Punct, start: i, end: i + 2}, true
			}
		}
	}
	return scanned{kind: Punct, start: i, end: i + 1}, true
}

// macroToks are a macro's value read as tokens, once per value: the same
// reference expands to them wherever it stands, given that what follows
// the reference ends any token (see followsMacro).
type macroToks struct {
	value string
	toks  []scanned // offsets into value
	ok    bool      // false: the lexer must expand this value
}

// scanValue reads a macro's value. It declines a value with a newline, a
// comment, a `$` or anything scanToken declines.
func scanValue(val string) macroToks {
	m := macroToks{value: val}
	b := []byte(val)
	for i := 0; i < len(b); {
		switch b[i] {
		case ' ', '\t':
			i++
			continue
		case '\n', '#', '$':
			return m
		}
		t, ok := scanToken(b, i)
		if !ok {
			return m
		}
		m.toks = append(m.toks, t)
		i = t.end
	}
	m.ok = true
	return m
}

// followsMacro reports whether c, which follows a `$name` reference, ends
// whatever token the value ends with, as the end of the value does in
// scanValue: it ends words and numbers, joins no operator and opens no
// string.
func followsMacro(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ')' || c == '}'
}

// scan reads the statement's tokens from the source for as long as they
// are plain, appending them to fp.cur, and reports whether it reached the
// statement's end (end and stop then say how, as collect returns them).
// nest is collect's count of open braces and parentheses.
func (fp *fileParser) scan(nest *int, depth int) (end Token, stop stopKind, done bool) {
	lx := fp.lx
	if lx.charByChar || fp.opts.noScan || len(fp.peeked) > 0 || len(lx.pending) > 0 {
		return Token{}, 0, false
	}
	src := lx.src
	b, s := src.Bytes, src.text
	i := lx.pos
	defer func() { lx.pos = i }()
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		if i == len(b) {
			if *nest > 0 && len(fp.cur) > 0 {
				return Token{}, 0, false // an error the lexer's way reports
			}
			return Token{Kind: EOF, Span: Span{i, i}, Source: src}, stopEOF, true
		}
		switch b[i] {
		case '\n':
			if *nest > 0 {
				i++
				continue
			}
			if len(fp.cur) == 0 {
				fp.blank++
				i++
				continue
			}
			i++
			return Token{Kind: Newline, Text: "\n", Span: Span{i - 1, i}, Source: src}, stopNewline, true
		case '#':
			j := i + 1
			for j < len(b) && b[j] != '\n' && b[j] != '\\' {
				j++
			}
			if j < len(b) && b[j] == '\\' {
				return Token{}, 0, false // a backslash-newline would go on with the comment
			}
			lx.comments = append(lx.comments, Span{i, j})
			i = j
			continue
		case '$':
			j, ok := fp.scanMacro(i, nest, depth)
			if !ok {
				return Token{}, 0, false
			}
			i = j
			continue
		}
		if len(fp.cur) >= maxStatementTokens {
			return Token{}, 0, false
		}
		t, ok := scanToken(b, i)
		if !ok || !fp.nests(t, s, nest, depth) {
			return Token{}, 0, false
		}
		fp.appendScanned(t, s, t.start, t.end, 0)
		i = t.end
	}
}

// nests applies what a punctuation token does to the statement's nesting,
// as collect does, and reports false, having changed nothing, where
// collect must decide: a `{` that may open an anchor's body, a `}` that
// may close one, nesting past the limit.
func (fp *fileParser) nests(t scanned, s string, nest *int, depth int) bool {
	if t.kind != Punct || t.end-t.start != 1 {
		return true
	}
	switch s[t.start] {
	case '{':
		if *nest == 0 && fp.mayOpenBody() {
			return false
		}
		fallthrough
	case '(':
		if *nest >= maxNesting {
			return false
		}
		*nest++
	case '}':
		if *nest == 0 && depth > 0 {
			return false
		}
		fallthrough
	case ')':
		if *nest > 0 {
			*nest--
		}
	}
	return true
}

// mayOpenBody reports whether a `{` after the statement's tokens so far
// may open an anchor's body: opensBody decides, which may need the token
// after it.
func (fp *fileParser) mayOpenBody() bool {
	if len(fp.cur) == 0 {
		return true
	}
	cur := fp.curTokens()
	return cur.Kind(0) == Keyword && anchorKinds[cur.Text(0)]
}

// scanMacro expands the `$name` at b[i] when its value scans, appending
// its tokens, and returns the offset after the reference. It reports
// false, having changed nothing, when the lexer must expand it: an
// undefined or overlong macro, a budget passed, a value scanValue
// declines, a reference followed by what could join its last token, or
// structure (see nests) the expansion must leave to collect.
func (fp *fileParser) scanMacro(i int, nest *int, depth int) (int, bool) {
	lx := fp.lx
	b, s := lx.src.Bytes, lx.src.text
	j := i + 1
	for j < len(b) && (isAlnum(int(b[j])) || b[j] == '_') {
		j++
	}
	if j-i-1 >= maxTokenLen || (j < len(b) && !followsMacro(b[j])) {
		return 0, false
	}
	name := s[i+1 : j]
	mac, ok := fp.macros.byName[name]
	if !ok {
		return 0, false
	}
	val := mac.Value
	if lx.expanded+len(val) > maxMacroLen {
		return 0, false
	}
	bu := lx.budget
	if bu != nil && bu.expansion > 0 && bu.expanded+len(val) > bu.expansion {
		return 0, false
	}
	m := fp.lexedMacro(mac)
	if !m.ok || len(fp.cur)+len(m.toks) > maxStatementTokens {
		return 0, false
	}
	// Structure first, on a copy of the nesting, so that a value collect
	// must see token by token changes nothing.
	// (mayOpenBody sees none of the value's tokens: it declines a `{`
	// whenever the statement so far is empty, value or not.)
	n := *nest
	for _, t := range m.toks {
		if !fp.nests(t, val, &n, depth) {
			return 0, false
		}
	}
	*nest = n
	lx.expanded += len(val)
	if bu != nil && bu.expansion > 0 {
		bu.expanded += len(val)
	}
	mac.Used = true
	fp.side.macros = append(fp.side.macros, MacroRef{Name: name, Span: Span{i, j}})
	ref := int32(len(fp.side.macros))
	for _, t := range m.toks {
		fp.appendScanned(t, val, i, j, ref)
	}
	return j, true
}

// lexedMacro is mac's value read as tokens, read again only when the value
// changed.
func (fp *fileParser) lexedMacro(mac *Macro) *macroToks {
	m := fp.scannedMacros[mac]
	if m == nil || m.value != mac.Value {
		if fp.scannedMacros == nil {
			fp.scannedMacros = map[*Macro]*macroToks{}
		}
		v := scanValue(mac.Value)
		m = &v
		fp.scannedMacros[mac] = m
	}
	return m
}

// appendScanned appends a scanned token, whose text is in text, to the
// statement: at its own bytes when text is the source's, or else (a
// macro's, ref its reference + 1) placed at [start, end) with its text in
// the side table.
func (fp *fileParser) appendScanned(t scanned, text string, start, end int, ref int32) {
	word := t.text(text)
	kind := t.kind
	var meta uint32
	if kind == Word {
		switch fp.words.class(word) {
		case targetKeyword:
			kind = Keyword
		case otherKeyword:
			meta |= tokEverKeyword
		}
	}
	meta |= uint32(kind)
	switch {
	case ref != 0:
		fp.side.extra = append(fp.side.extra, tokExtra{text: word, macro: ref})
		meta |= uint32(len(fp.side.extra)) << tokExtraBase
	case t.inner:
		meta |= tokInner
	}
	fp.cur = append(fp.cur, tok{start: int32(start), end: int32(end), meta: meta})
}
