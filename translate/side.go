package translate

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// Side is what the proof (ProveSides) reads of one side of a translation:
// the filter views of the ruleset and of the anchor files it loads, the
// release it is read for, and its queues reduced to their names (the
// original's ALTQ interfaces, the output's queue trees). It holds nothing
// of the tree they were read from, so a caller that takes the original's
// side before it loads the output can let go of the original's tree, and
// of the output's once its side is taken: the proof then holds two views
// instead of two rulesets and their views.
type Side struct {
	readAs target.Target
	filter *model.Filter
	loads  []sideLoad
	altq   []sideIface
	trees  []sideTree
}

// sideLoad is an anchor file's rules, by the anchor's name.
type sideLoad struct {
	name   string
	filter *model.Filter
}

// sideIface is an ALTQ interface: its queues but the root, the queue
// ALTQ puts a packet in when nothing (or a queue it lacks) is assigned,
// and where its altq line is.
type sideIface struct {
	name string
	queueSet
	pos grammar.Position
}

// sideTree is a queue tree of OpenBSD's queueing on an interface: its
// queues and its default leaf.
type sideTree struct {
	iface string
	queueSet
}

// SideOf takes a loaded ruleset's side, building its filter views.
func SideOf(rs *ruleset.Ruleset) *Side {
	s := &Side{readAs: rs.ReadAs, filter: rs.Model.Filter()}
	for _, l := range rs.Loads {
		if l.Model != nil {
			s.loads = append(s.loads, sideLoad{l.Name, l.Model.Filter()})
		}
	}
	for _, iface := range rs.Model.Interfaces {
		a := sideIface{name: iface.Name, queueSet: queueSet{queues: map[string]bool{}, def: altqDefault(iface)}, pos: iface.Pos}
		for _, q := range iface.Queues {
			if !q.IsRoot() {
				a.queues[q.Name] = true
			}
		}
		s.altq = append(s.altq, a)
	}
	for _, root := range rs.Model.QueueTrees {
		if root.Interface == "" {
			continue
		}
		t := sideTree{iface: root.Interface, queueSet: queueSet{queues: map[string]bool{}}}
		var walk func(n *model.NewQueueNode)
		walk = func(n *model.NewQueueNode) {
			if n.Def != nil {
				t.queues[n.Def.Name] = true
				if n.Def.Default && len(n.Children) == 0 && t.def == "" {
					t.def = n.Def.Name
				}
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(root)
		s.trees = append(s.trees, t)
	}
	return s
}

// AltqPos is where the ALTQ interface iface is defined (its first altq
// line), for a note on it; false on a nil side.
func (s *Side) AltqPos(iface string) (grammar.Position, bool) {
	if s == nil || iface == OtherIfaces {
		return grammar.Position{}, false
	}
	for _, a := range s.altq {
		if a.name == iface {
			return a.pos, true
		}
	}
	return grammar.Position{}, false
}
