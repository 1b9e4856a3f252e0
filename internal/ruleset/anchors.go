package ruleset

import (
	"fmt"
	"path/filepath"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// Bounds on the anchor files one ruleset loads, anchors of anchors
// included. pfctl loads a file again for every `load anchor` that names
// it, so files that load a file many times multiply it, as includes do
// (grammar's budgets): the loads are counted as pfctl makes them.
const (
	maxAnchorLoads = 4096
	maxAnchorBytes = 64 << 20
	maxAnchorDepth = 32
)

// anchorLoader is the state of loading the anchor files of one ruleset.
type anchorLoader struct {
	rs      *Ruleset
	read    map[string][]byte // each file read once
	readErr map[string]error
	loading map[string]bool // the files being loaded, for cycles
	loads   int
	bytes   int
	refused bool // the budget was reported
}

// loadAnchors reads the files `load anchor` statements name, as pfctl
// does after it has parsed the ruleset, for ReadAs, inside the include
// roots. Anchor files may load anchors of their own.
func (rs *Ruleset) loadAnchors() {
	rs.Anchors = map[*grammar.Statement]*Anchor{}
	l := &anchorLoader{rs: rs, read: map[string][]byte{}, readErr: map[string]error{},
		loading: map[string]bool{filepath.Clean(rs.File.Source.Name): true}}
	l.load(rs.File, 0)
}

// load loads the anchor files a parsed file names, in file order.
func (l *anchorLoader) load(f *grammar.File, depth int) {
	var here []*grammar.Statement
	grammar.Walk(f.Statements, func(s *grammar.Statement, _ int) {
		if s.Stmt != nil && s.LoadAnchor != nil {
			here = append(here, s)
		}
	})
	for _, s := range here {
		a := l.loadOne(s, depth)
		l.rs.Anchors[s] = a
		if a.File != nil {
			l.rs.Loads = append(l.rs.Loads, a)
			path := filepath.Clean(a.File.Source.Name)
			l.loading[path] = true
			l.load(a.File, depth+1)
			delete(l.loading, path)
		}
	}
}

func (l *anchorLoader) loadOne(s *grammar.Statement, depth int) *Anchor {
	rs := l.rs
	a := &Anchor{Name: s.LoadAnchor.Name.Text(), Path: s.LoadAnchor.File.Text()}
	path := a.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.Source.Name), path)
	}
	refuse := func(code grammar.Code, why string) *Anchor {
		rs.anchorErr.Add(code, s.Pos(), "cannot load anchor "+a.Name+" from "+a.Path+": "+why)
		return a
	}
	if msg := grammar.OutsideRoots(rs.opts.roots(rs.Name), path); msg != "" {
		rs.anchorErr.Add(AnchorOutsideRoot, s.Pos(), "load anchor "+a.Name+" from "+a.Path+": "+msg)
		return a
	}
	clean := filepath.Clean(path)
	if l.loading[clean] {
		return refuse(AnchorCycle, "the file is being loaded already (a cycle)")
	}
	if depth >= maxAnchorDepth {
		return refuse(AnchorBudget, fmt.Sprintf("anchor files load anchor files more than %d deep", maxAnchorDepth))
	}
	b, seen := l.read[clean]
	if !seen && l.readErr[clean] == nil {
		var err error
		if b, err = readFile(rs.opts, path); err != nil {
			l.readErr[clean] = err
		} else {
			l.read[clean] = b
		}
	}
	if err := l.readErr[clean]; err != nil {
		return refuse(AnchorUnreadable, grammar.OpenError(err))
	}
	if l.loads >= maxAnchorLoads || l.bytes+len(b) > maxAnchorBytes {
		if !l.refused {
			l.refused = true
			refuse(AnchorBudget, fmt.Sprintf("more than %d files loaded, or more than %d bytes, in this ruleset (each file counted every time it is loaded); this load and every later one are not made", maxAnchorLoads, maxAnchorBytes))
		}
		return a
	}
	l.loads++
	l.bytes += len(b)
	o := rs.grammarOptions(rs.ReadAs)
	o.Defines = nil // pfctl reads an anchor file with its own macros
	a.File, _ = grammar.Parse(path, b, o)
	a.Model, _ = model.Build(a.File)
	rs.anchorErr = append(rs.anchorErr, a.File.Errors...)
	return a
}
