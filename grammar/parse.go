package grammar

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unsafe"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/pfshape/pfshape/internal/target"
)

// Limits that keep hostile input bounded. pfctl has fixed buffers of its
// own; these are far above anything a real ruleset does.
const (
	maxNesting      = 128 // braces or parentheses inside one statement, and anchor depth
	maxIncludeDepth = 32
	// maxStatementTokens bounds one statement: an inline table of a
	// million addresses, commas between them. (Only the fast path reads
	// such a statement: participle, which parses a statement again to
	// report its syntax error, gives up past a million list items.)
	maxStatementTokens = 2_100_000
)

// Options say how to read a ruleset.
type Options struct {
	// Target decides the keywords and the statements the parser accepts.
	Target target.Target
	// Defines are -D name=value macros, which the file cannot override.
	Defines map[string]string
	// ReadFile reads included files; ReadIncludeFile when nil, which
	// reads only regular files. A reader that overlays other text on the
	// disk should read the disk through ReadIncludeFile.
	ReadFile func(path string) ([]byte, error)
	// IncludeRoots, when set, are the folders included files must lie
	// in: an include that resolves outside all of them (`include
	// "/etc/…"`, `../`, or a symbolic link out) is an error that does not
	// read the file. A ruleset from a pull request must not make a linter
	// in CI read and echo files elsewhere on the machine.
	IncludeRoots []string

	// participleOnly turns off the fast path (fastpath.go),
	// so that tests can compare it with participle's own parse.
	participleOnly bool
	// noFallbackMemo turns off the memo of participle's errors
	// (fallback_memo.go), for the tests that compare with it.
	noFallbackMemo bool
	// noScan turns off the reader's fast path (scan.go), so that tests
	// can compare its statements with the lexer's.
	noScan bool
}

// File is a parsed ruleset file.
type File struct {
	Source     *Source
	Target     target.Target
	Statements []*Statement
	Comments   []Span
	// Macros is the symbol table shared by the file and what it includes.
	Macros *Macros
	// Errors holds every error of the file and of the files it includes,
	// sorted by position within each file.
	Errors ErrorList
	// OverBudget is set when the ruleset passed one of the budgets of a
	// parse (budget.go): it is too large for any release, so reading it
	// again for another one is no use.
	OverBudget bool
}

// Statement is one statement with its tokens and its parse. Stmt is nil
// when the statement has a syntax error (the error is in File.Errors).
type Statement struct {
	Source *Source
	Span   Span // from the first byte of the first token to the last byte of the last
	// Tokens are the statement's tokens, a body's `{` included, in
	// compact form (Tokens.At shows one as a Token).
	Tokens Tokens
	*Stmt
	// Body is the inline body of an anchor (`anchor x { … }` or `{ … }`).
	Body    []*Statement
	HasBody bool
	// Included is the parsed file of an include statement.
	Included *File
}

// Pos is the statement's position.
func (s *Statement) Pos() Position { return s.Source.Position(s.Span.Start) }

// Text is the statement's text as written.
func (s *Statement) Text() string { return s.Source.Text(s.Span) }

// participleDefinition only names the token types: statements are lexed by
// our own lexer and handed to participle already split.
type participleDefinition struct{}

func (participleDefinition) Symbols() map[string]plexer.TokenType { return participleSymbols() }
func (participleDefinition) Lex(string, io.Reader) (plexer.Lexer, error) {
	return nil, errors.New("pfshape statements are lexed by grammar.lexer")
}

type sliceLexer struct {
	toks []plexer.Token
	i    int
}

func (s *sliceLexer) Next() (plexer.Token, error) {
	if s.i >= len(s.toks) {
		return s.toks[len(s.toks)-1], nil
	}
	s.i++
	return s.toks[s.i-1], nil
}

// Parse reads a ruleset from bytes. It always returns a File; the errors,
// if any, are in File.Errors (also returned as an error for convenience).
func Parse(name string, src []byte, opts Options) (*File, error) {
	f, _ := parse(name, src, opts)
	return f, f.Errors.Err()
}

