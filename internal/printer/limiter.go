package printer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// limiterKey names a limiter: state and source limiters have separate
// name spaces.
type limiterKey struct {
	kind string // "state" or "source"
	name string
}

// limiter is a `state limiter` or `source limiter` definition.
type limiter struct {
	kind, name string
	id         uint32
	// limit is a state limiter's state count, and a source limiter's
	// number of source entries.
	limit uint32
	// states is a source limiter's state count per source.
	states       uint32
	rate         [2]uint32 // count per seconds; zero when not given
	inetMask     int
	inet6Mask    int
	hasInetMask  bool
	hasInet6Mask bool
}

// limiterRef is a rule's `state limiter NAME` or `source limiter NAME`,
// resolved to the limiter's id.
type limiterRef struct {
	kind   string
	id     uint32
	action string // what the rule does when the limit is reached
}

// limiterDef reads a definition and prints it as pfctl -nv does while it
// parses, before any rule.
func (p *printer) limiterDef(d *grammar.LimiterDef) {
	l, err := parseLimiter(d)
	if err != nil {
		p.errorf(LimiterInvalid, "%s limiter %s: %v", d.Kind, d.Name.Text(), err)
		return
	}
	if p.limiters == nil {
		p.limiters = map[limiterKey]*limiter{}
	}
	key := limiterKey{l.kind, l.name}
	if _, dup := p.limiters[key]; dup {
		p.errorf(LimiterRedefined, "%s limiter %s already defined", l.kind, l.name)
		return
	}
	p.limiters[key] = l
	p.head.WriteString(formatLimiter(l) + "\n")
}

// parseLimiter reads a definition's operands. A source limiter's sizes
// have two spellings: FreeBSD's first one, `entries N limit M`, and the
// current `limit N states M` (the regression test pf1077 kept its
// numbers when it moved from the one to the other: entries became limit,
// limit became states).
func parseLimiter(d *grammar.LimiterDef) (*limiter, error) {
	l := &limiter{kind: d.Kind, name: d.Name.Text(), inetMask: 32, inet6Mask: 128}
	words := flatArgs(d.Args)
	oldSpelling := false
	for _, w := range words {
		if w == "entries" {
			oldSpelling = true
		}
	}
	num := func(i int) (uint32, error) {
		if i >= len(words) {
			return 0, fmt.Errorf("missing number after %s", words[i-1])
		}
		v, err := strconv.ParseUint(words[i], 10, 32)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", words[i])
		}
		return uint32(v), nil
	}
	hasID := false
	for i := 0; i < len(words); i++ {
		var err error
		switch w := words[i]; {
		case w == "id":
			l.id, err = num(i + 1)
			hasID = true
			i++
		case w == "limit" && l.kind == "source" && oldSpelling:
			l.states, err = num(i + 1)
			i++
		case w == "limit", w == "entries":
			l.limit, err = num(i + 1)
			i++
		case w == "states" && l.kind == "source":
			l.states, err = num(i + 1)
			i++
		case w == "rate":
			// `rate N/S`: the slash is an operand of its own.
			if i+3 >= len(words) || words[i+2] != "/" {
				return nil, fmt.Errorf("rate needs COUNT/SECONDS")
			}
			if l.rate[0], err = num(i + 1); err == nil {
				l.rate[1], err = num(i + 3)
			}
			i += 3
		case (w == "inet" || w == "inet6") && l.kind == "source":
			if i+1 >= len(words) || words[i+1] != "mask" {
				return nil, fmt.Errorf("%s needs mask", w)
			}
			var m uint32
			if m, err = num(i + 2); err == nil {
				if w == "inet" {
					l.inetMask, l.hasInetMask = int(m), true
				} else {
					l.inet6Mask, l.hasInet6Mask = int(m), true
				}
			}
			i += 2
		default:
			return nil, fmt.Errorf("unexpected %q", w)
		}
		if err != nil {
			return nil, err
		}
	}
	if !hasID {
		return nil, fmt.Errorf("id is required")
	}
	return l, nil
}

// formatLimiter prints a definition: the name bare, then id, sizes, rate
// and (source limiters) the masks that differ from a host's.
func formatLimiter(l *limiter) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s limiter %s id %d limit %d", l.kind, l.name, l.id, l.limit)
	if l.kind == "source" {
		fmt.Fprintf(&b, " states %d", l.states)
	}
	if l.rate[0] != 0 || l.rate[1] != 0 {
		fmt.Fprintf(&b, " rate %d/%d", l.rate[0], l.rate[1])
	}
	if l.kind == "source" {
		if l.hasInetMask && l.inetMask != 32 {
			fmt.Fprintf(&b, " inet mask %d", l.inetMask)
		}
		if l.hasInet6Mask && l.inet6Mask != 128 {
			fmt.Fprintf(&b, " inet6 mask %d", l.inet6Mask)
		}
	}
	return b.String()
}

// limiterRef resolves a rule's reference; a name must have been defined
// before the rule.
func (p *printer) limiterRef(ref *grammar.LimiterRef) (limiterRef, bool) {
	out := limiterRef{kind: ref.Kind, action: "no-match"}
	for _, w := range flatArgs(ref.Opts) {
		switch w {
		case "block", "no-match":
			out.action = w
		default:
			p.errorf(LimiterOptionUnknown, "%s limiter: unknown option %q", ref.Kind, w)
			return out, false
		}
	}
	switch {
	case ref.ID != nil:
		out.id = uint32(*ref.ID)
	case ref.Name != nil:
		l, ok := p.limiters[limiterKey{ref.Kind, ref.Name.Text()}]
		if !ok {
			p.errorf(LimiterUndefined, "%s limiter %s is not defined", ref.Kind, ref.Name.Text())
			return out, false
		}
		out.id = l.id
	}
	return out, true
}

// limiterRefsString prints a rule's limiters: by id, not by name, with
// the action taken when the limit is reached (no-match unless the rule
// says block), state limiter first.
func limiterRefsString(refs []limiterRef) string {
	var b strings.Builder
	for _, kind := range []string{"state", "source"} {
		for _, r := range refs {
			if r.kind == kind {
				fmt.Fprintf(&b, " %s limiter id %d (%s)", r.kind, r.id, r.action)
			}
		}
	}
	return b.String()
}
