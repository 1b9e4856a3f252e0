package engine

import "github.com/pfshape/pfshape/internal/model"

// NameIfaces numbers interfaces the rules need not name (the interfaces
// of altq lines or queue trees, say), so that classes tell each of them
// apart from every other interface. It must be called before Joint and
// before the engine evaluates anything.
func (e *Engine) NameIfaces(names ...string) {
	for _, n := range names {
		if n != "" && n != "any" {
			e.internIface(n)
		}
	}
}

// NameRulesAs names the unknowns of rules (a criterion only the machine
// decides, a test on an address a translation chose) by the position of
// another ruleset's rule: as[r] is the rule r stands for. Two rulesets
// compared (Compare) whose rules correspond but moved (a translation
// deletes lines) then ask the same questions, where by their own
// positions each would have unknowns of its own and every answer the
// other's. It must be called before the engine evaluates anything.
func (e *Engine) NameRulesAs(as map[*model.FilterRule]*model.FilterRule) {
	e.alias = make(map[*model.FilterRule]*model.FilterRule, len(as))
	for r, o := range as {
		e.alias[r] = o
	}
}