// ParseText is Parse of a file's text held as a string, which the parsed
// file keeps without a copy: a caller that reads one file for several
// releases makes the string once.
func ParseText(name, src string, opts Options) (*File, error) {
	f, _ := parseText(name, src, opts)
	return f, f.Errors.Err()
}

// parse is Parse, returning the state too, for tests of the budgets.
func parse(name string, src []byte, opts Options) (*File, *parseState) {
	if len(src) > maxSourceBytes {
		// Refused unread, and not kept: no copy.
		return parseText(name, unsafe.String(unsafe.SliceData(src), len(src)), opts)
	}
	return parseText(name, string(src), opts)
}

// parseText parses a file's text, which the File's Source keeps.
func parseText(name, src string, opts Options) (*File, *parseState) {
	macros := NewMacros(opts.Defines)
	var errs ErrorList
	st := &parseState{opts: opts, macros: macros, errs: &errs, words: wordClassesFor(opts.Target)}
	st.budget.allow(len(src))
	if st.opts.ReadFile == nil {
		st.opts.ReadFile = ReadIncludeFile
	}
	if len(src) > maxSourceBytes {
		// Never through the loader, which reads no file over 64 MiB.
		errs.Add(FileTooLarge, Position{File: name, Line: 1, Column: 1}, fmt.Sprintf("%s is longer than %d bytes; not read", name, maxSourceBytes))
		f := &File{Source: NewSource(name, nil), Target: opts.Target, Macros: macros, Errors: errs}
		return f, st
	}
	f := st.parseFile(NewSourceText(name, src), nil, false)
	st.parseJobs()
	st.applyJobs()
	checkTemplate(f.Source, &errs)
	errs.Sort()
	f.Errors = errs
	f.OverBudget = st.budget.over
	return f, st
}

// ParseFile reads a ruleset from a file.
func ParseFile(path string, opts Options) (*File, error) {
	b, err := readFile(opts, path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b, opts)
}

func readFile(opts Options, path string) ([]byte, error) {
	if opts.ReadFile != nil {
		return opts.ReadFile(path)
	}
	return ReadIncludeFile(path)
}

type parseState struct {
	opts     Options
	macros   *Macros
	errs     *ErrorList
	words    *wordTable // the target's keywords and the other releases', for the lexer and scan
	includes []string   // the chain of files being read, for cycle detection
	budget   budget     // budget.go
	// order is the latest statement class seen, for releases that enforce
	// pfctl's statement order; requireOrderOff is `set require-order no`.
	order           ruleState
	requireOrderOff bool
	// jobs are every statement of every file read, in order (jobs.go);
	// workers parse them.
	jobs        []*job
	workers     workers
	readerNodes readerNodes
}

// fileParser splits one file's token stream into statements.
type fileParser struct {
	*parseState
	lx     *lexer
	peeked []Token
	// recovering counts the tokens pfctl's parser must still shift after a
	// syntax error before it reports another one (yacc's yyerrflag); it is
	// kept in phase 3 (jobs.go). blank counts the blank lines read since
	// the last statement.
	recovering int
	blank      int
	file       *File
	// tokens is where statements' tokens are kept, in compact form, chunk
	// after chunk, so that a statement costs no allocation of its own (see
	// keep). cur is the statement being collected, side its side table
	// and lastMacro the reference its last token from a macro came from,
	// all reused.
	tokens    []tok
	cur       []tok
	side      tokSide
	lastMacro *MacroRef
	// scannedMacros are the macros' values as scan read them (scan.go).
	scannedMacros map[*Macro]*macroToks
	// repeat is set on a file read again (included a second time or
	// more): its statements count against maxRepeatedStatements.
	repeat bool
}

// Chunks of fileParser.tokens start at minTokenChunk tokens and double up
// to maxTokenChunk, so that a short file (the editor's) costs little.
const (
	minTokenChunk = 256
	maxTokenChunk = 4096
)

