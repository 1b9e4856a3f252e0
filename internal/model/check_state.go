package model

import "github.com/pfshape/pfshape/grammar"

// stateChecks mirrors pfrule's reading of the state options: with
// `source-track global` the per-rule source limits make no sense, and
// pfctl rejects 'max-src-nodes', then 'max-src-conn', then
// 'max-src-conn-rate' ("'%s' is incompatible with 'source-track
// global'"). A state option given twice draws its own "multiple
// definitions" message first; such rules are left alone here.
func (b *builder) stateChecks(s *grammar.Statement, opts []grammar.FilterOpt) bool {
	st := stateOf(opts)
	if st == nil || st.Kind == "no" {
		return true
	}
	seen := stateOptions(st)
	global := false
	for i, o := range st.Opts {
		if o.Value != nil && o.Value.Text() == "source-track" && i+1 < len(st.Opts) &&
			st.Opts[i+1].Value != nil && st.Opts[i+1].Value.Text() == "global" {
			global = true
		}
	}
	for _, v := range []string{"source-track", "max-src-nodes", "max-src-conn", "max-src-conn-rate"} {
		if seen[v] > 1 {
			return true
		}
	}
	if !global {
		return true
	}
	for _, limit := range []string{"max-src-nodes", "max-src-conn", "max-src-conn-rate"} {
		if seen[limit] > 0 {
			b.parseErr(SourceTrackIncompatible, b.at(s, st.Pos), "'%s' is incompatible with 'source-track global'", limit)
			return false
		}
	}
	return true
}

// stateOptions counts the words of a state option list (`max`,
// `source-track`, `global`, `overload`, …): how often each is given.
func stateOptions(st *grammar.StateSpec) map[string]int {
	n := map[string]int{}
	for _, o := range st.Opts {
		if o.Value != nil {
			n[o.Value.Text()]++
		}
	}
	return n
}
