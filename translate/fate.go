package translate

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/model"
)

// TreeFate is what the translation makes of one ALTQ interface, for a
// reader who reviews it queue by queue (pfshape queues --to): the same
// decisions, priorities and queue lines as the edits, kept per queue.
type TreeFate struct {
	// Interface is the interface's name; Result.Trees has one TreeFate
	// per model.Model.Interfaces entry, in the same order.
	Interface string
	// Becomes is ToPrio (set prio) or ToQueues (OpenBSD's queues; also
	// under ToBoth, where Prio is set as well); "" when the tree is left
	// in place, and Left then says why.
	Becomes Mode
	Left    string
	// Lost is what the altq line carries that the translation cannot.
	Lost []string
	// Queues are the fates of the interface's queues by ALTQ name,
	// pfctl's hidden root_IF included.
	Queues map[string]*Fate
}

// Fate is what one ALTQ queue becomes.
type Fate struct {
	// Prio is the `set prio` value of the queue's traffic (HasPrio false
	// when it gets none: a queue with children, or a tree left in place).
	Prio    int
	HasPrio bool
	// Queue is the line of OpenBSD's queueing it becomes, as the output
	// writes it (`queue web parent root_em0 bandwidth 3M, max 3M`); ""
	// when it becomes none.
	Queue string
	// Lost is what the translation cannot carry over, in the notes'
	// words (`borrow`, `red`, `bandwidth 30% (3Mb/s on em0)`).
	Lost []string
}

// fates records what each interface and queue became, from the plans
// the edits were made from.
func (tr *translator) fates() []*TreeFate {
	var out []*TreeFate
	if tr.queues == nil {
		assigned := tr.assignedQueues()
		for _, iface := range tr.model.Interfaces {
			tf := &TreeFate{Interface: iface.Name, Queues: map[string]*Fate{}}
			mp, err := mapInterface(iface, assigned)
			if err != nil {
				tf.Left = err.Error()
			} else {
				tf.Becomes = ToPrio
				tf.Lost = []string{fmt.Sprintf("%s scheduling", iface.Scheduler)}
				if iface.Bandwidth != nil {
					tf.Lost = append(tf.Lost, "bandwidth "+iface.Bandwidth.Text)
				}
			}
			for _, q := range iface.Queues {
				f := &Fate{}
				if mp != nil {
					f.Prio, f.HasPrio = mp.Prio(q.Name)
					if q.Def != nil {
						f.Lost = tr.prioLosses(q.Def)
					}
				}
				tf.Queues[q.Name] = f
			}
			out = append(out, tf)
		}
		return out
	}
	for _, iface := range tr.model.Interfaces {
		p := tr.queues.byIface[iface]
		tf := &TreeFate{Interface: iface.Name, Queues: map[string]*Fate{}}
		out = append(out, tf)
		if p == nil {
			continue
		}
		switch p.kind {
		case treeLeft:
			tf.Left = p.reason
		case treePrio:
			tf.Becomes = ToPrio
			tf.Lost = []string{fmt.Sprintf("%s scheduling", iface.Scheduler)}
		case treeQueues:
			tf.Becomes = ToQueues
			tf.Lost = rootLosses(iface)
		}
		cbqPrios := iface.Scheduler == model.CBQ && tr.opts.To != ToBoth && prioritiesDiffer(iface)
		for _, q := range iface.Queues {
			f := &Fate{}
			tf.Queues[q.Name] = f
			if p.kind == treeLeft {
				continue
			}
			if p.mapping != nil {
				f.Prio, f.HasPrio = p.mapping.Prio(q.Name)
			}
			switch {
			case p.kind == treePrio && q.Def != nil:
				f.Lost = tr.prioLosses(q.Def)
			case p.kind == treeQueues:
				if nq := p.byQueue[q]; nq != nil {
					f.Queue = tr.queueLine(p, nq)
				}
				if q.Def != nil {
					f.Lost = flagLosses(q.Def.Flags)
					if cbqPrios {
						f.Lost = append(f.Lost, fmt.Sprintf("priority %d", q.Priority))
					}
				}
			}
		}
	}
	return out
}
