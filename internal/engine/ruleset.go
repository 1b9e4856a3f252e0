package engine

import "github.com/pfshape/pfshape/internal/ruleset"

// ForRuleset is the engine of a loaded ruleset, for the release it was
// read as, with the rules of the anchors `load anchor` reads in the
// order the loader loaded them (a later load of a name replaces an
// earlier one).
func ForRuleset(rs *ruleset.Ruleset) *Engine {
	e := New(rs.Model.Filter(), rs.ReadAs)
	for _, a := range rs.Loads {
		e.LoadAnchor(a.Name, a.Model.Filter())
	}
	return e
}
