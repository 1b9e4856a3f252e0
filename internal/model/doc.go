// Package model is what pfctl makes of a parsed ruleset without the
// machine: for traffic shaping, the ALTQ trees per interface with every
// queue's bandwidth resolved to bit/s, the queues of the queueing that
// replaced ALTQ (OpenBSD 5.5 and later), and the filter rules with the
// queues and priorities they assign; and every error pfctl reports while
// it reads and loads the ruleset (its rules, tables, options and queues),
// in pfctl's words with a stable code (codes.go). It is built once, by the
// loader (internal/ruleset), and read by check, lint, translate, print and
// the language server, so none of them derives bandwidths, trees or
// errors on its own.
//
// Build walks the statements in file order, anchor bodies and included
// files included, the way pfctl does: a queue definition finds its parents
// among the queue lists seen before it, percentages are resolved against
// the parent (integer, division first, as pfctl does), and the errors
// pfctl reports while it parses and loads the queues are collected with
// pfctl's own words on the line pfctl names. Check returns them.
//
// What the package is not for: it does not parse (that is grammar), does
// not know the machine (interface speeds, MTUs, whether an interface
// exists: an interface bandwidth pfctl would ask the kernel for is
// recorded as unknown, and checks that need it are skipped), does not
// judge style or portability (that is lint), and does not rewrite text
// (that is translate). It holds no global state and never panics on any
// input; the only floating point is pfctl's own strtod-and-multiply when a
// bandwidth literal is read, so that `8.2Mb` truncates exactly as pfctl
// truncates it.
package model
