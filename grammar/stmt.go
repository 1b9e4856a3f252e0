package grammar

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/pfshape/pfshape/internal/target"
)

// scratch is what one parsing goroutine reuses from statement to
// statement: the buffers of the fast path's tokens and of participle's,
// which nothing keeps after the parse (participle copies what it parses,
// the fast path copies values), and the chunks the fast path takes AST
// nodes from.
type scratch struct {
	ftoks []fastTok
	ptoks []plexer.Token
	nodes nodes
	memo  fallbackMemo
}

// fastTokens turns a statement's tokens into the generated parser's,
// ending with an EOF token placed where the statement ended, in sc's
// buffer. They carry what the parser reads (participle's token type and
// value, and the offset its nodes' positions take), and no line and
// column: participle's tokens, which do, are made only for a statement
// the fast path declines (participleTokens).
func fastTokens(toks Tokens, end Token, sc *scratch) []fastTok {
	n := toks.Len()
	out := sc.ftoks[:0]
	if cap(out) <= n {
		out = make([]fastTok, 0, n+1)
		sc.ftoks = out
	}
	for i := range n {
		out = append(out, fastTok{Type: participleType(toks.Kind(i)), Value: participleValue(toks, i), off: toks.toks[i].start})
	}
	return append(out, fastTok{Type: plexer.EOF, off: int32(endOffset(toks, end))})
}

// endOffset is where a statement's final EOF token is placed: at the
// newline or end of file that ended it, or else (a semicolon, a brace)
// right after its last token.
func endOffset(toks Tokens, end Token) int {
	if end.Kind != Newline && end.Kind != EOF {
		return toks.Span(toks.Len() - 1).End
	}
	return end.Span.Start
}

// participleTokens turns a statement's tokens into participle's, ending
// with an EOF token placed where the statement ended, in sc's buffer.
func (fp *fileParser) participleTokens(toks Tokens, end Token, sc *scratch) []plexer.Token {
	buf := &sc.ptoks
	n := toks.Len()
	var out []plexer.Token
	if cap(*buf) > n {
		out = (*buf)[:0]
	} else {
		out = make([]plexer.Token, 0, n+1)
		*buf = out
	}
	var lines lineCursor
	src := toks.src
	for i := range n {
		start := toks.Span(i).Start
		p := lines.position(src, start)
		out = append(out, plexer.Token{Type: participleType(toks.Kind(i)), Value: participleValue(toks, i),
			Pos: plexer.Position{Filename: p.File, Offset: start, Line: p.Line, Column: p.Column}})
	}
	ep := end.Source.Position(end.Span.Start)
	if end.Kind != Newline && end.Kind != EOF {
		ep = src.Position(endOffset(toks, end))
	}
	out = append(out, plexer.Token{Type: plexer.EOF, Pos: plexer.Position{Filename: ep.File, Offset: ep.Offset, Line: ep.Line, Column: ep.Column}})
	return out
}

// participleValue is token i's value as participle sees it: a quoted
// string in its double quotes, and so a word that is a keyword of another
// release (a plain string here); any other token its text.
func participleValue(toks Tokens, i int) string {
	v := toks.Text(i)
	switch toks.Kind(i) {
	case Quoted:
		return quotedValue(toks, i, v)
	case Word:
		if toks.everKeyword(i) {
			return quotedValue(toks, i, v)
		}
	}
	return v
}

// quotedValue is token i, whose text is v, in double quotes. When the
// source has it so, written in double quotes without escapes, it is a
// slice of the source.
func quotedValue(toks Tokens, i int, v string) string {
	t := toks.toks[i]
	if t.meta&tokInner != 0 {
		if w := toks.src.text[t.start:t.end]; w[0] == '"' && w[len(w)-1] == '"' {
			return w
		}
	}
	return `"` + v + `"`
}

// parsed is the outcome of parsing one statement's tokens.
type parsed struct {
	stmt    *Stmt
	failed  bool
	errPos  Position
	errCode Code
	errMsg  string
	errAt   int // index of the token the error is at; len(toks) at the end
}

// parseTokens parses one statement. It changes nothing in fp, so
// statements can be parsed in parallel; record applies the outcome.
// sc, if not nil, is the calling goroutine's scratch.
func (fp *fileParser) parseTokens(toks Tokens, end Token, sc *scratch) parsed {
	if sc == nil {
		sc = &scratch{}
	}
	if !fp.opts.participleOnly {
		st := fastStatement(fastTokens(toks, end, sc), &sc.nodes)
		if fastPathHook != nil {
			fastPathHook(toks, st != nil)
		}
		if st != nil {
			return parsed{stmt: st}
		}
		// Outside tests, participle is not asked what it would say when
		// what it says is not used; in tests it is, and must agree.
		q, known := featureError(toks, fp.opts.Target)
		if !known {
			return fp.participleParse(toks, end, sc)
		}
		if !strictFastPath() {
			return q
		}
		if p := fp.participleParse(toks, end, sc); p != q {
			panic(fmt.Sprintf("featureError says %v %q at %v (token %d), participle's reading %v %q at %v (token %d)", q.errCode, q.errMsg, q.errPos, q.errAt, p.errCode, p.errMsg, p.errPos, p.errAt))
		}
		return q
	}
	return fp.participleParse(toks, end, sc)
}

