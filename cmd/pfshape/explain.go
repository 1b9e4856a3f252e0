package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pfshape/pfshape/lint"
)

const explainUsage = `usage: pfshape explain ID
Prints what a lint rule finds, why it matters, and a bad and a good example
(ID or name: PF102, undefined-queue).
`

func runExplain(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stderr, explainUsage)
		return exitOK
	}
	if len(args) != 1 {
		fmt.Fprint(stderr, "pfshape explain: name one rule\n", explainUsage)
		return exitUsage
	}
	r := lint.Lookup(args[0])
	if r == nil {
		fmt.Fprintf(stderr, "pfshape explain: unknown rule %q (pfshape rules lists them)\n", args[0])
		return exitUsage
	}
	fix := ""
	if r.Fixable {
		fix = "; pfshape lint --fix fixes it"
	}
	fmt.Fprintf(stdout, "%s %s (%s%s)\n\n%s.\n\n%s\n\n", r.ID, r.Name, r.Severity, fix, r.Summary, r.Doc)
	fmt.Fprintf(stdout, "Bad (%s):\n\n%s\nGood:\n\n%s", r.ExampleTarget(), indent(r.Bad), indent(r.Good))
	return exitOK
}

func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString("    " + l)
		}
	}
	return b.String()
}
