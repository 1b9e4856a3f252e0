package queueview

import (
	"fmt"
	"io"
	"strings"
)

// Dot writes the view as a Graphviz digraph: an interface node (the altq
// line, or the interface of a root of OpenBSD's queues) above its queues,
// each queue labelled with its bandwidth; the default queue is drawn with
// a double border and says so.
func Dot(w io.Writer, v *View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote("queues of "+v.File))
	b.WriteString("\trankdir=TB;\n\tnode [shape=box, style=rounded, fontname=\"monospace\", fontsize=10];\n\tedge [arrowhead=none];\n")
	id := 0
	next := func() string { id++; return fmt.Sprintf("n%d", id) }
	for _, t := range v.Trees {
		tid := next()
		label := []string{headerText(t)}
		if s := treeBecomesText(t.Becomes); s != "" {
			label = append(label, s)
		}
		fmt.Fprintf(&b, "\t%s [label=%s, shape=box, style=\"filled\", fillcolor=\"#e8e8e8\"];\n", tid, dotLabel(label))
		var walk func(parent string, ns []*Node)
		walk = func(parent string, ns []*Node) {
			for _, n := range ns {
				nid := next()
				attrs := ""
				if n.Default {
					attrs = ", peripheries=2, penwidth=2"
				}
				if n.Hidden {
					attrs += ", style=\"rounded,dashed\""
				}
				fmt.Fprintf(&b, "\t%s [label=%s%s];\n", nid, dotLabel(nodeLines(n)), attrs)
				fmt.Fprintf(&b, "\t%s -> %s;\n", parent, nid)
				walk(nid, n.Children)
			}
		}
		walk(tid, t.Queues)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// nodeLines are the lines of a queue's box in dot and SVG: its name, its
// bandwidth and curves, its priority, qlimit and flags, and what it
// becomes.
func nodeLines(n *Node) []string {
	lines := []string{Escape(n.Name)}
	if n.Default {
		lines[0] += " (default)"
	}
	if n.Bandwidth != nil {
		lines = append(lines, "bandwidth "+rateText(n.Bandwidth))
	}
	for _, c := range n.Curves {
		lines = append(lines, curveShort(c))
	}
	var attrs []string
	if n.Priority != nil && !n.Hidden {
		attrs = append(attrs, fmt.Sprintf("priority %d", *n.Priority))
	}
	if n.Qlimit != 0 && !n.Hidden {
		attrs = append(attrs, fmt.Sprintf("qlimit %d", n.Qlimit))
	}
	for _, f := range n.Flags {
		if f != "default" {
			attrs = append(attrs, f)
		}
	}
	if len(attrs) > 0 {
		lines = append(lines, strings.Join(attrs, ", "))
	}
	if s := assignText(n); s != "" {
		lines = append(lines, s)
	}
	if s := becomesText(n.Becomes); s != "" {
		lines = append(lines, s)
	}
	if n.Becomes != nil && len(n.Becomes.Lost) > 0 {
		lines = append(lines, lostText(n.Becomes.Lost))
	}
	for _, f := range n.Warnings {
		lines = append(lines, "⚠ "+f.Rule)
	}
	return lines
}

// dotLabel is a centred multi-line label.
func dotLabel(lines []string) string {
	q := make([]string, len(lines))
	for i, l := range lines {
		q[i] = dotEscape(l)
	}
	return `"` + strings.Join(q, `\n`) + `"`
}

// dotQuote is a Graphviz ID in double quotes.
func dotQuote(s string) string { return `"` + dotEscape(Escape(s)) + `"` }

// dotEscape escapes what a double-quoted Graphviz string gives meaning to:
// the quote, and the backslash (\n, \l, \N… are escapes in labels).
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s)
}
