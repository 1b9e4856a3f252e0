package translate

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// The queue translation (--to queues, --to both): every ALTQ tree of CBQ,
// HFSC or FAIRQ becomes a tree of OpenBSD's queues, written where the ALTQ
// definitions stood (the altq line becomes the root queue, each queue
// definition its new queue), and rules that assign queues get `set queue`.
// PRIQ has no bandwidth: its trees become `set prio` as in the prio
// translation. A tree that cannot be carried over exactly is left in place
// with a note (exit 3), and so are the trees it shares definitions with.

// treeKind is what one ALTQ interface becomes.
type treeKind int

const (
	treeQueues treeKind = iota // OpenBSD's queues
	treePrio                   // set prio (PRIQ)
	treeLeft                   // left in place, with a reason
	treeNew                    // a queue of OpenBSD's queues already
)

// queueState is what the queue translation knows while it edits.
type queueState struct {
	plans []*treePlan
	// byIface is the plan of each interface.
	byIface map[*model.Interface]*treePlan
	// byQueue lists the interfaces that have a queue of each name.
	byQueue map[string][]*model.Interface
	// quoted caches the spelling of a name for the target.
	quoted map[string]string
	// inAnchor holds the statements inside anchor bodies, where pf
	// refuses queue definitions.
	inAnchor map[*grammar.Statement]bool
	// written holds each interface's tree statements as the file writes
	// them, before --ifspeed: with the speed known, pfctl's checks can
	// drop a queue from the tree, and its error must still leave the
	// tree it was written in.
	written map[string][]*grammar.Statement
}

func markAnchored(stmts []*grammar.Statement, out map[*grammar.Statement]bool) {
	grammar.Walk(stmts, func(s *grammar.Statement, anchorDepth int) {
		if anchorDepth > 0 {
			out[s] = true
		}
	})
}

// treePlan is the translation of one ALTQ interface.
type treePlan struct {
	iface  *model.Interface
	kind   treeKind
	reason string // why the tree is left (treeLeft)
	// queues are the new queues, the root first, in the order of the
	// interface's ALTQ queues; byQueue finds the new queue of an ALTQ one.
	queues  []*newQueue
	byQueue map[*model.Queue]*newQueue
	// withOn is set when the tree's children must say `on IF`: a queue
	// name of the tree is used on another interface too, and without it
	// pfctl would hang the children under every parent of that name.
	withOn bool
	// mapping is the priority mapping, for trees whose rules get set
	// prio; mapErr says why there is none.
	mapping *Mapping
	mapErr  error
}

func (p *treePlan) leave(format string, args ...any) {
	if p.kind != treeLeft {
		p.kind, p.reason = treeLeft, fmt.Sprintf(format, args...)
	}
}

// translateQueues is Translate for --to queues and --to both.
func (tr *translator) translateQueues() {
	st := &queueState{byIface: map[*model.Interface]*treePlan{}, byQueue: map[string][]*model.Interface{}, quoted: map[string]string{}}
	tr.queues = st
	speedErrs := tr.applyIfSpeeds()
	st.inAnchor = map[*grammar.Statement]bool{}
	markAnchored(tr.file.Statements, st.inAnchor)
	taken := tr.queueNames()
	assigned := tr.assignedQueues()
	for _, iface := range tr.model.Interfaces {
		p := tr.planTree(iface, speedErrs, taken, assigned)
		st.plans = append(st.plans, p)
		st.byIface[iface] = p
		for _, q := range iface.Queues {
			if !q.IsRoot() {
				st.byQueue[q.Name] = append(st.byQueue[q.Name], iface)
			}
		}
	}
	tr.joinComponents()
	tr.markSharedNames()
	tr.mapForQueues()
	tr.rewriteDefinitions()
	tr.flushDeletions()
	eachRule(tr.file.Statements, tr.queuesRule)
}

// applyIfSpeeds reads the model again with the --ifspeed speeds, and
// returns what pfctl would then report (a queue above the interface's
// speed, …).
func (tr *translator) applyIfSpeeds() grammar.ErrorList {
	if len(tr.opts.IfSpeed) == 0 {
		return nil
	}
	for _, iface := range tr.model.Interfaces {
		if _, ok := tr.opts.IfSpeed[iface.Name]; ok && iface.Bandwidth != nil && iface.Bandwidth.Bits > 0 {
			tr.note(iface.Pos, false, "altq on %s gives its bandwidth (%s), which pfctl uses: --ifspeed %s is not needed", ifaceWord(iface.Name), iface.Bandwidth.Text, iface.Name)
		}
	}
	tr.queues.written = map[string][]*grammar.Statement{}
	for _, iface := range tr.model.Interfaces {
		tr.queues.written[iface.Name] = append(tr.queues.written[iface.Name], treeStatements(iface)...)
	}
	m, errs := tr.model.WithInterfaceSpeeds(tr.opts.IfSpeed)
	tr.model = m
	return append(errs, m.Check(m.Target)...)
}

