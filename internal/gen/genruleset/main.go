// Command genruleset writes a generated ruleset (internal/gen) to standard
// output, for measuring whole pfshape runs (scripts/bench -p):
//
//	go run ./internal/gen/genruleset LINES [TARGET]
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: genruleset LINES [TARGET]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "genruleset: %q is not a number of lines\n", os.Args[1])
		os.Exit(2)
	}
	name := "openbsd"
	if len(os.Args) == 3 {
		name = os.Args[2]
	}
	tg, err := target.Parse(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genruleset: %v\n", err)
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(gen.Ruleset(n, tg)); err != nil {
		fmt.Fprintf(os.Stderr, "genruleset: %v\n", err)
		os.Exit(2)
	}
}
