package gen

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/pfshape/pfshape/internal/target"
)

// Shape is what a generated ruleset has much of. Real rulesets differ in
// shape more than in size: a hosting provider's has an interface and a
// queue tree for every customer, a blocklist firewall has thousands of
// tables, a generated one has long lists or deep anchors. Each shape
// stresses other code, so the benchmarks run every shape.
type Shape string

const (
	// Mixed is every kind of statement in the proportions of a hand-kept
	// firewall: five interfaces, a few queue trees, tables, anchors.
	Mixed Shape = "mixed"
	// Shaping has an interface with its own queue tree about every 60
	// lines (ALTQ on releases that have it, else the queues that replaced
	// it), and rules that assign those queues: at 100k lines about 1,600
	// interfaces and 10,000 queues.
	Shaping Shape = "shaping"
	// Tables has a table about every 8 lines and anchors three times as
	// often as Mixed.
	Tables Shape = "tables"
	// Lists has lists eight times as long in rules and macros.
	Lists Shape = "lists"
	// Anchors nests inline anchors up to 8 deep, and writes them often.
	Anchors Shape = "anchors"
)

// Shapes are every shape, Mixed first.
var Shapes = []Shape{Mixed, Shaping, Tables, Lists, Anchors}

// ParseShape reads a shape's name.
func ParseShape(s string) (Shape, error) {
	for _, sh := range Shapes {
		if string(sh) == s {
			return sh, nil
		}
	}
	names := make([]string, len(Shapes))
	for i, sh := range Shapes {
		names[i] = string(sh)
	}
	return "", fmt.Errorf("unknown shape %q: want one of %s", s, strings.Join(names, ", "))
}

// RulesetShape returns a ruleset of exactly lines lines of a shape for t,
// generated from Seed.
func RulesetShape(lines int, t target.Target, s Shape) []byte {
	return generate(lines, t, s, Seed)
}

// shapingInterfaces adds the interfaces of the Shaping shape: one per 60
// lines, named as VLANs are, each with a macro-free name.
func (g *generator) shapingInterfaces(lines int) {
	prefix := "vlan"
	for n := range max(lines/60-len(g.ifaces), 0) {
		g.ifaces = append(g.ifaces, iface{macro: fmt.Sprintf("%s%d_if", prefix, n+10), name: fmt.Sprintf("%s%d", prefix, n+10)})
	}
}

// shapingTrees writes a small queue tree on every interface past the
// first three (which queueing gave their trees): ALTQ schedulers in turn,
// or the queues that replaced ALTQ.
func (g *generator) shapingTrees() {
	scheds := []string{"cbq", "priq", "hfsc"}
	for k := 3; k < len(g.ifaces); k++ {
		i := &g.ifaces[k]
		leaves := 3 + g.r.IntN(6)
		switch {
		case g.d.altq:
			g.altqTree(i, scheds[k%len(scheds)], leaves)
		case g.d.newQueues:
			g.newQueueTree(i, pick(g, 10, 100, 1000), leaves)
		}
		if g.left < 200 {
			return // leave room for the rules that assign them
		}
	}
}

// listLen is how many items a list of about n items has in this shape.
func (g *generator) listLen(n int) int {
	if g.shape == Lists {
		return n * 8
	}
	return n
}

// anchorPercent is how often, in percent, a rule slot holds an anchor.
func (g *generator) anchorPercent() int {
	switch g.shape {
	case Tables:
		return 9
	case Anchors:
		return 15
	}
	return 3
}

// maxAnchorDepth is how deep inline anchors nest in this shape.
func (g *generator) maxAnchorDepth() int {
	if g.shape == Anchors {
		return 8
	}
	return 1
}

// tablesPer is one table per this many lines.
func (g *generator) tablesPer() int {
	if g.shape == Tables {
		return 8
	}
	return 60
}

// AnchorFile is the file the generated rulesets load an anchor from
// (`load anchor "spamd" from "spamd.anchor"`), beside the ruleset.
const AnchorFile = "spamd.anchor"

// ReadFile reads the files a generated ruleset names: the anchor file,
// empty; nothing else exists. Tests and benchmarks give it to the loader.
func ReadFile(path string) ([]byte, error) {
	if filepath.Base(path) == AnchorFile {
		return nil, nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}
