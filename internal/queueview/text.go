package queueview

import (
	"fmt"
	"io"
	"strings"
)

// TextOptions say how to write text.
type TextOptions struct {
	// Color writes ANSI colours (the command decides: a terminal, and
	// NO_COLOR unset).
	Color bool
}

// The columns of a queue's line, in order; empty columns are left out.
const (
	colName = iota
	colScheduler
	colPriority
	colBandwidth
	colRealtime  // real-time, or min
	colLinkshare // link-share, or a two-piece bandwidth
	colUpper     // upper-limit, or max
	colQlimit
	colFlags
	colRules
	colBecomes
	colLost
	colWarnings // last: not padded
	numCols
)

// ANSI styles of the columns.
var colStyle = [numCols]string{
	colName:     "1",  // bold
	colFlags:    "32", // green
	colBecomes:  "36", // cyan
	colLost:     "31", // red
	colWarnings: "33", // yellow
}

const styleTree = "2" // dim

type textRow struct {
	prefix string // the tree's lines
	cells  [numCols]string
}

// Text writes the view as trees, one per interface, like tree(1): a
// queue per line with its columns aligned across the view.
func Text(w io.Writer, v *View, opts TextOptions) error {
	paint := func(style, s string) string {
		if !opts.Color || style == "" || s == "" {
			return s
		}
		return "\x1b[" + style + "m" + s + "\x1b[0m"
	}
	var rows [][]textRow
	var widths [][numCols]int // per tree
	for _, t := range v.Trees {
		var tw [numCols]int
		var tr []textRow
		var walk func(ns []*Node, indent string)
		walk = func(ns []*Node, indent string) {
			for i, n := range ns {
				branch, next := "├── ", "│   "
				if i == len(ns)-1 {
					branch, next = "└── ", "    "
				}
				r := textRow{prefix: indent + branch, cells: nodeCells(n)}
				tr = append(tr, r)
				walk(n.Children, indent+next)
			}
		}
		walk(t.Queues, "")
		for _, r := range tr {
			for c := range numCols {
				cw := width(r.cells[c])
				if c == colName {
					cw += width(r.prefix)
				}
				tw[c] = max(tw[c], cw)
			}
		}
		rows = append(rows, tr)
		widths = append(widths, tw)
	}
	var b strings.Builder
	for i, t := range v.Trees {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s  %s\n", paint("1", headerText(t)), paint(styleTree, "("+Escape(t.Pos)+")"))
		if s := treeBecomesText(t.Becomes); s != "" {
			style := colStyle[colBecomes]
			if t.Becomes.To == "" {
				style = colStyle[colWarnings]
			}
			fmt.Fprintf(&b, "  %s\n", paint(style, s))
			if l := lostText(t.Becomes.Lost); l != "" {
				fmt.Fprintf(&b, "  %s\n", paint(colStyle[colLost], l))
			}
		}
		for _, f := range t.Warnings {
			fmt.Fprintf(&b, "  %s\n", paint(colStyle[colWarnings], findingText(f)))
		}
		for _, r := range rows[i] {
			var line strings.Builder
			pending := 0 // spaces owed before the next non-empty cell
			for c := range numCols {
				if widths[i][c] == 0 {
					continue
				}
				cell := r.cells[c]
				cw := width(cell)
				if c == colName {
					line.WriteString(paint(styleTree, r.prefix))
					cw += width(r.prefix)
				} else {
					pending += 2
				}
				if cell != "" {
					line.WriteString(strings.Repeat(" ", pending))
					line.WriteString(paint(colStyle[c], cell))
					pending = 0
				}
				pending += widths[i][c] - cw
			}
			b.WriteString(line.String())
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nodeCells are the columns of one queue.
func nodeCells(n *Node) [numCols]string {
	var c [numCols]string
	c[colName] = Escape(n.Name)
	c[colScheduler] = n.Scheduler
	if n.Priority != nil && !n.Hidden {
		c[colPriority] = fmt.Sprintf("priority %d", *n.Priority)
	}
	if n.Bandwidth != nil {
		c[colBandwidth] = "bandwidth " + rateText(n.Bandwidth)
	}
	for _, cv := range n.Curves {
		col := colLinkshare
		switch cv.Name {
		case "real-time", "min":
			col = colRealtime
		case "upper-limit", "max":
			col = colUpper
		}
		c[col] = curveText(cv)
	}
	if n.Qlimit != 0 && !n.Hidden {
		c[colQlimit] = fmt.Sprintf("qlimit %d", n.Qlimit)
	}
	c[colFlags] = strings.Join(n.Flags, " ")
	c[colRules] = assignText(n)
	c[colBecomes] = becomesText(n.Becomes)
	if n.Becomes != nil {
		c[colLost] = lostText(n.Becomes.Lost)
	}
	ws := make([]string, len(n.Warnings))
	for i, f := range n.Warnings {
		ws[i] = findingText(f)
	}
	c[colWarnings] = strings.Join(ws, "; ")
	return c
}

// findingText is a lint finding beside its queue: `⚠ warning PF104: …`.
func findingText(f Finding) string {
	return fmt.Sprintf("⚠ %s %s: %s", f.Severity, f.Rule, Escape(f.Message))
}