// keep settles the statement's tokens (fp.cur and its side table) at the
// free end of the current chunk of fp.tokens, or in a chunk of their own
// when they are many (a long list, a macro's expansion).
func (fp *fileParser) keep() Tokens {
	n := len(fp.cur)
	var toks []tok
	if cap(fp.tokens)-len(fp.tokens) < n && n > maxTokenChunk/4 {
		toks = append(make([]tok, 0, n), fp.cur...)
	} else {
		if cap(fp.tokens)-len(fp.tokens) < n {
			// A file has no more tokens than bytes, macros aside, so a
			// file of one line, included many times, does not cost a
			// whole chunk each time.
			rest := len(fp.lx.src.Bytes) - fp.lx.pos + n + 2
			fp.tokens = make([]tok, 0, max(n, min(max(2*cap(fp.tokens), minTokenChunk), maxTokenChunk, max(rest, 64))))
		}
		start := len(fp.tokens)
		fp.tokens = append(fp.tokens, fp.cur...)
		toks = fp.tokens[start:len(fp.tokens):len(fp.tokens)]
	}
	ts := Tokens{src: fp.lx.src, toks: toks}
	if side := &fp.side; len(side.extra) > 0 {
		rn := &fp.readerNodes
		ts.side = take(&rn.side)
		ts.side.extra = takeN(&rn.extra, len(side.extra))
		copy(ts.side.extra, side.extra)
		if len(side.macros) > 0 {
			ts.side.macros = takeN(&rn.ref, len(side.macros))
			copy(ts.side.macros, side.macros)
		}
	}
	return ts
}

// curTokens are the tokens of the statement being collected, a view that
// is good until the next token is added.
func (fp *fileParser) curTokens() Tokens {
	return Tokens{src: fp.lx.src, toks: fp.cur, side: &fp.side}
}

// appendToken adds a token the lexer read to the statement being
// collected: its text is its bytes, or the bytes inside its quotes, or
// else kept in the side table with the macro it came from (each
// reference once, as the lexer makes one MacroRef per reference).
func (fp *fileParser) appendToken(t Token) {
	src := fp.lx.src
	sp := t.Span
	m := uint32(t.Kind) & tokKindMask
	if t.Kind == Word && fp.words.class(t.Text) != 0 {
		m |= tokEverKeyword
	}
	switch {
	case t.Macro == nil && t.Text == src.text[sp.Start:sp.End]:
	case t.Macro == nil && sp.Len() == len(t.Text)+2 && t.Text == src.text[sp.Start+1:sp.End-1]:
		m |= tokInner
	default:
		side := &fp.side
		x := tokExtra{text: t.Text}
		if t.Macro != nil {
			if t.Macro != fp.lastMacro || len(side.macros) == 0 {
				side.macros = append(side.macros, *t.Macro)
				fp.lastMacro = t.Macro
			}
			x.macro = int32(len(side.macros))
		}
		side.extra = append(side.extra, x)
		m |= uint32(len(side.extra)) << tokExtraBase
	}
	fp.cur = append(fp.cur, tok{start: int32(sp.Start), end: int32(sp.End), meta: m})
}

// startStatement empties the statement being collected; the buffers a
// huge statement grew are not kept.
func (fp *fileParser) startStatement() {
	if cap(fp.cur) > maxTokenChunk {
		fp.cur = nil
	}
	fp.cur = fp.cur[:0]
	if cap(fp.side.extra) > maxTokenChunk || cap(fp.side.macros) > maxTokenChunk {
		fp.side = tokSide{}
	}
	fp.side.extra, fp.side.macros = fp.side.extra[:0], fp.side.macros[:0]
	fp.lastMacro = nil
}

