package grammar

// Code names what an error complains about: stable, kebab-case, the same
// whatever words the message uses (pfctl's differ between releases; a
// message may be reworded any time). Consumers (lint rules, the language
// server, translate) decide on codes, never on messages.
//
// The grammar's codes are declared here, the model's in
// internal/model/codes.go, the printer's in internal/printer/codes.go and
// the loader's in internal/ruleset/codes.go, all of this type. To add an error site, add a constant (one per distinct
// complaint; several messages may share one when they are the same
// complaint in different releases' words) and a line to its comment.
type Code string

// Codes of the grammar: syntax errors and what reading a file finds.
const (
	// Syntax is pfctl's "syntax error", with what was found and expected.
	Syntax Code = "syntax"
	// KeywordNotOnTarget is a syntax error on a word that is a keyword of
	// another release than the target.
	KeywordNotOnTarget Code = "keyword-not-on-target"
	// NestingTooDeep is more braces, parentheses or anchors nested than
	// pfshape reads.
	NestingTooDeep Code = "nesting-too-deep"
	// StatementTooLong is a statement with more tokens than pfshape reads.
	StatementTooLong Code = "statement-too-long"
	// StringTooLong is a word or quoted string longer than pfctl's buffer.
	StringTooLong Code = "string-too-long"
	// UnterminatedString is a quoted string the file ends in.
	UnterminatedString Code = "unterminated-string"
	// MacroUndefined is $name of a macro not defined (yet); Subject is the
	// macro's name.
	MacroUndefined Code = "macro-undefined"
	// MacroTooLong is a macro, or a statement it expands to, longer than
	// pfctl's buffer.
	MacroTooLong Code = "macro-too-long"
	// ExpansionBudget is a macro not expanded because the ruleset's
	// macros expand to more bytes in all than the limit for its size.
	ExpansionBudget Code = "expansion-budget"
	// IncludeBudget is an include not read because the ruleset has
	// followed more includes, or read more through them, than its budget.
	IncludeBudget Code = "include-budget"
	// IncludeCycle is a file that includes itself.
	IncludeCycle Code = "include-cycle"
	// IncludeTooDeep is includes nested deeper than pfshape reads.
	IncludeTooDeep Code = "include-too-deep"
	// IncludeOutsideRoot is an include of a file outside the include root.
	IncludeOutsideRoot Code = "include-outside-root"
	// IncludeUnreadable is an include file that cannot be read.
	IncludeUnreadable Code = "include-unreadable"
	// FileTooLarge is a file longer than the parser reads (2 GiB).
	FileTooLarge Code = "file-too-large"
	// Template is a template ({{ … }}), not pf.conf.
	Template Code = "template"
	// TosInvalid is a tos value pfctl does not take.
	TosInvalid Code = "tos-invalid"
	// OptionNeedsBraces is a set option with several settings and no { }.
	OptionNeedsBraces Code = "option-needs-braces"
	// FromToOrder is from, os and to out of order.
	FromToOrder Code = "from-to-order"
	// AnchorQueueOrOption is a queue or an option inside an anchor.
	AnchorQueueOrOption Code = "anchor-queue-or-option"
	// SkipNegated is `set skip on ! IF`, which pfctl refuses.
	SkipNegated Code = "skip-negated"
	// StatementOrder is a statement out of pfctl's required order.
	StatementOrder Code = "statement-order"

	// ALTQRemoved is ALTQ (altq on, a scheduler, ALTQ queue options) on
	// OpenBSD 5.6 or later.
	ALTQRemoved Code = "altq-removed"
	// QueueALTQOption is a queue with ALTQ options (priority, scheduler)
	// where queue means the queues that replaced ALTQ.
	QueueALTQOption Code = "queue-altq-option"
	// QueueListsChildren is a queue with a { … } list of children where
	// queue means the queues that replaced ALTQ.
	QueueListsChildren Code = "queue-lists-children"
	// ALTQQueueNewOption is an ALTQ queue with an option of the queues
	// that replaced ALTQ (parent, min, max, burst, flows, quantum, default).
	ALTQQueueNewOption Code = "altq-queue-new-option"
	// OldqueueOnly55 is oldqueue outside OpenBSD 5.5.
	OldqueueOnly55 Code = "oldqueue-only-5.5"
	// ScrubRemoved is a standalone scrub rule on OpenBSD 4.6 or later.
	ScrubRemoved Code = "scrub-removed"
	// NatRemoved is a nat, rdr or binat rule on OpenBSD 4.7 or later.
	NatRemoved Code = "nat-removed"
	// PrioPair is prio (N, M) where prio is a match criterion.
	PrioPair Code = "prio-pair"
	// SetPrioUnsupported is set prio on a release without it.
	SetPrioUnsupported Code = "set-prio-unsupported"
	// SetQueueUnsupported is set queue on a release without it.
	SetQueueUnsupported Code = "set-queue-unsupported"
	// SetDelayUnsupported is set delay on a release without it.
	SetDelayUnsupported Code = "set-delay-unsupported"
)

// IsALTQRemoval reports whether an error with the code says that the file
// uses ALTQ where the target has none: such a file is read again for the
// ALTQ release it was written for.
func IsALTQRemoval(c Code) bool {
	return c == ALTQRemoved || c == QueueALTQOption || c == QueueListsChildren
}
