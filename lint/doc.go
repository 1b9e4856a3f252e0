// Package lint finds mistakes in pf.conf rulesets that pfctl misses or
// reports poorly: a queue name with a typo, a bandwidth that wraps at 32
// bits, an ACK queue ranked below its data queue, a ruleset that the target
// release cannot load at all. It also carries pfctl's own syntax and
// load-time errors as findings, so one run reports everything.
//
// Rules are values (see golang.org/x/tools/go/analysis): each Rule has a
// stable ID (PF101), a short name, a default severity, a doc with a bad and a
// good example (run as tests), and a Run function that reports Diagnostics on
// a Pass holding the parsed file, its model and the target. Fixes are edits on
// the original bytes (internal/edit), the same edits translate produces.
// One rule lives in one file; All lists them.
//
// Findings can be silenced in the file: `# pfshape:ignore ID[,ID]` at the end
// of a line or alone on the line before it, `# pfshape:ignore-file ID`
// anywhere for the whole file. An unknown ID in such a comment is a finding.
//
// What the package is not for: it does not parse (grammar), derive queue
// trees or bandwidth (internal/model), format output (internal/report) or
// write files (cmd/pfshape). It knows nothing of the machine a ruleset will
// load on: checks that need an interface's speed are skipped.
package lint
