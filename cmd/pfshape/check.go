package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/ruleset"
)

const checkUsage = `usage: pfshape check [--target T] [-D name=value] FILE... | -

Reads each ruleset as pfctl -nf would on the target release and reports
syntax errors and the load-time errors that need no machine state, as
file:line:col: error: message. Included files are read relative to the
including file's folder, and only inside the include root (the folder of
the file named, or --include-root): an include outside it is an error and
the file is not read. So are the files load anchor names.

Exit status: 0 every file is valid, 1 errors were found, 2 usage or I/O error.
`

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("check", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, checkUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape check: %v (see pfshape check --help)\n", err)
		return exitUsage
	}
	if err := cf.parse(); err != nil {
		fmt.Fprintf(stderr, "pfshape check: %v\n", err)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "pfshape check: no files named (use - for standard input)\n")
		return exitUsage
	}
	reserveHeap(fs.Args(), stdin)
	status := exitOK
	for _, name := range fs.Args() {
		rs, err := cf.load(name, stdin, ruleset.ReadAsTarget)
		if err != nil {
			fmt.Fprintf(stderr, "pfshape check: %v\n", err)
			status = exitUsage
			continue
		}
		// A file's errors go out in one write: a ruleset written for
		// ALTQ, checked for a release without it, has one for each ALTQ
		// statement, and each write is a system call (28,484 for 100k
		// lines).
		errs := rs.Errors()
		var out bytes.Buffer
		for _, e := range errs {
			fmt.Fprintln(&out, relative(e.Error()))
		}
		stdout.Write(out.Bytes())
		if len(errs) > 0 && status == exitOK {
			status = exitFindings
		}
	}
	return status
}
