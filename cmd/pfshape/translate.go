package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/safewrite"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

const exitLeftBehind = 3

const translateUsage = `usage: pfshape translate [--from R] [--target T] [--to prio|queues|both]
                         [--ifspeed IF=BW]... [-d | -w | -l] [--check] FILE... | -

Translates ALTQ queueing (altq on …, queue …, oldqueue …, and the queue
assignments of rules) for releases without ALTQ (OpenBSD 5.6 and later).
The output is the input with the fewest edits: every line that needs no
change stays byte for byte.

--to prio (the default): set prio rules. The priority mapping, per
interface, keeps the order of the classes and the place of unassigned
traffic. In ALTQ, traffic that no rule assigns goes to the default queue;
after the translation it gets pf's default prio 3. So the default queue
becomes 3, the classes ranked above it take 4-7 from the top down (the
highest becomes 7), the classes below take 0-2 from the bottom up, and
classes share a priority, in order, only when there are more ranks than
places. PRIQ (0-15) and CBQ (0-7) rank by priority; HFSC, whose priority
means nothing, ranks by real-time rate, then link-share rate.
queue q becomes set prio N; queue (q, ack) becomes set prio (N, M) so the
ACK and lowdelay speed-up survives (set prio N when both are equal).
The mapping is printed on standard error: em0 (priq): q_ack 14 → 7, …
Bandwidth, borrowing, RED/ECN, service curves and qlimit cannot be said
with set prio: each loss is a note on standard error with its position.

--to queues: OpenBSD's queues (5.5 and later), which keep the bandwidth.
Each altq line becomes a root queue where it stood, each queue definition
its new queue, in place:
  altq on em0 cbq bandwidth 10Mb …   queue root_em0 on em0 bandwidth 10M, max 10M
  queue std bandwidth 20% …          queue std parent root_em0 bandwidth 2M …
The root's max keeps the interface bandwidth the hard limit it was in
ALTQ. Percentages are resolved as pfctl resolves them (of the parent's
bandwidth, in integers, division first: 12.5% is 12%) and written with the
largest exact unit (1500K, not 1.5M).
  HFSC  linkshare → bandwidth, realtime → min, upperlimit → max; a curve
        (m1 d m2) → m2 burst m1 for dms. Without linkshare, the bandwidth.
  CBQ   bandwidth → bandwidth; a class without borrow → max equal to its
        bandwidth (it may not exceed it). Priority is lost (a note).
  FAIRQ its linkshare curve, else its bandwidth → bandwidth.
  PRIQ  has no bandwidth: it becomes set prio, as with --to prio.
default and qlimit carry over; RED, ECN, tbrsize have no equivalent (a
note). OpenBSD needs exactly one default queue per interface, a leaf, and
assigns packets to leaf queues only: a tree without that, or a rule that
assigns a queue with children, is reported and left in place. Rules:
queue q becomes set queue q, queue (q, ack) set queue (q, ack). Queue
names that are keywords of the target (default, min, max, …) are quoted.
An altq line without an absolute bandwidth takes the interface's speed from
the kernel: give it with --ifspeed IF=BW (units K, M, G), else that tree is
left in place. OpenBSD's kernel keeps HFSC service curves in 32 bits: a
rate of 2^32 bit/s (about 4.29G) or more would be cut silently, so it is
an error, reported, and the tree is left in place.

--to both: as --to queues, and every rule that gets set queue also gets the
set prio of --to prio: set (queue q, prio N).

What cannot be translated (a queue that no interface defines, a queue
whose priority differs between the interfaces a rule may use, a tree
reported above) is left in place and reported, and the exit status is 3.

The bare prio N of OpenBSD 5.0-5.1 becomes set prio N for targets where
prio alone is a match criterion.

Exit status: 0 done; 1 with --check when a file would change; 2 usage,
parse or I/O error (nothing written); 3 done, but something was left
untranslated or the result does not load on the target.
`

type translateFlags struct {
	commonFlags
	from        string
	to          string
	ifspeed     []string
	mode        translate.Mode
	speeds      map[string]uint64
	diff, write bool
	list, check bool
}

