package model

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// Model is what a ruleset means for shaping, for one target.
type Model struct {
	Target target.Target
	// Interfaces are the ALTQ interfaces, one per interface of each
	// `altq on` line, in file order.
	Interfaces []*Interface
	// QueueDefs are the ALTQ queue definitions in file order.
	QueueDefs []*QueueDef
	// NewQueues are the queues of the queueing that replaced ALTQ
	// (OpenBSD 5.5 and later), in file order.
	NewQueues []*NewQueue
	// QueueTrees are the trees of the new queues, one per root queue.
	QueueTrees []*NewQueueNode
	// Rules are the filter and anchor rules, in file order, anchor bodies
	// and included files in place.
	Rules []*Rule

	file *grammar.File
	// speeds are interface speeds given from outside (WithInterfaceSpeeds):
	// what the kernel would report for an altq line without an absolute
	// bandwidth.
	speeds map[string]uint64
	// parseErrs are what pfctl's parser reports while it reads the
	// statements (yyerror in the grammar's actions); loadErrs are what it
	// reports while it builds and commits the queues.
	parseErrs grammar.ErrorList
	loadErrs  grammar.ErrorList
	// deferred are the load errors pfctl would report once the parse
	// errors are fixed (Deferred).
	deferred grammar.ErrorList
	// filter is the packet filter's view, built on first use (Filter),
	// unless early is building it already (BuildWithFilter).
	filter filterCache
	early  *filterCache
}

// Build reads the meaning of a parsed file for the file's target. It
// returns the model and the errors pfctl's parser would report while
// reading the statements (an unknown bandwidth unit, an option given
// twice, a value out of range); Check returns those and the errors pfctl
// reports while loading the queues. Statements with a syntax error
// (Stmt nil) are skipped: the grammar has reported them.
func Build(f *grammar.File) (*Model, grammar.ErrorList) {
	if f == nil {
		return &Model{Target: target.Default}, nil
	}
	m := build(f, f.Target, nil)
	return m, append(grammar.ErrorList(nil), m.parseErrs...)
}

func build(f *grammar.File, t target.Target, speeds map[string]uint64) *Model {
	m := buildPass(f, t, speeds, false)
	if len(f.Errors) > 0 || len(m.parseErrs) > 0 {
		// What pfctl would say of the queues as a whole once the
		// statements are fixed: the same checks, made anyway.
		m.deferred = buildPass(f, t, speeds, true).loadErrs
	}
	return m
}

func buildPass(f *grammar.File, t target.Target, speeds map[string]uint64, commitAnyway bool) *Model {
	m := &Model{Target: t, file: f, speeds: speeds}
	b := &builder{m: m, t: t}
	b.walk(f.Statements)
	// pfctl checks the queues as a whole only when the file parsed
	// without error; the trees are linked either way.
	b.commit = commitAnyway || len(f.Errors) == 0 && len(m.parseErrs) == 0
	b.finishALTQ()
	b.finishNewQueues()
	m.parseErrs.Sort()
	m.loadErrs.Sort()
	return m
}

// Deferred returns the errors of pfctl's checks of the queues as a whole
// (a missing default queue, a missing root) that pfctl does not reach
// because an earlier statement failed: it stops at the first failing
// queue definition. They are independent of that failure, and pfctl
// reports them in its words once it is fixed; a linter shows them at
// once. Empty when Check already has them. The model's target only.
func (m *Model) Deferred() grammar.ErrorList {
	if m == nil {
		return nil
	}
	return append(grammar.ErrorList(nil), m.deferred...)
}

// Check returns the errors pfctl reports when it loads the ruleset on t
// that need no machine state, in pfctl's words and on the line pfctl
// names. Where pfctl prints a message without a line (`pfctl: …`), the
// error is placed on the statement that causes it. When t is not the
// target the model was built for, the file is read again for t.
func (m *Model) Check(t target.Target) grammar.ErrorList {
	if m == nil {
		return nil
	}
	mm := m
	if t != m.Target && m.file != nil {
		mm = build(m.file, t, m.speeds)
	}
	out := append(append(grammar.ErrorList(nil), mm.parseErrs...), mm.loadErrs...)
	out.Sort()
	return out
}

