package engine

import (
	"fmt"
	"iter"
	"net/netip"
	"sort"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Engine evaluates packets against one ruleset for one release.
type Engine struct {
	f *model.Filter
	t target.Target
	// ifaces numbers the interfaces the ruleset names: 0 is any other
	// interface, 1 any other loopback interface.
	ifaces  []string
	ifIndex map[string]int
	// tags numbers the tags: 0 is no tag, 1 any tag the ruleset does not
	// name.
	tags     []string
	tagIndex map[string]int
	// lastIface and lastTag are the names interned last (see internIface).
	lastIface, lastTag string
	// tables are the known tables' contents as sets, per family (0 inet,
	// 1 inet6).
	tables   map[string]*[2]ivset
	compiled map[*model.FilterRule]*compiledRule
	// loaded are the rules of anchors that `load anchor` reads, by name;
	// inLoaded marks their rules, nested ones included.
	loaded   map[string][]*model.FilterRule
	inLoaded map[*model.FilterRule]bool
	// without is a rule evaluation leaves out (Usage's redundancy check).
	without *model.FilterRule
	// only, when set, are the main ruleset's rules the set engine walks:
	// those that may match the class it is given (Usage's and Compare's
	// parts), yielded as the walk goes.
	only iter.Seq[*model.FilterRule]
	// byIface indexes the main ruleset's rules (by position) by the
	// interface they name; wild are those that name none, a group or a
	// negation (candidates).
	byIface map[int][]int
	wild    []int
	// wildBy are the wild rules that may match packets of a
	// direction, family and protocol (a part's ruleSig); sigs the main
	// ruleset's rules' signatures; candBuf the list candidates makes.
	wildBy  map[ruleSig]wildRules
	sigs    []ruleSig
	candBuf []*model.FilterRule
	// split is the set engine's splitter, with the lists it reuses.
	split splitter
	// skips are the `set skip` interfaces' match sets (skipCubes).
	skips []skipSet
	// semKeys are the rules as the engine reads them (semKey).
	semKeys map[*model.FilterRule]string
	// ops counts the pieces rules were tested on since Usage began;
	// beyond opsLimit (when not 0) the set engine gives up
	// (errBudget).
	ops, opsLimit int
	// alias names the unknowns of a rule after another engine's rule
	// (Joint: a rule both rulesets have asks the same questions).
	alias map[*model.FilterRule]*model.FilterRule
	// joint is set by Joint: a criterion that asks about the packet
	// alone (tos, os, prio, rdomain) is one unknown whichever rule asks.
	joint bool
}

// atomRule is the unknown a rule's criterion w (one of its Unknowns)
// asks. Each rule asks its own, named by its file and line; under Joint
// the criteria about the packet alone are named by the criterion, so
// that a changed rule and the rules around it ask the same question of
// the same packet.
func (e *Engine) atomRule(r *model.FilterRule, w string) string {
	if e.joint {
		for _, p := range []string{"tos ", "os ", "prio ", "on rdomain "} {
			if strings.HasPrefix(w, p) {
				return w + ": the packet matches it"
			}
		}
	}
	r = e.named(r)
	return fmt.Sprintf("%s:%d: %s", r.Pos.File, r.Pos.Line, w)
}

// named is the rule whose file and line name r's unknowns.
func (e *Engine) named(r *model.FilterRule) *model.FilterRule {
	if x, ok := e.alias[r]; ok {
		return x
	}
	return r
}

// Names of the values that stand for what the ruleset does not name.
const (
	otherIface   = "<other>"
	otherLoIface = "<other loopback>"
	otherTag     = "<other>"
)

// New makes an engine for a ruleset's filter on release t.
func New(f *model.Filter, t target.Target) *Engine {
	e := &Engine{f: f, t: t, ifIndex: map[string]int{}, tagIndex: map[string]int{},
		tables: map[string]*[2]ivset{}, compiled: map[*model.FilterRule]*compiledRule{},
		loaded: map[string][]*model.FilterRule{}, inLoaded: map[*model.FilterRule]bool{}}
	e.ifaces = []string{otherIface, otherLoIface}
	e.tags = []string{"", otherTag}
	e.intern(f.Rules)
	for _, tr := range f.Translations {
		e.intern([]*model.FilterRule{tr.Rule})
	}
	for _, s := range f.Skip {
		e.internIface(s)
	}
	for name, t := range f.Tables {
		if t.Known {
			e.tables[name] = tableSets(t)
		}
	}
	return e
}

// LoadAnchor gives the rules of an anchor that `load anchor NAME from
// FILE` reads when the ruleset loads: `anchor "NAME"` evaluates them in
// place instead of taking them for unknown. It must be called before
// the engine evaluates anything.
func (e *Engine) LoadAnchor(name string, f *model.Filter) {
	e.loaded[name] = f.Rules
	e.intern(f.Rules)
	var mark func(rs []*model.FilterRule)
	mark = func(rs []*model.FilterRule) {
		for _, r := range rs {
			e.inLoaded[r] = true
			if r.Anchor != nil {
				mark(r.Anchor.Rules)
			}
		}
	}
	mark(f.Rules)
}

// intern numbers the interfaces and tags rules name.
func (e *Engine) intern(rs []*model.FilterRule) {
	for _, r := range rs {
		for _, i := range r.Ifaces {
			if i.Name != "any" {
				e.internIface(i.Name)
			}
		}
		e.internTag(r.Tag)
		e.internTag(r.Tagged)
		if r.Anchor != nil {
			e.intern(r.Anchor.Rules)
		}
	}
}

// anchorRules are the rules anchor rule r evaluates, and whether they
// are known: its inline body, or the rules `load anchor` read for it. An
// anchor named inside a loaded anchor is relative to it, and unknown.
func (e *Engine) anchorRules(r *model.FilterRule) ([]*model.FilterRule, bool) {
	if r.Anchor.Inline {
		return r.Anchor.Rules, true
	}
	if e.inLoaded[r] {
		return nil, false
	}
	rs, ok := e.loaded[r.Anchor.Name]
	return rs, ok
}

func (e *Engine) internIface(name string) {
	// Neighbouring rules mostly name the same interface: the last one
	// seen skips the map.
	if name == e.lastIface && name != "" {
		return
	}
	e.lastIface = name
	if _, ok := e.ifIndex[name]; !ok {
		e.ifIndex[name] = len(e.ifaces)
		e.ifaces = append(e.ifaces, name)
	}
}

func (e *Engine) internTag(name string) {
	if name == "" || name == e.lastTag {
		return
	}
	e.lastTag = name
	if _, ok := e.tagIndex[name]; !ok {
		e.tagIndex[name] = len(e.tags)
		e.tags = append(e.tags, name)
	}
}

// ifaceIndex is the number of an interface: a named one, or one of the
// two others.
func (e *Engine) ifaceIndex(name string) int {
	if i, ok := e.ifIndex[name]; ok {
		return i
	}
	if isLoopback(name) {
		return 1
	}
	return 0
}

func (e *Engine) tagIdx(name string) int {
	if name == "" {
		return 0
	}
	if i, ok := e.tagIndex[name]; ok {
		return i
	}
	return 1
}

// mayBeGroup tells whether a name in `on` (or `set skip on`) may be an
// interface group: group names never end in a digit (if_addgroup()),
// interface names mostly do but need not (FreeBSD's epair0b). A rule's
// name matches the packet's interface of that name, and, when it may be
// a group, the members only ifconfig knows (pf_if.c pfi_kif_match()).
func mayBeGroup(name string) bool {
	return name != "" && name != "any" && (name[len(name)-1] < '0' || name[len(name)-1] > '9')
}

// isLoopback: lo0 and the other lo(4) interfaces carry IFF_LOOPBACK,
// which `on any` excludes (pf_if.c pfi_kif_match).
func isLoopback(name string) bool {
	if !strings.HasPrefix(name, "lo") || len(name) == 2 {
		return false
	}
	for _, c := range name[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// tableSets is a known table's addresses: pf's longest-prefix match,
// where a negated entry excludes its addresses from the less specific
// entries around it (pf_table.c pfr_match_addr). Painting the entries
// from the least to the most specific gives that.
func tableSets(t *model.FilterTable) *[2]ivset {
	if out, ok := plainTableSets(t); ok {
		return out
	}
	es := append([]model.FilterHost(nil), t.Entries...)
	size := func(h model.FilterHost) u128 {
		lo, hi := addrU128(h.Lo), addrU128(h.Hi)
		return u128{hi.hi - lo.hi, hi.lo - lo.lo}
	}
	sort.SliceStable(es, func(i, j int) bool { return size(es[j]).less(size(es[i])) })
	var out [2]ivset
	for _, h := range es {
		k := 0
		if h.AF == 6 {
			k = 1
		}
		r := rng(addrU128(h.Lo), addrU128(h.Hi))
		if h.Not {
			out[k] = out[k].minus(r)
		} else {
			out[k] = out[k].union(r)
		}
	}
	return &out
}

// plainTableSets is tableSets of a table with no negated entry: the
// union of its entries, sorted by their first address and merged in one
// pass (the same canonical sets as one union at a time, without the
// copying of a union per entry).
func plainTableSets(t *model.FilterTable) (*[2]ivset, bool) {
	var out [2]ivset
	for _, h := range t.Entries {
		if h.Not {
			return nil, false
		}
		k := 0
		if h.AF == 6 {
			k = 1
		}
		out[k] = append(out[k], span{addrU128(h.Lo), addrU128(h.Hi)})
	}
	for k := range out {
		s := out[k]
		sort.Slice(s, func(i, j int) bool { return s[i].lo.less(s[j].lo) })
		n := 0
		for _, sp := range s {
			// Overlapping or adjacent: merge, as union does.
			if n > 0 {
				if last := &s[n-1]; !last.hi.less(sp.lo) || last.hi.inc() == sp.lo {
					if last.hi.less(sp.hi) {
						last.hi = sp.hi
					}
					continue
				}
			}
			s[n] = sp
			n++
		}
		out[k] = s[:n:n]
	}
	return &out, true
}

// Packet is one packet as pf sees it when it evaluates the ruleset.
type Packet struct {
	Iface string
	// Dir is "in" or "out".
	Dir   string
	AF    int // 4 or 6
	Proto uint8
	Src   netip.Addr
	Dst   netip.Addr
	Sport uint16
	Dport uint16
	// Type and Code are ICMP's (or ICMPv6's).
	Type, Code uint8
	// Flags are the TCP flags.
	Flags uint8
	// Tag is the tag the packet carries when pf evaluates it.
	Tag string
}

// Outcome is what the ruleset does with a packet.
type Outcome struct {
	// Action is "pass" or "block".
	Action string
	// Rule is the deciding pass or block rule; nil for the default pass
	// (and for a packet on a `set skip` interface).
	Rule *model.FilterRule
	// Quick is set when a quick rule (or quick anchor) ended evaluation.
	Quick bool
	// Skip is set when the interface is skipped (`set skip on`).
	Skip bool
	// Translation is the old-style nat or rdr rule that translated the
	// packet before filtering; Pass when it was `nat pass`/`rdr pass`.
	Translation *model.FilterTranslation
	// Matched are the rules that matched, in order: match, pass, block
	// and anchor rules.
	Matched []*model.FilterRule
	Tag     string
	Queue   *model.QueueAssign
	Prio    []int
	Log     bool
	// NatTo and RdrTo are the translations in effect.
	NatTo, RdrTo *model.FilterRedirect
	// Caveats are unknowns the outcome depends on but that the engine
	// does not branch on (an anchor loaded at run time).
	Caveats []string
	// UnknownAnchor is the last anchor on the packet's way whose rules
	// are loaded at run time (nil: none).
	UnknownAnchor *model.FilterRule
}

// Equal compares two outcomes.
func (o *Outcome) Equal(p *Outcome) bool {
	if o.Action != p.Action || o.Rule != p.Rule || o.Quick != p.Quick || o.Skip != p.Skip ||
		o.Translation != p.Translation || o.Tag != p.Tag || o.Log != p.Log ||
		o.NatTo != p.NatTo || o.RdrTo != p.RdrTo || len(o.Matched) != len(p.Matched) ||
		o.UnknownAnchor != p.UnknownAnchor ||
		len(o.Prio) != len(p.Prio) || (o.Queue == nil) != (p.Queue == nil) ||
		strings.Join(o.Caveats, "\n") != strings.Join(p.Caveats, "\n") {
		return false
	}
	if o.Queue != nil && *o.Queue != *p.Queue {
		return false
	}
	for i := range o.Matched {
		if o.Matched[i] != p.Matched[i] {
			return false
		}
	}
	for i := range o.Prio {
		if o.Prio[i] != p.Prio[i] {
			return false
		}
	}
	return true
}

// Assume says whether an unknown holds, by its name.
type Assume func(atom string) bool

// AssumeAll assumes every unknown holds.
func AssumeAll(string) bool { return true }
