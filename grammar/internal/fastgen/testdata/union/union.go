// Package union is a small grammar for fastgen's tests of unions
// (participle.Union): one it compiles and one it leaves to participle.
package union

import (
	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

const ptWord plexer.TokenType = -2

var symbols = map[string]plexer.TokenType{"Word": ptWord}

type slab[T any] struct{ free []T }

type nodes struct {
	circle slab[Circle]
}

type Name string

type Root struct {
	Shapes []Shape `parser:"  \"shapes\" (@@ \",\"?)+"`
	Flat   Flat    `parser:"| \"flat\" @@"`
}

// Shape is compiled: a switch on the next token, and where two members
// start alike (pair), each tried in participle's order.
type Shape interface{ shape() }

var options = []participle.Option{
	participle.Union[Shape](&Circle{}, &Square{}, &Pair{}, &One{}),
	participle.Union[Flat](FlatA{}, &FlatB{}),
}

type Pos struct {
	Pos    plexer.Position
	EndPos plexer.Position
}

func (*Pos) shape() {}

type Circle struct {
	Pos
	R Name `parser:"\"circle\" @Word"`
}

type Square struct {
	Pos
	Side Name `parser:"( \"square\" | \"box\" ) @Word"`
}

type Pair struct {
	Pos
	A Name `parser:"\"pair\" @Word"`
	B Name `parser:"@Word"`
}

type One struct {
	Pos
	A Name `parser:"\"pair\" @Word"`
}

// Flat is left to participle: a member given as a struct, not a pointer.
type Flat interface{ flat() }

type FlatA struct {
	V Name `parser:"\"a\" @Word"`
}

func (FlatA) flat() {}

type FlatB struct {
	V Name `parser:"\"b\" @Word"`
}

func (*FlatB) flat() {}
