package grammar

//go:generate go run ./internal/fastgen/cmd/fastgen

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Filter rules are most of any large ruleset, and participle spends most
// of its time on them: it tries every alternative of every optional part
// in turn, copying its parse context for each try (about 15 KB and 130
// allocations for a bare `pass`, 40 KB for an ordinary rule). The parts
// of a statement are told apart by their first token, so a one-pass
// parser reads them without trying.
//
// That parser is not written by hand: fastpath_gen.go is compiled from
// the participle grammar in the struct tags (and the unions registered
// with participle.Union) by grammar/internal/fastgen (`go generate
// ./grammar`; TestFastPathGenerated fails when it is stale),
// so the language is defined once. This file is its runtime, which knows
// no production: the token cursor, giving up, trying an alternative,
// handing a production to participle. The generated parser gives up on
// anything it does not expect — a syntax error, a shape it cannot decide —
// so that participle parses the statement again and says what is wrong.
// Whenever it does finish, its tree is the one participle builds, field
// for field, and it fills the positions (Offset), which participle does
// not; it finishes on every statement participle parses.
// TestFastPathMatchesParticiple and FuzzFastPath check this on the
// corpus, on generated rulesets and on fuzzed input.

// fastPathHook, when set (by tests), hears whether each statement took the
// fast path.
var fastPathHook func(toks Tokens, took bool)

// declined is the panic value with which ruleParser gives up. A hard
// decline gives up on the whole statement; any other can be undone by
// try (see there).
type declined struct{ hard bool }

// fastPathBugs counts the panics of the fast path other than declines —
// bugs. In a test binary they are not recovered (strictFastPath), so that
// a bug fails the test that meets it; elsewhere the statement goes to
// participle, and the count says it happened.
var (
	fastPathBugs atomic.Int64
	// fastPathStrict, when set, overrides strictFastPath's test (the
	// guard's own test sets it).
	fastPathStrict *bool
)

// strictFastPath reports whether a fast-path bug is to panic: in a test
// binary, known by the flags package testing registers. (Not
// testing.Testing: importing testing would put its start-up work into
// every run of pfshape.)
func strictFastPath() bool {
	if fastPathStrict != nil {
		return *fastPathStrict
	}
	return flag.Lookup("test.v") != nil
}

// fastTok is a token as the generated parser reads it: participle's
// token type and value (so the parser matches tokens as participle does),
// and its offset in the statement's source, which positions take.
type fastTok struct {
	Type  plexer.TokenType
	Value string
	off   int32
}

// EOF reports whether t is the EOF token that ends a statement.
func (t *fastTok) EOF() bool { return t.Type == plexer.EOF }

// ruleParser reads a statement from its tokens (fastTokens), which end
// with an EOF token.
type ruleParser struct {
	toks []fastTok
	i    int
	a    *nodes
}

// fastStatement parses a statement with the generated parser, or returns
// nil when it declines: participle is to parse the statement.
func fastStatement(toks []fastTok, a *nodes) (st *Stmt) {
	guardFastPath(func() {
		p := ruleParser{toks: toks, a: a}
		s := p.parseStmt()
		if p.peek().EOF() {
			st = s
		}
	})
	return st
}

// guardFastPath runs f and reports whether it finished without a panic.
// It recovers a decline; any other panic is a bug of the fast path, which
// panics again in a test binary and is counted elsewhere.
func guardFastPath(f func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(declined); !is {
				fastPathBugs.Add(1)
				if strictFastPath() {
					panic(fmt.Sprintf("fast path bug: %v", r))
				}
			}
			ok = false
		}
	}()
	f()
	return true
}

// participleAccepted is called when participle parsed a statement the
// fast path declined. The generated parser is to accept all that
// participle does, so this is a bug of the fast path: it panics in a test
// binary, and elsewhere it is counted (the tree is participle's, its
// nodes placed at the statement's start: see fallbackOffsets).
func participleAccepted(toks Tokens) {
	fastPathBugs.Add(1)
	if strictFastPath() {
		var sb strings.Builder
		for i, t := range toks.All() {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(t.Text)
		}
		panic(fmt.Sprintf("fast path bug: it declined a statement participle parses: %s", sb.String()))
	}
}

