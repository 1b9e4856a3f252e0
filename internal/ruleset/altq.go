package ruleset

import (
	"bytes"

	"github.com/pfshape/pfshape/grammar"
)

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

// hasALTQStatement reports whether a line of the text starts with altq or
// oldqueue, the words only ALTQ statements start with: a look at the
// bytes that spares a file that is to be translated a parse for a target
// that cannot load it. It may be wrong (a macro that expands to an altq
// line, a continuation line): it only decides which reading is tried
// first, never what is read.
func hasALTQStatement(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimLeft(line, " \t")
		for _, w := range [][]byte{[]byte("altq"), []byte("oldqueue")} {
			if bytes.HasPrefix(line, w) && (len(line) == len(w) || line[len(w)] == ' ' || line[len(w)] == '\t') {
				return true
			}
		}
	}
	return false
}
