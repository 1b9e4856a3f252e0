package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/safewrite"
	"github.com/pfshape/pfshape/translate"
)

const exitLeftBehind = 3

const translateUsage = `usage: pfshape translate [--from R] [--target T] [--to prio|queues|both]
                         [--ifspeed IF=BW]... [-d | -w | -l] [--check] [--strict]
                         FILE... | -

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

Every output that loads is proven equivalent with the packet engine: for
every packet class the output passes and blocks what the original did,
and gives each passed packet the image of its class under the mapping
(set prio N, or the same queue), checked on every interface, since pf
keeps a class on the packet and its state, replies included. An ALTQ
queue exists only on its interface (a packet that leaves by another falls
into that interface's default queue, or none without altq); a set prio
travels to every interface. A difference in verdict, or in the class on
an interface that has the assigned queue, is an error (exit 3), with both
rules' lines and the class; a difference only on interfaces without the
queue is one note per interface naming the classes; parts the engine
cannot split finely enough are "not proven". --strict makes notes and
parts not proven exit 3 too. Proven: the verdict and the class per class
of headers (interface, direction, family, protocol, addresses, ports,
ICMP, TCP flags, tag) on every machine, unknowns (tables from files,
interface groups, ...) kept apart. Assumed: the engine's semantics
(internal/engine/doc.go); state, fragments, route-to are not modelled.
The last line says: proved, or how many differences, notes, parts; the
parts not proven are merged, and it says how many of the cases the
engine compares they hold.

The bare prio N of OpenBSD 5.0-5.1 becomes set prio N for targets where
prio alone is a match criterion.

Exit status: 0 done; 1 with --check when a file would change; 2 usage,
parse or I/O error (nothing written); 3 done, but something was left
untranslated, the result does not load on the target, or the proof found
a difference (with --strict: a note or a part not proven too).
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
	strict      bool
}

func runTranslate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("translate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, translateUsage, "\nflags:\n", fs.FlagUsages()) }
	var tf translateFlags
	tf.register(fs)
	tf.registerFrom(fs, "release the file was written for (default: inferred from the file)")
	fs.StringVar(&tf.to, "to", "prio", "what to translate to: prio, queues or both")
	fs.StringArrayVar(&tf.ifspeed, "ifspeed", nil, "IF=BW: the speed of an interface whose altq line gives no absolute bandwidth (repeatable; units K, M, G)")
	fs.BoolVarP(&tf.diff, "diff", "d", false, "print a unified diff instead of the translated file")
	fs.BoolVarP(&tf.write, "write", "w", false, "rewrite the files in place")
	fs.BoolVarP(&tf.list, "list", "l", false, "list the files that would change")
	fs.BoolVar(&tf.check, "check", false, "exit 1 when any file would change (for CI)")
	registerStrict(fs, &tf.strict, "exit 3 when the proof of equivalence has notes or parts it could not prove, not only on differences")
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
	if err := tf.parse(); err != nil {
		return usageErr("%v", err)
	}
	t := tf.t
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
	if fs.NArg() == 0 {
		return usageErr("no files named (use - for standard input)")
	}
	reserveHeap(fs.Args(), stdin)
	status := exitOK
	for _, name := range fs.Args() {
		if name == "-" && tf.write {
			return usageErr("-w cannot rewrite standard input")
		}
		s := translateOne(name, stdin, stdout, stderr, &tf)
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

func translateOne(name string, stdin io.Reader, stdout, stderr io.Writer, tf *translateFlags) int {
	t := tf.t
	rs, ok := loadForTranslation("translate", name, stdin, &tf.commonFlags, true, stderr)
	if !ok {
		return exitUsage
	}
	f, m := rs.File, rs.Model
	display := rs.Name
	res := translate.Translate(f, m, translate.Options{Target: t, To: tf.mode, IfSpeed: tf.speeds})
	warnUnusedSpeeds("translate", display, m, tf.speeds, stderr)
	// The mappings and notes go out in one write: a large ruleset has
	// thousands, and each write is a system call (100k lines of ALTQ:
	// 5,856 lines, 30-40 ms one by one).
	var notes bytes.Buffer
	for _, mp := range res.Mappings {
		fmt.Fprintf(&notes, "%s\n", mp)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(&notes, n)
	}
	stderr.Write(notes.Bytes())

	outputs, err := translatedFiles(f, res)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape translate: %s: %v\n", display, err)
		return exitUsage
	}
	status := exitOK
	if res.LeftBehind() {
		status = exitLeftBehind
	}
	changed, main := changedFiles(f, outputs), f.Source
	// The same bytes read for the same release: nothing to prove.
	same := len(changed) == 0 && rs.ReadAs == t
	// What the proof needs of the original is taken before the output is
	// read, and the original's tree is let go of (nothing below reads rs,
	// f or m): the output's tree takes its place instead of joining it.
	var old *translate.Side
	if !same {
		old = translate.SideOf(rs)
	}
	read := rs.ReaderFor(t)
	ruleset.LetGo(len(main.Bytes))
	nrs := read(outputs)
	if errs := nrs.Errors(); len(errs) > 0 {
		fmt.Fprintf(stderr, "pfshape translate: the translation of %s does not load on %s:\n", display, t)
		maps := map[string]*edit.Mapping{}
		for _, e := range errs {
			fmt.Fprintln(stderr, translatedError(e, res, outputs, maps))
		}
		fmt.Fprintf(stderr, "pfshape translate: %s: not proven: the translation does not load\n", display)
		status = exitLeftBehind
	} else if same {
		fmt.Fprintf(stderr, "pfshape translate: %s: proved: the output is the input, read for the same release\n", display)
	} else {
		// The output's side is taken and its tree let go of, as the
		// original's was: the proof reads the two sides only, and what
		// it allocates reuses the tree's memory instead of adding to it.
		side := translate.SideOf(nrs)
		nrs = nil
		ruleset.LetGo(len(outputs[main.Name]))
		status = worse(status, proveTranslation("translate", display, old, side, res, tf.strict, stderr))
	}
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
			fmt.Fprint(stdout, edit.Unified("a/"+diffPath(s.Name), "b/"+diffPath(s.Name), s.Bytes, outputs[s.Name]))
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
		stdout.Write(outputs[main.Name])
		for _, s := range changed {
			if s != main {
				fmt.Fprintf(stderr, "pfshape translate: the included file %s changes too: use -d or -w to see or write it\n", s.Name)
			}
		}
	}
	return status
}

// diffPath is a file's name as a diff header gives it after a/ and b/, as
// git diff --no-index writes it: slashes, and no leading slash for an
// absolute name (a/etc/pf.conf, never a//etc/pf.conf). git apply and
// patch -p1 apply it from the folder the name is relative to: the
// current one, or / for an absolute name.
func diffPath(name string) string {
	return strings.TrimLeft(filepath.ToSlash(name), "/")
}

// loadForTranslation reads a file for the release it was written for
// (--from, or inferred: the target first, since a file that loads there
// needs nothing) and says so; it reports, as cmd, a file that parses for
// no release (with the errors of the release that reads it best) or does
// not load on the release it was read as. engine says the packet engine
// will read it (a translation's proof, diff's verdicts): its filter view
// is then built alongside the model (commonFlags.loadForEngine), and so
// is that of a rewrite the ruleset's reader reads (Ruleset.ReaderFor).
func loadForTranslation(cmd, name string, stdin io.Reader, cf *commonFlags, engine bool, stderr io.Writer) (*ruleset.Ruleset, bool) {
	rs, err := cf.loadForEngine(name, stdin, ruleset.InferAny, engine)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape %s: %v\n", cmd, err)
		return nil, false
	}
	switch {
	case rs.File.OverBudget:
		fmt.Fprintf(stderr, "pfshape %s: %s is too large to read (see README.md, \"Budgets\"):\n%v\n", cmd, rs.Name, rs.File.Errors)
		return nil, false
	case len(rs.File.Errors) > 0 && cf.fromT != nil:
		fmt.Fprintf(stderr, "pfshape %s: %s does not parse as %s:\n%v\n", cmd, rs.Name, rs.ReadAs, rs.File.Errors)
		return nil, false
	case len(rs.File.Errors) > 0:
		fmt.Fprintf(stderr, "pfshape %s: %s parses for no release pfshape tried (%s, then %v); %s reads it best (fewest errors, the first furthest in), its errors:\n%v\n",
			cmd, rs.Name, rs.Target, ruleset.Candidates(), rs.ReadAs, rs.File.Errors)
		return nil, false
	case rs.Inferred:
		fmt.Fprintf(stderr, "pfshape %s: %s: reading it as %s (inferred; give --from to choose)\n", cmd, rs.Name, rs.ReadAs)
	}
	if errs := rs.Errors(); len(errs) > 0 {
		fmt.Fprintf(stderr, "pfshape %s: %s does not load on %s, so its queueing cannot be read:\n", cmd, rs.Name, rs.ReadAs)
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		return nil, false
	}
	return rs, true
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
	for _, file := range grammar.Files(f) {
		if b, ok := outputs[file.Source.Name]; ok && !bytes.Equal(b, file.Source.Bytes) {
			out = append(out, file.Source)
		}
	}
	return out
}

// warnUnusedSpeeds says which --ifspeed interfaces the file has no altq
// line for: most likely a typo.
func warnUnusedSpeeds(cmd, display string, m *model.Model, speeds map[string]uint64, stderr io.Writer) {
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
		fmt.Fprintf(stderr, "pfshape %s: %s: --ifspeed %s: no altq line is on %s\n", cmd, display, name, name)
	}
}
