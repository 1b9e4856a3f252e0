package lint

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// bandwidthUse is one bandwidth value written in a queue definition.
type bandwidthUse struct {
	bw   *model.Bandwidth
	what string // "bandwidth", "realtime", …
	stmt *grammar.Statement
}

// bandwidthUses lists every bandwidth value of the ALTQ lines, ALTQ queue
// definitions and new queues, each once.
func bandwidthUses(m *model.Model) []bandwidthUse {
	if m == nil {
		return nil
	}
	var out []bandwidthUse
	seen := map[*model.Bandwidth]bool{}
	add := func(bw *model.Bandwidth, what string, s *grammar.Statement) {
		if bw != nil && !seen[bw] {
			seen[bw] = true
			out = append(out, bandwidthUse{bw, what, s})
		}
	}
	curve := func(c *model.ServiceCurve, what string, s *grammar.Statement) {
		if c != nil {
			add(c.M1, what+" m1", s)
			add(&c.M2, what, s)
		}
	}
	for _, i := range m.Interfaces {
		add(i.Bandwidth, "bandwidth", i.Stmt)
	}
	for _, d := range m.QueueDefs {
		add(d.Bandwidth, "bandwidth", d.Stmt)
		curve(d.Linkshare, "linkshare", d.Stmt)
		curve(d.Realtime, "realtime", d.Stmt)
		curve(d.Upperlimit, "upperlimit", d.Stmt)
	}
	for _, q := range m.NewQueues {
		curve(q.Bandwidth, "bandwidth", q.Stmt)
		curve(q.Min, "min", q.Stmt)
		curve(q.Max, "max", q.Stmt)
	}
	return out
}

// bandwidthUses are the model's bandwidths (bandwidthUses), found once
// per run for the rules that read them.
func (p *Pass) bandwidthUses() []bandwidthUse {
	st := p.run
	if !st.bwDone {
		st.bwDone = true
		st.bwUses = bandwidthUses(p.Model)
	}
	return st.bwUses
}

// definedQueues are the names of every queue defined, ALTQ or new.
func definedQueues(m *model.Model) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, d := range m.QueueDefs {
		add(d.Name)
	}
	for _, q := range m.NewQueues {
		add(q.Name)
	}
	return out
}

// assignedQueues are the names rules assign, data and ACK queues alike.
func assignedQueues(m *model.Model) map[string]bool {
	out := map[string]bool{}
	for _, r := range m.Rules {
		if r.Queue != nil {
			out[r.Queue.Name] = true
			if r.Queue.Ack != "" {
				out[r.Queue.Ack] = true
			}
		}
	}
	return out
}

// nameRange is the range of the first token spelling name within r of the
// rule's statement (a queue name inside `queue (a, b)`).
func (p *Pass) nameRange(s *grammar.Statement, r model.Range, name string) Range {
	for _, t := range s.Tokens.All() {
		if t.Span.Start >= r.Pos.Offset && t.Span.End <= max(r.End, r.Pos.Offset+1) && t.Text == name {
			return spanRange(t.Source, t.Span)
		}
	}
	return p.RangeOf(r)
}

// externalRules reports whether rules may come from elsewhere: an anchor
// without an inline body, or `load anchor`.
func externalRules(p *Pass) bool {
	for _, s := range p.Statements() {
		if s.Stmt == nil {
			continue
		}
		if s.LoadAnchor != nil || (s.Anchor != nil && !s.HasBody) {
			return true
		}
	}
	return false
}

// limit32 is the largest value a 32-bit bandwidth field holds.
const limit32 = 1<<32 - 1

// altqTruncates reports whether the target keeps only 32 bits of an ALTQ
// bandwidth of the scheduler: every OpenBSD, FreeBSD before 12.0, and
// FreeBSD 12.0+ for every scheduler but HFSC.
func altqTruncates(t target.Target, s model.Scheduler) bool {
	if t.OS == target.FreeBSD && t.Release.AtLeast(target.Release{Major: 12}) {
		return s != model.HFSC
	}
	return true
}

// newUnits reports whether a bandwidth unit may carry b, B, bit or Bit
// after K, M or G (OpenBSD 5.5 and later, FreeBSD).
func newUnits(t target.Target) bool {
	return t.OS == target.FreeBSD || t.Release.AtLeast(target.Release{Major: 5, Minor: 5})
}

// rate writes a rate in bit/s with its size in words: 5000000000 bit/s
// (5 Gbit/s).
func rate(bits uint64) string {
	units := []struct {
		div  float64
		name string
	}{{1e9, "Gbit/s"}, {1e6, "Mbit/s"}, {1e3, "kbit/s"}}
	for _, u := range units {
		if float64(bits) >= u.div {
			v := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", float64(bits)/u.div), "0"), ".")
			return fmt.Sprintf("%d bit/s (%s %s)", bits, v, u.name)
		}
	}
	return fmt.Sprintf("%d bit/s", bits)
}

// claimedWithAdvice reports each claimed message in pfctl's words with
// advice after it.
func claimedWithAdvice(p *Pass, advice func(e *grammar.Error) string) {
	for _, e := range p.Claimed() {
		msg := e.Msg
		if a := advice(e); a != "" {
			msg += ": " + a
		}
		p.Report(Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: msg})
	}
}
