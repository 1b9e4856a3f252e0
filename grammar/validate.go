package grammar

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/target"
)

// The grammar in ast_*.go is the union of what every release accepts;
// the keyword table of the target already rejects most of what a release
// does not know. validate rejects the rest: constructs whose words are
// keywords in the target but which its pfctl does not accept in that place.
// Like pfctl, it reports them as syntax errors.

// ruleState is pfctl's statement class for order enforcement.
type ruleState int

const (
	stateNone ruleState = iota
	stateOption
	stateEthernet
	stateScrub
	stateQueue
	stateNat
	stateFilter
)

func (fp *fileParser) syntax(code Code, pos Position, what string) {
	msg := "syntax error"
	if what != "" {
		msg += ": " + what
	}
	fp.errs.Add(code, pos, msg)
}

// validate checks one parsed statement against the target. depth is the
// anchor nesting (0 at the top level).
func (fp *fileParser) validate(s *Statement, depth int) {
	t := fp.opts.Target
	st := s.Stmt
	pos := s.Pos()
	switch {
	case st.Queue != nil:
		fp.validateQueue(s, st.Queue, t)
	case st.Scrub != nil && !t.HasScrubRules():
		fp.syntax(ScrubRemoved, pos, "standalone scrub rules were replaced by match … scrub (…) in OpenBSD 4.6")
	case st.Rule != nil:
		fp.validateRule(s, &st.Rule.RuleHead, st.Rule.Options, t)
	case st.Anchor != nil:
		fp.validateRule(s, &st.Anchor.RuleHead, st.Anchor.Options, t)
	case st.Option != nil:
		fp.validateOption(s, st.Option)
	}
	if st.Ether == nil {
		fp.rejectNot(s)
	}
	if depth > 0 && (st.Queue != nil || st.Altq != nil || st.Option != nil) {
		fp.syntax(AnchorQueueOrOption, pos, "queues and options cannot be defined inside an anchor")
	}
	fp.checkOrder(s, t)
}

// validateOption checks what the one grammar rule for `set` options lets
// through: commas between operands belong to state-defaults only (a list of
// timeouts or limits needs braces).
func (fp *fileParser) validateOption(s *Statement, o *SetOption) {
	if o.Name == "require-order" && len(o.Args) == 1 && o.Args[0].Value != nil {
		fp.requireOrderOff = o.Args[0].Value.Text() == "no"
	}
	if o.Name == "state-defaults" {
		return
	}
	for _, a := range o.Args {
		if a.Comma {
			fp.syntax(OptionNeedsBraces, s.Position(a.Pos), "unexpected \",\": more than one "+o.Name+" setting needs { }")
			return
		}
	}
}

// rejectNot reports a `!` among the free-form operands of a statement
// other than an ether rule: set options, state options, scrub options,
// limiters. pfctl's grammar has no `!` there (a syntax error), except
// `set skip on ! IF`, which it reads and then refuses in
// expand_skip_interface.
func (fp *fileParser) rejectNot(s *Statement) {
	st := s.Stmt
	var args [][]*OptionArg
	addOpts := func(opts []FilterOpt) {
		for _, o := range opts {
			switch o := o.(type) {
			case *StateSpec:
				args = append(args, o.Opts)
			case *OptScrub:
				args = append(args, o.Scrub)
			case *LimiterRef:
				args = append(args, o.Opts)
			}
		}
	}
	switch {
	case st.Option != nil:
		if st.Option.Name == "skip" {
			if a := firstNot(st.Option.Args); a != nil {
				fp.errs.Add(SkipNegated, s.Position(a.Pos),
					"skip on ! <interface> is not supported")
			}
			return
		}
		args = append(args, st.Option.Args)
	case st.Limiter != nil:
		args = append(args, st.Limiter.Args)
	case st.Rule != nil:
		addOpts(st.Rule.Options)
	case st.Anchor != nil:
		addOpts(st.Anchor.Options)
	case st.Translation != nil:
		addOpts(st.Translation.Options)
		addOpts(st.Translation.After)
	case st.Scrub != nil:
		for _, o := range st.Scrub.Options {
			args = append(args, o.Paren)
			if o.Filter != nil {
				addOpts([]FilterOpt{o.Filter})
			}
		}
	}
	for _, l := range args {
		if a := firstNot(l); a != nil {
			fp.syntax(Syntax, s.Position(a.Pos), `unexpected "!"`)
			return
		}
	}
}

// firstNot is the first `!` operand of a list, nested lists included.
func firstNot(args []*OptionArg) *OptionArg {
	for _, a := range args {
		if a.Not {
			return a
		}
		if n := firstNot(a.List); n != nil {
			return n
		}
		if n := firstNot(a.Paren); n != nil {
			return n
		}
	}
	return nil
}

