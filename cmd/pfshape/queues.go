package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/queueview"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/translate"
)

const queuesUsage = `usage: pfshape queues [--target T] [--from R] [--ifspeed IF=BW]...
                      [--format text|json|dot|svg] [--to prio|queues|both] FILE | -

Draws the queue trees of a ruleset, as pfctl -vsq shows them on a live
machine, from the file alone: per interface, which queue hangs under which,
each queue's scheduler, priority, bandwidth as written and resolved to
bit/s the way pfctl resolves it (30% → 3 Mbit/s: of the parent, in
integers, division first), HFSC curves in words, qlimit, flags, how many
rules assign it (data and ACK apart) and on which lines, and lint's
findings on its line. ALTQ trees and OpenBSD's queues (5.5 and later) are
both drawn.

--to prio|queues|both adds what each ALTQ queue becomes in pfshape
translate (the set prio value, or the new queue's line) and what is lost.

--format: text (the default; colour on a terminal unless NO_COLOR is set),
json (the trees as data), dot (Graphviz), svg (a picture, drawn by pfshape).

An altq line without an absolute bandwidth takes the interface's speed
from the kernel: give it with --ifspeed IF=BW (units K, M, G) to resolve
its percentages.

Exit status: 0 done; 2 usage, parse or I/O error.
`

func runQueues(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("queues", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, queuesUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	cf.registerFrom(fs, "release the file was written for (default: inferred from the file)")
	to := fs.String("to", "", "show what each queue becomes when translated: prio, queues or both")
	format := fs.String("format", "text", "output format: text, json, dot or svg")
	ifspeed := fs.StringArray("ifspeed", nil, "IF=BW: the speed of an interface whose altq line gives no absolute bandwidth (repeatable; units K, M, G)")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape queues: %v (see pfshape queues --help)\n", err)
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "pfshape queues: "+format+"\n", a...)
		return exitUsage
	}
	if err := cf.parse(); err != nil {
		return usageErr("%v", err)
	}
	t := cf.t
	var err error
	switch *format {
	case "text", "json", "dot", "svg":
	default:
		return usageErr("--format %s: want text, json, dot or svg", *format)
	}
	var mode translate.Mode
	if *to != "" {
		if mode, err = translate.ParseMode(*to); err != nil {
			return usageErr("--to: %v", err)
		}
		if mode != translate.ToPrio && !t.HasNewQueues() {
			return usageErr("--to %s: %s has no queues of its own (OpenBSD 5.5 and later have): use --to prio or another --target", mode, t)
		}
	}
	speeds := map[string]uint64{}
	for _, v := range *ifspeed {
		name, bits, err := translate.ParseIfSpeed(v)
		if err != nil {
			return usageErr("%v", err)
		}
		speeds[name] = bits
	}
	if fs.NArg() != 1 {
		return usageErr("want one file (use - for standard input)")
	}
	reserveHeap(fs.Args(), stdin)
	rs, ok := loadForTranslation("queues", fs.Arg(0), stdin, &cf, false, stderr)
	if !ok {
		return exitUsage
	}
	v, ok := queuesView(rs, queueview.Options{Target: t, To: mode, IfSpeed: speeds}, stderr)
	if !ok {
		return exitUsage
	}
	if len(v.Trees) == 0 {
		fmt.Fprintf(stderr, "pfshape queues: %s defines no queues (no altq line, no queue on an interface)\n", rs.Name)
	}
	warnUnusedSpeeds("queues", rs.Name, rs.Model, speeds, stderr)
	switch *format {
	case "json":
		err = queueview.JSON(stdout, v)
	case "dot":
		err = queueview.Dot(stdout, v)
	case "svg":
		err = queueview.SVG(stdout, v)
	default:
		err = queueview.Text(stdout, v, queueview.TextOptions{Color: colorOn(stdout)})
	}
	if err != nil {
		return usageErr("%v", err)
	}
	return exitOK
}

// queuesView draws a loaded ruleset, or reports why it cannot.
func queuesView(rs *ruleset.Ruleset, opts queueview.Options, stderr io.Writer) (*queueview.View, bool) {
	v, errs := queueview.Load(rs, opts)
	if len(errs) > 0 {
		with := ""
		if len(opts.IfSpeed) > 0 {
			with = " with the --ifspeed speeds"
		}
		fmt.Fprintf(stderr, "pfshape queues: %s does not load on %s%s, so its queues cannot be drawn:\n", rs.Name, rs.ReadAs, with)
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		return nil, false
	}
	return v, true
}

// colorOn reports whether text output gets colours: a terminal, and
// NO_COLOR (no-color.org) unset or empty.
func colorOn(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
