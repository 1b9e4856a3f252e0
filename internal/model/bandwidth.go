package model

import (
	"fmt"
	"strconv"

	"github.com/pfshape/pfshape/internal/target"
)

// Bandwidth is one bandwidth value as written: an absolute rate in bit/s
// or a percentage of the parent's (the interface's, for a top-level
// queue). It is read the way the target's pfctl reads it.
type Bandwidth struct {
	// Text is the value as written, macros expanded.
	Text string
	// Percent is the percentage, 0–100, truncated as pfctl truncates it
	// (`12.5%` is 12). Zero for an absolute value.
	Percent int
	// IsPercent tells `0%` from `0`.
	IsPercent bool
	// Bits is the absolute rate in bit/s that pfctl keeps: truncated
	// toward zero, and cast to 32 bits on targets whose pfctl does so.
	Bits uint64
	// Written is the absolute rate before any 32-bit cast: what the user
	// meant. It differs from Bits when the value wrapped (`5Gb` on
	// OpenBSD 5.4 is 705032704 bit/s).
	Written uint64
	Range
}

// Wrapped reports whether pfctl's 32-bit cast changed the value.
func (b Bandwidth) Wrapped() bool { return b.Bits != b.Written }

// Resolve is the bandwidth in bit/s given the bandwidth it is a
// percentage of, the way pfctl's eval_bwspec computes it: an absolute
// value wins, a percentage is `parent / 100 * pct` in integers (division
// first), and anything else is 0.
func (b Bandwidth) Resolve(parent uint64) uint64 {
	if b.Bits > 0 {
		return b.Bits
	}
	if b.Percent > 0 {
		return parent / 100 * uint64(b.Percent)
	}
	return 0
}

// ParseBandwidth reads a bandwidth token the way the target's pfctl does.
// number says whether the lexer made the token a NUMBER (bare digits,
// bit/s) rather than a STRING (`10Mb`, `20%`, `1.5M`). On error it
// returns pfctl's message.
//
// pfctl reads the number with strtod and multiplies in double precision
// before truncating, so `8.2Mb` is 8199999 bit/s; this is the one place
// where the model uses floating point, to truncate exactly as pfctl does.
func ParseBandwidth(text string, number bool, t target.Target) (Bandwidth, string) {
	b := Bandwidth{Text: text}
	if number {
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || numberTooBig(t, n) {
			return b, "bandwidth number too big"
		}
		b.Bits, b.Written = uint64(n), uint64(n)
		return b, ""
	}
	bps, unit := strtod(text)
	if newUnits(t) && len(unit) > 1 {
		switch unit[1:] {
		case "Bit", "B", "bit", "b":
			unit = unit[:1]
		}
	}
	switch {
	case unit == "b":
	case unit == "K" && newUnits(t), unit == "Kb" && !newUnits(t):
		bps *= 1000
	case unit == "M" && newUnits(t), unit == "Mb" && !newUnits(t):
		bps *= 1000 * 1000
	case unit == "G" && newUnits(t), unit == "Gb" && !newUnits(t):
		bps *= 1000 * 1000 * 1000
	case unit == "%":
		if bps < 0 || bps > 100 {
			return b, "bandwidth spec out of range"
		}
		b.Percent, b.IsPercent = int(bps), true
		return b, ""
	default:
		if quotedUnitMessage(t) {
			return b, fmt.Sprintf("unknown unit %q", unit)
		}
		return b, "unknown unit " + unit
	}
	if t.OS == target.OpenBSD && !bandwidth32(t) && (bps < 0 || bps > 1<<63-1) {
		return b, "bandwidth number too big"
	}
	b.Written = cToUint64(bps)
	b.Bits = b.Written
	if bandwidth32(t) {
		b.Bits = uint64(uint32(cToInt64(bps)))
	}
	return b, ""
}

// cToInt64 converts like amd64's cvttsd2si, which C compilers emit for a
// double-to-integer cast: truncation, and the "integer indefinite" value
// (the lowest int64) when the value does not fit.
func cToInt64(f float64) int64 {
	if f != f || f >= 1<<63 || f < -(1<<63) {
		return -1 << 63
	}
	return int64(f)
}

// cToUint64 is the value as the user meant it, clamped to uint64.
func cToUint64(f float64) uint64 {
	switch {
	case f != f || f <= 0:
		return 0
	case f >= 1<<64:
		return 1<<64 - 1
	}
	return uint64(f)
}

// strtod reads the longest prefix of s that C's strtod reads as a decimal
// number (sign, digits, point, exponent) and returns its value and the
// rest. Without a number it returns 0 and all of s, as strtod does.
// Hexadecimal floats, "inf" and "nan" are not read (pfctl users do not
// write them; they come out as an unknown unit here).
func strtod(s string) (float64, string) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, s
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	f, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		// Out of range: strtod returns ±HUGE_VAL, which ParseFloat also
		// returns with the error.
		return f, s[i:]
	}
	return f, s[i:]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