// featureError is the syntax error of a statement the generated parser
// declined whose first word names a feature of other releases (altq on
// OpenBSD 5.6 and later, scrub, nat, …; featureHint): it is at that word,
// with the hint, whatever participle's error is (participleParse throws
// its message away), so participle need not read the statement. That
// spares its parser of every statement kind, which takes milliseconds to
// build, and its slow reading of each: `pfshape lint` of a ruleset written
// for OpenBSD 5.4 for the latest OpenBSD reads every `altq on` line so.
func featureError(toks Tokens, t target.Target) (parsed, bool) {
	if toks.Len() == 0 || toks.Kind(0) != Word || !toks.everKeyword(0) {
		return parsed{}, false
	}
	first := toks.At(0)
	code, hint := featureHint(first, t)
	if hint == "" {
		return parsed{}, false
	}
	return parsed{failed: true, errPos: toks.Pos(0), errCode: code, errMsg: "syntax error: unexpected " + first.Describe() + " (" + hint + ")"}, true
}

// participleParse is parseTokens by participle: for a statement the
// generated parser declined, participle's error in pfctl's words; taken
// from the memo when participle has read a statement of the same shape
// (fallback_memo.go).
func (fp *fileParser) participleParse(toks Tokens, end Token, sc *scratch) parsed {
	ptoks := fp.participleTokens(toks, end, sc)
	name, production := chooseProduction(toks)
	memo := fp.fallbackMemo(sc)
	key := memo.key(name, ptoks)
	pe, known := memo.get(key)
	if !known {
		pl, err := plexer.Upgrade(&sliceLexer{toks: ptoks})
		if err != nil {
			return parsed{failed: true, errPos: toks.Pos(0), errCode: Syntax, errMsg: "syntax error"}
		}
		stmt, err := parseGuarded(production, pl)
		if err == nil {
			if !fp.opts.participleOnly {
				participleAccepted(toks)
			}
			fallbackOffsets(stmt, Offset(ptoks[0].Pos.Offset))
			return parsed{stmt: stmt}
		}
		pe = readParticipleError(err, ptoks)
		memo.put(key, pe)
	}
	pos, msg := pe.syntaxError(toks, ptoks)
	code := Syntax
	if i, hintCode, hint := releaseHint(toks, fp.opts.Target, pos.Offset); hint != "" {
		code = hintCode
		msg += " (" + hint + ")"
		if i == 0 {
			pos = toks.Pos(0)
			msg = "syntax error: unexpected " + toks.At(0).Describe() + " (" + hint + ")"
		}
	}
	at := toks.Len()
	for i := range toks.Len() {
		if toks.Span(i).Start >= pos.Offset {
			at = i
			break
		}
	}
	return parsed{failed: true, errPos: pos, errCode: code, errMsg: msg, errAt: at}
}

// record applies a parse outcome in statement order: a syntax error is
// recorded, marked when pfctl's yacc parser would still be silent, and the
// tokens pfctl shifts are counted.
func (fp *fileParser) record(p parsed, n int) {
	if p.failed {
		fp.errs.Add(p.errCode, p.errPos, p.errMsg).Unreported = fp.recovering > p.errAt
		fp.recovering = 2 // the error token, then the newline
		return
	}
	fp.shifted(n + 1)
}

// participleError is participle's error on a statement, read off the
// statement's participle tokens: what its message in pfctl's words
// depends on, so that a statement participle reads alike can be given it
// without participle (fallbackMemo).
type participleError struct {
	// plain is set when participle's parser failed without a
	// participle.Error (it panicked): "syntax error" at the start.
	plain bool
	// at is the first participle token at the error's position (the
	// statement's EOF token when it is at its end), or -1 when none is:
	// then pos is the position.
	at  int
	pos plexer.Position
	// unexpected is set for an UnexpectedTokenError, eof when the token
	// it did not expect is the end of the statement, and expected is
	// what it expected, in pf's words.
	unexpected, eof bool
	expected        string
}

// readParticipleError reads participle's error err on the statement of
// participle tokens ptoks.
func readParticipleError(err error, ptoks []plexer.Token) participleError {
	var pe participle.Error
	if !errors.As(err, &pe) {
		return participleError{plain: true}
	}
	e := participleError{at: -1, pos: pe.Position()}
	for i, t := range ptoks {
		if t.Pos.Offset == e.pos.Offset {
			if t.Pos == e.pos {
				e.at = i
			}
			break
		}
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		e.unexpected, e.eof, e.expected = true, ute.Unexpected.EOF(), expected(ute)
	}
	return e
}

