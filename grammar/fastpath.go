package grammar

import (
	"strconv"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Filter rules are most of any large ruleset, and participle spends most
// of its time on them: it tries every alternative of every optional part
// in turn, copying its parse context for each try (about 15 KB and 130
// allocations for a bare `pass`, 40 KB for an ordinary rule). The parts
// of a statement are told apart by their first token, so ruleParser reads
// them in one pass, without trying.
//
// The participle grammar in the struct tags stays the definition of the
// language: ruleParser follows it production by production, hands a rule
// option it does not know to participle, and gives up on anything it does
// not expect — a syntax error, an unusual shape — so that participle
// parses the statement again and says what is wrong. Whenever it does
// finish, its tree is the one participle builds, field for field:
// TestFastPathMatchesParticiple and FuzzFastPath check this on the corpus,
// on generated rulesets and on fuzzed input.

// filterOptParser parses the rule options ruleParser does not know.
var filterOptParser = lazyParser[FilterOpt]()

// fastPathHook, when set (by tests), hears whether each statement the
// fast path knows took it.
var fastPathHook func(toks []Token, took bool)

// declined is the panic value with which ruleParser gives up.
type declined struct{}

// ruleParser reads a statement from participle's tokens, which end with
// an EOF token.
type ruleParser struct {
	toks []plexer.Token
	i    int
	a    *nodes
}

// fastProductions are the statements fastStatement parses, by first
// keyword.
var fastProductions = map[string]func(p *ruleParser) *Stmt{
	"pass":         fastRuleStmt,
	"block":        fastRuleStmt,
	"match":        fastRuleStmt,
	"anchor":       func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"nat-anchor":   func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"rdr-anchor":   func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"binat-anchor": func(p *ruleParser) *Stmt { return &Stmt{Anchor: p.anchorRule()} },
	"table":        func(p *ruleParser) *Stmt { return &Stmt{Table: p.tableDef()} },
	"antispoof":    func(p *ruleParser) *Stmt { return &Stmt{Antispoof: p.antispoof()} },
	"scrub":        func(p *ruleParser) *Stmt { return &Stmt{Scrub: p.scrubRule()} },
	"nat":          func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"rdr":          func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"binat":        func(p *ruleParser) *Stmt { return &Stmt{Translation: p.natRule()} },
	"set":          func(p *ruleParser) *Stmt { return &Stmt{Option: p.setOption()} },
	"include":      func(p *ruleParser) *Stmt { return &Stmt{Include: p.include()} },
	"load":         func(p *ruleParser) *Stmt { return &Stmt{LoadAnchor: p.loadAnchor()} },
	"state":        func(p *ruleParser) *Stmt { return &Stmt{Limiter: p.limiterDef()} },
	"source":       func(p *ruleParser) *Stmt { return &Stmt{Limiter: p.limiterDef()} },
	"altq":         func(p *ruleParser) *Stmt { return &Stmt{Altq: p.altq()} },
	"queue":        func(p *ruleParser) *Stmt { return &Stmt{Queue: p.queueDef()} },
	"oldqueue":     func(p *ruleParser) *Stmt { return &Stmt{Queue: p.queueDef()} },
}

// fastMacro parses a macro definition, `name = value…`.
func fastMacro(p *ruleParser) *Stmt { return &Stmt{Macro: p.macroDef()} }

// fastProduction is the fast parser of a statement's kind, if it has one.
// `no` starts both `no scrub` and `no nat|rdr|binat`.
func fastProduction(toks []Token) func(p *ruleParser) *Stmt {
	if toks[0].Kind == Word && len(toks) > 1 && is(toks[1], "=") {
		return fastMacro
	}
	if toks[0].Kind != Keyword {
		return nil
	}
	if toks[0].Text == "no" {
		if len(toks) > 1 && noForms[toks[1].Text] {
			return fastProductions[toks[1].Text]
		}
		return nil
	}
	return fastProductions[toks[0].Text]
}

// noForms are the statements that `no` may start.
var noForms = map[string]bool{"scrub": true, "nat": true, "rdr": true, "binat": true}

// fastStatement parses a statement of a kind in fastProductions, or
// returns nil when the statement is of another kind or should go to
// participle.
func fastStatement(toks []Token, ptoks []plexer.Token, a *nodes) (st *Stmt) {
	prod := fastProduction(toks)
	if prod == nil {
		return nil
	}
	defer func() {
		// Any panic, ours or a delegated parser's, means: let participle
		// parse the statement, with its own recovery around it.
		if recover() != nil {
			st = nil
		}
	}()
	p := ruleParser{toks: ptoks, a: a}
	st = prod(&p)
	if !p.peek().EOF() {
		return nil
	}
	st.Pos = ptoks[0].Pos
	return st
}

func (p *ruleParser) decline() { panic(declined{}) }

// peek is the next token; past the end, the final EOF token.
func (p *ruleParser) peek() *plexer.Token {
	return &p.toks[min(p.i, len(p.toks)-1)]
}

func (p *ruleParser) next() *plexer.Token {
	t := p.peek()
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *ruleParser) pos() plexer.Position { return p.peek().Pos }

// is reports whether the next token matches the literal v, the way
// participle matches an untyped literal: by its text alone.
func (p *ruleParser) is(v string) bool { return p.peek().Value == v }

func (p *ruleParser) isAny(vs ...string) bool {
	t := p.peek().Value
	for _, v := range vs {
		if t == v {
			return true
		}
	}
	return false
}

// isType reports whether the next token is of one of the types, the way
// participle matches a token reference such as Word.
func (p *ruleParser) isType(ts ...plexer.TokenType) bool {
	t := p.peek().Type
	for _, tt := range ts {
		if t == tt {
			return true
		}
	}
	return false
}

func (p *ruleParser) accept(v string) bool {
	if p.is(v) {
		p.next()
		return true
	}
	return false
}

func (p *ruleParser) expect(v string) {
	if !p.accept(v) {
		p.decline()
	}
}

// str takes the next token as a Str if it is of one of the types.
func (p *ruleParser) str(ts ...plexer.TokenType) Str {
	if !p.isType(ts...) {
		p.decline()
	}
	return Str(p.next().Value)
}

func (p *ruleParser) strPtr(ts ...plexer.TokenType) *Str {
	s := take(&p.a.str)
	*s = p.str(ts...)
	return s
}

// number takes a Number token as participle captures it into an int:
// strconv.ParseInt with base 0.
func (p *ruleParser) number() int {
	if !p.isType(ptNumber) {
		p.decline()
	}
	n, err := strconv.ParseInt(p.next().Value, 0, strconv.IntSize)
	if err != nil {
		p.decline()
	}
	return int(n)
}

func (p *ruleParser) numberPtr() *int {
	n := take(&p.a.int)
	*n = p.number()
	return n
}

// delegate parses one production with participle from where p stands.
func delegate[T any](p *ruleParser, parser *participle.Parser[T]) *T {
	pl, err := plexer.Upgrade(&sliceLexer{toks: p.toks[p.i:]})
	if err != nil {
		p.decline()
	}
	v, err := parser.ParseFromLexer(pl, participle.AllowTrailing(true))
	if err != nil {
		p.decline()
	}
	p.i += pl.Cursor()
	return v
}

// list reads `{ item [,] … }`, one item at least, as participle's
// `"{" (@@ ","?)+ "}"` does.
func list[T any](p *ruleParser, open, close string, item func() T) []T {
	p.expect(open)
	var out []T
	for {
		out = append(out, item())
		p.accept(",")
		if p.accept(close) {
			return out
		}
	}
}

// optionalList reads `( item [,] … )`, possibly empty, as participle's
// `"(" (@@ ","?)* ")"` does.
func optionalList[T any](p *ruleParser, open, close string, item func() T) []T {
	p.expect(open)
	var out []T
	for !p.accept(close) {
		out = append(out, item())
		p.accept(",")
	}
	return out
}

// braced reads `{ item [,] … }` or a single item, as participle's
// `"{" (@@ ","?)+ "}" | @@` does.
func braced[T any](p *ruleParser, item func() T) []T {
	if p.is("{") {
		return list(p, "{", "}", item)
	}
	return []T{item()}
}
