package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/shapediff"
	"github.com/pfshape/pfshape/internal/target"
)

const diffUsage = `usage: pfshape diff [--target T] [--from R] [--format text|json] OLD NEW

Says what changed in the traffic shaping between two versions of a
ruleset: ALTQ interfaces and queues added or removed, schedulers,
priorities, bandwidths resolved to bit/s (a percentage of a changed
interface speed counts), qlimit, flags and curves, the queues that replaced
ALTQ, and rules whose class (queue or priority) changed. Rules are paired
by their text without their class options. Either file may be - for
standard input.

Exit status: 0 no shaping change, 1 changes, 2 usage, parse or I/O error.
`

func runDiff(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("diff", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, diffUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	from := fs.String("from", "", "release both files were written for (default: inferred from each file)")
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape diff: %v (see pfshape diff --help)\n", err)
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "pfshape diff: "+format+"\n", a...)
		return exitUsage
	}
	t, defs, err := cf.parsed()
	if err != nil {
		return usageErr("%v", err)
	}
	if *format != "text" && *format != "json" {
		return usageErr("--format %s: want text or json", *format)
	}
	if fs.NArg() != 2 {
		return usageErr("want two files, OLD and NEW")
	}
	var fromT *target.Target
	if *from != "" {
		ft, err := target.Parse(*from)
		if err != nil {
			return usageErr("--from: %v", err)
		}
		fromT = &ft
	}
	var models [2]*model.Model
	for i, name := range fs.Args() {
		src, err := readInput(name, stdin)
		if err != nil {
			return usageErr("%v", err)
		}
		f, ok := readAs("diff", displayName(name), src, t, fromT, defs, cf.rootFor(name), stderr)
		if !ok {
			return exitUsage
		}
		m, _ := model.Build(f)
		if errs := m.Check(f.Target); len(errs) > 0 {
			fmt.Fprintf(stderr, "pfshape diff: %s does not load on %s:\n%v\n", displayName(name), f.Target, errs)
			return exitUsage
		}
		models[i] = m
	}
	changes := shapediff.Diff(models[0], models[1])
	if *format == "json" {
		if changes == nil {
			changes = []shapediff.Change{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"changes": changes}); err != nil {
			return usageErr("%v", err)
		}
	} else {
		for _, c := range changes {
			fmt.Fprintln(stdout, c)
		}
	}
	if len(changes) > 0 {
		return exitFindings
	}
	return exitOK
}
