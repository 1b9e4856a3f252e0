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

Says what changed between two versions of a ruleset. First the traffic
shaping: ALTQ interfaces and queues added or removed, schedulers,
priorities, bandwidths resolved to bit/s (a percentage of a changed
interface speed counts), qlimit, flags and curves, the queues that replaced
ALTQ, and rules whose class (queue or priority) changed. Rules are paired
by their text without their class options.

Then the verdicts: every packet class that OLD and NEW treat differently
(passed or blocked, the queue or the priority a passed packet gets), each
as a rule-like line with the rules that decide it in both files, merged
into as few lines as describe the change exactly:

  now passes: in on em0 inet proto tcp from any to 10.0.0.5 port 22 flags S/SA (blocked by old.conf:4, passed by new.conf:5)
  queue changed: out on em0 proto tcp from any to any port 22 flags S/SA (ssh → bulk; passed by old.conf:5, passed by new.conf:6)
  now blocked: in on em1 proto udp from any to any port 53 (passed by the default rule, blocked by new.conf:7)

("prio changed: … (3 → 5; …)" too). The lines come in the order of the
rules of NEW that decide them.
Packets are taken as pf sees them when it evaluates the ruleset (no state
yet), on every interface either file names and on any other. A change that
holds only under an answer to what only the machine knows (interface
groups such as egress, tables loaded from files, …) says so, "assuming:
…". Each file is evaluated as pf on the release it was read as, with the
files its load anchor lines read; when the two were read as different
releases, diff says so. Parts of the packet space that split into too many
cases to compare are listed as "not compared: …", never left out.
Either file may be - for standard input.

--format json prints an object: changes (the shaping changes), verdicts
(change, kind — now-passes, now-blocked, queue-changed, prio-changed,
queue-and-prio-changed —, class, assumes, and old and new: action,
decided_by — rule, default, skip, nat pass, rdr pass —, file, line, queue,
prio), uncompared (class, reason, code: too-many-pieces or
work-budget) and read_as (old, new).

Exit status: 0 no change, 1 changes (or parts not compared), 2 usage,
parse or I/O error.
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
	reserveHeap(fs.Args(), stdin)
	var rss [2]*ruleset.Ruleset
	for i, name := range fs.Args() {
		rs, ok := loadForTranslation("diff", name, stdin, &cf, true, stderr)
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
