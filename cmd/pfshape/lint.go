package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/report"
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
over the original) and reports what is left; --diff prints the fixes as a
unified diff instead of the findings.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O
error.
`

type lintFlags struct {
	commonFlags
	format      string
	sel, ignore []string
	failOn      string
	fix, diff   bool
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("lint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, lintUsage, "\nflags:\n", fs.FlagUsages()) }
	var lf lintFlags
	lf.register(fs)
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringSliceVar(&lf.sel, "select", nil, "run only these rules (IDs or names, comma-separated)")
	fs.StringSliceVar(&lf.ignore, "ignore", nil, "do not run these rules (IDs or names, comma-separated)")
	fs.StringVar(&lf.failOn, "fail-on", "warning", "lowest severity that makes the exit status 1: error, warning, info, or none")
	fs.BoolVar(&lf.fix, "fix", false, "apply the fixes to the files")
	fs.BoolVar(&lf.diff, "diff", false, "print the fixes as a unified diff")
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
	t, defs, err := lf.parsed()
	if err != nil {
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
	if fs.NArg() == 0 {
		return usageErr("no files named (use - for standard input)")
	}
	status := exitOK
	var all []lint.Diagnostic
	for _, name := range fs.Args() {
		if name == "-" && lf.fix {
			return usageErr("--fix cannot rewrite standard input (use --diff)")
		}
		src, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "pfshape lint: %v\n", err)
			status = exitUsage
			continue
		}
		cfg := lint.Config{Target: t, Defines: defs, Rules: rules, IncludeRoot: lf.rootFor(name)}
		res := lint.Lint(displayName(name), src, cfg)
		diags := res.Diagnostics
		if lf.fix || lf.diff {
			outputs, fixed := applyFixes(res)
			var files []safewrite.File
			for _, n := range sortedKeys(outputs) {
				old := res.Sources[n].Bytes
				if lf.diff {
					fmt.Fprint(stdout, edit.Unified("a/"+filepath.ToSlash(n), "b/"+filepath.ToSlash(n), old, outputs[n]))
					continue
				}
				files = append(files, safewrite.File{Path: n, Old: old, Data: outputs[n]})
			}
			if len(files) > 0 && !commit("lint", files, stderr) {
				status = exitUsage
				fixed = nil
			}
			if lf.fix {
				diags = remaining(res, fixed)
			}
		}
		all = append(all, diags...)
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

// applyFixes applies every finding's first fix whose edits do not overlap
// edits already taken, and returns the new bytes of the files that change
// and the findings fixed.
func applyFixes(res *lint.Result) (map[string][]byte, map[int]bool) {
	edits := map[string][]edit.Edit{}
	fixed := map[int]bool{}
	for i, d := range res.Diagnostics {
		if len(d.Fixes) == 0 {
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
		fixed[i] = true
	}
	out := map[string][]byte{}
	for name, es := range edits {
		b, err := edit.Apply(res.Sources[name].Bytes, es)
		if err != nil {
			continue // cannot happen: overlaps were refused above
		}
		out[name] = b
	}
	return out, fixed
}

func overlaps(es []edit.Edit, e edit.Edit) bool {
	for _, o := range es {
		if e.Start < o.End && o.Start < e.End || (e.Start == e.End && e.Start == o.Start) || (o.Start == o.End && o.Start == e.Start) {
			return true
		}
	}
	return false
}

// remaining are the findings left after the fixes: not fixed, and not on
// text that an applied edit replaced (the translation removes every ALTQ
// line that the other ALTQ findings point at).
func remaining(res *lint.Result, fixed map[int]bool) []lint.Diagnostic {
	var out []lint.Diagnostic
	for i, d := range res.Diagnostics {
		if fixed[i] || replaced(res, fixed, d.Range.Start) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func replaced(res *lint.Result, fixed map[int]bool, at grammar.Position) bool {
	for i := range fixed {
		for _, e := range res.Diagnostics[i].Fixes[0].Edits {
			if e.Range.Start.File == at.File && e.Start <= at.Offset && at.Offset < e.End {
				return true
			}
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