func runTranslate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("translate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, translateUsage, "\nflags:\n", fs.FlagUsages()) }
	var tf translateFlags
	tf.register(fs)
	fs.StringVar(&tf.from, "from", "", "release the file was written for (default: inferred from the file)")
	fs.StringVar(&tf.to, "to", "prio", "what to translate to: prio, queues or both")
	fs.StringArrayVar(&tf.ifspeed, "ifspeed", nil, "IF=BW: the speed of an interface whose altq line gives no absolute bandwidth (repeatable; units K, M, G)")
	fs.BoolVarP(&tf.diff, "diff", "d", false, "print a unified diff instead of the translated file")
	fs.BoolVarP(&tf.write, "write", "w", false, "rewrite the files in place")
	fs.BoolVarP(&tf.list, "list", "l", false, "list the files that would change")
	fs.BoolVar(&tf.check, "check", false, "exit 1 when any file would change (for CI)")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape translate: %v (see pfshape translate --help)\n", err)
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "pfshape translate: "+format+"\n", a...)
		return exitUsage
	}
	t, defs, err := tf.parsed()
	if err != nil {
		return usageErr("%v", err)
	}
	mode, err := translate.ParseMode(tf.to)
	if err != nil {
		return usageErr("--to: %v", err)
	}
	if mode != translate.ToPrio && !t.HasNewQueues() {
		return usageErr("--to %s: %s has no queues of its own (OpenBSD 5.5 and later have): use --to prio or another --target", mode, t)
	}
	speeds := map[string]uint64{}
	for _, v := range tf.ifspeed {
		name, bits, err := translate.ParseIfSpeed(v)
		if err != nil {
			return usageErr("%v", err)
		}
		speeds[name] = bits
	}
	if len(speeds) > 0 && mode == translate.ToPrio {
		return usageErr("--ifspeed is for --to queues or --to both: set prio needs no bandwidth")
	}
	tf.mode, tf.speeds = mode, speeds
	if n := count(tf.diff, tf.write, tf.list); n > 1 {
		return usageErr("-d, -w and -l exclude each other")
	}
	var from *target.Target
	if tf.from != "" {
		f, err := target.Parse(tf.from)
		if err != nil {
			return usageErr("--from: %v", err)
		}
		from = &f
	}
	if fs.NArg() == 0 {
		return usageErr("no files named (use - for standard input)")
	}
	status := exitOK
	for _, name := range fs.Args() {
		if name == "-" && tf.write {
			return usageErr("-w cannot rewrite standard input")
		}
		s := translateOne(name, stdin, stdout, stderr, &tf, t, from, defs)
		status = worse(status, s)
	}
	return status
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// worse keeps the more serious of two exit statuses: 2 over 3 over 1 over 0.
func worse(a, b int) int {
	rank := map[int]int{exitOK: 0, exitFindings: 1, exitLeftBehind: 2, exitUsage: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// fromCandidates are the releases tried, in order, when --from is not
// given: the last OpenBSD releases of each ALTQ grammar, then FreeBSD.
var fromCandidates = append(append([]string(nil), target.ALTQReleases...), "freebsd")

func translateOne(name string, stdin io.Reader, stdout, stderr io.Writer, tf *translateFlags, t target.Target, from *target.Target, defs map[string]string) int {
	src, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape translate: %v\n", err)
		return exitUsage
	}
	display := displayName(name)
	f, ok := readAs(display, src, t, from, defs, tf.rootFor(name), stderr)
	if !ok {
		return exitUsage
	}
	// Check holds the errors Build returns, and the load errors.
	m, _ := model.Build(f)
	errs := m.Check(f.Target)
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "pfshape translate: %s does not load on %s, so its queueing cannot be read:\n", display, f.Target)
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		return exitUsage
	}
	res := translate.Translate(f, m, translate.Options{Target: t, To: tf.mode, IfSpeed: tf.speeds})
	warnUnusedSpeeds(display, m, tf.speeds, stderr)
	for _, mp := range res.Mappings {
		fmt.Fprintf(stderr, "%s\n", mp)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, n)
	}

	outputs, err := translatedFiles(f, res)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape translate: %s: %v\n", display, err)
		return exitUsage
	}
	status := exitOK
	if res.LeftBehind() {
		status = exitLeftBehind
	}
	if !loadsOn(display, outputs, f, t, defs, stderr) {
		status = exitLeftBehind
	}
	changed := changedFiles(f, outputs)
	if tf.check && len(changed) > 0 {
		status = worse(status, exitFindings)
	}
	switch {
	case tf.list:
		for _, s := range changed {
			fmt.Fprintln(stdout, s.Name)
		}
	case tf.diff:
		for _, s := range changed {
			fmt.Fprint(stdout, edit.Unified("a/"+filepath.ToSlash(s.Name), "b/"+filepath.ToSlash(s.Name), s.Bytes, outputs[s.Name]))
		}
	case tf.write:
		var files []safewrite.File
		for _, s := range changed {
			files = append(files, safewrite.File{Path: s.Name, Old: s.Bytes, Data: outputs[s.Name]})
		}
		if !commit("translate", files, stderr) {
			return exitUsage
		}
	case tf.check:
	default:
		stdout.Write(outputs[f.Source.Name])
		for _, s := range changed {
			if s != f.Source {
				fmt.Fprintf(stderr, "pfshape translate: the included file %s changes too: use -d or -w to see or write it\n", s.Name)
			}
		}
	}
	return status
}

