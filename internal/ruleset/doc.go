// Package ruleset is pfshape's one way in: it reads a ruleset named on the
// command line (or standard input, or an editor's text) the way every
// command needs it, and nothing else in pfshape opens a file a ruleset
// names.
//
// Load takes the name and the options every command shares (the target
// release, the release the file was written for or how to infer it, -D
// macros, the include roots) and returns the parsed files, the model, the
// release the file was read as, the errors pfctl would report, and the
// files that `load anchor` names. Reload reads the same ruleset again with
// rewritten bytes (a translation, lint's fixes, an editor's change), and
// Verify says whether those bytes load on a release.
//
// Includes and anchor files are read only inside the include roots (the
// folder of the file named, "." for standard input, or --include-root),
// through one reader: the grammar refuses an include outside them, and the
// loader refuses an anchor file outside them in the same words.
//
// The package does not lint, translate or print: those read what it
// returns.
package ruleset
