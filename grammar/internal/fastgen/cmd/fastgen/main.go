// Command fastgen writes the grammar package's fast parser (see package
// fastgen). `go generate ./grammar` runs it in the grammar directory.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pfshape/pfshape/grammar/internal/fastgen"
)

func main() {
	c := fastgen.DefaultConfig(".")
	flag.StringVar(&c.Out, "o", c.Out, "the generated file")
	flag.Parse()
	src, err := fastgen.Generate(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fastgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(c.Out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "fastgen:", err)
		os.Exit(1)
	}
}
