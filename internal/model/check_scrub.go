package model

import (
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// scrubState is pfctl's struct scrub_opts while it reads one rule's scrub
// options: each may be given once, min-ttl is 0–255, max-mss 0–65535 and
// reassemble takes only tcp. The first error ends the statement.
type scrubState struct {
	b                                  *builder
	nodf, minttl, maxmss, rid, reassem bool
}

// opt reads one option; value is the option's operand, if any.
func (st *scrubState) opt(p grammar.Position, name string, value *grammar.Str) bool {
	b := st.b
	twice := func(seen *bool, what string) bool {
		if *seen {
			b.parseErr(ScrubRespecified, p, "%s cannot be respecified", what)
			return false
		}
		*seen = true
		return true
	}
	number := func() (int64, bool) {
		if value == nil {
			return 0, false
		}
		n, err := strconv.ParseInt(value.Text(), 10, 64)
		return n, err == nil
	}
	switch name {
	case "no-df":
		return twice(&st.nodf, "no-df")
	case "random-id":
		return twice(&st.rid, "random-id")
	case "min-ttl":
		if !twice(&st.minttl, "min-ttl") {
			return false
		}
		if n, ok := number(); ok && (n < 0 || n > 255) {
			b.parseErr(MinTTLInvalid, p, "illegal min-ttl value %d", n)
			return false
		}
	case "max-mss":
		if !twice(&st.maxmss, "max-mss") {
			return false
		}
		if n, ok := number(); ok && (n < 0 || n > 65535) {
			b.parseErr(MaxMSSInvalid, p, "illegal max-mss value %d", n)
			return false
		}
	case "reassemble":
		if value != nil && !strings.EqualFold(value.Text(), "tcp") {
			b.parseErr(ReassembleNotTCP, p, "scrub reassemble supports only tcp, not '%s'", value.Text())
			return false
		}
		return twice(&st.reassem, "reassemble tcp")
	}
	return true
}

// scrubOpts checks the options of `scrub ( … )` in a filter rule.
func (b *builder) scrubOpts(s *grammar.Statement, args []*grammar.OptionArg) bool {
	st := &scrubState{b: b}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a.Value == nil {
			continue
		}
		name := a.Value.Text()
		var value *grammar.Str
		switch name {
		case "min-ttl", "max-mss", "reassemble":
			if i+1 < len(args) && args[i+1].Value != nil {
				value = args[i+1].Value
				i++
			}
		}
		if !st.opt(s.Position(a.Pos), name, value) {
			return false
		}
	}
	return true
}

// scrubRuleOpts checks the options of a standalone scrub rule.
func (b *builder) scrubRuleOpts(s *grammar.Statement, opts []*grammar.ScrubOpt) bool {
	st := &scrubState{b: b}
	pos := b.endPos(s)
	for _, o := range opts {
		var ok bool
		switch {
		case o.Flag != "":
			ok = st.opt(pos, o.Flag, nil)
		case o.Name != "":
			ok = st.opt(pos, o.Name, o.Value)
		case o.Reass != nil:
			ok = st.opt(pos, "reassemble", o.Reass)
		default:
			ok = true
		}
		if !ok {
			return false
		}
	}
	return true
}
