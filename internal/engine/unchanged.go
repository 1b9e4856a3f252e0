package engine

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
)

// A part of the packet space that two rulesets evaluate with the same
// rules, in the same order, under the same settings, has the same
// outcomes in both: Compare need not classify it. A pull request that
// changes a few rules of a large ruleset then costs the parts those rules
// may match, not the whole space. The rules are compared as the engine
// reads them (every field of the filter view: macros expanded, lists
// and tables resolved), never by their text, so a changed macro
// changes every rule that uses it.

// sameSettings reports whether what every part depends on besides its
// rules is equal: the release, `set skip`, the old-style translation
// rules, the tables and the rules `load anchor` reads.
func sameSettings(a, b *Engine) bool {
	if a.t != b.t || !slices.Equal(a.f.Skip, b.f.Skip) || len(a.f.Translations) != len(b.f.Translations) ||
		len(a.loaded) != len(b.loaded) || jsonKey(a.f.Tables) != jsonKey(b.f.Tables) {
		return false
	}
	for i, t := range a.f.Translations {
		u := b.f.Translations[i]
		if t.Kind != u.Kind || t.No != u.No || t.Pass != u.Pass || jsonKey(t.To) != jsonKey(u.To) ||
			a.semKey(t.Rule) != b.semKey(u.Rule) {
			return false
		}
	}
	for name, rs := range a.loaded {
		us, ok := b.loaded[name]
		if !ok || !a.sameRules(b, rs, us) {
			return false
		}
	}
	return true
}

// sameRules reports whether two lists of rules are equal as the engine
// reads them.
func (a *Engine) sameRules(b *Engine, rs, us []*model.FilterRule) bool {
	if len(rs) != len(us) {
		return false
	}
	for i := range rs {
		if a.semKey(rs[i]) != b.semKey(us[i]) {
			return false
		}
	}
	return true
}

// semKey is a rule as the engine reads it: every field of the filter
// view but where it stands and how it was written, an inline anchor's
// body included. Computed once per rule.
func (e *Engine) semKey(r *model.FilterRule) string {
	if k, ok := e.semKeys[r]; ok {
		return k
	}
	c := *r
	c.Pos, c.Text = model.FilterPos{}, ""
	var body []string
	if r.Anchor != nil {
		an := *r.Anchor
		for _, x := range an.Rules {
			body = append(body, e.semKey(x))
		}
		an.Rules = nil
		c.Anchor = &an
	}
	k := jsonKey(&c) + "{" + strings.Join(body, "\n") + "}"
	if e.semKeys == nil {
		e.semKeys = map[*model.FilterRule]string{}
	}
	e.semKeys[r] = k
	return k
}

func jsonKey(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Every field of the filter view marshals; should one not, the
		// rules are taken as different (they are then classified).
		return "\x00" + err.Error()
	}
	return string(b)
}
