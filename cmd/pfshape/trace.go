package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/engine"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

const traceUsage = `usage: pfshape trace [--target T] [--format text|json] [-D name=value] FILE PACKET...

Says what pf does with a packet that reaches the ruleset (no state exists
for it yet): every rule that matches it, in order, with file:line and what
the rule applies; the rule that decides and why (quick, or the last
matching rule, or the default pass); and the outcome: pass or block (and
how), queue (data, ack) or prio, tag, translations, log. An ALTQ ruleset on
a target without ALTQ is read for the release it was written for, and the
trace adds the set prio that pfshape translate gives the queue.

PACKET is written like a rule, and what is left out is any value:
  in on em0 inet proto tcp from 192.0.2.7 port 40000 to 198.51.100.10 port 22 flags S
  out on em1 proto icmp from 10.0.0.1 to 8.8.8.8 icmp-type echoreq
  in on em0 inet6 proto icmp6 icmp6-type neighbrsol tagged SEEN
A packet carries no tag unless tagged NAME says so. When the outcome
differs within what the packet leaves open, or depends on what only the
machine knows (interface groups such as egress, (if) and self addresses,
tables loaded from files, user, os, probability, route), every outcome is
printed with the condition it holds under, the likeliest first (every
unknown holding, except that an interface is taken to be in no group but
its driver's and egress).

--format json prints an object: verdict ("pass"/"block"), line (the
deciding rule's line, null for the default pass), file, quick, matched
(the lines of the matching rules, in order), queue, prio, tags, unknowns,
certain, and outcomes (every outcome with its conditions).

Exit status: 0 traced, 1 the ruleset has errors, 2 usage or I/O error or
a malformed packet.
`

func runTrace(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("trace", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, traceUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape trace: %v (see pfshape trace --help)\n", err)
		return exitUsage
	}
	if err := cf.parse(); err != nil {
		fmt.Fprintf(stderr, "pfshape trace: %v\n", err)
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "pfshape trace: --format %q: want text or json\n", *format)
		return exitUsage
	}
	if fs.NArg() < 1 {
		fmt.Fprint(stderr, "pfshape trace: no file named (see pfshape trace --help)\n")
		return exitUsage
	}
	name := fs.Arg(0)
	var words []string
	for _, a := range fs.Args()[1:] {
		words = append(words, strings.Fields(a)...)
	}
	spec, err := engine.ParsePacket(words, cf.t.OS == target.FreeBSD)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape trace: %v\n", err)
		return exitUsage
	}
	reserveHeap([]string{name}, stdin)
	// An ALTQ ruleset on a target without ALTQ is read for the release
	// it was written for, and traced there: the trace then says what set
	// prio translate gives its queues.
	rs, err := cf.loadForEngine(name, stdin, ruleset.InferForALTQ, true)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape trace: %v\n", err)
		return exitUsage
	}
	// The ruleset's own errors stop the trace, as pfctl would refuse it;
	// an anchor file that could not be read does not: the trace takes
	// that anchor's rules for unknown, as it does any anchor loaded at
	// run time.
	if errs := rs.OwnErrors(); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, relative(e.Error()))
		}
		fmt.Fprintf(stderr, "pfshape trace: %s has errors: pfctl would not load it\n", relative(rs.Name))
		return exitFindings
	}
	for _, e := range rs.AnchorErrors() {
		fmt.Fprintf(stderr, "%s (the anchor's rules are unknown to the trace)\n", relative(e.Error()))
	}
	e := engine.ForRuleset(rs)
	tr, err := e.TraceClass(e.Class(spec))
	if err != nil {
		fmt.Fprintf(stderr, "pfshape trace: %v\n", err)
		return exitUsage
	}
	alt := altqPrios(rs, spec)
	if *format == "json" {
		return writeTraceJSON(stdout, stderr, tr, alt)
	}
	if rs.Inferred {
		fmt.Fprintf(stdout, "%s: read as %s, the ALTQ release it was written for\n", relative(rs.Name), rs.ReadAs)
	}
	writeTraceText(stdout, rs.Name, words, tr, alt)
	return exitOK
}

// altqPrio is what a queue becomes in translate's mapping on each
// interface that has it.
type altqPrio func(queue string) map[string]int

