package grammar

import (
	"reflect"
	"sync"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Most statements are told apart by their first word, so instead of letting
// participle try every alternative of Stmt in turn (each try copies its
// parse context), a statement is handed straight to the parser of its kind.
// This makes parsing several times faster on large rulesets. Statements
// whose first word names no kind go to the Stmt parser, which reports the
// syntax error in the usual way.

var parserOptions = []participle.Option{
	participle.Lexer(participleDefinition{}),
	participle.UseLookahead(parserLookahead),
}

// unionOptions are parserOptions with the union of a rule's options, for
// the productions that have them: participle builds every member of a
// union it is given, which is most of the time of building a parser (a
// queue definition's parser: 6.0 ms with it, 0.8 ms without).
var unionOptions = append(parserOptions[:len(parserOptions):len(parserOptions)], filterOpts)

// parserLookahead is how many tokens beyond the start of a choice
// participle reads an alternative before it stops trying the others. The
// fast path's try depends on it.
const parserLookahead = 64

// production parses one kind of statement and stores it in a Stmt.
type production func(pl *plexer.PeekingLexer) (*Stmt, error)

func productionFor[T any](set func(*Stmt, *T)) production {
	p := lazyParser[T]()
	return func(pl *plexer.PeekingLexer) (*Stmt, error) {
		v, err := p().ParseFromLexer(pl)
		if err != nil {
			return nil, err
		}
		st := &Stmt{}
		set(st, v)
		return st, nil
	}
}

// lazyParser builds a participle parser on first use. Building one takes
// milliseconds (a rule's grammar, with every option, about 10 ms), and
// with the fast path (fastpath.go) most runs need only a few of them:
// built at start-up, they made every run of pfshape 38 ms slower. A
// production without a rule's options is built without their union.
func lazyParser[T any]() func() *participle.Parser[T] {
	return sync.OnceValue(func() *participle.Parser[T] {
		if hasType(reflect.TypeFor[T](), reflect.TypeFor[FilterOpt](), map[reflect.Type]bool{}) {
			return participle.MustBuild[T](unionOptions...)
		}
		return participle.MustBuild[T](parserOptions...)
	})
}

// hasType reports whether a value of type t may hold a want: t is it, or
// one of t's fields, elements or pointees (transitively) is.
func hasType(t, want reflect.Type, seen map[reflect.Type]bool) bool {
	if t == want {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return hasType(t.Elem(), want, seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if hasType(t.Field(i).Type, want, seen) {
				return true
			}
		}
	}
	return false
}

var (
	stmtParser = lazyParser[Stmt]()

	parseInclude     = productionFor(func(s *Stmt, v *Include) { s.Include = v })
	parseMacro       = productionFor(func(s *Stmt, v *MacroDef) { s.Macro = v })
	parseTable       = productionFor(func(s *Stmt, v *TableDef) { s.Table = v })
	parseOption      = productionFor(func(s *Stmt, v *SetOption) { s.Option = v })
	parseLimiter     = productionFor(func(s *Stmt, v *LimiterDef) { s.Limiter = v })
	parseAltq        = productionFor(func(s *Stmt, v *Altq) { s.Altq = v })
	parseQueue       = productionFor(func(s *Stmt, v *QueueDef) { s.Queue = v })
	parseLoadAnchor  = productionFor(func(s *Stmt, v *LoadAnchor) { s.LoadAnchor = v })
	parseAnchor      = productionFor(func(s *Stmt, v *AnchorRule) { s.Anchor = v })
	parseAntispoof   = productionFor(func(s *Stmt, v *Antispoof) { s.Antispoof = v })
	parseScrub       = productionFor(func(s *Stmt, v *ScrubRule) { s.Scrub = v })
	parseTranslation = productionFor(func(s *Stmt, v *NatRule) { s.Translation = v })
	parseEther       = productionFor(func(s *Stmt, v *EtherRule) { s.Ether = v })
	parseRule        = productionFor(func(s *Stmt, v *FilterRule) { s.Rule = v })
)

// productionByKeyword maps a statement's first keyword to its parser.
var productionByKeyword = map[string]production{
	"include": parseInclude, "table": parseTable, "set": parseOption,
	"altq": parseAltq, "queue": parseQueue, "oldqueue": parseQueue,
	"load": parseLoadAnchor, "anchor": parseAnchor, "nat-anchor": parseAnchor,
	"rdr-anchor": parseAnchor, "binat-anchor": parseAnchor, "antispoof": parseAntispoof,
	"scrub": parseScrub, "nat": parseTranslation, "rdr": parseTranslation,
	"binat": parseTranslation, "ether": parseEther,
	"pass": parseRule, "block": parseRule, "match": parseRule,
}

// chooseProduction picks the parser for a statement from its first
// tokens, and names it: statements of one name are read by one parser.
func chooseProduction(toks Tokens) (string, production) {
	first := toks.At(0)
	if first.Kind == Keyword {
		switch first.Text {
		case "state", "source":
			return "limiter", parseLimiter
		case "no":
			if toks.Len() > 1 && toks.Text(1) == "scrub" {
				return "no scrub", parseScrub
			}
			return "no", parseTranslation
		}
		if p, ok := productionByKeyword[first.Text]; ok {
			return first.Text, p
		}
	}
	if first.Kind == Word && toks.Len() > 1 && toks.Kind(1) == Punct && toks.Text(1) == "=" {
		return "macro", parseMacro
	}
	return "", func(pl *plexer.PeekingLexer) (*Stmt, error) { return stmtParser().ParseFromLexer(pl) }
}