// readAs parses the file for the release it was written for: --from, or
// the first release it parses for (the target first: a file that already
// loads there needs nothing).
func readAs(display string, src []byte, t target.Target, from *target.Target, defs map[string]string, root string, stderr io.Writer) (*grammar.File, bool) {
	if from != nil {
		f, _ := grammar.Parse(display, src, grammar.Options{Target: *from, Defines: defs, IncludeRoot: root})
		if len(f.Errors) > 0 {
			fmt.Fprintf(stderr, "pfshape translate: %s does not parse as %s:\n%v\n", display, *from, f.Errors)
			return nil, false
		}
		return f, true
	}
	first, _ := grammar.Parse(display, src, grammar.Options{Target: t, Defines: defs, IncludeRoot: root})
	if len(first.Errors) == 0 {
		return first, true
	}
	if first.OverBudget {
		// Too large for any release: no use reading it six more times.
		fmt.Fprintf(stderr, "pfshape translate: %s is too large to read (see README.md, \"Budgets\"):\n%v\n", display, first.Errors)
		return nil, false
	}
	for _, c := range fromCandidates {
		ct := target.MustParse(c)
		f, _ := grammar.Parse(display, src, grammar.Options{Target: ct, Defines: defs, IncludeRoot: root})
		if len(f.Errors) == 0 {
			fmt.Fprintf(stderr, "pfshape translate: %s: reading it as %s (inferred; --from says otherwise)\n", display, ct)
			return f, true
		}
	}
	fmt.Fprintf(stderr, "pfshape translate: %s parses for no release pfshape tried (%s, then %v); the errors for %s:\n%v\n",
		display, t, fromCandidates, t, first.Errors)
	return nil, false
}

// translatedFiles applies the edits to every file the translation touches.
func translatedFiles(f *grammar.File, res *translate.Result) (map[string][]byte, error) {
	out := map[string][]byte{f.Source.Name: f.Source.Bytes}
	for name, src := range res.Sources {
		b, err := res.Output(src)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	if _, ok := res.Sources[f.Source.Name]; !ok {
		out[f.Source.Name] = f.Source.Bytes
	}
	return out, nil
}

// changedFiles lists the sources whose bytes change, the main file first.
func changedFiles(f *grammar.File, outputs map[string][]byte) []*grammar.Source {
	var out []*grammar.Source
	var visit func(file *grammar.File)
	seen := map[string]bool{}
	visit = func(file *grammar.File) {
		if file == nil || seen[file.Source.Name] {
			return
		}
		seen[file.Source.Name] = true
		if b, ok := outputs[file.Source.Name]; ok && !bytes.Equal(b, file.Source.Bytes) {
			out = append(out, file.Source)
		}
		var stmts func([]*grammar.Statement)
		stmts = func(ss []*grammar.Statement) {
			for _, s := range ss {
				stmts(s.Body)
				visit(s.Included)
			}
		}
		stmts(file.Statements)
	}
	visit(f)
	return out
}

// loadsOn checks the translated ruleset for the target, reading included
// files as translated.
func loadsOn(display string, outputs map[string][]byte, f *grammar.File, t target.Target, defs map[string]string, stderr io.Writer) bool {
	read := func(p string) ([]byte, error) {
		if b, ok := outputs[p]; ok {
			return b, nil
		}
		return grammar.ReadIncludeFile(p)
	}
	nf, _ := grammar.Parse(f.Source.Name, outputs[f.Source.Name], grammar.Options{Target: t, Defines: defs, ReadFile: read})
	errs := nf.Errors
	if len(errs) == 0 {
		m, _ := model.Build(nf)
		errs = m.Check(t)
	}
	if len(errs) == 0 {
		return true
	}
	fmt.Fprintf(stderr, "pfshape translate: the translation of %s does not load on %s:\n", display, t)
	for _, e := range errs {
		fmt.Fprintln(stderr, e.Error())
	}
	return false
}

// warnUnusedSpeeds says which --ifspeed interfaces the file has no altq
// line for: most likely a typo.
func warnUnusedSpeeds(display string, m *model.Model, speeds map[string]uint64, stderr io.Writer) {
	var unused []string
	for name := range speeds {
		found := false
		for _, iface := range m.Interfaces {
			found = found || iface.Name == name
		}
		if !found {
			unused = append(unused, name)
		}
	}
	sort.Strings(unused)
	for _, name := range unused {
		fmt.Fprintf(stderr, "pfshape translate: %s: --ifspeed %s: no altq line is on %s\n", display, name, name)
	}
}
