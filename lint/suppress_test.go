package lint

import (
	"strings"
	"testing"
)

func TestSuppression(t *testing.T) {
	const unused = "int_if = \"em1\"" // PF302
	tests := []struct {
		name string
		src  string
		want []string // rule IDs found, in order
	}{
		{"not silenced", unused + "\n", []string{"PF302"}},
		{"end of line", unused + " # pfshape:ignore PF302\n", nil},
		{"by name", unused + " # pfshape:ignore unused-macro\n", nil},
		{"line before", "# pfshape:ignore PF302\n" + unused + "\n", nil},
		{"line before, blank lines and comments between", "# pfshape:ignore PF302\n\n# why\n" + unused + "\n", nil},
		{"list", unused + " # pfshape:ignore PF303, PF302 reason\n", nil},
		{"other rule", unused + " # pfshape:ignore PF303\n", []string{"PF302"}},
		{"next line only", "# pfshape:ignore PF302\npass\n" + unused + "\n", []string{"PF302"}},
		{"whole file", unused + "\n# pfshape:ignore-file PF302\n", nil},
		{"unknown id", unused + " # pfshape:ignore PF999\n", []string{"PF302", "PF003"}},
		{"no id", "pass # pfshape:ignore\n", []string{"PF003"}},
		{"continuation line", "pass in \\\n  from <t> # pfshape:ignore PF303\n", nil},
		{"not a directive", unused + " # pfshape:ignored PF302\n", []string{"PF302"}},
		{"cannot silence PF003", "pass # pfshape:ignore PF999,PF003\n", []string{"PF003"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range lintText(t, tc.src, "") {
				got = append(got, d.Rule)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		sel, ign []string
		n        int
		err      bool
	}{
		{nil, nil, len(All()), false},
		{[]string{"PF102,undefined-macro"}, nil, 2, false},
		{nil, []string{"PF102"}, len(All()) - 1, false},
		{[]string{"PF999"}, nil, 0, true},
	}
	for _, tc := range tests {
		rs, err := Select(tc.sel, tc.ign)
		if (err != nil) != tc.err || len(rs) != tc.n {
			t.Errorf("Select(%v, %v) = %d rules, %v", tc.sel, tc.ign, len(rs), err)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		name  string
		cands []string
		want  string
	}{
		{"shh", []string{"std", "ssh"}, "ssh"},
		{"SSH", []string{"ssh"}, "ssh"},
		{"bulk", []string{"std", "ssh"}, ""},
		{"x", nil, ""},
	}
	for _, tc := range tests {
		if got := didYouMean(tc.name, tc.cands); got != tc.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
