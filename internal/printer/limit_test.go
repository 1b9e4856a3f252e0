package printer

import (
	"fmt"
	"strings"
	"testing"

	loader "github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/internal/target"
)

func TestExpansion(t *testing.T) {
	tests := []struct {
		lens []int
		want int
	}{
		{nil, 1},
		{[]int{0, 0, 3}, 3},
		{[]int{2, 3, 4}, 24},
		{[]int{1000, 1000, 1000}, maxExpandedRules + 1},
		{[]int{1 << 40, 1 << 40}, maxExpandedRules + 1}, // no overflow
	}
	for _, tt := range tests {
		if got := expansion(tt.lens...); got != tt.want {
			t.Errorf("expansion(%v) = %d, want %d", tt.lens, got, tt.want)
		}
	}
}

// list is `{ 10.0.0.1 10.0.0.2 … }` with n addresses.
func list(n int) string {
	a := make([]string, n)
	for i := range a {
		a[i] = fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
	}
	return "{ " + strings.Join(a, " ") + " }"
}

// TestExpansionBound: a rule that multiplies out past the bound is
// refused before any work (10^9 rules would print for hours), and the
// rules after the ruleset reaches the bound are not printed.
func TestExpansionBound(t *testing.T) {
	defer func(n int) { maxExpandedRules = n }(maxExpandedRules)
	maxExpandedRules = 100
	tg := target.MustParse("openbsd-7.8")
	tests := []struct {
		name, src string
		lines     int // rules printed
		msg       string
	}{
		{"one rule too many", "pass proto tcp from " + list(11) + " to " + list(10) + "\n", 0,
			"1:1: error: rule expands to more than 100 rules: pfshape does not print it"},
		{"at the bound", "pass proto tcp from " + list(10) + " to " + list(10) + "\n", 100, ""},
		{"the ruleset past the bound", "pass proto tcp from " + list(10) + " to " + list(6) + "\npass proto udp from " + list(10) + " to " + list(5) + "\npass all\n", 60,
			"2:1: error: the ruleset expands to more than 100 rules: pfshape does not print the rest"},
		{"binat counts its inbound rule", "pass on em0 from " + list(60) + " to any binat-to 192.0.2.1\n", 0,
			"1:1: error: rule expands to more than 100 rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := loader.LoadBytes("x.conf", []byte(tt.src), loader.Options{Target: tg})
			if len(rs.File.Errors) > 0 {
				t.Fatal(rs.File.Errors)
			}
			var b strings.Builder
			err := Print(&b, rs, Options{})
			if got := strings.Count(b.String(), "\n"); got != tt.lines {
				t.Errorf("printed %d lines, want %d", got, tt.lines)
			}
			switch {
			case tt.msg == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.msg != "" && (err == nil || !strings.Contains(err.Error(), tt.msg)):
				t.Errorf("error %v, want %q", err, tt.msg)
			}
		})
	}
}
