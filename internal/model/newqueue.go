package model

import "github.com/pfshape/pfshape/grammar"

// NewQueue is a queue of the queueing that replaced ALTQ (OpenBSD 5.5 and
// later): `queue NAME on IF …` for a root, `queue NAME parent P …` below.
// Bandwidths are absolute: pfctl refuses percentages here.
type NewQueue struct {
	Name string
	// Interface is the `on IF` interface; "" when absent (a child queue
	// then applies under its parent on every interface).
	Interface string
	// Parent is the `parent P` name; "" for a root queue.
	Parent string
	// Bandwidth is the link-share curve (`bandwidth BW [burst BW for
	// Nms]`), Min the real-time curve, Max the upper limit; nil when
	// absent.
	Bandwidth, Min, Max *ServiceCurve
	Qlimit              int // 0: the kernel's default
	Default             bool
	Flows               int // 0 unless `flows N`: a flow (FQ-CoDel) queue
	Quantum             int
	// InAnchor is set for a definition inside an anchor, which pfctl
	// refuses.
	InAnchor bool
	// Nodes are the places of this definition in the queue trees (one
	// per parent it is found under); none when its parent is not found.
	// A root queue has one node: the root of its tree.
	Nodes []*NewQueueNode
	Range
	Stmt *grammar.Statement
}

// IsRoot reports whether q is a root queue (no parent).
func (q *NewQueue) IsRoot() bool { return q.Parent == "" }

// IsLeaf reports whether no queue hangs below q in any tree.
func (q *NewQueue) IsLeaf() bool {
	for _, n := range q.Nodes {
		if len(n.Children) > 0 {
			return false
		}
	}
	return true
}

// NewQueueNode is a queue in a tree as pfctl builds it from the
// definitions (pfctl_find_childqs): a child definition without `on IF`
// is placed under every queue of its parent's name.
type NewQueueNode struct {
	Def *NewQueue
	// Interface is the tree's interface for a root; for a child, its own
	// `on IF` ("" when absent), as pfctl compares it.
	Interface string
	Parent    *NewQueueNode
	Children  []*NewQueueNode
}
