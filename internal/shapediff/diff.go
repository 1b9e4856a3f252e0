package shapediff

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

type differ struct {
	old, new *model.Model
	out      []Change
}

func (d *differ) add(c Change, p grammar.Position) {
	c.At, c.Where = at(p)
	d.out = append(d.out, c)
}

// Diff lists the shaping changes from old to new: interfaces, queues, then
// rules.
func Diff(old, new *model.Model) []Change {
	d := &differ{old: old, new: new}
	d.interfaces()
	d.queues()
	d.rules()
	return d.out
}

func (f queueFacts) pos() grammar.Position {
	if f.m != nil {
		return f.m.Pos()
	}
	return f.n.Pos
}

func ifaceIndex(m *model.Model) map[string]*model.Interface {
	out := map[string]*model.Interface{}
	for _, i := range m.Interfaces {
		out[i.Name] = i
	}
	return out
}

func (d *differ) interfaces() {
	old, cur := ifaceIndex(d.old), ifaceIndex(d.new)
	for _, name := range sortedKeys(old, cur) {
		o, n := old[name], cur[name]
		subject := "altq on " + name
		switch {
		case o == nil:
			d.add(Change{Kind: Added, Subject: subject, New: fmt.Sprintf("%s, bandwidth %s", n.Scheduler, bitsText(n.Rate))}, n.Pos)
		case n == nil:
			d.add(Change{Kind: Removed, Subject: subject, Old: fmt.Sprintf("%s, bandwidth %s", o.Scheduler, bitsText(o.Rate))}, o.Pos)
		default:
			if o.Scheduler != n.Scheduler {
				d.add(Change{Kind: Changed, Subject: subject, Field: "scheduler", Old: string(o.Scheduler), New: string(n.Scheduler)}, n.Pos)
			}
			if ob, nb := bitsText(o.Rate), bitsText(n.Rate); ob != nb {
				d.add(Change{Kind: Changed, Subject: subject, Field: "bandwidth", Old: ob, New: nb}, n.Pos)
			}
		}
	}
}
