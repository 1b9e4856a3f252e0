package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/internal/engine"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
)

// verdictChange is a class of packets whose verdict, queue or prio
// changed between OLD and NEW (merged: as few classes as describe the
// change exactly).
type verdictChange struct {
	// Change is "now passes", "now blocked", "queue changed", "prio
	// changed" or "queue and prio changed", the words of the text
	// output; Kind the same as a stable code: now-passes, now-blocked,
	// queue-changed, prio-changed, queue-and-prio-changed.
	Change  string      `json:"change"`
	Kind    string      `json:"kind"`
	Class   string      `json:"class"`
	Old     verdictSide `json:"old"`
	New     verdictSide `json:"new"`
	Assumes []string    `json:"assumes"`
	line    string
	newRule *model.FilterRule
}

// verdictSide is what one ruleset does with the class.
type verdictSide struct {
	Action string `json:"action"`
	// DecidedBy is "rule", "default" (no rule decides: pf's default
	// pass), "skip" (set skip on the interface), or "nat pass" / "rdr
	// pass" (a translation that skips the filter).
	DecidedBy string     `json:"decided_by"`
	File      *string    `json:"file"`
	Line      *int       `json:"line"`
	Queue     *queueJSON `json:"queue"`
	Prio      []int      `json:"prio"`
	words     string
}

// uncomparedPart is a part of the packet space the comparison gave up
// on: nothing is said of it.
type uncomparedPart struct {
	Class  string `json:"class"`
	Reason string `json:"reason"`
	// Code is the reason as a stable code: too-many-pieces, or
	// work-budget.
	Code string `json:"code"`
}

// The codes of why a part was not compared, and their words.
const (
	uncomparedPieces = "too-many-pieces"
	uncomparedBudget = "work-budget"
)

var uncomparedReasons = map[string]string{
	uncomparedPieces: "too many distinct cases",
	uncomparedBudget: "beyond the work budget",
}

// verdictDiff compares what two loaded rulesets do with every packet,
// each evaluated as pf on the release it was read as, with its
// load-anchor files.
func verdictDiff(old, cur *ruleset.Ruleset) ([]verdictChange, []uncomparedPart, error) {
	// The anchor files' rules name interfaces and tags too: they are
	// loaded (ForRuleset) before Joint numbers both engines' names alike.
	ea, eb := engine.ForRuleset(old), engine.ForRuleset(cur)
	engine.Joint(ea, eb)
	ds, skipped, err := engine.Compare(ea, eb, engine.VerdictKey)
	if err != nil {
		return nil, nil, err
	}
	ds = engine.Merge(ds, verdictMergeKey)
	out := make([]verdictChange, 0, len(ds))
	for _, d := range ds {
		out = append(out, describeChange(eb, d))
	}
	slices.SortFunc(out, func(x, y verdictChange) int {
		if c := compareRules(x.newRule, y.newRule); c != 0 {
			return c
		}
		return strings.Compare(x.line, y.line)
	})
	// The parts given up on are merged by why: the outcome's tag
	// carries the reason's code.
	var parts []engine.Difference
	for _, u := range skipped {
		code := uncomparedPieces
		if u.OverBudget {
			code = uncomparedBudget
		}
		parts = append(parts, engine.Difference{Class: u.Class, Old: &engine.Outcome{Tag: code}})
	}
	var un []uncomparedPart
	for _, p := range engine.Merge(parts, func(d engine.Difference) string { return d.Old.Tag }) {
		un = append(un, uncomparedPart{Class: ea.Describe(p.Class), Reason: uncomparedReasons[p.Old.Tag], Code: p.Old.Tag})
	}
	slices.SortFunc(un, func(x, y uncomparedPart) int {
		if c := strings.Compare(x.Class, y.Class); c != 0 {
			return c
		}
		return strings.Compare(x.Code, y.Code)
	})
	return out, un, nil
}

// compareRules orders deciding rules by file and line, no rule (the
// default rule, set skip) last.
func compareRules(a, b *model.FilterRule) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line - b.Pos.Line
	}
	return strings.Compare(a.Pos.File, b.Pos.File)
}

