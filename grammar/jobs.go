package grammar

import (
	"runtime"
	"sync"
	"sync/atomic"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Statements are parsed in three phases. While the file is split into
// statements (phase 1), only what the reader itself depends on is parsed
// at once: macro definitions, which change how later statements are lexed,
// and includes, which bring more statements. Every other statement becomes
// a job, parsed in parallel (phase 2); its outcome is then applied in
// statement order (phase 3), where pfctl's order-dependent behaviour lives:
// the silence of its yacc parser after an error, statement order, and the
// release checks.

type job struct {
	fp       *fileParser
	s        *Statement
	head     []Token // the tokens participle parses (without a body's `{`)
	end      Token
	depth    int
	blank    int  // blank lines before the statement, which pfctl shifts
	lexError bool // the lexer reported the line already
	parse    bool // to be parsed in phase 2
	result   parsed
}

// minParallelJobs is the number of statements below which parsing in
// parallel is not worth starting goroutines.
const minParallelJobs = 64

// parseJobs is phase 2.
func (st *parseState) parseJobs() {
	var todo []*job
	for _, j := range st.jobs {
		if j.parse {
			todo = append(todo, j)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if len(todo) < minParallelJobs || workers < 2 {
		var scratch []plexer.Token
		for _, j := range todo {
			j.result = j.fp.parseTokens(j.head, j.end, &scratch)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch []plexer.Token
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				j := todo[i]
				j.result = j.fp.parseTokens(j.head, j.end, &scratch)
			}
		}()
	}
	wg.Wait()
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
			fp.record(j.result, len(j.head))
			continue
		}
		if j.s.Stmt == nil {
			j.s.Stmt = j.result.stmt
		}
		fp.record(j.result, len(j.head))
		fp.validate(j.s, j.depth)
		if j.s.HasBody && j.s.Anchor == nil && j.s.Anonymous == nil {
			fp.errs.Add(j.s.Tokens[len(j.s.Tokens)-1].Pos(), "syntax error: unexpected \"{\"")
		}
	}
}
