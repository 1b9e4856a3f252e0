package fingerprint

import "testing"

func TestFirstDiff(t *testing.T) {
	tests := []struct{ want, got, diff string }{
		{"== a\nx\n", "== a\nx\n", ""},
		{"== a\nx\n== b\ny\n", "== a\nx\n== b\nz\n", "in == b, line 4:\n- y\n+ z"},
		{"== a\nx\n", "== a\nx\ny\n", "in == a, line 3:\n- \n+ y"},
	}
	for _, tt := range tests {
		if d := firstDiff(tt.want, tt.got); d != tt.diff {
			t.Errorf("firstDiff(%q, %q) = %q, want %q", tt.want, tt.got, d, tt.diff)
		}
	}
}
