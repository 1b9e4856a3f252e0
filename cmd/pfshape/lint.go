package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/report"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/safewrite"
	"github.com/pfshape/pfshape/lint"
)

const lintUsage = `usage: pfshape lint [--target T] [-D name=value] [--format F] [--select IDs] [--ignore IDs]
                    [--fail-on SEV] [--fix | --diff] FILE... | -
Reads each ruleset as pfctl does on the target release and reports what is
wrong with it: syntax and load-time errors, and the mistakes pfctl lets
through (a misspelt queue, a bandwidth that wraps at 32 bits, an ACK queue
ranked below its data queue, a statement the target cannot load). pfshape
rules lists the checks, pfshape explain ID explains one.

Findings are silenced with # pfshape:ignore ID[,ID] at the end of a line or
alone on the line before it, and # pfshape:ignore-file ID anywhere.

--fix rewrites the files with the fixes (safely: a temporary file renamed
over the original) and reports what the fixed files still have, read
again as a whole; --diff prints the fixes as a unified diff instead of the
findings. Fixes that guess what was meant (a misspelt queue or macro
renamed to the nearest defined one, a queue made the default) change what
the ruleset does if the guess is wrong: they are applied only with
--unsafe-fixes (the editor offers them one by one).

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O
error.
`

type lintFlags struct {
	commonFlags
	format      string
	sel, ignore []string
	failOn      string
	fix, diff   bool
	unsafe      bool
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("lint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, lintUsage, "\nflags:\n", fs.FlagUsages()) }
	var lf lintFlags
	lf.register(fs)
	lf.registerFrom(fs, "release the file was written for (default: the target, or, for a file that uses ALTQ on a target without it, the ALTQ release it parses for)")
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringSliceVar(&lf.sel, "select", nil, "run only these rules (IDs or names, comma-separated)")
	fs.StringSliceVar(&lf.ignore, "ignore", nil, "do not run these rules (IDs or names, comma-separated)")
	fs.StringVar(&lf.failOn, "fail-on", "warning", "lowest severity that makes the exit status 1: error, warning, info, or none")
	fs.BoolVar(&lf.fix, "fix", false, "apply the fixes to the files")
	fs.BoolVar(&lf.diff, "diff", false, "print the fixes as a unified diff")
	fs.BoolVar(&lf.unsafe, "unsafe-fixes", false, "with --fix or --diff, also apply the fixes that guess what was meant (a misspelt queue or macro, the default queue)")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape lint: %v (see pfshape lint --help)\n", err)
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "pfshape lint: "+format+"\n", a...)
		return exitUsage
	}
	if err := lf.parse(); err != nil {
		return usageErr("%v", err)
	}
	rules, err := lint.Select(lf.sel, lf.ignore)
	if err != nil {
		return usageErr("%v", err)
	}
	failOn := lint.SeverityDefault // none
	if lf.failOn != "none" {
		if failOn, err = lint.ParseSeverity(lf.failOn); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	if err := report.Write(io.Discard, lf.format, nil, report.Options{}); err != nil {
		return usageErr("--format: %v", err)
	}
	if lf.fix && lf.diff {
		return usageErr("--fix and --diff exclude each other")
	}
	if lf.unsafe && !lf.fix && !lf.diff {
		return usageErr("--unsafe-fixes goes with --fix or --diff")
	}
	if fs.NArg() == 0 {
		return usageErr("no files named (use - for standard input)")
	}
	names := fs.Args()
	for _, name := range names {
		if name == "-" && lf.fix {
			return usageErr("--fix cannot rewrite standard input (use --diff)")
		}
	}
	reserveHeap(names, stdin)
	// Files are linted in parallel and reported in the order named. With
	// --fix they are linted one after the other: two rulesets may include
	// the same file, and the second must read what the first wrote.
	results := make([]lintedFile, len(names))
	each := forEachParallel
	if lf.fix {
		each = forEachInOrder
	}
	each(len(names), func(i int) { results[i] = lf.lintFile(names[i], stdin, rules) })
	status := exitOK
	var all []lint.Diagnostic
	for _, r := range results {
		stdout.Write(r.out.Bytes())
		stderr.Write(r.errs.Bytes())
		if r.failed {
			status = exitUsage
		}
		all = append(all, r.diags...)
	}
	if !lf.diff {
		wd, _ := os.Getwd()
		if err := report.Write(stdout, lf.format, all, report.Options{BaseDir: wd, Version: versionString()}); err != nil {
			fmt.Fprintf(stderr, "pfshape lint: %v\n", err)
			return exitUsage
		}
	}
	if status == exitOK && failOn != lint.SeverityDefault {
		for _, d := range all {
			if d.Severity.AtLeast(failOn) {
				status = exitFindings
				break
			}
		}
	}
	return status
}

