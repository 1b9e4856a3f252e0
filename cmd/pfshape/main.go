// Command pfshape reads pf.conf the way pfctl does: it checks rulesets for
// any OpenBSD or FreeBSD release, lints them for what pfctl misses,
// translates ALTQ queueing to set prio and OpenBSD's queues as diffs that
// review tools accept, compares the shaping of two rulesets, prints them
// as pfctl -nv does, and serves editors as a language server.
//
// PFSHAPE_CPUPROFILE=FILE writes a CPU profile of the run.
//
// Exit status: 0 clean, 1 findings (syntax errors included), 2 usage or
// I/O errors, 3 a translation that left something behind.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pfshape/pfshape/internal/termsafe"
)

// Exit statuses shared by every command.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "report syntax and load-time errors, as pfctl -nf does", runCheck},
		{"translate", "translate ALTQ queueing to set prio for OpenBSD 5.6 and later", runTranslate},
		{"print", "print the ruleset as pfctl -nv does", runPrint},
		{"lint", "report mistakes pfctl misses, in text, json, sarif, github, rdjsonl or checkstyle", runLint},
		{"rules", "list the lint rules", runRules},
		{"explain", "explain a lint rule, with a bad and a good example", runExplain},
		{"queues", "draw the queue trees: text, json, dot or svg, with --to what each queue becomes", runQueues},
		{"diff", "say what changed in the shaping between two versions of a ruleset", runDiff},
		{"trace", "say what the ruleset does with a packet: the rules that match, the one that decides, the outcome", runTrace},
		{"lsp", "run the language server for editors (LSP over standard input and output)", runLSP},
		{"version", "print pfshape's version", runVersion},
	}
}

func main() {
	os.Exit(profiled(os.Stderr, func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }))
}

// rawStdout are the commands whose standard output is data, not
// messages: translate writes the translated ruleset (or a diff of it) as
// the file's own bytes, lint escapes each of its formats itself (the
// github format's lines are workflow commands), and lsp speaks JSON-RPC.
// Everything else a command writes goes through termsafe, so that names
// from a ruleset cannot speak to the terminal or the CI runner.
var rawStdout = map[string]bool{"translate": true, "lint": true, "lsp": true}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	safeErr := termsafe.NewWriter(stderr)
	defer safeErr.Flush()
	stderr = safeErr
	if len(args) == 0 || !rawStdout[args[0]] {
		safeOut := termsafe.NewWriter(stdout)
		defer safeOut.Flush()
		stdout = safeOut
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage(stdout)
		return exitOK
	case "--version":
		return runVersion(nil, stdin, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			tuneGC(c.name)
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "pfshape: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: pfshape COMMAND [flags] FILE... (- reads standard input)")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'pfshape COMMAND --help' for a command's flags.")
}