// verdictMergeKey groups differences by what the report says of them:
// both actions, both deciding rules (or what stands for one), and both
// queues and priorities.
func verdictMergeKey(d engine.Difference) string {
	side := func(o *engine.Outcome) string {
		q := ""
		if o.Queue != nil {
			q = o.Queue.Name + "/" + o.Queue.Ack
		}
		return fmt.Sprintf("%s|%p|%v|%p|%s|%v", o.Action, o.Rule, o.Skip, o.Translation, q, o.Prio)
	}
	return side(d.Old) + "\x00" + side(d.New)
}

func describeChange(e *engine.Engine, d engine.Difference) verdictChange {
	words, assumes := e.Words(d.Class)
	if assumes == nil {
		assumes = []string{}
	}
	v := verdictChange{Class: words, Assumes: assumes, Old: sideOf(d.Old), New: sideOf(d.New), newRule: d.New.Rule}
	var detail []string
	switch {
	case d.Old.Action != "pass" && d.New.Action == "pass":
		v.Change = "now passes"
	case d.Old.Action == "pass" && d.New.Action != "pass":
		v.Change = "now blocked"
	default:
		q := !sameQueue(d.Old.Queue, d.New.Queue)
		p := !slices.Equal(d.Old.Prio, d.New.Prio)
		switch {
		case q && p:
			v.Change = "queue and prio changed"
			detail = append(detail, "queue "+queueWords(d.Old.Queue)+" → "+queueWords(d.New.Queue)+
				", prio "+prioWords(d.Old.Prio)+" → "+prioWords(d.New.Prio))
		case q:
			v.Change = "queue changed"
			detail = append(detail, queueWords(d.Old.Queue)+" → "+queueWords(d.New.Queue))
		default:
			v.Change = "prio changed"
			detail = append(detail, prioWords(d.Old.Prio)+" → "+prioWords(d.New.Prio))
		}
	}
	detail = append(detail, v.Old.words+", "+v.New.words)
	if len(assumes) > 0 {
		detail = append(detail, "assuming: "+strings.Join(assumes, "; "))
	}
	v.Kind = strings.ReplaceAll(v.Change, " ", "-")
	v.line = v.Change + ": " + words + " (" + strings.Join(detail, "; ") + ")"
	return v
}

func sameQueue(a, b *model.QueueAssign) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func queueWords(q *model.QueueAssign) string {
	if q == nil {
		return "none"
	}
	return queueText(q)
}

func prioWords(p []int) string {
	if p == nil {
		return "default"
	}
	return prioText(p)
}

// sideOf is one ruleset's outcome for the report: who decides, in words
// ("blocked by old.conf:12", "passed by the default rule") and as data.
func sideOf(o *engine.Outcome) verdictSide {
	s := verdictSide{Action: o.Action, DecidedBy: "rule"}
	verb := "passed"
	if o.Action != "pass" {
		verb = "blocked"
	}
	at := func(r *model.FilterRule) {
		f, l := relative(r.Pos.File), r.Pos.Line
		s.File, s.Line = &f, &l
	}
	switch {
	case o.Skip:
		s.DecidedBy = "skip"
		s.words = "not filtered (set skip on)"
	case o.Rule == nil && o.Translation != nil && o.Translation.Pass:
		s.DecidedBy = o.Translation.Kind + " pass"
		at(o.Translation.Rule)
		s.words = fmt.Sprintf("%s by %s (%s pass)", verb, ruleWhere(o.Translation.Rule), o.Translation.Kind)
	case o.Rule == nil:
		s.DecidedBy = "default"
		s.words = verb + " by the default rule"
	default:
		at(o.Rule)
		s.words = verb + " by " + ruleWhere(o.Rule)
	}
	if o.Queue != nil {
		ack := o.Queue.Ack
		if ack == "" {
			ack = o.Queue.Name
		}
		s.Queue = &queueJSON{Data: o.Queue.Name, Ack: ack}
	}
	s.Prio = o.Prio
	return s
}
