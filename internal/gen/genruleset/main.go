// Command genruleset writes a generated ruleset (internal/gen) to standard
// output, for measuring whole pfshape runs (scripts/bench -p):
//
//	go run ./internal/gen/genruleset LINES [TARGET [SHAPE]]
//
// SHAPE is mixed (the default), shaping, tables, lists or anchors
// (gen.Shape).
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 4 {
		fmt.Fprintln(os.Stderr, "usage: genruleset LINES [TARGET [SHAPE]]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "genruleset: %q is not a number of lines\n", os.Args[1])
		os.Exit(2)
	}
	name := "openbsd"
	if len(os.Args) >= 3 {
		name = os.Args[2]
	}
	shape := gen.Mixed
	if len(os.Args) == 4 {
		var err error
		if shape, err = gen.ParseShape(os.Args[3]); err != nil {
			fmt.Fprintf(os.Stderr, "genruleset: %v\n", err)
			os.Exit(2)
		}
	}
	tg, err := target.Parse(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genruleset: %v\n", err)
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(gen.RulesetShape(n, tg, shape)); err != nil {
		fmt.Fprintf(os.Stderr, "genruleset: %v\n", err)
		os.Exit(2)
	}
}
