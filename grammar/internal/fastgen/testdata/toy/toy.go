// Package toy is a small grammar for fastgen's tests: one production it
// compiles and some it leaves to participle.
package toy

import plexer "github.com/alecthomas/participle/v2/lexer"

const (
	ptWord plexer.TokenType = -2 - iota
	ptPunct
)

var symbols = map[string]plexer.TokenType{"Word": ptWord, "Punct": ptPunct}

type slab[T any] struct{ free []T }

type nodes struct {
	good slab[Good]
}

type Name string

type Root struct {
	Pos    plexer.Position
	Good   *Good  `parser:"  @@"`
	Neg    *Neg   `parser:"| @@"`
	Null   *Null  `parser:"| @@"`
	Union  *Union `parser:"| @@"`
	Custom *Wrap  `parser:"| @@"`
	Toks   *Toks  `parser:"| @@"`
}

// Union holds an interface, which participle reads as a union.
type Union struct {
	V Value `parser:"\"union\" @@"`
}

// Value is not registered with participle.Union here: the generator does
// not know its members (testdata/union has unions that are).
type Value interface{ value() }

// Wrap holds a type that reads itself.
type Wrap struct {
	C *Custom `parser:"\"custom\" @@"`
}

// Custom reads itself.
type Custom struct {
	V string
}

func (c *Custom) Parse(*plexer.PeekingLexer) error { return nil }

// Toks keeps the tokens it matched.
type Toks struct {
	Tokens []plexer.Token
	V      Upper `parser:"\"toks\" @Word"`
}

// Upper captures itself.
type Upper string

func (u *Upper) Capture(v []string) error { *u = Upper(v[0]); return nil }

// Off is the toy's compact node position (Config.Offset).
type Off int32

type Good struct {
	Pos    Off
	EndPos Off
	Name   Name   `parser:"\"good\" @Word"`
	Opt    bool   `parser:"@\"x\"?"`
	Words  []Name `parser:"( \"(\" ( @Word \",\"? )+ \")\" )?"`
	Mode   string `parser:"@( \"no\"? \"y\" )?"`
}

type Neg struct {
	V string `parser:"\"neg\" @!\"y\""`
}

type Null struct {
	Items []*Maybe `parser:"\"null\" @@*"`
}

type Maybe struct {
	V *Name `parser:"@Word?"`
}
