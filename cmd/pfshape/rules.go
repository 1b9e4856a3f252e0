package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/lint"
)

const rulesUsage = `usage: pfshape rules [--format text|json]
Lists the lint rules: ID, default severity, name and what each finds.
pfshape explain ID prints a rule's explanation and examples.
`

// ruleJSON is one rule in pfshape rules --format json.
type ruleJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Doc      string `json:"doc"`
	Bad      string `json:"bad"`
	Good     string `json:"good"`
	Target   string `json:"target"`
	Fixable  bool   `json:"fixable"`
}

func runRules(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, rulesUsage, "\nflags:\n", fs.FlagUsages()) }
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape rules: %v\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pfshape rules: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	switch *format {
	case "text":
		for _, r := range lint.All() {
			fix := ""
			if r.Fixable {
				fix = " (fix)"
			}
			fmt.Fprintf(stdout, "%s  %-7s  %-22s  %s%s\n", r.ID, r.Severity, r.Name, r.Summary, fix)
		}
	case "json":
		var out []ruleJSON
		for _, r := range lint.All() {
			out = append(out, ruleJSON{ID: r.ID, Name: r.Name, Severity: r.Severity.String(), Summary: r.Summary,
				Doc: r.Doc, Bad: r.Bad, Good: r.Good, Target: r.ExampleTarget().String(), Fixable: r.Fixable})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "pfshape rules: unknown format %q: want text or json\n", *format)
		return exitUsage
	}
	return exitOK
}