// validateQueue tells ALTQ child queues from the queues that replaced
// them: OpenBSD 5.5 reads `queue` as the new kind and `oldqueue` as ALTQ;
// earlier releases and FreeBSD know only ALTQ.
func (fp *fileParser) validateQueue(s *Statement, q *QueueDef, t target.Target) {
	newKind := q.Keyword == "queue" && t.HasNewQueues()
	for _, o := range q.Opts {
		altqOnly := o.Priority != nil || o.Scheduler != nil || o.Tbrsize != nil
		newOnly := o.Parent != nil || o.Min != nil || o.Max != nil || o.Flows != nil || o.Quantum != nil ||
			o.Default || (o.Bandwidth != nil && o.Bandwidth.Burst != nil)
		switch {
		case newKind && altqOnly:
			fp.syntax(QueueALTQOption, s.Position(o.Pos), fmt.Sprintf("%s takes no ALTQ options (priority, scheduler) on %s", q.Keyword, t))
		case !newKind && newOnly:
			fp.syntax(ALTQQueueNewOption, s.Position(o.Pos), fmt.Sprintf("ALTQ %s takes no parent, min, max, burst, flows, quantum or default", q.Keyword))
		}
	}
	if newKind && q.Children != nil {
		fp.syntax(QueueListsChildren, s.Position(q.Children.Pos), "a queue lists no children here: each child names its parent")
	}
}

// validateRule checks the options of filter and anchor rules that depend
// on the release.
func (fp *fileParser) validateRule(s *Statement, h *RuleHead, opts []FilterOpt, t target.Target) {
	if h.FromTo != nil && !h.FromTo.order() {
		fp.syntax(FromToOrder, s.Position(h.FromTo.Pos), "from, os and to must come in that order")
	}
	for _, o := range opts {
		switch o := o.(type) {
		case *OptTos:
			fp.checkTos(s.Position(o.Pos), o.Tos)
		case *OptPrio:
			if len(o.Prio.Pair) > 0 && !t.HasBarePrioAction() {
				fp.syntax(PrioPair, s.Position(o.Pos), fmt.Sprintf("prio is a match criterion on %s and takes one number; use set prio (N, M)", t))
			}
		case *OptSet:
			fp.validateSet(s, o.Set, t)
		}
	}
}

func (fp *fileParser) validateSet(s *Statement, set *SetAction, t target.Target) {
	items := set.Group
	if set.Item != nil {
		items = []*SetItem{set.Item}
	}
	for _, it := range items {
		if it.Tos != nil {
			fp.checkTos(s.Position(it.Pos), *it.Tos)
		}
		switch {
		case it.Prio != nil && !t.HasSetPrio():
			fp.syntax(SetPrioUnsupported, s.Position(it.Pos), fmt.Sprintf("set prio does not exist on %s", t))
		case it.Queue != nil && !t.HasSetQueue():
			fp.syntax(SetQueueUnsupported, s.Position(it.Pos), fmt.Sprintf("set queue does not exist on %s; use queue", t))
		case it.Delay != nil && t.OS == target.FreeBSD:
			fp.syntax(SetDelayUnsupported, s.Position(it.Pos), fmt.Sprintf("set delay does not exist on %s", t))
		}
	}
}

// orderedOption names the set options whose grammar action calls
// check_rulestate(PFCTL_STATE_OPTION) where the order is enforced; the
// others (skip, state-policy, hostid, ruleset-optimization, require-order,
// state-defaults, keepcounters, syncookies) may stand anywhere and leave
// the state unchanged. The same list in FreeBSD's parse.y (main, 2025,
// commit 01c44736) and in OpenBSD's before 5.0 (parse.y 1.554, OpenBSD 4.5,
// as FreeBSD imported it in contrib/pf); timeout and limit check in
// timeout_spec and limit_spec.
var orderedOption = map[string]bool{
	"reassemble": true, "optimization": true, "loginterface": true,
	"block-policy": true, "fail-policy": true, "fingerprints": true,
	"debug": true, "timeout": true, "limit": true,
}

// checkOrder enforces pfctl's statement order where the target does:
// options, (ethernet,) normalization, queueing, translation, filtering.
// Macros, tables, includes and load anchor may stand anywhere.
func (fp *fileParser) checkOrder(s *Statement, t target.Target) {
	if !t.EnforcesOrder() || fp.requireOrderOff {
		return
	}
	st := s.Stmt
	var want ruleState
	switch {
	case st.Option != nil && !orderedOption[st.Option.Name]:
		return
	case st.Option != nil:
		want = stateOption
	case st.Ether != nil:
		want = stateEthernet
	case st.Scrub != nil:
		want = stateScrub
	case st.Altq != nil || st.Queue != nil:
		want = stateQueue
	case st.Translation != nil || (st.Anchor != nil && st.Anchor.Kind != "anchor"):
		want = stateNat
	case st.Rule != nil || st.Antispoof != nil || st.Anchor != nil || st.Anonymous != nil:
		want = stateFilter
	default:
		return
	}
	if want < fp.order {
		msg := "Rules must be in order: options, normalization, queueing, translation, filtering"
		if t.OS == target.FreeBSD && t.Release.AtLeast(target.Release{Major: 14}) {
			msg = "Rules must be in order: options, ethernet, normalization, queueing, translation, filtering"
		}
		fp.errs.Add(StatementOrder, s.Pos(), msg)
		return
	}
	fp.order = want
}
