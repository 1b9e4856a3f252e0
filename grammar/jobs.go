package grammar

import (
	"runtime"
	"sync"
)

// Statements are parsed in three phases. While the file is split into
// statements (phase 1), only what the reader itself depends on is parsed
// at once: macro definitions, which change how later statements are lexed,
// and includes, which bring more statements. Every other statement becomes
// a job, parsed in parallel (phase 2) while the reader goes on; its
// outcome is then applied in
// statement order (phase 3), where pfctl's order-dependent behaviour lives:
// the silence of its yacc parser after an error, statement order, and the
// release checks.

type job struct {
	fp *fileParser
	s  *Statement
	// The outcome: stmt when the parse succeeded, failure when not.
	stmt     *Stmt
	failure  *parsed
	endStart int32 // where the token that ended the statement starts (see end)
	blank    int32 // blank lines before the statement, which pfctl shifts
	depth    int32
	endKind  Kind
	lexError bool // the lexer reported the line already
}

// head are the tokens participle parses: the statement's, without a
// body's `{`.
func (j *job) head() Tokens {
	if j.s.HasBody {
		return j.s.Tokens.Slice(0, j.s.Tokens.Len()-1)
	}
	return j.s.Tokens
}

// end is the token that ended the statement, as much of it as the parse
// reads: its kind and where it starts.
func (j *job) end() Token {
	at := int(j.endStart)
	return Token{Kind: j.endKind, Span: Span{at, at}, Source: j.s.Source}
}

// parse parses the statement and keeps the outcome.
func (j *job) parse(sc *scratch) {
	r := j.fp.parseTokens(j.head(), j.end(), sc)
	if r.failed {
		j.failure = &r
	} else {
		j.stmt = r.stmt
	}
}

// result is the outcome of parse.
func (j *job) result() parsed {
	if j.failure != nil {
		return *j.failure
	}
	return parsed{stmt: j.stmt}
}

// minParallelJobs is the number of statements below which parsing in
// parallel is not worth starting goroutines; jobBatch is how many jobs go
// to a worker at a time.
const (
	minParallelJobs = 64
	jobBatch        = 32
)

// workers parse jobs (phase 2) while the reader (phase 1) is still
// splitting the file, so that the two overlap: the reader is sequential,
// and on a large ruleset it takes as long as parsing on one core.
type workers struct {
	pending []*job // jobs not yet handed to a worker
	batches chan []*job
	wg      sync.WaitGroup
}

// submit queues a job for phase 2. The workers start once there are
// enough jobs to be worth them.
func (st *parseState) submit(j *job) {
	w := &st.workers
	w.pending = append(w.pending, j)
	if w.batches == nil {
		if len(w.pending) < minParallelJobs || runtime.GOMAXPROCS(0) < 2 {
			return
		}
		w.start()
	}
	if len(w.pending) >= jobBatch {
		w.batches <- w.pending
		w.pending = nil
	}
}

func (w *workers) start() {
	n := runtime.GOMAXPROCS(0)
	w.batches = make(chan []*job, 2*n)
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			var sc scratch
			for batch := range w.batches {
				for _, j := range batch {
					j.parse(&sc)
				}
			}
		}()
	}
}

// parseJobs ends phase 2: it parses what is left and waits for the
// workers.
func (st *parseState) parseJobs() {
	w := &st.workers
	if w.batches == nil {
		var sc scratch
		for _, j := range w.pending {
			j.parse(&sc)
		}
	} else {
		if len(w.pending) > 0 {
			w.batches <- w.pending
		}
		close(w.batches)
		w.wg.Wait()
	}
	w.pending, w.batches = nil, nil
}

// applyJobs is phase 3.
func (st *parseState) applyJobs() {
	for _, j := range st.jobs {
		fp := j.fp
		fp.shifted(int(j.blank))
		result := j.result()
		switch {
		case j.lexError:
			// pfctl adds a bare "syntax error" to the lexer's message;
			// its parser then recovers as after any error.
			fp.recovering = 2
			continue
		case result.failed:
			fp.record(result, j.head().Len())
			continue
		}
		if j.s.Stmt == nil {
			j.s.Stmt = result.stmt
		}
		fp.record(result, j.head().Len())
		fp.validate(j.s, int(j.depth))
		if j.s.HasBody && j.s.Anchor == nil && j.s.Anonymous == nil {
			fp.errs.Add(Syntax, j.s.Tokens.Pos(j.s.Tokens.Len()-1), "syntax error: unexpected \"{\"")
		}
	}
}
