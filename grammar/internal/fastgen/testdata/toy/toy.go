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
	Pos  plexer.Position
	Good *Good `parser:"  @@"`
	Neg  *Neg  `parser:"| @@"`
	Null *Null `parser:"| @@"`
}

type Good struct {
	Name  Name   `parser:"\"good\" @Word"`
	Opt   bool   `parser:"@\"x\"?"`
	Words []Name `parser:"( \"(\" ( @Word \",\"? )+ \")\" )?"`
	Mode  string `parser:"@( \"no\"? \"y\" )?"`
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
