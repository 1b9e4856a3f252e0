package shapediff

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
)

// Kind is what happened to a queue or rule.
type Kind string

const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
	// Renamed is a queue removed and one added on the same interface with
	// everything else the same.
	Renamed Kind = "renamed"
)

// Change is one change in the shaping.
type Change struct {
	Kind Kind `json:"kind"`
	// Subject is what changed: `queue ssh on em0`, `altq on em0`, or a
	// rule's text.
	Subject string `json:"subject"`
	// Field is the property that changed (priority, bandwidth, …); empty
	// for additions and removals.
	Field string `json:"field,omitempty"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
	// At is where the subject is written: in the new file, or in the old
	// one for a removal.
	At grammar.Position `json:"-"`
	// Where is At as file:line:col, for JSON.
	Where string `json:"at"`
}

func (c Change) String() string {
	switch {
	case c.Kind == Added && c.New != "":
		return fmt.Sprintf("%s: %s added: %s", c.Where, c.Subject, c.New)
	case c.Kind == Added:
		return fmt.Sprintf("%s: %s added", c.Where, c.Subject)
	case c.Kind == Removed && c.Old != "":
		return fmt.Sprintf("%s: %s removed (was %s)", c.Where, c.Subject, c.Old)
	case c.Kind == Removed:
		return fmt.Sprintf("%s: %s removed", c.Where, c.Subject)
	case c.Kind == Renamed:
		return fmt.Sprintf("%s: %s renamed to %s", c.Where, c.Subject, c.New)
	}
	return fmt.Sprintf("%s: %s: %s %s → %s", c.Where, c.Subject, c.Field, orNone(c.Old), orNone(c.New))
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func at(p grammar.Position) (grammar.Position, string) { return p, p.String() }
