package ruleset

import (
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// usesALTQ reports whether the grammar's errors of reading a file for a
// release without ALTQ say that the file uses ALTQ.
func usesALTQ(errs grammar.ErrorList) bool {
	for _, e := range errs {
		for _, part := range []string{"ALTQ was removed in OpenBSD 5.6", "takes no ALTQ options", "a queue lists no children here"} {
			if strings.Contains(e.Msg, part) {
				return true
			}
		}
	}
	return false
}
