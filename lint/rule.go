package lint

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/target"
)

// Severity says how bad a finding is. The zero value means "the rule's
// default" in a Diagnostic a rule reports.
type Severity int

const (
	SeverityDefault Severity = iota
	Error
	Warning
	Info
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "default"
}

// ParseSeverity reads error, warning or info.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return SeverityDefault, fmt.Errorf("unknown severity %q: want error, warning or info", s)
}

// AtLeast reports whether s is as serious as o or more (error > warning > info).
func (s Severity) AtLeast(o Severity) bool { return s != SeverityDefault && s <= o }

// Rule is one check, as a value.
type Rule struct {
	// ID is stable across releases: PF001…; it is what suppressions,
	// --select and the output formats name.
	ID string
	// Name is a short kebab-case name (undefined-queue).
	Name     string
	Severity Severity
	// Summary is one line: what the rule finds.
	Summary string
	// Doc explains why it matters and what to do.
	Doc string
	// Bad and Good are examples for Example's target: Bad must trigger the
	// rule, Good must not. Both are run as tests.
	Bad, Good string
	// Target is the release the examples are for ("" = the latest OpenBSD).
	Target string
	// Fixable says that the rule offers fixes.
	Fixable bool
	// UnsafeFixes says that its fixes guess what was meant (a queue or
	// macro name that was probably misspelt, the queue that should be the
	// default) and so may change what the ruleset does: lint --fix applies
	// them only with --unsafe-fixes, as ruff does; the editor offers them.
	UnsafeFixes bool
	// Claims are the codes of pfctl's errors (syntax errors from the
	// grammar, load-time errors from the model) this rule reports in its
	// own words; Pass.Claimed returns them. Errors no rule claims are
	// reported by PF001 (syntax) and PF002 (load). Claims go by code only,
	// never by a message's words.
	Claims []grammar.Code
	// ClaimsOn, when set, limits the claims to the targets it accepts.
	ClaimsOn func(t target.Target) bool
	// Engine says that the rule reads Pass.Usage: when one such rule is
	// run, the packet engine's analysis starts with the run, beside the
	// other rules.
	Engine bool
	Run    func(p *Pass)
}

// claims reports whether the rule claims an error of the code on t.
func (r *Rule) claims(t target.Target, c grammar.Code) bool {
	if r.ClaimsOn != nil && !r.ClaimsOn(t) {
		return false
	}
	for _, cc := range r.Claims {
		if cc == c {
			return true
		}
	}
	return false
}

// ExampleTarget is the target of the rule's examples.
func (r *Rule) ExampleTarget() target.Target {
	if r.Target == "" {
		return target.Default
	}
	return target.MustParse(r.Target)
}

// Range is where a finding is: from Start up to (not including) End, in
// one file.
type Range struct {
	Start, End grammar.Position
}

// File is the file the range is in.
func (r Range) File() string { return r.Start.File }

// Diagnostic is one finding.
type Diagnostic struct {
	Range    Range
	Rule     string // the rule's ID
	Severity Severity
	// Code is the code of pfctl's error the finding reports, when it
	// reports one.
	Code    grammar.Code
	Message string
	Fixes   []Fix
	// Related are other places the finding is about ("queue web defined
	// here"), as go/analysis's RelatedInformation.
	Related []Related
	// Unnecessary marks a finding on text that does nothing (a rule that
	// never decides a packet): editors grey it out.
	Unnecessary bool
}

// Related is another place a finding is about, with what it is.
type Related struct {
	Range   Range
	Message string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Range.Start, d.Severity, d.Message, d.Rule)
}

// Fix is a suggested change: edits on the original bytes, possibly in
// several files (a translation touches included files too).
type Fix struct {
	Message string
	Edits   []FileEdit
	// Unsafe is set on the fixes of a rule with UnsafeFixes.
	Unsafe bool
}

// FileEdit is an edit of one file, with its positions for formats that
// want lines and columns.
type FileEdit struct {
	edit.Edit
	Range Range
}
