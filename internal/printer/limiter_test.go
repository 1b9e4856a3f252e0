package printer

import "testing"

func TestPrintLimiters(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"state limiter", "state limiter \"web\" id 2 limit 100\n", "state limiter web id 2 limit 100\n"},
		{"state limiter rate", "state limiter web id 2 limit 100 rate 5/10\n",
			"state limiter web id 2 limit 100 rate 5/10\n"},
		{"source limiter", "source limiter src id 3 limit 10 states 5 rate 20/60 inet mask 24 inet6 mask 64\n",
			"source limiter src id 3 limit 10 states 5 rate 20/60 inet mask 24 inet6 mask 64\n"},
		{"source limiter host masks not printed", "source limiter src id 3 limit 10 states 5 inet mask 32 inet6 mask 128\n",
			"source limiter src id 3 limit 10 states 5\n"},
		{"source limiter first spelling", "source limiter old id 4 entries 7 limit 8\n",
			"source limiter old id 4 limit 7 states 8\n"},
		{"rule refers by id, no-match by default",
			"state limiter web id 2 limit 100\npass in proto tcp state limiter web\n",
			"state limiter web id 2 limit 100\npass in proto tcp all flags S/SA keep state state limiter id 2 (no-match)\n"},
		{"block action, state before source",
			"state limiter a id 1 limit 5\nsource limiter b id 7 limit 5 states 1\npass source limiter b (block) state limiter a\n",
			"state limiter a id 1 limit 5\nsource limiter b id 7 limit 5 states 1\npass all flags S/SA keep state state limiter id 1 (no-match) source limiter id 7 (block)\n"},
		{"after state options", "state limiter a id 1 limit 5\npass keep state (max 10) state limiter a\n",
			"state limiter a id 1 limit 5\npass all flags S/SA keep state (max 10, adaptive.start 6, adaptive.end 12) state limiter id 1 (no-match)\n"},
		{"reference by id", "pass source limiter id 9\n", "pass all flags S/SA keep state source limiter id 9 (no-match)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, "freebsd-15.0", tt.in); got != tt.want {
				t.Errorf("print %q\n got: %q\nwant: %q", tt.in, got, tt.want)
			}
		})
	}
}