// lintedFile is what linting one file gave: its findings (after the
// fixes, with --fix), the diff or messages it printed, and whether it
// failed (an I/O error).
type lintedFile struct {
	diags     []lint.Diagnostic
	out, errs bytes.Buffer
	failed    bool
}

// lintFile lints one file named on the command line, and fixes it when
// asked.
func (lf *lintFlags) lintFile(name string, stdin io.Reader, rules []*lint.Rule) (r lintedFile) {
	rs, err := lf.loadForEngine(name, stdin, ruleset.InferForALTQ, lint.UsesEngine(rules))
	if err != nil {
		fmt.Fprintf(&r.errs, "pfshape lint: %v\n", err)
		r.failed = true
		return r
	}
	res := lint.Run(rs, rules)
	r.diags = res.Diagnostics
	if !lf.fix && !lf.diff {
		return r
	}
	outputs := applyFixes(res, lf.unsafe)
	if len(outputs) > 0 && lf.fix {
		// The fixes are verified as translate verifies its output: what
		// is reported is what the fixed files still have, read again as
		// a whole (a fix can uncover an error the old release did not
		// check).
		r.diags = lint.Run(rs.Reload(outputs), rules).Diagnostics
	}
	var files []safewrite.File
	for _, n := range sortedKeys(outputs) {
		old := res.Sources[n].Bytes
		if lf.diff {
			fmt.Fprint(&r.out, edit.Unified("a/"+diffPath(n), "b/"+diffPath(n), old, outputs[n]))
			continue
		}
		files = append(files, safewrite.File{Path: n, Old: old, Data: outputs[n]})
	}
	// All of a ruleset's files are written, or none (safewrite.Commit).
	if !commit("lint", files, &r.errs) {
		r.failed = true
		r.diags = res.Diagnostics
	}
	return r
}

// applyFixes applies every finding's first fix whose edits do not overlap
// edits already taken (unsafe ones only when asked), and returns the new
// bytes of the files that change.
func applyFixes(res *lint.Result, unsafe bool) map[string][]byte {
	edits := map[string][]edit.Edit{}
	for _, d := range res.Diagnostics {
		if len(d.Fixes) == 0 || (d.Fixes[0].Unsafe && !unsafe) {
			continue
		}
		f := d.Fixes[0]
		ok := true
		for _, e := range f.Edits {
			if res.Sources[e.Range.Start.File] == nil || overlaps(edits[e.Range.Start.File], e.Edit) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, e := range f.Edits {
			edits[e.Range.Start.File] = append(edits[e.Range.Start.File], e.Edit)
		}
	}
	out := map[string][]byte{}
	for name, es := range edits {
		b, err := edit.Apply(res.Sources[name].Bytes, es)
		if err != nil {
			continue // cannot happen: overlaps were refused above
		}
		out[name] = b
	}
	return out
}

func overlaps(es []edit.Edit, e edit.Edit) bool {
	for _, o := range es {
		if e.Start < o.End && o.Start < e.End || (e.Start == e.End && e.Start == o.Start) || (o.Start == o.End && o.Start == e.Start) {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// versionString is pfshape's version as the version command prints it.
func versionString() string {
	var b strings.Builder
	runVersion(nil, nil, &b, nil)
	return strings.TrimSpace(strings.TrimPrefix(b.String(), "pfshape "))
}
