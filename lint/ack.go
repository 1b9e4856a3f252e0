package lint

import "github.com/pfshape/pfshape/internal/model"

// ackPair is the priorities of a rule's data and ACK queues on one
// interface whose scheduler ranks by priority.
type ackPair struct {
	iface           *model.Interface
	data, ack       *model.Queue
	dataPri, ackPri int
}

// ackPairs finds, for a rule with `queue (data, ack)`, the two queues on
// every interface the rule may use that has both, where the scheduler
// ranks queues by priority (CBQ, PRIQ).
func ackPairs(m *model.Model, r *model.Rule) []ackPair {
	var out []ackPair
	if r.Queue == nil || r.Queue.Ack == "" || r.Queue.Ack == r.Queue.Name {
		return nil
	}
	for _, iface := range m.Interfaces {
		if iface.Scheduler != model.CBQ && iface.Scheduler != model.PRIQ {
			continue
		}
		if !ruleUses(r, iface.Name) {
			continue
		}
		var data, ack *model.Queue
		for _, q := range iface.Queues {
			switch q.Name {
			case r.Queue.Name:
				data = q
			case r.Queue.Ack:
				ack = q
			}
		}
		if data != nil && ack != nil {
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
