package lsp

import (
	"fmt"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	d, a, _ := s.analysisOf(p.TextDocument.URI)
	if d == nil || a == nil {
		return nil, nil
	}
	offset := d.index.offset(p.Position)
	sym := a.symbolAt(d.path, offset)
	if sym == nil {
		if h := a.altqHover(d, offset); h != nil {
			return h, nil
		}
		return nil, nil
	}
	var text string
	switch sym.kind {
	case symQueue:
		text = a.queueHover(sym.name)
	case symMacro:
		text = a.macroHover(sym.name)
	case symTable:
		text = a.tableHover(sym.name)
	}
	if text == "" {
		return nil, nil
	}
	r := d.index.rangeOf(sym.span.Start, sym.span.End)
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text},
		Range:    &r,
	}, nil
}

// queueHover describes a queue: for each interface it is created on, the
// scheduler, priority, bandwidth resolved to bit/s, and the prio the
// translation gives it; for a new queue, its place and curves.
func (a *analysis) queueHover(name string) string {
	if a.model == nil {
		return ""
	}
	var b strings.Builder
	for _, def := range a.model.QueueDefs {
		if def.Name != name {
			continue
		}
		fmt.Fprintf(&b, "**queue %s** (ALTQ)\n", name)
		if len(def.Instances) == 0 {
			b.WriteString("\nNo altq line lists it, so pfctl creates it on no interface.\n")
		}
		for _, q := range def.Instances {
			a.altqQueueHover(&b, q)
		}
	}
	for _, nq := range a.model.NewQueues {
		if nq.Name != name {
			continue
		}
		newQueueHover(&b, nq)
	}
	if b.Len() == 0 {
		return fmt.Sprintf("**queue %s** is not defined: under ALTQ its traffic silently goes to the default queue.", name)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (a *analysis) altqQueueHover(b *strings.Builder, q *model.Queue) {
	iface := q.Interface
	fmt.Fprintf(b, "\n- interface: `%s`\n", iface.Name)
	fmt.Fprintf(b, "- scheduler: %s\n", iface.Scheduler)
	if q.Parent != nil && !q.Parent.IsRoot() {
		fmt.Fprintf(b, "- parent: %s\n", q.Parent.Name)
	}
	fmt.Fprintf(b, "- priority: %d\n", q.Priority)
	bw := rateText(q.Rate)
	if !q.Rate.Known && q.Parent == nil && (iface.Scheduler == model.PRIQ || iface.Scheduler == model.CODEL) {
		bw = fmt.Sprintf("none of its own: %s queues share the interface's %s by priority", strings.ToUpper(string(iface.Scheduler)), rateText(iface.Rate))
	}
	if q.Def != nil && q.Def.Bandwidth != nil && q.Def.Bandwidth.IsPercent {
		bw += fmt.Sprintf(" (%d%% of its parent)", q.Def.Bandwidth.Percent)
	}
	fmt.Fprintf(b, "- bandwidth: %s\n", bw)
	if iface.Scheduler == model.HFSC {
		for _, c := range []struct {
			name string
			c    *model.CurveRate
		}{{"realtime", q.Realtime}, {"linkshare", q.Linkshare}, {"upperlimit", q.Upperlimit}} {
			if c.c != nil {
				fmt.Fprintf(b, "- %s: %s\n", c.name, curveText(c.c))
			}
		}
	}
	if q.Flags.Default {
		b.WriteString("- default queue: traffic no rule assigns goes here\n")
	}
	if len(q.Children) > 0 {
		names := make([]string, len(q.Children))
		for i, c := range q.Children {
			names[i] = c.Name
		}
		fmt.Fprintf(b, "- children: %s\n", strings.Join(names, ", "))
	}
	b.WriteString("- " + a.becomes(q) + "\n")
}

// becomes says what the queue becomes in the translation to set prio.
func (a *analysis) becomes(q *model.Queue) string {
	to := a.settings.translationTarget()
	tr := a.translate()
	if tr == nil {
		if a.translateErr != nil {
			return "after translation: unknown (" + a.translateErr.Error() + ")"
		}
		return "after translation: unknown"
	}
	for _, mp := range tr.Mappings {
		if mp.Interface != q.Interface.Name {
			continue
		}
		if prio, ok := mp.Prio(q.Name); ok {
			return fmt.Sprintf("after translation to %s: `set prio %d`", to, prio)
		}
		return fmt.Sprintf("after translation to %s: no prio (it takes no packets: it has children)", to)
	}
	for _, n := range tr.Notes {
		if n.Interface == q.Interface.Name && n.Left {
			return fmt.Sprintf("after translation to %s: left in place: %s", to, n.Msg)
		}
	}
	return fmt.Sprintf("after translation to %s: not translated", to)
}

func newQueueHover(b *strings.Builder, q *model.NewQueue) {
	fmt.Fprintf(b, "**queue %s**\n\n", q.Name)
	if q.Interface != "" {
		fmt.Fprintf(b, "- interface: `%s`\n", q.Interface)
	}
	if q.Parent != "" {
		fmt.Fprintf(b, "- parent: %s\n", q.Parent)
	}
	for _, c := range []struct {
		name string
		c    *model.ServiceCurve
	}{{"bandwidth", q.Bandwidth}, {"min", q.Min}, {"max", q.Max}} {
		if c.c == nil {
			continue
		}
		fmt.Fprintf(b, "- %s: %s", c.name, bitsText(c.c.M2.Bits))
		if c.c.M1 != nil {
			fmt.Fprintf(b, ", burst %s for %dms", bitsText(c.c.M1.Bits), c.c.D)
		}
		b.WriteString("\n")
	}
	if q.Qlimit > 0 {
		fmt.Fprintf(b, "- qlimit: %d\n", q.Qlimit)
	}
	if q.Flows > 0 {
		fmt.Fprintf(b, "- flows: %d (FQ-CoDel)\n", q.Flows)
	}
	if q.Default {
		b.WriteString("- default queue: traffic no rule assigns goes here\n")
	}
}

func (a *analysis) macroHover(name string) string {
	if a.file == nil || a.file.Macros == nil {
		return ""
	}
	for _, m := range a.file.Macros.All() {
		if m.Name != name {
			continue
		}
		where := "defined on the command line (-D)"
		if !m.Override {
			where = "defined at " + m.Defined.String()
		}
		return fmt.Sprintf("**$%s** = `%s`\n\n%s", name, strings.ReplaceAll(m.Value, "`", "'"), where)
	}
	return fmt.Sprintf("**$%s** is not defined", name)
}

func (a *analysis) tableHover(name string) string {
	defs := a.tableDefinitions(name)
	if len(defs) == 0 {
		return fmt.Sprintf("**<%s>** is not defined in this ruleset (it may be created at run time with pfctl -t)", name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**table <%s>**\n", name)
	for _, s := range defs {
		fmt.Fprintf(&b, "\n```pf\n%s\n```\n%s\n", truncate(s.Text(), 400), s.Pos())
	}
	return strings.TrimRight(b.String(), "\n")
}

// tableDefinitions are the statements that define a table.
func (a *analysis) tableDefinitions(name string) []*grammar.Statement {
	var out []*grammar.Statement
	if a.file == nil {
		return nil
	}
	walkStatements(a.file.Statements, func(s *grammar.Statement) {
		if s.Stmt != nil && s.Table != nil && s.Table.Name.Text() == name {
			out = append(out, s)
		}
	})
	return out
}

// rateText writes a resolved rate.
func rateText(r model.Rate) string {
	if !r.Known {
		return "unknown (it depends on the interface speed the kernel reports)"
	}
	return bitsText(r.Bits)
}

func curveText(c *model.CurveRate) string {
	if c.M1.Known && c.M1.Bits > 0 {
		return fmt.Sprintf("%s for %dms, then %s", rateText(c.M1), c.D, rateText(c.M2))
	}
	return rateText(c.M2)
}

// bitsText writes a rate in bit/s with its size in words: 2000000 bit/s
// (2 Mbit/s).
func bitsText(bits uint64) string {
	units := []struct {
		div  uint64
		name string
	}{{1_000_000_000, "Gbit/s"}, {1_000_000, "Mbit/s"}, {1_000, "kbit/s"}}
	for _, u := range units {
		if bits >= u.div {
			whole, frac := bits/u.div, (bits%u.div)*100/u.div
			v := fmt.Sprint(whole)
			if frac > 0 {
				v = strings.TrimRight(fmt.Sprintf("%d.%02d", whole, frac), "0")
			}
			return fmt.Sprintf("%d bit/s (%s %s)", bits, v, u.name)
		}
	}
	return fmt.Sprintf("%d bit/s", bits)
}
