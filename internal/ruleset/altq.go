package ruleset

import "github.com/pfshape/pfshape/grammar"

// usesALTQ reports whether the grammar's errors of reading a file for a
// release without ALTQ say that the file uses ALTQ: by their codes.
func usesALTQ(errs grammar.ErrorList) bool {
	for _, e := range errs {
		if grammar.IsALTQRemoval(e.Code) {
			return true
		}
	}
	return false
}
