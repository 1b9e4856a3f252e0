package queueview

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words every renderer shares: rates, curves, rule places, and names
// made safe to print.

// RateWords writes a rate in bit/s exactly, with the largest unit it
// reaches: 3 Mbit/s, 1.5 Mbit/s, 8.199999 Mbit/s, 640 bit/s. Nothing is
// rounded: an administrator compares it with pfctl's numbers.
func RateWords(bits uint64) string {
	for _, u := range []struct {
		div  uint64
		name string
	}{{1_000_000_000, "Gbit/s"}, {1_000_000, "Mbit/s"}, {1_000, "kbit/s"}} {
		if bits >= u.div {
			whole, frac := bits/u.div, bits%u.div
			if frac == 0 {
				return fmt.Sprintf("%d %s", whole, u.name)
			}
			digits := len(strconv.FormatUint(u.div, 10)) - 1
			f := strings.TrimRight(fmt.Sprintf("%0*d", digits, frac), "0")
			return fmt.Sprintf("%d.%s %s", whole, f, u.name)
		}
	}
	return fmt.Sprintf("%d bit/s", bits)
}

// unknownRate is what a rate that depends on the kernel's interface speed
// reads as; the tree's first line says why.
const unknownRate = "?"

// rateText is a bandwidth as written and resolved: `30% → 3 Mbit/s`, or
// the resolved rate alone when nothing is written.
func rateText(r *Rate) string {
	res := unknownRate
	if r.Known {
		res = RateWords(r.Bits)
	}
	if r.Written == "" {
		return res
	}
	return Escape(r.Written) + " → " + res
}

// curveText is a curve in words: `real-time (5Mb 20 2Mb) → 5 Mbit/s for
// 20 ms, then 2 Mbit/s`, `link-share 10% → 10 Mbit/s`.
func curveText(c Curve) string {
	var res string
	switch {
	case !c.Known:
		res = unknownRate
	case c.M1 == 0 && c.D == 0:
		res = RateWords(c.M2)
	default:
		res = fmt.Sprintf("%s for %d ms, then %s", RateWords(c.M1), c.D, RateWords(c.M2))
	}
	return c.Name + " " + Escape(c.Written) + " → " + res
}

// curveShort is a curve in words for a box of a picture: the rates alone
// when the curve is written in absolute rates (`real-time 1 Mbit/s for 20
// ms, then 512 kbit/s`), as written and resolved when a percentage is in
// it.
func curveShort(c Curve) string {
	if !c.Known || strings.Contains(c.Written, "%") {
		return curveText(c)
	}
	if c.M1 == 0 && c.D == 0 {
		return c.Name + " " + RateWords(c.M2)
	}
	return fmt.Sprintf("%s %s for %d ms, then %s", c.Name, RateWords(c.M1), c.D, RateWords(c.M2))
}

// maxPlaces is how many rule places a cell lists before it says how many
// more there are.
const maxPlaces = 6

// rulesText says how many rules assign a queue, and where: `1 rule (line
// 24)`, `ack: 2 rules (lines 22, 23)` (label "ack"); "" when none.
func rulesText(label string, at []string) string {
	if len(at) == 0 {
		return ""
	}
	rules, lines := "rule", "line"
	if len(at) > 1 {
		rules, lines = "rules", "lines"
	}
	shown := at
	more := ""
	if len(at) > maxPlaces {
		shown, more = at[:maxPlaces-1], fmt.Sprintf(", … %d more", len(at)-maxPlaces+1)
	}
	esc := make([]string, len(shown))
	for i, s := range shown {
		esc[i] = Escape(s)
	}
	if label != "" {
		label += ": "
	}
	return fmt.Sprintf("%s%d %s (%s %s%s)", label, len(at), rules, lines, strings.Join(esc, ", "), more)
}

// assignText is the rules of a queue: data and ACK counts, or `no rule`
// for a leaf queue no rule assigns.
func assignText(n *Node) string {
	parts := []string{}
	if s := rulesText("", n.Rules); s != "" {
		parts = append(parts, s)
	}
	if s := rulesText("ack", n.Ack); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 && len(n.Children) == 0 && !n.Hidden {
		return "no rule"
	}
	return strings.Join(parts, ", ")
}

// becomesText is what a queue becomes: `set prio 6`, the new queue's
// line, or both.
func becomesText(b *Becomes) string {
	if b == nil {
		return ""
	}
	var parts []string
	if b.Queue != "" {
		parts = append(parts, Escape(b.Queue))
	}
	if b.Prio != nil {
		parts = append(parts, fmt.Sprintf("set prio %d", *b.Prio))
	}
	if len(parts) == 0 {
		return ""
	}
	return "→ " + strings.Join(parts, ", ")
}

func lostText(lost []string) string {
	if len(lost) == 0 {
		return ""
	}
	esc := make([]string, len(lost))
	for i, l := range lost {
		esc[i] = Escape(l)
	}
	return "lost: " + strings.Join(esc, ", ")
}

// treeBecomesText is what an interface becomes.
func treeBecomesText(b *TreeBecomes) string {
	switch {
	case b == nil:
		return ""
	case b.To == "":
		return "left in place: " + Escape(b.Left)
	case b.To == "prio":
		return "becomes set prio"
	}
	return "becomes OpenBSD's queues"
}

// headerText is a tree's first line: the altq line, or the root queue of
// OpenBSD's queues, as pfctl would read it back.
func headerText(t *Tree) string {
	if t.Kind != "altq" {
		return "queue " + Escape(t.Queues[0].Name) + " on " + Escape(t.Interface)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "altq on %s %s", Escape(t.Interface), t.Scheduler)
	if len(t.Flags) > 0 {
		fmt.Fprintf(&b, "(%s)", strings.Join(t.Flags, " "))
	}
	if t.Bandwidth != nil {
		b.WriteString(" bandwidth " + rateText(t.Bandwidth))
		if !t.Bandwidth.Known {
			fmt.Fprintf(&b, " (the interface's speed, from the kernel: give it with --ifspeed %s=BW)", Escape(t.Interface))
		}
	}
	if t.Qlimit != 0 {
		fmt.Fprintf(&b, " qlimit %d", t.Qlimit)
	}
	if t.Tbrsize != 0 {
		fmt.Fprintf(&b, " tbrsize %d", t.Tbrsize)
	}
	return b.String()
}

// Escape makes a name from the file safe to print: control characters
// (an ESC in a quoted queue name would drive the terminal), invalid UTF-8
// and the Unicode format characters that reorder text are written as Go
// escapes.
func Escape(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// width is how many columns a string takes on a terminal: one per rune
// (pf names are ASCII in practice; the tree's box-drawing characters and
// arrows take one column each).
func width(s string) int { return utf8.RuneCountInString(s) }
