package model

import (
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

func TestParseBandwidth(t *testing.T) {
	tests := []struct {
		target  string
		text    string
		number  bool
		bits    uint64
		written uint64
		percent int
		err     string
	}{
		{"openbsd-5.4", "10Mb", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd-5.4", "512Kb", false, 512_000, 512_000, 0, ""},
		{"openbsd-5.4", "2Gb", false, 2_000_000_000, 2_000_000_000, 0, ""},
		{"openbsd-5.4", "100b", false, 100, 100, 0, ""},
		{"openbsd-5.4", "1.5Mb", false, 1_500_000, 1_500_000, 0, ""},
		{"openbsd-5.4", "8.2Mb", false, 8_199_999, 8_199_999, 0, ""}, // double arithmetic, truncated
		{"openbsd-5.4", "12.5%", false, 0, 0, 12, ""},
		{"openbsd-5.4", "100%", false, 0, 0, 100, ""},
		{"openbsd-5.4", "101%", false, 0, 0, 0, "bandwidth spec out of range"},
		{"openbsd-5.4", "10M", false, 0, 0, 0, "unknown unit M"},
		{"openbsd-5.4", "10Mbps", false, 0, 0, 0, "unknown unit Mbps"},
		{"openbsd-5.4", "1.5", false, 0, 0, 0, "unknown unit "},
		{"openbsd-5.4", "5Gb", false, 705_032_704, 5_000_000_000, 0, ""}, // cast to 32 bits silently
		{"openbsd-5.4", "4294967295", true, 4294967295, 4294967295, 0, ""},
		{"openbsd-5.4", "4294967296", true, 0, 0, 0, "bandwidth number too big"},
		{"openbsd-5.4", "-1", true, 0, 0, 0, "bandwidth number too big"},
		{"openbsd", "10M", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd", "10Mb", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd", "10MB", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd", "10Mbit", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd", "10MBit", false, 10_000_000, 10_000_000, 0, ""},
		{"openbsd", "10G", false, 10_000_000_000, 10_000_000_000, 0, ""},
		{"openbsd", "10Mbps", false, 0, 0, 0, `unknown unit "Mbps"`},
		{"openbsd", "10m", false, 0, 0, 0, `unknown unit "m"`},
		{"openbsd", "5000000000", true, 5_000_000_000, 5_000_000_000, 0, ""},
		{"openbsd", "1e30G", false, 0, 0, 0, "bandwidth number too big"},
		{"openbsd-5.5", "5G", false, 705_032_704, 5_000_000_000, 0, ""},
		{"freebsd-14.2", "10Gb", false, 10_000_000_000, 10_000_000_000, 0, ""},
		{"freebsd-14.2", "10Mbps", false, 0, 0, 0, "unknown unit Mbps"},
		{"freebsd-14.2", "5000000000", true, 5_000_000_000, 5_000_000_000, 0, ""},
		{"freebsd-11.0", "5000000000", true, 0, 0, 0, "bandwidth number too big"},
	}
	for _, tc := range tests {
		bw, msg := ParseBandwidth(tc.text, tc.number, target.MustParse(tc.target))
		if msg != tc.err {
			t.Errorf("%s %q: error %q, want %q", tc.target, tc.text, msg, tc.err)
			continue
		}
		if msg != "" {
			continue
		}
		if bw.Bits != tc.bits || bw.Written != tc.written || bw.Percent != tc.percent {
			t.Errorf("%s %q: bits %d written %d percent %d, want %d %d %d",
				tc.target, tc.text, bw.Bits, bw.Written, bw.Percent, tc.bits, tc.written, tc.percent)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		text   string
		parent uint64
		want   uint64
	}{
		{"12.5%", 1_000_000, 120_000},                // 12.5% is 12%
		{"50%", 10_000_000_000, 5_000_000_000},       // 50% of 10Gb, 64-bit
		{"30%", 10_000_000, 3_000_000},               // pfail18's queues
		{"33%", 1_000_099, 330_000},                  // division first: 1_000_099/100*33
		{"100%", 999, 900},                           // 999/100*100
		{"1Mb", 10_000_000, 1_000_000},               // absolute wins
		{"0%", 10_000_000, 0},                        // nothing
		{"100%", 1<<64 - 1, (1<<64 - 1) / 100 * 100}, // no overflow
	}
	for _, tc := range tests {
		bw, msg := ParseBandwidth(tc.text, false, target.MustParse("freebsd-14.2"))
		if msg != "" {
			t.Fatalf("%q: %s", tc.text, msg)
		}
		if got := bw.Resolve(tc.parent); got != tc.want {
			t.Errorf("%q of %d = %d, want %d", tc.text, tc.parent, got, tc.want)
		}
	}
}

func TestRateString(t *testing.T) {
	for bits, want := range map[uint64]string{
		8_000_000: "8Mb", 80_000_000_000: "80Gb", 1_500: "1.50Kb", 512: "512 b", 1_234_567: "1.23Mb", 1_999_999: "2.00Mb",
	} {
		if got := rateString(bits); got != want {
			t.Errorf("rateString(%d) = %q, want %q", bits, got, want)
		}
	}
}