// builder walks the statements in file order, as pfctl's parser does.
type builder struct {
	m    *Model
	t    target.Target
	altq altqState
	nq   newQueueState
	// commit is set when pfctl would go on to check the queues as a
	// whole; exited once one of those checks ended pfctl (errx).
	commit, exited bool
	// endStmt and endAt cache endPos.
	endStmt *grammar.Statement
	endAt   grammar.Position
}

// parseErr reports an error of pfctl's parser. It returns the error, to
// set its Subject.
func (b *builder) parseErr(code grammar.Code, pos grammar.Position, format string, args ...any) *grammar.Error {
	return b.m.parseErrs.Addf(code, pos, format, args...)
}

// loadErr reports an error of pfctl's checks after parsing, which it
// prints and goes on. It returns the error (nil when pfctl would not get
// that far), to set its Subject.
func (b *builder) loadErr(code grammar.Code, pos grammar.Position, format string, args ...any) *grammar.Error {
	if b.commit && !b.exited {
		return b.m.loadErrs.Addf(code, pos, format, args...)
	}
	return nil
}

// exitErr reports an error on which pfctl exits (errx): nothing after it
// is reported.
func (b *builder) exitErr(code grammar.Code, pos grammar.Position, format string, args ...any) *grammar.Error {
	e := b.loadErr(code, pos, format, args...)
	if b.commit {
		b.exited = true
	}
	return e
}

// walk visits statements in file order: anchor bodies where they stand,
// included files where they are included.
func (b *builder) walk(stmts []*grammar.Statement) {
	grammar.Walk(stmts, b.statement)
}

// statement reads one statement, as pfctl's parser does.
func (b *builder) statement(s *grammar.Statement, anchorDepth int) {
	if s.Stmt == nil {
		return // a syntax error: the grammar reported it
	}
	// An interface name too long for pfctl ends the statement where it
	// stands, early in each (check_ifname.go): an altq line or a queue
	// is then not defined, a rule is kept but not checked further.
	switch {
	case s.Altq != nil:
		if b.altqIfnamesFit(s) {
			b.altqStmt(s)
		}
	case s.Queue != nil:
		if !b.queueIfnamesFit(s) {
			return
		}
		if b.isNewQueue(s.Queue) {
			b.newQueueStmt(s, anchorDepth > 0)
		} else {
			b.altqQueueStmt(s)
		}
	case s.Rule != nil:
		b.filterRule(s, anchorDepth)
		if b.ifnamesFit(s, s.Rule.On) {
			b.checkFilterRule(s)
		}
	case s.Anchor != nil:
		b.anchorRule(s, anchorDepth)
		if b.ifnamesFit(s, s.Anchor.On) {
			b.checkAnchorRule(s)
		}
	case s.Antispoof != nil:
		b.antispoofOpts(s)
	case s.Translation != nil:
		if b.ifnamesFit(s, s.Translation.On) {
			b.checkTranslation(s)
		}
	case s.Scrub != nil:
		if b.ifnamesFit(s, s.Scrub.On) {
			b.checkScrubRule(s)
		}
	case s.Table != nil:
		if b.tableNameValue(s) {
			b.checkTable(s)
		}
	case s.Option != nil:
		b.checkSetOption(s)
		b.setOptionValues(s)
	}
}

// isNewQueue reports whether a queue definition belongs to the queueing
// that replaced ALTQ: `queue` on OpenBSD 5.5 and later (on 5.5 ALTQ
// queues are spelled `oldqueue`).
func (b *builder) isNewQueue(q *grammar.QueueDef) bool {
	return b.t.HasNewQueues() && q.Keyword == "queue"
}