// altqPrios maps ALTQ queues to the priorities the translation gives
// them; nil when the ruleset has no ALTQ.
func altqPrios(rs *ruleset.Ruleset, spec *engine.PacketSpec) altqPrio {
	if rs.Model == nil || len(rs.Model.Interfaces) == 0 {
		return nil
	}
	res := translate.Translate(rs.File, rs.Model, translate.Options{Target: target.MustParse("openbsd")})
	return func(q string) map[string]int {
		out := map[string]int{}
		for _, m := range res.Mappings {
			if spec.Iface != "" && spec.Dir == "out" && m.Interface != spec.Iface {
				continue
			}
			if p, ok := m.Prio(q); ok {
				out[m.Interface] = p
			}
		}
		return out
	}
}

func ruleWhere(r *model.FilterRule) string {
	return fmt.Sprintf("%s:%d", relative(r.Pos.File), r.Pos.Line)
}

// applies is what a matching rule applies, in pf.conf's words.
func applies(r *model.FilterRule) string {
	var w []string
	switch r.Action {
	case "pass":
		s := "pass"
		if !r.KeepState {
			s += " (no state)"
		}
		w = append(w, s)
	case "block":
		w = append(w, "block ("+r.Return+")")
	case "anchor":
		w = append(w, "enters anchor "+anchorName(r))
	case "match":
		w = append(w, "match")
	}
	if r.Queue != nil {
		w = append(w, "queue "+queueText(r.Queue))
	}
	if r.Prio != nil {
		w = append(w, "set prio "+prioText(r.Prio))
	}
	if r.Tag != "" {
		w = append(w, "tag "+r.Tag)
	}
	if r.NatTo != nil {
		w = append(w, "nat-to "+r.NatTo.Text)
	}
	if r.RdrTo != nil {
		w = append(w, "rdr-to "+r.RdrTo.Text)
	}
	if r.Log {
		w = append(w, "log")
	}
	if r.Quick {
		w = append(w, "quick")
	}
	return strings.Join(w, ", ")
}

func anchorName(r *model.FilterRule) string {
	if r.Anchor.Name == "" {
		return "(unnamed)"
	}
	return `"` + r.Anchor.Name + `"`
}

func queueText(q *model.QueueAssign) string {
	if q.Ack != "" {
		return "(" + q.Name + ", " + q.Ack + ")"
	}
	return q.Name
}

func prioText(p []int) string {
	if len(p) == 2 && p[0] != p[1] {
		return fmt.Sprintf("(%d, %d)", p[0], p[1])
	}
	return fmt.Sprint(p[0])
}

// decidedBy says which rule decides and why.
func decidedBy(o *engine.Outcome) string {
	switch {
	case o.Skip:
		return "not filtered: the interface is skipped (set skip on)"
	case o.Translation != nil && o.Translation.Pass && o.Rule == nil:
		return fmt.Sprintf("%s (%s pass: the filter rules are skipped)", ruleWhere(o.Translation.Rule), o.Translation.Kind)
	case o.Rule == nil:
		return "the default rule: no pass or block rule matches, and pf passes the packet"
	case o.Quick && o.Rule.Quick:
		return ruleWhere(o.Rule) + " (quick)"
	case o.Quick:
		return ruleWhere(o.Rule) + " (quick anchor)"
	}
	return ruleWhere(o.Rule) + " (the last matching rule)"
}

// verdict is the outcome in one line.
func verdict(o *engine.Outcome, alt altqPrio) string {
	w := []string{o.Action}
	if o.Action == "block" && o.Rule != nil {
		w[0] += " (" + o.Rule.Return + ")"
	}
	if o.Action == "pass" && (o.Rule != nil && o.Rule.KeepState || o.Translation != nil && o.Translation.To != nil) {
		w = append(w, "keep state")
	} else if o.Action == "pass" && !o.Skip {
		w = append(w, "no state")
	}
	// A blocked packet is neither queued nor tagged; a block rule's
	// queue and prio take the reset or ICMP error it returns (pf.conf(5)
	// QUEUEING).
	pass := o.Action == "pass"
	reply := ""
	if !pass {
		reply = " for the reply it returns"
	}
	if o.Queue != nil && (pass || o.Rule != nil && o.Rule.Return != "drop") {
		s := "queue " + queueText(o.Queue)
		if alt != nil {
			s += altqText(o.Queue, alt)
		}
		w = append(w, s+reply)
	}
	if o.Prio != nil && (pass || o.Rule != nil && o.Rule.Return != "drop") {
		w = append(w, "prio "+prioText(o.Prio)+reply)
	}
	if o.Tag != "" && pass {
		w = append(w, "tag "+o.Tag)
	}
	if o.Translation != nil && o.Translation.To != nil {
		w = append(w, o.Translation.Kind+" to "+o.Translation.To.Text)
	}
	if o.NatTo != nil && (o.Translation == nil || o.Translation.Kind != "nat") {
		w = append(w, "nat-to "+o.NatTo.Text)
	}
	if o.RdrTo != nil && (o.Translation == nil || o.Translation.Kind != "rdr") {
		w = append(w, "rdr-to "+o.RdrTo.Text)
	}
	if o.Log {
		w = append(w, "log")
	}
	return strings.Join(w, ", ")
}