// queueNames are the names in use: ALTQ queues and new queues.
func (tr *translator) queueNames() map[string]bool {
	taken := map[string]bool{}
	for _, iface := range tr.model.Interfaces {
		for _, q := range iface.Queues {
			if !q.IsRoot() { // pfctl's hidden root_IF goes away
				taken[q.Name] = true
			}
		}
	}
	for _, q := range tr.model.NewQueues {
		taken[q.Name] = true
	}
	return taken
}

// rootName is the root queue's name: pfctl's own root_IF, unless a queue
// has that name already.
func rootName(iface *model.Interface, taken map[string]bool) string {
	name := "root_" + iface.Name
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("root_%s_%d", iface.Name, i)
	}
	taken[name] = true
	return name
}

// statements are the statements that define an interface's tree.
func treeStatements(iface *model.Interface) []*grammar.Statement {
	out := []*grammar.Statement{iface.Stmt}
	for _, q := range iface.Queues {
		if q.Def != nil && q.Def.Stmt != nil {
			out = append(out, q.Def.Stmt)
		}
	}
	return out
}

func inStatement(s *grammar.Statement, pos grammar.Position) bool {
	return s != nil && s.Source != nil && pos.File == s.Source.Name && pos.Offset >= s.Span.Start && pos.Offset <= s.Span.End
}

// joinComponents leaves in place, together, the trees that share
// statements (one altq line for several interfaces, a queue definition
// used on several interfaces): a statement cannot be half translated.
func (tr *translator) joinComponents() {
	plans := tr.queues.plans
	parent := make([]int, len(plans))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	index := map[*model.Interface]int{}
	byStmt := map[*grammar.Statement]int{}
	for i, p := range plans {
		index[p.iface] = i
		for _, s := range treeStatements(p.iface) {
			if j, ok := byStmt[s]; ok {
				parent[find(i)] = find(j)
			} else {
				byStmt[s] = i
			}
		}
	}
	groups := map[int][]*treePlan{}
	var order []int
	for i, p := range plans {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], p)
	}
	for _, r := range order {
		g := groups[r]
		var left, prio, queues []string
		for _, p := range g {
			switch p.kind {
			case treeLeft:
				left = append(left, p.iface.Name)
			case treePrio:
				prio = append(prio, p.iface.Name)
			case treeQueues:
				queues = append(queues, p.iface.Name)
			}
		}
		for _, p := range g {
			switch {
			case len(left) > 0:
				p.leave("it shares its definitions with the tree on %s, which is left in place", strings.Join(left, ", "))
			case len(prio) > 0 && len(queues) > 0:
				p.leave("PRIQ (on %s) and a scheduler with bandwidth (on %s) share definitions: split them, one definition per scheduler", strings.Join(prio, ", "), strings.Join(queues, ", "))
			}
		}
	}
}

// markSharedNames sets withOn on every tree that has a queue name another
// translated tree has too.
func (tr *translator) markSharedNames() {
	count := map[string]int{}
	for _, p := range tr.queues.plans {
		if p.kind != treeQueues {
			continue
		}
		for _, nq := range p.queues[1:] {
			count[nq.name]++
		}
	}
	for _, p := range tr.queues.plans {
		if p.kind != treeQueues {
			continue
		}
		for _, nq := range p.queues[1:] {
			if count[nq.name] > 1 {
				p.withOn = true
			}
		}
	}
}

// assignedQueues are the queue names rules assign: a queue with children
// that a rule assigns still gets a priority.
func (tr *translator) assignedQueues() map[string]bool {
	assigned := map[string]bool{}
	for _, r := range tr.model.Rules {
		if r.Queue != nil {
			assigned[r.Queue.Name] = true
			assigned[r.Queue.Ack] = true
		}
	}
	return assigned
}

// mapForQueues registers the priority mappings of the trees whose rules
// get `set prio`: PRIQ trees, and with --to both every translated tree.
// Names of trees left in place have none.
func (tr *translator) mapForQueues() {
	for _, p := range tr.queues.plans {
		switch {
		case p.kind == treeLeft:
			for _, q := range p.iface.Queues {
				tr.unmapped[q.Name] = p.iface.Name
			}
		case p.mapErr != nil:
			tr.note(p.iface.Pos, true, "%v; rules that assign its queues get set queue but no set prio", p.mapErr).Interface = p.iface.Name
			for _, q := range p.iface.Queues {
				tr.unmapped[q.Name] = p.iface.Name
			}
		case p.mapping != nil:
			tr.res.Mappings = append(tr.res.Mappings, p.mapping)
			for _, e := range p.mapping.Entries {
				tr.byName[e.Queue] = append(tr.byName[e.Queue], p.mapping)
			}
		}
	}
}
