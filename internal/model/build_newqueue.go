package model

import "github.com/pfshape/pfshape/grammar"

// newQueueState is what pfctl keeps of the new queues while parsing: the
// root queues and the others (pfctl.c's rootqs and qspecs).
type newQueueState struct {
	roots  []*NewQueue
	others []*NewQueue
	looped bool // pfctl_find_childqs gave up on a parent loop
	// Indexes of the lists above, so that no step scans a list per queue:
	// the first non-root queue of each name, the non-root queues of each
	// parent name in definition order, and the interfaces with a root.
	first    map[string]*NewQueue
	byParent map[string][]*NewQueue
	rootOn   map[string]bool
	// failedMaybeDefault is set once a definition failed (see
	// newQueueStmt).
	failedMaybeDefault bool
}

// addOther records a non-root queue.
func (st *newQueueState) addOther(q *NewQueue) {
	if st.first == nil {
		st.first, st.byParent = map[string]*NewQueue{}, map[string][]*NewQueue{}
	}
	st.others = append(st.others, q)
	if st.first[q.Name] == nil {
		st.first[q.Name] = q
	}
	st.byParent[q.Parent] = append(st.byParent[q.Parent], q)
}

// addRoot records a root queue; false when the interface has one.
func (st *newQueueState) addRoot(q *NewQueue) bool {
	if st.rootOn == nil {
		st.rootOn = map[string]bool{}
	}
	if st.rootOn[q.Interface] {
		return false
	}
	st.rootOn[q.Interface] = true
	st.roots = append(st.roots, q)
	return true
}

// find is pfctl_find_queue over the non-root queues defined so far: the
// only queues a rule may assign.
func (st *newQueueState) find(name string) *NewQueue { return st.first[name] }

// newQueueStmt is `queue NAME (on IF | parent P) …` (parse.y queuespec,
// expand_queue and pfctl_add_queue).
func (b *builder) newQueueStmt(s *grammar.Statement, inAnchor bool) {
	qd := s.Queue
	// A definition that fails may have been a tree's default queue: past
	// it (Deferred), no tree's lack of one is reported.
	added := false
	defer func() { b.nq.failedMaybeDefault = b.nq.failedMaybeDefault || !added }()
	opts, ok := b.readQueueOpts(s, qd.Opts, true)
	if !ok || !b.queueNameValues(s, &qd.Name, nil) {
		return
	}
	at := reportPos(s)
	if len(opts.on) == 0 && opts.parent == nil {
		b.parseErr(QueueRootNoInterface, at, "root queue without interface")
		return
	}
	q := &NewQueue{
		Name:      qd.Name.Text(),
		Bandwidth: opts.ls,
		Min:       opts.min,
		Max:       opts.max,
		Default:   opts.isDefault,
		InAnchor:  inAnchor,
		Range:     stmtRange(s),
		Stmt:      s,
	}
	if opts.parent != nil {
		q.Parent = opts.parent.Name
	}
	if opts.qlimit != nil {
		q.Qlimit = *opts.qlimit
	}
	if opts.flows != nil {
		q.Flows = *opts.flows
	}
	if opts.quantum != nil {
		q.Quantum = *opts.quantum
	}
	ifaces := opts.on
	if len(ifaces) == 0 {
		ifaces = []OnInterface{{}}
	}
	// expand_queue makes one queue per interface of the `on` list.
	for i, on := range ifaces {
		qq := q
		if i > 0 {
			c := *q
			qq = &c
		}
		qq.Interface = on.Name
		if q.Bandwidth == nil && q.Flows == 0 {
			b.parseErr(QueueNoBandwidthOrFlows, at, "no bandwidth or flow specification")
			return
		}
		if inAnchor {
			// pfctl_add_queue prints this (no line) and the parser adds
			// "cannot add queue" on the statement's line.
			b.parseErr(QueueInAnchor, at, "must not have queue definitions in an anchor")
			b.parseErr(QueueNotAdded, at, "cannot add queue")
			return
		}
		if qq.IsRoot() {
			if !b.nq.addRoot(qq) {
				b.parseErr(QueueRootExists, at, "A root queue is already defined on %s", qq.Interface)
				b.parseErr(QueueNotAdded, at, "cannot add queue")
				return
			}
		} else {
			b.nq.addOther(qq)
		}
		b.m.NewQueues = append(b.m.NewQueues, qq)
	}
	added = true
}