func (p *ruleParser) decline() { panic(declined{}) }

// try runs f, a branch in participle's sense: one alternative of a
// choice that the next token does not decide, or one match of an
// optional or repeated part that may fail after its first token. It
// reports whether f parsed. When f declines, try puts the cursor back
// where it was and reports false, so that the next alternative is tried,
// or the part is left out and the statement read on, as participle's
// disjunction and groups do. It does so only where participle would:
// when participle's lookahead (parserLookahead tokens beyond where the
// branch started) reaches the end of the statement, so that participle
// does not stop at a branch that went too far, and when the decline is
// not hard. Otherwise the decline goes on up.
func (p *ruleParser) try(f func()) (ok bool) {
	start := p.i
	if len(p.toks)-1-start > parserLookahead {
		f()
		return true
	}
	defer func() {
		if ok {
			return
		}
		r := recover()
		if d, is := r.(declined); !is || d.hard {
			panic(r)
		}
		p.i = start
	}()
	f()
	return true
}

// peek is the next token; past the end, the final EOF token.
func (p *ruleParser) peek() *fastTok {
	return &p.toks[min(p.i, len(p.toks)-1)]
}

func (p *ruleParser) next() *fastTok {
	t := p.peek()
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

// pos is the offset of the next token: a node's Pos when it is the node's
// first, its EndPos when it is the token after the node's last.
func (p *ruleParser) pos() Offset { return Offset(p.peek().off) }

// is reports whether the next token matches the literal v, the way
// participle matches an untyped literal: by its text alone.
func (p *ruleParser) is(v string) bool { return p.peek().Value == v }

// isType reports whether the next token is of type t, the way participle
// matches a token reference such as Word.
func (p *ruleParser) isType(t plexer.TokenType) bool { return p.peek().Type == t }

// text is the captured tokens from i on, joined as participle joins the
// tokens it captures into a string.
func (p *ruleParser) text(i int) string {
	var sb strings.Builder
	for _, t := range p.toks[i:p.i] {
		sb.WriteString(t.Value)
	}
	return sb.String()
}

// atoi converts a captured number as participle does for an int field:
// strconv.ParseInt with base 0.
func (p *ruleParser) atoi(v string) int {
	n, err := strconv.ParseInt(v, 0, strconv.IntSize)
	if err != nil {
		// participle fails the enclosing node where it sets the field,
		// not here: its own parse of the statement says how.
		panic(declined{hard: true})
	}
	return int(n)
}

// delegate parses one production with participle from where p stands.
// Where participle fails, so does the production in participle's own
// parse of the statement: an ordinary decline. participle may also panic
// on its grammar's corner cases; that gives up on the whole statement
// (participle's own parse of it then fails the same way, with its
// recovery around it).
func delegate[T any](p *ruleParser, parser *participle.Parser[T]) *T {
	rest := make([]plexer.Token, 0, len(p.toks)-p.i)
	for _, t := range p.toks[p.i:] {
		rest = append(rest, plexer.Token{Type: t.Type, Value: t.Value, Pos: plexer.Position{Offset: int(t.off)}})
	}
	pl, err := plexer.Upgrade(&sliceLexer{toks: rest})
	if err != nil {
		p.decline()
	}
	v, err := parseRecovered(parser, pl)
	if err != nil {
		p.decline()
	}
	// participle fills no Offset: its nodes are put where it started.
	fallbackOffsets(v, p.pos())
	p.i += pl.Cursor()
	return v
}

// parseRecovered runs participle, turning a panic inside it into a hard
// decline.
func parseRecovered[T any](parser *participle.Parser[T], pl *plexer.PeekingLexer) (*T, error) {
	defer func() {
		if r := recover(); r != nil {
			panic(declined{hard: true})
		}
	}()
	return parser.ParseFromLexer(pl, participle.AllowTrailing(true))
}
