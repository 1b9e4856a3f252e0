package model

import "github.com/pfshape/pfshape/grammar"

// Rule is a pass, block, match or anchor rule, with what it does for
// shaping: the queue it assigns and the priority it sets.
type Rule struct {
	// Action is pass, block or match, or the anchor keyword (anchor,
	// nat-anchor, …) for an anchor rule.
	Action string
	// Interfaces are the `on` interfaces, as written (`!` kept apart).
	Interfaces []OnInterface
	// Queue is the queue assignment; nil when the rule assigns none.
	Queue *QueueAssign
	// Prio is the priority the rule sets (`set prio`, or bare `prio` on
	// OpenBSD 5.0–5.1); nil when it sets none.
	Prio *Prio
	// MatchPrio is a `prio N` match criterion (where `prio` is not an
	// action); nil when absent.
	MatchPrio *Prio
	// AnchorDepth is 0 in the main ruleset, 1 inside an anchor body, …
	AnchorDepth int
	Range
	Stmt *grammar.Statement
}

// QueueAssign is `queue q`, `queue (q, ack)`, `set queue …` or `set (queue
// …)`. Ack takes TCP ACKs without payload and lowdelay packets ("" when
// the rule names one queue).
type QueueAssign struct {
	Name string
	Ack  string
	// Set is true for the `set queue` spelling.
	Set bool
	Range
}

// Prio is `prio N` / `prio (N, M)`, as an action or a match criterion.
// Values has one or two numbers; the second is for ACKs and lowdelay.
type Prio struct {
	Values []int
	// Set is true for the `set prio` spelling.
	Set bool
	Range
}
