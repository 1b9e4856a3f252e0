package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/printer"
	"github.com/pfshape/pfshape/internal/ruleset"
)

const printUsage = `usage: pfshape print [--target T] [-D name=value] [-v] FILE... | -

Prints the ruleset as pfctl -nv prints it on the target release: macros as
name = "value", tables, set options, ALTQ and queue definitions with their
resolved bandwidths, then the rules, one line per expanded rule, in
pfctl's spelling and order, with the defaults pfctl applies made explicit
(flags S/SA on stateful pass rules, …). -v once more prints as pfctl -nvv
does (rule numbers, skip steps, ALTQ queue ids).

Where pfctl asks the loading machine (an interface's addresses, its MTU,
user and group ids, service and protocol names), pfshape assumes the
machine of pfctl's regression suites: lo0 with ::1, fe80::1%lo0 and
127.0.0.1; other interfaces without addresses; MTU 32768 on loopbacks and
1500 elsewhere; the base system's users, groups, services and protocols.
A host name it cannot resolve is printed as written.

Exit status: 0 printed, 1 the file has errors (printed as check prints
them), 2 usage or I/O error.
`

func runPrint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("print", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, printUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	verbose := fs.CountP("verbose", "v", "print as pfctl -nvv does (give -v once)")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape print: %v (see pfshape print --help)\n", err)
		return exitUsage
	}
	if err := cf.parse(); err != nil {
		fmt.Fprintf(stderr, "pfshape print: %v\n", err)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "pfshape print: no files named (use - for standard input)\n")
		return exitUsage
	}
	reserveHeap(fs.Args(), stdin)
	status := exitOK
	for _, name := range fs.Args() {
		rs, err := cf.load(name, stdin, ruleset.ReadAsTarget)
		if err != nil {
			fmt.Fprintf(stderr, "pfshape print: %v\n", err)
			status = exitUsage
			continue
		}
		errs := rs.Errors()
		var out strings.Builder
		if len(errs) == 0 {
			perr := printer.Print(&out, rs, printer.Options{Verbose2: *verbose > 0})
			if !errors.As(perr, &errs) && perr != nil {
				fmt.Fprintf(stderr, "pfshape print: %v\n", perr)
				status = exitUsage
				continue
			}
		}
		if len(errs) > 0 {
			for _, e := range errs {
				fmt.Fprintln(stdout, relative(e.Error()))
			}
			if status == exitOK {
				status = exitFindings
			}
			continue
		}
		if len(fs.Args()) > 1 {
			fmt.Fprintf(stdout, "# %s\n", rs.Name)
		}
		if _, err := io.WriteString(stdout, out.String()); err != nil {
			fmt.Fprintf(stderr, "pfshape print: %v\n", err)
			return exitUsage
		}
	}
	return status
}