// syntaxError is participle's error in pfctl's words: "syntax error",
// with what was found and, when it is short enough to help, what was
// expected.
func (e participleError) syntaxError(toks Tokens, ptoks []plexer.Token) (Position, string) {
	if e.plain {
		return toks.Pos(0), "syntax error"
	}
	pos := e.pos
	if e.at >= 0 {
		pos = ptoks[e.at].Pos
	}
	at := Position{File: pos.Filename, Offset: pos.Offset, Line: pos.Line, Column: pos.Column}
	var found *Token
	for i := range toks.Len() {
		if toks.Span(i).Start == pos.Offset {
			t := toks.At(i)
			found = &t
			break
		}
	}
	if e.unexpected {
		what := "end of line"
		if !e.eof && found != nil {
			what = found.Describe()
		}
		msg := "syntax error: unexpected " + what
		if e.expected != "" {
			msg += ", expected " + e.expected
		}
		return at, msg
	}
	if found == nil && pos.Offset == ptoks[len(ptoks)-1].Pos.Offset {
		return at, "syntax error: unexpected end of line"
	}
	if found != nil {
		return at, fmt.Sprintf("syntax error: unexpected %s", found.Describe())
	}
	return at, "syntax error"
}

// expected renders participle's expectation in plain words when it is a
// short list of alternatives.
func expected(ute *participle.UnexpectedTokenError) string {
	key, cacheable := expectKey(ute)
	if cacheable {
		if exp, ok := expectedCache.Load(key); ok {
			return exp.(string)
		}
	}
	exp := ""
	msg := ute.Message()
	if i := strings.Index(msg, "(expected "); i >= 0 {
		exp = strings.TrimSuffix(msg[i+len("(expected "):], ")")
		exp = strings.NewReplacer("<number>", "a number", "<word>", "a name", "<quoted>", "a string",
			"<keyword>", "a keyword", "<eof>", "end of line").Replace(exp)
		if len(exp) > 60 || strings.ContainsAny(exp, "@[]?*+") {
			exp = ""
		}
		exp = inPfWords(exp)
	}
	if cacheable {
		expectedCache.Store(key, exp)
	}
	return exp
}

// grammarNames are the AST types participle may name as what it
// expected, in the words of pf.conf(5). A name not listed drops the
// "expected" part: no message shows the grammar's own names.
var grammarNames = map[string]string{
	"Redirect": "an address", "RedirSpec": "an address", "RedirHost": "an address",
	"HostEntry": "an address", "Host": "an address", "Address": "an address", "Dynamic": "an interface in ( )",
	"HostPort": "an address", "FromTo": "from or to", "FromToPart": "from or to",
	"PortSpec": "port", "PortItem": "a port",
	"Interface": "an interface", "IfItem": "an interface",
	"IDList": "a user or group", "ProtoSpec": "a protocol",
	"QueueList": "a queue name", "QueueRef": "a queue name", "QueueOpt": "a queue option",
	"Bandwidth": "a bandwidth", "Scheduler": "a scheduler", "SchedOpt": "a scheduler option",
	"ServiceCurve": "a service curve", "PrioSpec": "a priority", "Rate": "a rate N/S",
	"NumberPair": "a number", "IcmpSpec": "an icmp type", "IcmpItem": "an icmp type",
	"StateSpec": "a state option", "Flags": "tcp flags", "PoolOpt": "a pool option",
	"AfTo": "inet or inet6", "OptionArg": "a value", "LogSpec": "log options",
	"DivertSpec": "an address",
}

// identRe matches a grammar type name in participle's expectation.
var identRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b[A-Z][A-Za-z]*\b`) })

// inPfWords replaces the grammar's type names in an expectation by pf's
// words, or returns "" when one has no such words.
func inPfWords(exp string) string {
	unknown := false
	out := identRe().ReplaceAllStringFunc(exp, func(name string) string {
		w, ok := grammarNames[name]
		if !ok {
			unknown = true
		}
		return w
	})
	if unknown {
		return ""
	}
	return out
}

// expectedCache keeps expected's answer per grammar node. participle
// writes out the expected part of its grammar (as EBNF) for every message,
// which for a rule's options is the whole option grammar: a file with many
// errors spent most of its parse doing that.
var expectedCache sync.Map

type expectedKey struct {
	node   uintptr
	expect string
}

// expectKey identifies the grammar node an error expected. participle
// keeps it in an unexported field; when that field is not there (another
// participle version), nothing is cached.
func expectKey(ute *participle.UnexpectedTokenError) (expectedKey, bool) {
	f := reflect.ValueOf(ute).Elem().FieldByName("expectNode")
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return expectedKey{}, false
	}
	if f.IsNil() {
		return expectedKey{expect: ute.Expect}, true
	}
	e := f.Elem()
	if e.Kind() != reflect.Pointer {
		return expectedKey{}, false
	}
	return expectedKey{node: e.Pointer()}, true
}

// parseGuarded runs participle and turns a panic inside it (participle
// panics on some grammar corner cases instead of failing) into an error,
// so no input can crash pfshape.
func parseGuarded(p production, pl *plexer.PeekingLexer) (stmt *Stmt, err error) {
	defer func() {
		if r := recover(); r != nil {
			stmt, err = nil, fmt.Errorf("syntax error (parser: %v)", r)
		}
	}()
	return p(pl)
}
