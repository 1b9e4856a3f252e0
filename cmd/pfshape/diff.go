package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/shapediff"
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
	cf.registerFrom(fs, "release both files were written for (default: inferred from each file)")
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
	if err := cf.parse(); err != nil {
		return usageErr("%v", err)
	}
	if *format != "text" && *format != "json" {
		return usageErr("--format %s: want text or json", *format)
	}
	if fs.NArg() != 2 {
		return usageErr("want two files, OLD and NEW")
	}
	var rss [2]*ruleset.Ruleset
	for i, name := range fs.Args() {
		rs, ok := loadForTranslation("diff", name, stdin, &cf, stderr)
		if !ok {
			return exitUsage
		}
		rss[i] = rs
	}
	changes := shapediff.Diff(rss[0].Model, rss[1].Model)
	if rss[0].ReadAs != rss[1].ReadAs {
		fmt.Fprintf(stderr, "pfshape diff: %s is read as %s and %s as %s: each is evaluated as pf on its own release, so verdicts that differ between the releases count as changes\n",
			relative(rss[0].Name), rss[0].ReadAs, relative(rss[1].Name), rss[1].ReadAs)
	}
	verdicts, uncompared, err := verdictDiff(rss[0], rss[1])
	if err != nil {
		fmt.Fprintf(stderr, "pfshape diff: %v\n", err)
		return exitUsage
	}
	if *format == "json" {
		if changes == nil {
			changes = []shapediff.Change{}
		}
		if uncompared == nil {
			uncompared = []uncomparedPart{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		doc := map[string]any{"changes": changes, "verdicts": verdicts, "uncompared": uncompared,
			"read_as": map[string]string{"old": rss[0].ReadAs.String(), "new": rss[1].ReadAs.String()}}
		if err := enc.Encode(doc); err != nil {
			return usageErr("%v", err)
		}
	} else {
		for _, c := range changes {
			fmt.Fprintln(stdout, c)
		}
		for _, v := range verdicts {
			fmt.Fprintln(stdout, v.line)
		}
		for _, u := range uncompared {
			fmt.Fprintf(stdout, "not compared: %s (%s)\n", u.Class, u.Reason)
		}
	}
	if len(changes) > 0 || len(verdicts) > 0 || len(uncompared) > 0 {
		return exitFindings
	}
	return exitOK
}
