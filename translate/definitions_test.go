package translate

import "testing"

// TestLogicalLineEnd checks where a deleted statement's line ends: at its
// newline, unless an odd number of backslashes continues it.
func TestLogicalLineEnd(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"altq on em0\npass\n", 12},
		{"altq # note\npass\n", 12},
		{"altq # note \\\n0\npass\n", 16},
		{"altq # note \\\\\npass\n", 15},
		{"altq # a \\\\\\\nb\npass\n", 15},
		{"altq \\\n\\\nx\nnext", 11},
		{"altq without newline", 20},
	} {
		if got := logicalLineEnd([]byte(tc.src), 4); got != tc.want {
			t.Errorf("%q: line ends at %d, want %d", tc.src, got, tc.want)
		}
	}
}
