package grammar

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem found while reading a ruleset, at a position in the
// user's bytes, in pfctl's words where pfctl has words for it.
type Error struct {
	Pos Position
	Msg string
	// Unreported is set on a syntax error that pfctl would not print: its
	// yacc parser, recovering from the previous syntax error, stays silent
	// until it has read three tokens without error. pfshape reports it
	// all the same, since the statement is wrong either way.
	Unreported bool
}

func (e *Error) Error() string { return fmt.Sprintf("%s: error: %s", e.Pos, e.Msg) }

// ErrorList collects errors instead of stopping at the first, like
// go/scanner.ErrorList.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(pos Position, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// Addf appends a formatted error.
func (l *ErrorList) Addf(pos Position, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Sort orders the errors by file, then position, keeping the order of
// errors at the same position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Offset < b.Offset
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
