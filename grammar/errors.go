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
	// Code names the complaint (see codes.go): what consumers decide on.
	// Msg is for people and may be reworded at any time.
	Code Code
	Msg  string
	// Subject is the name the error is about (a queue, an interface, a
	// macro, a table) where a consumer needs it: never parse it out of Msg.
	Subject string
	// Unreported is set on a syntax error that pfctl would not print: its
	// yacc parser, recovering from the previous syntax error, stays silent
	// until it has read three tokens without error. pfshape reports it
	// all the same, since the statement is wrong either way.
	Unreported bool
}

func (e *Error) Error() string { return fmt.Sprintf("%s: error: %s", e.Pos, e.Msg) }

// About sets the error's Subject and returns the error; on nil (an error
// not reported) it does nothing.
func (e *Error) About(subject string) *Error {
	if e == nil {
		return nil
	}
	e.Subject = subject
	return e
}

// NewError makes an error. Every error is made here, so that a test build
// (-tags pfshape_reword) can reword every message.
func NewError(code Code, pos Position, msg string) *Error {
	return &Error{Pos: pos, Code: code, Msg: Reword(msg)}
}

// ErrorList collects errors instead of stopping at the first, like
// go/scanner.ErrorList.
type ErrorList []*Error

// Add appends an error and returns it (to set its Subject with About).
func (l *ErrorList) Add(code Code, pos Position, msg string) *Error {
	e := NewError(code, pos, msg)
	*l = append(*l, e)
	return e
}

// Addf appends a formatted error and returns it.
func (l *ErrorList) Addf(code Code, pos Position, format string, args ...any) *Error {
	return l.Add(code, pos, fmt.Sprintf(format, args...))
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
