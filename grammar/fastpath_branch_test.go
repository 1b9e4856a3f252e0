package grammar

import (
	"testing"
)

// TestFastPathBranches parses statements in which an optional or repeated
// part fails after its first token. participle then goes back to where
// the part started and reads on without it; so must the fast path, which
// is to take each of these statements itself and build participle's tree.
func TestFastPathBranches(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		errors    int
	}{
		// `:` starts a port range and is also a port name: the range is
		// left out and `:` is the list's next port.
		{"range-left-out", "pass from port { 0 : }\n", 0},
		{"range-left-out-comma", "pass from port { 0 : , 2 }\n", 0},
		{"id-range-left-out", "pass user { 0 : }\n", 0},
		{"range-kept", "pass from port { 0 : 1 }\n", 0},
		// Left out, the part leaves a token nothing else reads: an error,
		// the same one both ways.
		{"range-left-out-error", "pass from port 0 :\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errs int
			took, declined := countFast(func() {
				errs = sameAsParticiple(t, tc.name, []byte(tc.src), Options{Target: fuzzTargets[0], ReadFile: noIncludes})
			})
			if errs != tc.errors {
				t.Errorf("%d errors, want %d", errs, tc.errors)
			}
			if tc.errors == 0 && (took != 1 || declined != 0) {
				t.Errorf("the fast path took %d statements and gave up on %d, want 1 and 0", took, declined)
			}
		})
	}
}