func (st *parseState) parseFile(src *Source, _ *Statement, repeat bool) *File {
	f := &File{Source: src, Target: st.opts.Target, Macros: st.macros}
	fp := &fileParser{parseState: st, file: f, repeat: repeat,
		lx: newLexer(src, st.words, st.macros, hasArrow(st.opts.Target), st.errs)}
	fp.lx.budget = &st.budget
	st.includes = append(st.includes, src.Name)
	f.Statements, _ = fp.statements(0)
	st.includes = st.includes[:len(st.includes)-1]
	f.Comments = fp.lx.comments
	return f
}

func (fp *fileParser) next() Token {
	if n := len(fp.peeked); n > 0 {
		t := fp.peeked[0]
		fp.peeked = fp.peeked[1:]
		return t
	}
	return fp.lx.next()
}

func (fp *fileParser) peek() Token {
	if len(fp.peeked) == 0 {
		fp.peeked = append(fp.peeked, fp.lx.next())
	}
	return fp.peeked[0]
}

func is(t Token, s string) bool { return t.Kind == Punct && t.Text == s }

// anchorKinds are the statements that may open an inline body with `{`.
var anchorKinds = map[string]bool{"anchor": true, "nat-anchor": true, "rdr-anchor": true, "binat-anchor": true}

// listIntroducers are words after which a `{` opens a list, not a body.
var listIntroducers = map[string]bool{
	"from": true, "to": true, "port": true, "on": true, "proto": true, "user": true,
	"group": true, "os": true, "icmp-type": true, "icmp6-type": true, "!": true, "=": true,
	"route-to": true, "reply-to": true, "dup-to": true, "nat-to": true, "rdr-to": true,
	"binat-to": true, "received-on": true, "tos": true, "label": true, "tag": true, "tagged": true,
}

// opensBody reports whether a `{` after the statement's tokens so far
// opens an anchor body.
func (fp *fileParser) opensBody() bool {
	if len(fp.cur) == 0 {
		return true
	}
	if !fp.mayOpenBody() {
		return false
	}
	if fp.peek().Kind != Newline {
		return false
	}
	toks := fp.curTokens()
	return !listIntroducers[toks.Text(toks.Len()-1)]
}

// statements reads statements until EOF, or until the `}` that closes an
// anchor body when depth > 0, which it returns.
func (fp *fileParser) statements(depth int) ([]*Statement, *Token) {
	var out []*Statement
	for {
		end, stop := fp.collect(depth)
		bad := fp.lx.lineError
		fp.lx.lineError = false
		if len(fp.cur) > 0 {
			if s := fp.finish(end, depth, bad); s != nil {
				out = append(out, s)
			}
		}
		switch stop {
		case stopEOF:
			if depth > 0 {
				fp.errs.Add(Syntax, fp.lx.src.Position(end.Span.Start), "syntax error: unexpected end of file, expected \"}\" to close the anchor")
			}
			return out, nil
		case stopClose:
			return out, &end
		}
	}
}

type stopKind int

const (
	stopNewline stopKind = iota
	stopEOF
	stopClose // `}` closing an anchor body
	stopBody  // `{` opening an anchor body
)

