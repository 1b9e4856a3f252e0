// Package queueview draws the queue trees of a ruleset from its model, as
// `pfctl -vsq` shows them on a live machine but from the file alone: per
// ALTQ interface (and per root of OpenBSD's queues), which queue hangs
// under which, each queue's scheduler, priority, bandwidth as written and
// resolved to bit/s the way pfctl resolves it, HFSC curves, qlimit, flags,
// the rules that assign it, the lint findings on its line and, when asked,
// what the translation (package translate) makes of it.
//
// Build turns a model (internal/model) into a View, computing nothing of
// its own: rates come from the model, priorities and new queues from the
// translation's Result.Trees, findings from lint. The renderers write a
// View as text (a tree(1)-like tree with aligned columns), Graphviz dot,
// SVG (laid out here, no external program) and JSON.
package queueview
