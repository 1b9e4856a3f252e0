package printer

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// queue handles a queue definition: ALTQ child queues are printed where
// they stand; queues of the queueing that replaced ALTQ are printed as a
// tree once the file is read (finishQueues).
func (p *printer) queue(s *grammar.Statement) {
	if p.t.HasNewQueues() && s.Queue.Keyword == "queue" {
		return
	}
	p.altqQueue(s)
}

// finishQueues prints the new-style queue trees, each queue as
// print_queuespec prints it, parents before children.
func (p *printer) finishQueues() {
	if p.verbose2 && len(p.model.Interfaces) > 0 {
		p.altqTrees()
	}
	var walk func(n *model.NewQueueNode)
	walk = func(n *model.NewQueueNode) {
		p.head.WriteString(formatNewQueue(n.Def) + "\n")
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, root := range p.model.QueueTrees {
		walk(root)
	}
}

func formatNewQueue(q *model.NewQueue) string {
	var b strings.Builder
	b.WriteString("queue " + q.Name)
	if q.Parent != "" {
		b.WriteString(" parent " + q.Parent)
	} else if q.Interface != "" {
		b.WriteString(" on " + q.Interface)
	}
	if q.Flows > 0 {
		fmt.Fprintf(&b, " flows %d", q.Flows)
		if q.Quantum > 0 {
			fmt.Fprintf(&b, " quantum %d", q.Quantum)
		}
	}
	if q.Bandwidth != nil && (q.Bandwidth.M2.Bits != 0 || q.Bandwidth.M1 != nil && q.Bandwidth.M1.Bits != 0) {
		b.WriteString(scSpec(" bandwidth ", q.Bandwidth))
		b.WriteString(scSpec(", min ", q.Min))
		b.WriteString(scSpec(", max ", q.Max))
	}
	if q.Default {
		b.WriteString(" default")
	}
	if q.Qlimit > 0 {
		fmt.Fprintf(&b, " qlimit %d", q.Qlimit)
	}
	return b.String()
}

// bwSpec is print_bwspec: a percentage, or the rate with the largest of
// K, M, G that divides it (a blank unit when none does).
func bwSpec(prefix string, bw *model.Bandwidth) string {
	if bw == nil {
		return ""
	}
	if bw.IsPercent && bw.Percent > 0 {
		return fmt.Sprintf("%s%d%%", prefix, bw.Percent)
	}
	if bw.Bits == 0 {
		return ""
	}
	rate := bw.Bits
	units := " KMG"
	i := 0
	for rate >= 1000 && i <= 3 && rate%1000 == 0 {
		rate /= 1000
		i++
	}
	u := " "
	if i < len(units) {
		u = string(units[i])
	}
	return fmt.Sprintf("%s%d%s", prefix, rate, u)
}

func scSpec(prefix string, sc *model.ServiceCurve) string {
	if sc == nil {
		return ""
	}
	s := bwSpec(prefix, &sc.M2)
	if sc.D != 0 {
		s += " burst " + bwSpec("", sc.M1) + fmt.Sprintf(" for %dms", sc.D)
	}
	return s
}
