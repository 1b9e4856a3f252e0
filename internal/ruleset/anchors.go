package ruleset

import (
	"path/filepath"

	"github.com/pfshape/pfshape/grammar"
)

// maxAnchorFiles bounds the anchor files one ruleset loads, anchors of
// anchors included: a file that loads itself, or a fan of files that load
// each other, must end.
const maxAnchorFiles = 1024

// loadAnchors reads the files `load anchor` statements name, as pfctl
// does after it has parsed the ruleset, for ReadAs, inside the include
// roots. Anchor files may load anchors of their own.
func (rs *Ruleset) loadAnchors() {
	rs.Anchors = map[*grammar.Statement]*Anchor{}
	var load func(f *grammar.File, depth int)
	load = func(f *grammar.File, depth int) {
		var here []*grammar.Statement
		grammar.Walk(f.Statements, func(s *grammar.Statement, _ int) {
			if s.Stmt != nil && s.LoadAnchor != nil {
				here = append(here, s)
			}
		})
		for _, s := range here {
			a := rs.loadAnchor(s, depth)
			rs.Anchors[s] = a
			if a.File != nil {
				load(a.File, depth+1)
			}
		}
	}
	load(rs.File, 0)
}

func (rs *Ruleset) loadAnchor(s *grammar.Statement, depth int) *Anchor {
	a := &Anchor{Name: s.LoadAnchor.Name.Text(), Path: s.LoadAnchor.File.Text()}
	path := a.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.Source.Name), path)
	}
	what := "load anchor " + a.Name + " from " + a.Path + ": "
	if msg := grammar.OutsideRoots(rs.opts.roots(rs.Name), path); msg != "" {
		rs.anchorErr.Add(AnchorOutsideRoot, s.Pos(), what+msg)
		return a
	}
	if depth >= maxIncludeDepth || len(rs.Anchors) >= maxAnchorFiles {
		rs.anchorErr.Add(AnchorTooDeep, s.Pos(), what+"anchors loaded more than 32 deep, or more than 1024 anchor files")
		return a
	}
	b, err := readFile(rs.opts, path)
	if err != nil {
		rs.anchorErr.Add(AnchorUnreadable, s.Pos(), "cannot load anchor "+a.Name+" from "+a.Path+": "+grammar.OpenError(err))
		return a
	}
	o := rs.grammarOptions(rs.ReadAs)
	o.Defines = nil // pfctl reads an anchor file with its own macros
	a.File, _ = grammar.Parse(path, b, o)
	rs.anchorErr = append(rs.anchorErr, a.File.Errors...)
	return a
}

// maxIncludeDepth is the grammar's bound on nested includes, kept for
// nested anchor files too.
const maxIncludeDepth = 32