// collect reads the tokens of one statement into fp.cur: scan reads what
// is written plainly, the lexer the rest. end is the token that ended it
// (a newline, EOF, or a brace).
func (fp *fileParser) collect(depth int) (end Token, stop stopKind) {
	fp.startStatement()
	nest := 0
	fp.lx.expanded = 0
	for {
		if end, stop, done := fp.scan(&nest, depth); done {
			return end, stop
		}
		t := fp.next()
		switch {
		case t.Kind == EOF:
			if nest > 0 && len(fp.cur) > 0 {
				fp.errs.Add(Syntax, t.Pos(), "syntax error: unexpected end of file inside { }")
				fp.cur = fp.cur[:0]
			}
			return t, stopEOF
		case t.Kind == Newline:
			if nest > 0 {
				continue
			}
			if len(fp.cur) == 0 {
				fp.blank++
				continue
			}
			return t, stopNewline
		case is(t, "{"):
			if nest == 0 && fp.opensBody() {
				fp.appendToken(t)
				return t, stopBody
			}
			nest++
			if nest > maxNesting {
				fp.errs.Add(NestingTooDeep, t.Pos(), fmt.Sprintf("syntax error: more than %d nested braces", maxNesting))
				fp.skipToNewline()
				fp.cur = fp.cur[:0]
				return t, stopNewline
			}
		case is(t, "}"):
			if nest > 0 {
				nest--
			} else if depth > 0 {
				if len(fp.cur) > 0 {
					// pfctl wants a newline before the `}` that closes an anchor.
					fp.errs.Add(Syntax, t.Pos(), "syntax error: unexpected \"}\", expected end of line")
				}
				return t, stopClose
			}
		case is(t, "("):
			nest++
			if nest > maxNesting {
				fp.errs.Add(NestingTooDeep, t.Pos(), fmt.Sprintf("syntax error: more than %d nested parentheses", maxNesting))
				fp.skipToNewline()
				fp.cur = fp.cur[:0]
				return t, stopNewline
			}
		case is(t, ")"):
			if nest > 0 {
				nest--
			}
		}
		if len(fp.cur) < maxStatementTokens {
			fp.appendToken(t)
		} else if !fp.lx.lineError {
			fp.errs.Add(StatementTooLong, t.Pos(), fmt.Sprintf("statement too long: more than %d tokens", maxStatementTokens))
			fp.lx.lineError = true
		}
	}
}

// shifted records n tokens that pfctl's parser accepted.
func (fp *fileParser) shifted(n int) {
	fp.recovering = max(fp.recovering-n, 0)
}

func (fp *fileParser) skipToNewline() {
	for {
		t := fp.next()
		if t.Kind == Newline || t.Kind == EOF {
			return
		}
	}
}

// finish parses one statement's tokens and does what the statement asks
// of the reader: define a macro, follow an include, read an anchor body.
func (fp *fileParser) finish(end Token, depth int, lexError bool) *Statement {
	all := fp.keep()
	last := all.Len() - 1
	body := all.Kind(last) == Punct && all.Text(last) == "{" && end.Span == all.Span(last)
	head := all
	if body {
		head = all.Slice(0, last)
	}
	s := take(&fp.readerNodes.stmt)
	*s = Statement{Source: fp.lx.src, Tokens: all, HasBody: body}
	s.Span = Span{all.Span(0).Start, all.Span(last).End}
	j := take(&fp.readerNodes.job)
	*j = job{fp: fp, s: s, endStart: int32(end.Span.Start), endKind: end.Kind, depth: int32(depth), blank: int32(fp.blank), lexError: lexError}
	if fp.repeat {
		fp.budget.statements++
	}
	fp.blank = 0
	fp.jobs = append(fp.jobs, j)
	switch {
	case lexError:
	case head.Len() == 0:
		s.Stmt = &Stmt{Anonymous: &AnonymousAnchor{Open: true}}
	case readerNeeds(head):
		// Parsed now: the reader depends on it (see jobs.go).
		j.parse(nil)
		s.Stmt = j.stmt
	default:
		fp.submit(j)
	}
	if body {
		if depth >= maxNesting {
			fp.errs.Add(NestingTooDeep, end.Pos(), fmt.Sprintf("syntax error: anchors nested more than %d deep", maxNesting))
			fp.skipBody()
			return s
		}
		var closed *Token
		s.Body, closed = fp.statements(depth + 1)
		if closed != nil {
			s.Span = s.Span.Union(closed.Span)
			// Whatever follows the closing brace on its line is an error.
			if t := fp.peek(); t.Kind != Newline && t.Kind != EOF {
				fp.errs.Add(Syntax, t.Pos(), "syntax error: unexpected "+t.Describe()+" after \"}\"")
				fp.skipToNewline()
			}
		}
		if last := len(s.Body); last > 0 {
			s.Span = s.Span.Union(s.Body[last-1].Span)
		}
	}
	if s.Stmt == nil {
		return s
	}
	switch {
	case s.Macro != nil:
		fp.defineMacro(s)
	case s.Include != nil:
		s.Included = fp.include(s)
	}
	return s
}

