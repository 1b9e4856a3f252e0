package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/pfshape/pfshape/lint"
)

// writeText writes one finding per line, file:line:col: severity: message
// [ID], the form of compilers that Vim's errorformat and CI parsers read.
// A newline in a message continues on an indented line.
func writeText(w io.Writer, diags []lint.Diagnostic) error {
	for _, d := range diags {
		s := d.Range.Start
		msg := strings.ReplaceAll(d.Message, "\n", "\n\t")
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", s.File, s.Line, s.Column, d.Severity, msg, d.Rule); err != nil {
			return err
		}
	}
	return nil
}
