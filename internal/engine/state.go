package engine

import (
	"sort"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// caveatDefaultDrop: FreeBSD's default rule passes unless the kernel
// was built to drop.
const caveatDefaultDrop = "FreeBSD: the default rule passes unless the kernel was built with PF_DEFAULT_TO_DROP"

// Header fields a translation rewrites, as override indexes.
const (
	ovSrc = iota
	ovDst
	ovSport
	ovDport
	nOv
)

var ovSide = [nOv]string{"from", "to", "from port", "to port"}

// override is what a translation made of a field for the rules after it
// (pf_match_rule() tests pd->nsaddr, pd->ndaddr, nsport, ndport): a
// literal value, or a value chosen at run time (by != nil).
type override struct {
	set bool
	val u128
	by  *model.FilterRule
}

// evalState is what evaluation has gathered so far for a packet: pf's
// ctx and its accumulated actions (O78 pf_match_rule(),
// pf_rule_to_actions()). It is copied before it changes, so pieces of the
// set engine can share it.
type evalState struct {
	last *model.FilterRule
	// lastIn is the anchor rule whose body holds last directly (nil:
	// the main ruleset); decided counts pass/block matches.
	lastIn  *model.FilterRule
	decided int
	tag     string
	queue   *model.QueueAssign
	prio    []int
	natTo   *model.FilterRedirect
	rdrTo   *model.FilterRedirect
	// ov are the fields translations rewrote, shared between states
	// until one changes them (setOverride writes a copy); nil: none.
	ov      *[nOv]override
	matched []*model.FilterRule
	caveats []string
	trans   *model.FilterTranslation
	// unknownAt is the last anchor passed whose rules are not known.
	unknownAt *model.FilterRule
	quick     bool
	tagSet    bool
	log       bool
	// lean is set by ClassifyVerdicts: matched is not kept, and pass or
	// block rules of the main ruleset are not counted in decided (only
	// anchors compare it), so that states which end alike are equal.
	lean bool
	// possible is set by ClassifyPossible (with lean): unknowns are
	// followed both ways instead of split on.
	possible bool
}

// overrides are what translations made of the fields so far.
func (s *evalState) overrides() [nOv]override {
	if s.ov == nil {
		return [nOv]override{}
	}
	return *s.ov
}

// setOverride records what a translation made of field i, on a copy of
// the overrides: the states sharing them keep theirs.
func (s *evalState) setOverride(i int, o override) {
	ov := s.overrides()
	ov[i] = o
	s.ov = &ov
}

// stateID is what makes two lean states alike: every field but matched.
type stateID struct {
	last, lastIn  *model.FilterRule
	decided       int
	quick, tagSet bool
	log           bool
	tag           string
	queue         *model.QueueAssign
	prio          *int
	prioLen       int
	natTo, rdrTo  *model.FilterRedirect
	ov            [nOv]override
	caveats       string
	trans         *model.FilterTranslation
	unknownAt     *model.FilterRule
}

func (s *evalState) id() stateID {
	id := stateID{last: s.last, lastIn: s.lastIn, decided: s.decided, quick: s.quick, tagSet: s.tagSet,
		log: s.log, tag: s.tag, queue: s.queue, prioLen: len(s.prio), natTo: s.natTo, rdrTo: s.rdrTo,
		ov: s.overrides(), trans: s.trans, unknownAt: s.unknownAt}
	if len(s.prio) > 0 {
		id.prio = &s.prio[0]
	}
	if len(s.caveats) > 0 {
		id.caveats = strings.Join(s.caveats, "\n")
	}
	return id
}

func (s *evalState) clone() *evalState {
	c := *s
	c.matched = s.matched[:len(s.matched):len(s.matched)]
	c.caveats = s.caveats[:len(s.caveats):len(s.caveats)]
	return &c
}

func (s *evalState) caveat(c string) {
	for _, x := range s.caveats {
		if x == c {
			return
		}
	}
	s.caveats = append(s.caveats, c)
}

// apply records that r matched, in frame (the anchor rule around it):
// its tag (every matching rule, anchors included: O78 pf_match_rule()
// `if (r->tag) ctx->tag = r->tag`), and for match rules their options
// at once (pf_rule_to_actions()), translations included (pf_get_transaddr()
// on match rules, pf.conf(5) "subsequent rules will see packets as they
// look after any addresses and ports have been translated").
func (e *Engine) apply(s *evalState, r *model.FilterRule, frame *model.FilterRule) {
	if r.Tag != "" {
		s.tag, s.tagSet = r.Tag, true
	}
	if !s.lean {
		s.matched = append(s.matched, r)
	}
	switch r.Action {
	case "match":
		if r.Queue != nil {
			s.queue = r.Queue
		}
		if r.Prio != nil {
			s.prio = r.Prio
		}
		if r.Log {
			s.log = true
		}
		if r.NatTo != nil {
			s.natTo = r.NatTo
			e.translate(s, r, r.NatTo, ovSrc, ovSport, true)
		}
		if r.RdrTo != nil {
			s.rdrTo = r.RdrTo
			e.translate(s, r, r.RdrTo, ovDst, ovDport, false)
		}
	case "pass", "block":
		s.last, s.lastIn = r, frame
		if !s.lean || frame != nil {
			s.decided++
		}
	}
}

// translate rewrites the address (and port) field for later rules. A
// nat-to without a port picks a source port from its range (pf_lb.c
// pf_get_sport(), 50001–65535 unless static-port): unknown here.
func (e *Engine) translate(s *evalState, r *model.FilterRule, to *model.FilterRedirect, addr, port int, nat bool) {
	if to.Addr.IsValid() {
		s.setOverride(addr, override{set: true, val: addrU128(to.Addr)})
	} else {
		s.setOverride(addr, override{set: true, by: r})
	}
	switch {
	case to.PortUnknown:
		s.setOverride(port, override{set: true, by: r})
	case to.Port != 0:
		s.setOverride(port, override{set: true, val: u(uint64(to.Port))})
	case nat:
		s.setOverride(port, override{set: true, by: r})
	}
}

// finish is the outcome once evaluation ended (O78 pf_test_rule(): the
// last matching rule, or pf_default_rule, a pass without state).
func (e *Engine) finish(s *evalState) *Outcome {
	o := &Outcome{Action: "pass", Rule: s.last, Quick: s.quick, Matched: s.matched,
		Tag: s.tag, Log: s.log, Translation: s.trans, UnknownAnchor: s.unknownAt}
	stateful := false
	if s.last != nil {
		o.Action = s.last.Action
		o.Log = o.Log || s.last.Log
		stateful = s.last.Action == "pass" && s.last.KeepState
	}
	// A translation rule always creates state (F22, F25 pf_test_rule():
	// `r->keep_state || nr != NULL`).
	if o.Action == "pass" && s.trans != nil && s.trans.To != nil {
		stateful = true
	}
	// Queue and prio: the accumulated values with the final rule's on
	// top when a state is created (pf_create_state() copies ctx.act);
	// without state OpenBSD takes the final rule's own (pf_test()).
	if stateful || matchOptionsStateless(e.t) {
		o.Queue, o.Prio = s.queue, s.prio
	}
	if s.last != nil {
		if s.last.Queue != nil {
			o.Queue = s.last.Queue
		}
		if s.last.Prio != nil {
			o.Prio = s.last.Prio
		}
	}
	// Translations take effect when a state is created (pf_translate()
	// from the state keys); a pass rule's own apply only when it decides.
	if o.Action == "pass" && (stateful || e.t.HasTranslationRules()) {
		o.NatTo, o.RdrTo = s.natTo, s.rdrTo
		if s.last != nil && s.last.NatTo != nil {
			o.NatTo = s.last.NatTo
		}
		if s.last != nil && s.last.RdrTo != nil {
			o.RdrTo = s.last.RdrTo
		}
	}
	if s.last == nil && e.t.OS == target.FreeBSD && !(s.trans != nil && s.trans.Pass) {
		// F22 pf_ioctl.c: the default rule blocks on a kernel built
		// with PF_DEFAULT_TO_DROP.
		s = s.clone()
		s.caveat(caveatDefaultDrop)
	}
	if len(s.caveats) > 0 {
		o.Caveats = append([]string(nil), s.caveats...)
		sort.Strings(o.Caveats)
	}
	return o
}