func (fp *fileParser) skipBody() {
	nest := 1
	for nest > 0 {
		t := fp.next()
		switch {
		case t.Kind == EOF:
			return
		case is(t, "{"):
			nest++
		case is(t, "}"):
			nest--
		}
	}
}

func (fp *fileParser) defineMacro(s *Statement) {
	m := s.Macro
	name := m.Name.Text()
	if fp.words.isKeyword(name) {
		fp.errs.Add(Syntax, s.Pos(), "syntax error")
		return
	}
	val := m.Value()
	if len(val) > maxMacroLen {
		fp.errs.Add(MacroTooLong, s.Pos(), fmt.Sprintf("macro '%s' is longer than %d bytes", name, maxMacroLen))
		return
	}
	fp.macros.Define(name, val, s.Pos())
}

// include reads an included file, relative to the including file's folder.
func (fp *fileParser) include(s *Statement) *File {
	name := s.Include.File.Text()
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(fp.lx.src.Name), name)
	}
	for _, open := range fp.includes {
		if filepath.Clean(open) == filepath.Clean(path) {
			fp.errs.Add(IncludeCycle, s.Pos(), fmt.Sprintf("include cycle: %s includes itself (via %s)", name, strings.Join(fp.includes, " -> ")))
			return nil
		}
	}
	if len(fp.includes) >= maxIncludeDepth {
		fp.errs.Add(IncludeTooDeep, s.Pos(), fmt.Sprintf("includes nested more than %d deep", maxIncludeDepth))
		return nil
	}
	if msg := OutsideRoots(fp.opts.IncludeRoots, path); msg != "" {
		fp.errs.Add(IncludeOutsideRoot, s.Pos(), "include "+name+": "+msg)
		return nil
	}
	bu := &fp.budget
	var over string
	switch {
	case bu.includes >= maxIncludes:
		over = fmt.Sprintf("more than %d includes", maxIncludes)
	case bu.statements >= maxRepeatedStatements:
		over = fmt.Sprintf("more than %d statements read again through includes of files already read", maxRepeatedStatements)
	case bu.bytes >= maxIncludedBytes:
		over = fmt.Sprintf("more than %d bytes read through includes", maxIncludedBytes)
	}
	if over != "" {
		// Said once: every later include is refused for the same reason.
		bu.over = true
		if !bu.refused {
			bu.refused = true
			fp.errs.Add(IncludeBudget, s.Pos(), fmt.Sprintf("include %s: %s in this ruleset, each file counted every time it is included; this include and every later one are not read", name, over))
		}
		return nil
	}
	bu.includes++
	key := filepath.Clean(path)
	r, ok := bu.files[key]
	if !ok {
		r.b, r.err = fp.opts.ReadFile(path)
		if bu.files == nil {
			bu.files = map[string]fileRead{}
		}
		bu.files[key] = r
		bu.allow(len(r.b))
	}
	b, err := r.b, r.err
	if err != nil {
		fp.errs.Add(IncludeUnreadable, s.Pos(), fmt.Sprintf("cannot open the include file %s: %s", name, OpenError(err)))
		return nil
	}
	if len(b) > maxSourceBytes {
		fp.errs.Add(IncludeUnreadable, s.Pos(), fmt.Sprintf("cannot open the include file %s: longer than %d bytes; not read", name, maxSourceBytes))
		return nil
	}
	bu.bytes += len(b)
	return fp.parseFile(NewSource(path, b), s, ok)
}

// readerNeeds reports whether a statement must be parsed as soon as it is
// read: a macro definition (`name = …`) changes how what follows is lexed,
// and an include brings more statements.
func readerNeeds(head Tokens) bool {
	if head.Len() > 1 && head.Kind(0) == Word && head.Kind(1) == Punct && head.Text(1) == "=" {
		return true
	}
	return head.Kind(0) == Keyword && head.Text(0) == "include"
}
