package lint

import "github.com/pfshape/pfshape/internal/model"

// ackPair is the priorities of a rule's data and ACK queues on one
// interface whose scheduler ranks by priority.
type ackPair struct {
	iface           *model.Interface
	data, ack       *model.Queue
	dataPri, ackPri int
}

// ackIndex finds queues by name on the interfaces whose scheduler ranks
// queues by priority (CBQ, PRIQ), built once per lint run.
type ackIndex struct {
	// byName are the queues of each name, in interface order.
	byName map[string][]*model.Queue
	// onIface are the queues of each interface by name.
	onIface map[*model.Interface]map[string]*model.Queue
}

func newAckIndex(m *model.Model) *ackIndex {
	x := &ackIndex{byName: map[string][]*model.Queue{}, onIface: map[*model.Interface]map[string]*model.Queue{}}
	for _, iface := range m.Interfaces {
		if iface.Scheduler != model.CBQ && iface.Scheduler != model.PRIQ {
			continue
		}
		names := map[string]*model.Queue{}
		for _, q := range iface.Queues {
			names[q.Name] = q // the last of a name, as a scan finds it
		}
		x.onIface[iface] = names
		for _, q := range iface.Queues {
			if names[q.Name] == q {
				x.byName[q.Name] = append(x.byName[q.Name], q)
			}
		}
	}
	return x
}

// ackPairs finds, for a rule with `queue (data, ack)`, the two queues on
// every interface the rule may use that has both, where the scheduler
// ranks queues by priority (CBQ, PRIQ), in interface order.
func (p *Pass) ackPairs(r *model.Rule) []ackPair {
	if r.Queue == nil || r.Queue.Ack == "" || r.Queue.Ack == r.Queue.Name {
		return nil
	}
	if p.run.acks == nil {
		p.run.acks = newAckIndex(p.Model)
	}
	x := p.run.acks
	var out []ackPair
	for _, data := range x.byName[r.Queue.Name] {
		iface := data.Interface
		if !ruleUses(r, iface.Name) {
			continue
		}
		if ack := x.onIface[iface][r.Queue.Ack]; ack != nil {
			out = append(out, ackPair{iface, data, ack, data.Priority, ack.Priority})
		}
	}
	return out
}

// ruleUses reports whether a rule may pass traffic on an interface: it
// names it, or names none (or only negated ones other than it).
func ruleUses(r *model.Rule, name string) bool {
	if len(r.Interfaces) == 0 {
		return true
	}
	positive := false
	for _, i := range r.Interfaces {
		if i.Not {
			if i.Name == name {
				return false
			}
			continue
		}
		positive = true
		if i.Name == name {
			return true
		}
	}
	return !positive
}