// finishNewQueues is pfctl_check_qassignments and pfctl_load_queues: link
// the tree from every root, then check defaults, leaves and bandwidth.
// pfctl exits at the first of these (errx), and so does the reporting
// here; the trees are linked in full either way.
func (b *builder) finishNewQueues() {
	matches := map[*NewQueue]int{}
	for _, root := range b.nq.roots {
		node := &NewQueueNode{Def: root, Interface: root.Interface}
		root.Nodes = append(root.Nodes, node)
		b.m.QueueTrees = append(b.m.QueueTrees, node)
		hasDefault := b.linkChildren(node, matches)
		if root.Bandwidth == nil && len(node.Children) > 0 {
			if root.Flows > 0 {
				b.exitErr(QueueFlowsHierarchy, reportPos(root.Stmt), "root queue %s doesn't support hierarchy", root.Name)
			} else {
				b.exitErr(QueueNoBandwidth, reportPos(root.Stmt), "no bandwidth was specified for root queue %s", root.Name)
			}
		}
		if root.Bandwidth != nil && !hasDefault && !b.nq.failedMaybeDefault {
			b.exitErr(QueueNoDefault, reportPos(root.Stmt), "no default queue specified").About(root.Name)
		}
	}
	b.checkAssignedLeaves()
	for _, q := range b.nq.others {
		if matches[q] == 0 {
			b.exitErr(QueueParentUndefined, reportPos(q.Stmt), "queue %s: parent %s not found", q.Name, q.Parent).About(q.Parent)
			continue
		}
		if q.Bandwidth == nil || (q.Bandwidth.M2.Bits == 0 && (q.Bandwidth.M1 == nil || q.Bandwidth.M1.Bits == 0)) {
			b.exitErr(QueueNoBandwidth, reportPos(q.Stmt), "queue %s: no bandwidth was specified", q.Name)
		}
	}
}

// maxMatches is pfctl's guard against a parent loop.
const maxMatches = 10000

// linkChildren is pfctl_find_childqs: it places under n every queue whose
// parent is n's name (and whose interface, when given, is n's), then does
// the same below each child, and reports whether a default queue is in
// n's subtree.
func (b *builder) linkChildren(n *NewQueueNode, matches map[*NewQueue]int) bool {
	hasDefault := n.Def.Default
	children := map[string]*NewQueueNode{} // n.Children by name
	for _, c := range b.nq.byParent[n.Def.Name] {
		if c.Interface != "" && c.Interface != n.Interface {
			continue
		}
		if matches[c]++; matches[c] > maxMatches {
			b.exitErr(QueueLoop, reportPos(c.Stmt), "pfctl_find_childqs: excessive matches, loop?")
			b.nq.looped = true
			return hasDefault
		}
		existing := children[c.Name]
		if existing == nil {
			child := &NewQueueNode{Def: c, Interface: c.Interface, Parent: n}
			children[c.Name] = child
			n.Children = append(n.Children, child)
			c.Nodes = append(c.Nodes, child)
			continue
		}
		switch {
		case existing.Def.Interface != "" && c.Interface != "":
			b.exitErr(QueueRespecified, reportPos(c.Stmt), "queue %s on %s respecified", c.Name, existing.Def.Interface)
		case existing.Def.Interface == "" && c.Interface == "":
			b.exitErr(QueueRespecified, reportPos(c.Stmt), "queue %s respecified", c.Name)
		case existing.Def.Interface == "":
			existing.Def, existing.Interface = c, c.Interface // ifbound beats floating
			c.Nodes = append(c.Nodes, existing)
		}
	}
	for _, c := range n.Children {
		if b.nq.looped {
			break
		}
		if b.linkChildren(c, matches) {
			hasDefault = true
		}
	}
	if len(n.Children) > 0 {
		if n.Def.Default {
			b.exitErr(DefaultNotLeaf, reportPos(n.Def.Stmt), "default queue %s is not a leaf queue", n.Def.Name).About(n.Def.Name)
		} else if n.Def.Flows > 0 {
			b.exitErr(FlowQueueNotLeaf, reportPos(n.Def.Stmt), "flow queue %s is not a leaf queue", n.Def.Name)
		}
	}
	return hasDefault
}
