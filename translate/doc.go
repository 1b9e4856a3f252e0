// Package translate turns ALTQ queueing (`altq on …`, `queue …`,
// `oldqueue …`, and the queue assignments of rules) into what OpenBSD 5.6
// and later can load: `set prio` priorities (ToPrio), OpenBSD's own
// queues (`queue NAME on IF bandwidth …`, `queue NAME parent P …`) with
// `set queue` in the rules (ToQueues), or both (ToBoth). It produces
// edits on the original bytes (internal/edit), never a reprint, so every
// line it does not need to touch stays byte-identical, and notes for
// everything the translation cannot carry over (for priorities:
// bandwidth, borrowing, service curves, qlimit; for queues: RED/ECN, CBQ
// priorities, tbrsize), with their positions.
//
// It reads the ruleset through the model (internal/model): it never
// re-derives queue trees or bandwidth on its own. It does not decide where
// output goes; the command line does.
package translate
