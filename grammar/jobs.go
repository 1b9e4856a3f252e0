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
	fp       *fileParser
	s        *Statement
	head     Tokens // the tokens participle parses (without a body's `{`)
	end      Token
	depth    int
	blank    int  // blank lines before the statement, which pfctl shifts
	lexError bool // the lexer reported the line already
	result   parsed
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
					j.result = j.fp.parseTokens(j.head, j.end, &sc)
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
			j.result = j.fp.parseTokens(j.head, j.end, &sc)
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
		fp.shifted(j.blank)
		switch {
		case j.lexError:
			// pfctl adds a bare "syntax error" to the lexer's message;
			// its parser then recovers as after any error.
			fp.recovering = 2
			continue
		case j.result.failed:
			fp.record(j.result, j.head.Len())
			continue
		}
		if j.s.Stmt == nil {
			j.s.Stmt = j.result.stmt
		}
		fp.record(j.result, j.head.Len())
		fp.validate(j.s, j.depth)
		if j.s.HasBody && j.s.Anchor == nil && j.s.Anonymous == nil {
			fp.errs.Add(Syntax, j.s.Tokens.Pos(j.s.Tokens.Len()-1), "syntax error: unexpected \"{\"")
		}
	}
}
