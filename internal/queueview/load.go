package queueview

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
	"github.com/pfshape/pfshape/translate"
)

// Options say what Load draws.
type Options struct {
	// Target is the release the translation is for (with To).
	Target target.Target
	// To adds what each ALTQ queue becomes in the translation; "" for
	// none.
	To translate.Mode
	// IfSpeed gives interface speeds in bit/s for altq lines without an
	// absolute bandwidth (pfctl asks the kernel).
	IfSpeed map[string]uint64
	// NoLint leaves lint's findings out.
	NoLint bool
}

// Load draws the queue trees of a ruleset the loader read (for the
// release it was written for: rs.ReadAs). It returns pfctl's errors
// instead when the file does not load there, with the --ifspeed speeds if
// any: its queues are then not what pfctl would build.
func Load(rs *ruleset.Ruleset, opts Options) (*View, grammar.ErrorList) {
	f, m := rs.File, rs.Model
	if errs := rs.Errors(); len(errs) > 0 {
		return nil, errs
	}
	shown := m
	if len(opts.IfSpeed) > 0 {
		var errs grammar.ErrorList
		shown, errs = m.WithInterfaceSpeeds(opts.IfSpeed)
		if errs = append(errs, shown.Check(f.Target)...); len(errs) > 0 {
			return nil, errs
		}
	}
	in := Input{Model: shown, To: opts.To}
	if opts.To != "" {
		topts := translate.Options{Target: opts.Target, To: opts.To}
		if opts.To != translate.ToPrio {
			topts.IfSpeed = opts.IfSpeed
		}
		in.Translation = translate.Translate(f, m, topts)
	}
	if !opts.NoLint {
		// The findings on the queues as they are read, not on whether the
		// target loads them.
		in.Findings = lint.Run(rs.AsRead(), lintRules()).Diagnostics
	}
	return Build(rs.Name, in), nil
}

// lintRules are the rules whose findings are shown beside the queues: all
// but the syntax and load errors (a file that does not load is not
// drawn).
func lintRules() []*lint.Rule {
	var out []*lint.Rule
	for _, r := range lint.All() {
		if r.ID != "PF001" && r.ID != "PF002" {
			out = append(out, r)
		}
	}
	return out
}
