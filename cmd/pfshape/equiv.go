package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/translate"
)

// registerStrict adds --strict, spelled the same by every command that
// takes it.
func registerStrict(fs *pflag.FlagSet, v *bool, usage string) {
	fs.BoolVar(v, "strict", false, usage)
}

// proveTranslation checks the translation of old (res), whose output
// reads as new on the target, with translate.ProveSides, and says what it
// found on stderr: each error difference with both rules' positions and
// the class, a note per interface where a class differs only because a
// set prio travels where an ALTQ queue did not, the parts not proven,
// and a summary line. It returns exitLeftBehind on an error difference,
// and with strict on a note or a part not proven; exitOK otherwise.
func proveTranslation(cmd, display string, old, new *translate.Side, res *translate.Result, strict bool, stderr io.Writer) int {
	eq, err := translate.ProveSides(old, new, res)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape %s: %s: not proven: %v\n", cmd, display, err)
		if strict {
			return exitLeftBehind
		}
		return exitOK
	}
	return reportProof(cmd, display, old, eq, strict, stderr)
}

// reportProof writes what a proof found (see proveTranslation) and
// returns the exit status it calls for.
func reportProof(cmd, display string, old *translate.Side, eq *translate.Equivalence, strict bool, stderr io.Writer) int {
	for _, d := range eq.Errors {
		switch d.Kind {
		case translate.DiffVerdict:
			fmt.Fprintf(stderr, "%s: error: the original %s, the output %s (%s): %s\n",
				rulePos(display, d.OldRule), verb(d.Old), verb(d.New), outputPos(display, d.OldRule, d.NewRule), d.Class)
		default:
			fmt.Fprintf(stderr, "%s: error: on %s, %s becomes %s (%s): %s\n",
				rulePos(display, d.OldRule), eq.IfaceWords(d.Interface), d.Old, d.New, outputPos(display, d.OldRule, d.NewRule), d.Class)
		}
	}
	for _, iface := range eq.NoteIfaces {
		ds := eq.Notes[iface]
		where := display
		if pos, ok := old.AltqPos(iface); ok {
			where = fmt.Sprintf("%s:%d", relative(pos.File), pos.Line)
		}
		fmt.Fprintf(stderr, "%s: note: %s classed otherwise on %s: a set prio travels with a packet and its state to every interface, an ALTQ queue existed only on its own (pf cannot express that):\n",
			where, plural(len(ds), "packet class is", "packet classes are"), eq.IfaceWords(iface))
		for _, d := range ds {
			fmt.Fprintf(stderr, "  %s: was %s, now %s (%s): %s\n",
				rulePos(display, d.OldRule), d.Old, d.New, outputPos(display, d.OldRule, d.NewRule), d.Class)
		}
	}
	// The parts not proven are listed up to a few: on a large ruleset
	// the budget leaves many.
	const shown = 5
	for i, u := range eq.Unproven {
		if i == shown {
			fmt.Fprintf(stderr, "%s: not proven: %d more parts\n", display, len(eq.Unproven)-shown)
			break
		}
		fmt.Fprintf(stderr, "%s: not proven (too many cases for the engine's budget): %s\n", display, u)
	}
	status := exitOK
	switch {
	case eq.Proved():
		fmt.Fprintf(stderr, "pfshape %s: %s: proved: every packet keeps its verdict and its class\n", cmd, display)
		return exitOK
	case len(eq.Errors) > 0:
		status = exitLeftBehind
	case strict:
		status = exitLeftBehind
	}
	fmt.Fprintf(stderr, "pfshape %s: %s: %s, %s, %s not proven%s%s\n", cmd, display,
		plural(len(eq.Errors), "difference", "differences"), plural(len(eq.NoteIfaces), "note", "notes"),
		plural(len(eq.Unproven), "part", "parts"), unprovenShare(eq), strictWords(strict, len(eq.Errors) == 0))
	return status
}

// unprovenShare says how much of the packet space the parts not proven
// hold, when there are any: the parts shown are merged, so that a few may
// stand for most of the space on a large ruleset.
func unprovenShare(eq *translate.Equivalence) string {
	if len(eq.Unproven) == 0 || eq.Parts == 0 {
		return ""
	}
	return fmt.Sprintf(" (merged from %d of the %d cases the engine compares)", eq.UnprovenParts, eq.Parts)
}

func strictWords(strict, noErrors bool) string {
	if strict && noErrors {
		return " (errors with --strict)"
	}
	return ""
}

// verb is an action as a verb: pass → passes.
func verb(action string) string {
	if strings.HasSuffix(action, "s") {
		return action + "es"
	}
	return action + "s"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// rulePos is where a rule is written; pf's default rule has no place.
func rulePos(display string, r *model.FilterRule) string {
	if r == nil {
		return "the default rule"
	}
	return fmt.Sprintf("%s:%d", relative(r.Pos.File), r.Pos.Line)
}

// outputPos is where the output's deciding rule is written: its line
// when it is in the file of the original's rule, else its file and line.
func outputPos(display string, old, new *model.FilterRule) string {
	switch {
	case new == nil:
		return "in the output: the default rule"
	case old != nil && old.Pos.File == new.Pos.File:
		return fmt.Sprintf("output line %d", new.Pos.Line)
	}
	return "output " + rulePos(display, new)
}
