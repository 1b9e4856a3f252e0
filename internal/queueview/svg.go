package queueview

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The SVG is laid out here, with no external program: each tree top
// down, the interface above its queues, every queue a box centred over
// its children (a tidy tree: subtrees side by side, never overlapping),
// trees stacked one below the other. The text is monospace, so a box's
// width follows from its longest line.
const (
	svgFont      = 12.0
	svgCharW     = 7.3 // advance of a monospace glyph at svgFont (0.6 em, rounded up)
	svgLineH     = 16.0
	svgPadX      = 10.0
	svgPadY      = 8.0
	svgGapX      = 16.0 // between sibling subtrees
	svgGapY      = 36.0 // between levels
	svgGapTree   = 48.0 // between trees
	svgMargin    = 20.0
	svgFontStack = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace"
)

// box is a node of the layout: the interface or a queue.
type box struct {
	lines    []string
	kind     string // "iface", "queue", "default", "hidden"
	children []*box
	w, h     float64
	// sub is the width of the subtree; x, y the box's top-left corner.
	sub, x, y float64
}

func (b *box) measure() {
	longest := 0
	for _, l := range b.lines {
		longest = max(longest, width(l))
	}
	b.w = float64(longest)*svgCharW + 2*svgPadX
	b.h = float64(len(b.lines))*svgLineH + 2*svgPadY
	kids := 0.0
	for i, c := range b.children {
		c.measure()
		if i > 0 {
			kids += svgGapX
		}
		kids += c.sub
	}
	b.sub = max(b.w, kids)
}

// levelHeights are the tallest box of each depth, so that a level's boxes
// line up.
func (b *box) levelHeights(depth int, hs *[]float64) {
	if len(*hs) <= depth {
		*hs = append(*hs, 0)
	}
	(*hs)[depth] = max((*hs)[depth], b.h)
	for _, c := range b.children {
		c.levelHeights(depth+1, hs)
	}
}

// place puts the subtree in [left, left+sub) with its top at the depth's
// y: children side by side, centred under the box.
func (b *box) place(left float64, depth int, ys []float64) {
	b.y = ys[depth]
	kids := 0.0
	for i, c := range b.children {
		if i > 0 {
			kids += svgGapX
		}
		kids += c.sub
	}
	x := left + (b.sub-kids)/2
	for _, c := range b.children {
		c.place(x, depth+1, ys)
		x += c.sub + svgGapX
	}
	if len(b.children) > 0 {
		first, last := b.children[0], b.children[len(b.children)-1]
		b.x = (first.x+first.w/2+last.x+last.w/2)/2 - b.w/2
	} else {
		b.x = left + (b.sub-b.w)/2
	}
}

func treeBoxes(t *Tree) *box {
	lines := []string{headerText(t)}
	if s := treeBecomesText(t.Becomes); s != "" {
		lines = append(lines, s)
	}
	if t.Becomes != nil && len(t.Becomes.Lost) > 0 {
		lines = append(lines, lostText(t.Becomes.Lost))
	}
	for _, f := range t.Warnings {
		lines = append(lines, "⚠ "+f.Rule)
	}
	root := &box{lines: lines, kind: "iface"}
	var add func(parent *box, ns []*Node)
	add = func(parent *box, ns []*Node) {
		for _, n := range ns {
			b := &box{lines: nodeLines(n), kind: "queue"}
			switch {
			case n.Default:
				b.kind = "default"
			case n.Hidden:
				b.kind = "hidden"
			}
			parent.children = append(parent.children, b)
			add(b, n.Children)
		}
	}
	add(root, t.Queues)
	return root
}

// SVG writes the view as a picture.
func SVG(w io.Writer, v *View) error {
	var roots []*box
	width, top := 0.0, svgMargin
	for _, t := range v.Trees {
		r := treeBoxes(t)
		r.measure()
		var hs []float64
		r.levelHeights(0, &hs)
		ys := make([]float64, len(hs))
		y := top
		for i, h := range hs {
			ys[i] = y
			y += h + svgGapY
		}
		r.place(svgMargin, 0, ys)
		roots = append(roots, r)
		width = max(width, r.sub)
		top = y - svgGapY + svgGapTree
	}
	height := top - svgGapTree + svgMargin
	if len(roots) == 0 {
		height = 2*svgMargin + svgLineH
	}
	width += 2 * svgMargin
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="%s" font-size="%.0f">`+"\n",
		width, height, width, height, svgFontStack, svgFont)
	fmt.Fprintf(&b, "<title>%s</title>\n", xmlText("queues of "+v.File))
	b.WriteString(`<style>
.iface rect { fill: #e8eaf0; stroke: #4a5568; }
.queue rect { fill: #ffffff; stroke: #4a5568; }
.default rect { fill: #f0fff4; stroke: #2f855a; stroke-width: 2.5; }
.hidden rect { fill: #fafafa; stroke: #718096; stroke-dasharray: 4 3; }
text { fill: #1a202c; }
.name { font-weight: bold; }
path { fill: none; stroke: #718096; stroke-width: 1.2; }
</style>
`)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	if len(roots) == 0 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">no queues</text>`+"\n", svgMargin, svgMargin+svgFont)
	}
	for _, r := range roots {
		writeBox(&b, r)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeBox(b *strings.Builder, x *box) {
	for _, c := range x.children {
		x1, y1 := x.x+x.w/2, x.y+x.h
		x2, y2 := c.x+c.w/2, c.y
		mid := y2 - svgGapY/2
		fmt.Fprintf(b, `<path d="M%.1f %.1f V%.1f H%.1f V%.1f"/>`+"\n", x1, y1, mid, x2, y2)
	}
	fmt.Fprintf(b, `<g class="%s">`+"\n", x.kind)
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="5"/>`+"\n", x.x, x.y, x.w, x.h)
	for i, l := range x.lines {
		class := ""
		if i == 0 {
			class = ` class="name"`
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f"%s xml:space="preserve">%s</text>`+"\n",
			x.x+svgPadX, x.y+svgPadY+float64(i)*svgLineH+svgFont, class, xmlText(l))
	}
	b.WriteString("</g>\n")
	for _, c := range x.children {
		writeBox(b, c)
	}
}

// xmlText escapes text for XML; characters XML cannot hold become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