// altqText is ` (set prio N after translate on em0)`.
func altqText(q *model.QueueAssign, alt altqPrio) string {
	data := alt(q.Name)
	if len(data) == 0 {
		return ""
	}
	var parts []string
	for _, ifn := range sortedIfaces(data) {
		p := []int{data[ifn], data[ifn]}
		if q.Ack != "" {
			if a, ok := alt(q.Ack)[ifn]; ok {
				p[1] = a
			}
		}
		parts = append(parts, "set prio "+prioText(p)+" on "+ifn)
	}
	return " (ALTQ; pfshape translate gives it " + strings.Join(parts, ", ") + ")"
}

func sortedIfaces(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func writeTraceText(w io.Writer, file string, words []string, tr *engine.Trace, alt altqPrio) {
	pk := strings.Join(words, " ")
	if pk == "" {
		pk = "any packet"
	}
	fmt.Fprintf(w, "packet: %s\n", pk)
	if len(tr.Results) > 1 {
		fmt.Fprintf(w, "%d outcomes: the outcome depends on what the packet leaves open or on what only the machine knows\n", len(tr.Results))
	}
	for i, res := range tr.Results {
		o := res.Outcome
		if len(tr.Results) > 1 {
			fmt.Fprintf(w, "\noutcome %d, when:\n", i+1)
			for _, c := range res.Conditions {
				if len(c) == 0 {
					fmt.Fprintln(w, "  always")
					continue
				}
				fmt.Fprintf(w, "  %s\n", strings.Join(c, "; "))
			}
		}
		if len(res.Matched) == 0 && o.Translation == nil {
			fmt.Fprintln(w, "no rule matches")
		} else {
			fmt.Fprintln(w, "matching rules:")
		}
		if o.Translation != nil {
			fmt.Fprintf(w, "  %s: %s\n      translates before filtering\n", ruleWhere(o.Translation.Rule), firstLine(o.Translation.Rule.Text))
		}
		for _, m := range res.Matched {
			fmt.Fprintf(w, "  %s: %s\n      %s\n", ruleWhere(m.Rule), firstLine(m.Rule.Text), applies(m.Rule))
			for _, c := range m.Conditions {
				fmt.Fprintf(w, "      matches only when: %s\n", strings.Join(c, "; "))
			}
		}
		fmt.Fprintf(w, "decided by: %s\n", decidedBy(o))
		fmt.Fprintf(w, "outcome: %s\n", verdict(o, alt))
		if len(tr.Results) > 1 {
			for _, c := range o.Caveats {
				fmt.Fprintf(w, "unknown: %s\n", c)
			}
		}
	}
	if len(tr.Unknowns) > 0 && len(tr.Results) == 1 {
		fmt.Fprintln(w, "depends on:")
		for _, u := range tr.Unknowns {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// traceJSON is one outcome in JSON.
type traceJSON struct {
	Verdict   string            `json:"verdict"`
	Return    string            `json:"return,omitempty"`
	File      *string           `json:"file"`
	Line      *int              `json:"line"`
	Quick     bool              `json:"quick"`
	DecidedBy string            `json:"decided_by"`
	Matched   []int             `json:"matched"`
	Files     []string          `json:"matched_files"`
	MatchedIf []matchedIfJSON   `json:"matched_only_when,omitempty"`
	Queue     *queueJSON        `json:"queue"`
	Prio      []int             `json:"prio"`
	ALTQPrio  map[string][2]int `json:"altq_set_prio,omitempty"`
	Tags      []string          `json:"tags"`
	NatTo     *string           `json:"nat_to"`
	RdrTo     *string           `json:"rdr_to"`
	Log       bool              `json:"log"`
	Skip      bool              `json:"skip"`
	Caveats   []string          `json:"caveats,omitempty"`
	When      [][]string        `json:"when,omitempty"`
}

// matchedIfJSON is a rule that matches only in part of the packet class
// or under some answers to the unknowns.
type matchedIfJSON struct {
	Line int        `json:"line"`
	File string     `json:"file"`
	When [][]string `json:"when"`
}

type queueJSON struct {
	Data string `json:"data"`
	Ack  string `json:"ack"`
}

func outcomeJSON(res *engine.Result, alt altqPrio) traceJSON {
	o := res.Outcome
	j := traceJSON{Verdict: o.Action, Quick: o.Quick, Log: o.Log, Skip: o.Skip, Caveats: o.Caveats,
		Matched: []int{}, Files: []string{}, Tags: []string{}}
	if o.Rule != nil {
		f, l := relative(o.Rule.Pos.File), o.Rule.Pos.Line
		j.File, j.Line = &f, &l
		if o.Action == "block" {
			j.Return = o.Rule.Return
		}
	}
	j.DecidedBy = "default"
	switch {
	case o.Skip:
		j.DecidedBy = "skip"
	case o.Translation != nil && o.Translation.Pass && o.Rule == nil:
		j.DecidedBy = o.Translation.Kind + " pass"
		f, l := relative(o.Translation.Rule.Pos.File), o.Translation.Rule.Pos.Line
		j.File, j.Line = &f, &l
	case o.Rule != nil && o.Quick:
		j.DecidedBy = "quick"
	case o.Rule != nil:
		j.DecidedBy = "last match"
	}
	for _, m := range res.Matched {
		j.Matched = append(j.Matched, m.Rule.Pos.Line)
		j.Files = append(j.Files, relative(m.Rule.Pos.File))
		if m.Conditions != nil {
			j.MatchedIf = append(j.MatchedIf, matchedIfJSON{Line: m.Rule.Pos.Line, File: relative(m.Rule.Pos.File), When: m.Conditions})
		}
	}
	if o.Queue != nil {
		ack := o.Queue.Ack
		if ack == "" {
			ack = o.Queue.Name
		}
		j.Queue = &queueJSON{Data: o.Queue.Name, Ack: ack}
		if alt != nil {
			for ifn, p := range alt(o.Queue.Name) {
				v := [2]int{p, p}
				if a, ok := alt(ack)[ifn]; ok {
					v[1] = a
				}
				if j.ALTQPrio == nil {
					j.ALTQPrio = map[string][2]int{}
				}
				j.ALTQPrio[ifn] = v
			}
		}
	}
	if o.Prio != nil {
		j.Prio = o.Prio
	}
	if o.Tag != "" && o.Action == "pass" {
		j.Tags = []string{o.Tag}
	}
	if o.NatTo != nil {
		j.NatTo = &o.NatTo.Text
	}
	if o.RdrTo != nil {
		j.RdrTo = &o.RdrTo.Text
	}
	return j
}

func writeTraceJSON(stdout, stderr io.Writer, tr *engine.Trace, alt altqPrio) int {
	type doc struct {
		traceJSON
		Unknowns []string `json:"unknowns"`
		Certain  bool     `json:"certain"`
		// VerdictCertain: every outcome passes, or every one blocks.
		VerdictCertain bool        `json:"verdict_certain"`
		Outcomes       []traceJSON `json:"outcomes"`
	}
	d := doc{traceJSON: outcomeJSON(tr.Results[0], alt), Unknowns: tr.Unknowns, Certain: tr.Certain()}
	d.VerdictCertain = true
	for _, r := range tr.Results {
		if r.Outcome.Action != tr.Results[0].Outcome.Action {
			d.VerdictCertain = false
		}
	}
	if d.Unknowns == nil {
		d.Unknowns = []string{}
	}
	for _, r := range tr.Results {
		j := outcomeJSON(r, alt)
		j.When = r.Conditions
		d.Outcomes = append(d.Outcomes, j)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		fmt.Fprintf(stderr, "pfshape trace: %v\n", err)
		return exitUsage
	}
	return exitOK
}
