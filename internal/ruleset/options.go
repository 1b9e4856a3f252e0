package ruleset

import (
	"path/filepath"

	"github.com/pfshape/pfshape/internal/target"
)

// Inference says whether, and when, a file is read for another release
// than the target: the release it was written for.
type Inference int

const (
	// ReadAsTarget reads the file for the target only (check, print).
	ReadAsTarget Inference = iota
	// InferForALTQ reads a file that uses ALTQ, on a target without it,
	// for the ALTQ release it was written for, so that its queues can be
	// checked and its translation offered (lint, the language server).
	InferForALTQ
	// InferAny reads a file that does not parse for the target for the
	// first release it parses for (translate, diff).
	InferAny
)

// Options are what every command that reads rulesets shares.
type Options struct {
	// Target is the release the ruleset must load on.
	Target target.Target
	// From is the release the file was written for (--from); nil lets
	// Infer decide.
	From *target.Target
	// Infer says when to read the file for another release than Target.
	Infer Inference
	// Defines are -D name=value macros, which the file cannot override.
	Defines map[string]string
	// Roots are the folders included and anchor files must lie in. Empty:
	// the folder of the file named ("." for standard input).
	Roots []string
	// ReadFile reads every file the ruleset names (and the named file
	// itself, for Load): an editor's unsaved text, a translation being
	// verified, a test's files. Nil reads the disk (grammar.ReadIncludeFile).
	ReadFile func(path string) ([]byte, error)
	// Filter says the caller will ask for the packet filter's view of
	// the ruleset (Model.Filter): it is built alongside the model, on
	// another core (model.BuildWithFilter).
	Filter bool
}

// candidates are the releases tried, in order, when the release a file
// was written for is not given: the last OpenBSD release of each ALTQ
// grammar, then FreeBSD.
var candidates = func() []target.Target {
	var out []target.Target
	for _, c := range append(append([]string(nil), target.ALTQReleases...), "freebsd") {
		out = append(out, target.MustParse(c))
	}
	return out
}()

// Candidates are the releases inference tries, in order.
func Candidates() []target.Target { return append([]target.Target(nil), candidates...) }

// roots are the include roots for a file named name.
func (o Options) roots(name string) []string {
	switch {
	case len(o.Roots) > 0:
		return o.Roots
	case name == StdinName || name == "-":
		return []string{"."}
	}
	return []string{filepath.Dir(name)}
}
