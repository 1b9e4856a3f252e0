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

// ruleChanges are the rules two rulesets of the same length, rule for
// rule on the same interfaces, direction, family and protocols, read
// differently (semKey), indexed as candidates indexes rules: a part none
// of whose candidates changed is unchanged, found without listing its
// candidates (a ruleset with 1,600 interfaces has 32,000 parts, and each
// list holds every rule that names no interface).
type ruleChanges struct {
	e *Engine // the first ruleset's engine, whose index is used
	// changed marks the rules by position; wild and named memoize
	// whether a changed rule of wild or of an interface's meets a
	// part's ruleSig.
	changed []bool
	wild    map[ruleSig]bool
	named   map[ifaceSig]bool
}

type ifaceSig struct {
	iface int
	want  ruleSig
}

// changedRules returns the rules that changed between a and b, or nil
// when the rulesets do not pair rule for rule (or their settings
// differ): each part is then looked at as a whole.
func changedRules(a, b *Engine, same bool) *ruleChanges {
	if !same || len(a.f.Rules) != len(b.f.Rules) {
		return nil
	}
	a.indexRules()
	b.indexRules()
	rc := &ruleChanges{e: a, changed: make([]bool, len(a.f.Rules)), wild: map[ruleSig]bool{}, named: map[ifaceSig]bool{}}
	for i, r := range a.f.Rules {
		u := b.f.Rules[i]
		if a.sigs[i] != b.sigs[i] || !slices.Equal(r.Ifaces, u.Ifaces) {
			return nil // the candidates of a part would differ
		}
		rc.changed[i] = a.semKey(r) != b.semKey(u)
	}
	return rc
}

// meets reports whether a changed rule may match packets of c.
func (rc *ruleChanges) meets(c cube) bool {
	sp := c.at(fIface)
	if len(sp) != 1 || sp[0].lo != sp[0].hi {
		return true // not one interface: look at the part as a whole
	}
	e, want := rc.e, wantSig(c)
	w, ok := rc.wild[want]
	if !ok {
		for _, i := range e.wild {
			if rc.changed[i] && e.sigs[i].meets(want) {
				w = true
				break
			}
		}
		rc.wild[want] = w
	}
	if w {
		return true
	}
	k := ifaceSig{int(sp[0].lo.lo), want}
	n, ok := rc.named[k]
	if !ok {
		for _, i := range e.byIface[k.iface] {
			if rc.changed[i] && e.sigs[i].meets(want) {
				n = true
				break
			}
		}
		rc.named[k] = n
	}
	return n
}
