package queueview

import (
	"fmt"
	"testing"
)

func TestQueuesRateWords(t *testing.T) {
	tests := []struct {
		bits uint64
		want string
	}{
		{0, "0 bit/s"},
		{999, "999 bit/s"},
		{1000, "1 kbit/s"},
		{1500, "1.5 kbit/s"},
		{3_000_000, "3 Mbit/s"},
		{8_199_999, "8.199999 Mbit/s"}, // pfctl's 8.2Mb
		{2_812_000, "2.812 Mbit/s"},
		{1_000_000_001, "1.000000001 Gbit/s"},
		{4_294_967_295, "4.294967295 Gbit/s"},
		{10_000_000_000, "10 Gbit/s"},
	}
	for _, tc := range tests {
		if got := RateWords(tc.bits); got != tc.want {
			t.Errorf("RateWords(%d) = %q, want %q", tc.bits, got, tc.want)
		}
	}
}

func TestQueuesEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"std", "std"},
		{"a b", "a b"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"tab\there", `tab\x09here`},
		{"del\x7f", `del\x7f`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"c1\u0085", `c1\u0085`},
		{"bidi\u202eevil", `bidi\u202eevil`},
		{"voix-é", "voix-é"},
	}
	for _, tc := range tests {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQueuesRulesText(t *testing.T) {
	many := make([]string, 9)
	for i := range many {
		many[i] = fmt.Sprint(10 + i)
	}
	tests := []struct {
		at   []string
		want string
	}{
		{nil, ""},
		{[]string{"24"}, "1 rule (line 24)"},
		{[]string{"22", "inc.conf:3"}, "2 rules (lines 22, inc.conf:3)"},
		{many, "9 rules (lines 10, 11, 12, 13, 14, … 4 more)"},
	}
	if got := rulesText("ack", []string{"22", "23"}); got != "ack: 2 rules (lines 22, 23)" {
		t.Errorf("rulesText(ack) = %q", got)
	}
	for _, tc := range tests {
		if got := rulesText("", tc.at); got != tc.want {
			t.Errorf("rulesText(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

func TestQueuesCurveText(t *testing.T) {
	tests := []struct {
		c           Curve
		long, short string
	}{
		{Curve{Name: "real-time", Written: "(1Mb 20 512Kb)", M1: 1e6, D: 20, M2: 512e3, Known: true},
			"real-time (1Mb 20 512Kb) → 1 Mbit/s for 20 ms, then 512 kbit/s", "real-time 1 Mbit/s for 20 ms, then 512 kbit/s"},
		{Curve{Name: "link-share", Written: "10%", M2: 1e6, Known: true}, "link-share 10% → 1 Mbit/s", "link-share 10% → 1 Mbit/s"},
		{Curve{Name: "upper-limit", Written: "50%"}, "upper-limit 50% → ?", "upper-limit 50% → ?"},
		{Curve{Name: "max", Written: "80M", M2: 80e6, Known: true}, "max 80M → 80 Mbit/s", "max 80 Mbit/s"},
	}
	for _, tc := range tests {
		if got := curveText(tc.c); got != tc.long {
			t.Errorf("curveText(%+v) = %q, want %q", tc.c, got, tc.long)
		}
		if got := curveShort(tc.c); got != tc.short {
			t.Errorf("curveShort(%+v) = %q, want %q", tc.c, got, tc.short)
		}
	}
}
