package grammar_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// hostileWatchdog is how long one hostile input may take before the test
// calls it a hang. It is far above the few seconds the slowest case needs
// on a small machine, so only a real hang trips it, and a hang then fails
// this test instead of stalling CI until the global timeout.
const hostileWatchdog = 60 * time.Second

// hostileMaxHeap bounds the heap a parse may keep live. Allocation in
// total may be larger (garbage is collected as the parse goes), but live
// memory beyond this means input of a few MiB holds on to far too much.
const hostileMaxHeap = 1 << 30

// pfctlMessages are the beginnings of every message the parser gives for
// input that is simply not pf.conf; random bytes must give only these.
var pfctlMessages = []string{
	"syntax error",
	"macro '",
	"string too long",
	"reached end of file while parsing quoted string",
	"this is a template",
}

// exponentialMacros doubles a macro on every line, written unquoted so
// each line expands the one before (quoted values are not expanded).
func exponentialMacros(levels int) []byte {
	var b strings.Builder
	b.WriteString("a0 = x\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "a%d = $a%d $a%d\n", i, i-1, i-1)
	}
	b.WriteString("pass in on $a40\n")
	return []byte(b.String())
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

var hostileCases = []struct {
	name  string
	src   func() []byte
	files map[string]string // what Options.ReadFile serves; nothing else exists
	// want are substrings of messages that must be reported, each by at
	// least one error; nil means only that every message is one of
	// pfctlMessages.
	want []string
}{
	{
		name: "random binary bytes",
		src:  func() []byte { return randomBytes(256 << 10) },
	},
	{
		name: "NUL bytes",
		src:  func() []byte { return bytes.Repeat([]byte{0}, 4096) },
		want: []string{`1:1: error: syntax error: unexpected "\x00"`},
	},
	{
		name: "NUL inside a rule",
		src:  func() []byte { return []byte("pass in all\x00\n") },
		want: []string{`1:12: error: syntax error: unexpected "\x00"`},
	},
	{
		// pfctl's lexer gives up on a NUL inside quotes with a bare
		// syntax error.
		name: "NUL inside quotes",
		src:  func() []byte { return []byte("pass in on \"em\x000\"\n") },
		want: []string{"1:15: error: syntax error"},
	},
	{
		name: "invalid UTF-8",
		src:  func() []byte { return []byte("\xff\xfe pass in all\npass out all\n") },
		want: []string{`1:1: error: syntax error: unexpected "\xff"`},
	},
	{
		name: "50 MB word",
		src:  func() []byte { return append(bytes.Repeat([]byte("a"), 50<<20), '\n') },
		want: []string{"1:1: error: string too long"},
	},
	{
		name: "50 MB quoted string",
		src: func() []byte {
			return []byte("pass in on \"" + strings.Repeat("a", 50<<20) + "\"\n")
		},
		want: []string{"1:12: error: string too long"},
	},
	{
		// A `{` that starts a statement opens an anonymous anchor, so
		// these nest anchors, not lists.
		name: "100,000 nested { at the start",
		src:  func() []byte { return bytes.Repeat([]byte("{"), 100_000) },
		want: []string{"1:129: error: syntax error: anchors nested more than 128 deep"},
	},
	{
		name: "100,000 nested { in a rule",
		src:  func() []byte { return []byte("pass in from " + strings.Repeat("{", 100_000) + "\n") },
		want: []string{"1:142: error: syntax error: more than 128 nested braces"},
	},
	{
		name: "100,000 nested (",
		src:  func() []byte { return []byte("pass in from " + strings.Repeat("(", 100_000) + "\n") },
		want: []string{"1:142: error: syntax error: more than 128 nested parentheses"},
	},
	{
		// Quoted, "$a" is not expanded: the macro holds the two bytes
		// `$a`. Its expansion is not expanded again (pfctl expands no
		// `$` inside an expansion), so the `$` is a stray character.
		name: "macro that expands to itself, quoted",
		src:  func() []byte { return []byte("a = \"$a\"\npass in on $a\n") },
		want: []string{`2:12: error: syntax error: unexpected "$"`},
	},
	{
		// Unquoted, $a is expanded at the definition, before a exists.
		name: "macro that expands to itself, unquoted",
		src:  func() []byte { return []byte("a = $a\n") },
		want: []string{"1:5: error: macro 'a' not defined"},
	},
	{
		// a_k is 2^(k+1)-1 bytes, and defining it expands a_k-1 twice:
		// a1 to a18 expand about 2^20 bytes in all, and the first $a18
		// of a19 (2^19-1 bytes) would take the total past the budget of
		// this 1 KiB file, 1 MiB and 4 bytes per byte (budget.go).
		// Every later one is undefined.
		name: "macro that doubles 40 times",
		src:  func() []byte { return exponentialMacros(40) },
		want: []string{
			"20:7: error: macro 'a18' not expanded: the macros of this ruleset expand to more than",
			"21:7: error: macro 'a19' not defined",
			"42:12: error: macro 'a40' not defined",
		},
	},
	{
		name:  "include cycle",
		src:   func() []byte { return []byte("include \"a.conf\"\n") },
		files: map[string]string{"a.conf": "pass\ninclude \"b.conf\"\n", "b.conf": "include \"a.conf\"\n"},
		want:  []string{"b.conf:1:1: error: include cycle: a.conf includes itself (via main.conf -> a.conf -> b.conf)"},
	},
	{
		name:  "include of itself",
		src:   func() []byte { return []byte("include \"main.conf\"\n") },
		files: map[string]string{},
		want:  []string{"main.conf:1:1: error: include cycle: main.conf includes itself (via main.conf)"},
	},
	{
		name: "include of a missing file",
		src:  func() []byte { return []byte("pass\ninclude \"missing.conf\"\n") },
		want: []string{"main.conf:2:1: error: cannot open the include file missing.conf: No such file or directory"},
	},
	{
		name: "unterminated quote",
		src:  func() []byte { return []byte("pass in on \"em0\npass out all\n") },
		want: []string{"1:12: error: reached end of file while parsing quoted string"},
	},
	{
		name: "unclosed list",
		src:  func() []byte { return []byte("pass in from { 10.0.0.1\npass out all\n") },
		want: []string{"3:1: error: syntax error: unexpected end of file inside { }"},
	},
	{
		name: "stray closing brace",
		src:  func() []byte { return []byte("pass in from 10.0.0.1 }\n}\npass\n") },
		want: []string{`1:23: error: syntax error: unexpected "}"`, `2:1: error: syntax error: unexpected "}"`},
	},
	{
		name: "unclosed anchor",
		src:  func() []byte { return []byte("anchor foo {\n\tpass\n") },
		want: []string{`3:1: error: syntax error: unexpected end of file, expected "}" to close the anchor`},
	},
}

// TestHostileInput feeds the parser input meant to break it. Each must end
// in a clear error, never a panic, a hang or unbounded memory. The cases
// run one after another so the heap figures are their own.
func TestHostileInput(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src()
			files := tc.files
			opts := grammar.Options{
				Target: target.MustParse("openbsd"),
				// Never the real file system: a fuzzed or hostile
				// include must not read /dev/zero or the user's files.
				ReadFile: func(p string) ([]byte, error) {
					if s, ok := files[p]; ok {
						return []byte(s), nil
					}
					return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
				},
			}
			f, heap := parseWatched(t, src, opts)
			if heap > hostileMaxHeap {
				t.Errorf("the parse keeps %d MiB live for %d KiB of input", heap>>20, len(src)>>10)
			}
			if len(f.Errors) == 0 {
				t.Fatal("no error")
			}
			var msgs []string
			for _, e := range f.Errors {
				msgs = append(msgs, e.Error())
			}
			t.Logf("%d errors, live heap +%d KiB, first: %v", len(f.Errors), heap>>10, f.Errors[0])
			all := strings.Join(msgs, "\n")
			if len(all) > 2000 {
				all = all[:2000] + "…"
			}
			for _, w := range tc.want {
				if !strings.Contains(strings.Join(msgs, "\n"), w) {
					t.Errorf("want an error %q; got\n%s", w, all)
				}
			}
			if tc.want != nil {
				return
			}
			for _, e := range f.Errors {
				known := false
				for _, p := range pfctlMessages {
					known = known || strings.HasPrefix(e.Msg, p)
				}
				if !known {
					t.Errorf("unexpected kind of message: %v", e)
				}
			}
		})
	}
}

// parseWatched parses in a goroutine so that a panic is reported with its
// stack and a hang fails after hostileWatchdog. It returns the file and
// the growth of the live heap while the file is held.
func parseWatched(t *testing.T, src []byte, opts grammar.Options) (*grammar.File, uint64) {
	t.Helper()
	type result struct {
		f     *grammar.File
		heap  uint64
		panic string
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{panic: fmt.Sprintf("%v\n%s", r, debug.Stack())}
			}
		}()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f, _ := grammar.Parse("main.conf", src, opts)
		runtime.GC()
		runtime.ReadMemStats(&after)
		var heap uint64
		if after.HeapAlloc > before.HeapAlloc {
			heap = after.HeapAlloc - before.HeapAlloc
		}
		runtime.KeepAlive(f)
		done <- result{f: f, heap: heap}
	}()
	select {
	case r := <-done:
		if r.panic != "" {
			t.Fatalf("panic: %s", r.panic)
		}
		return r.f, r.heap
	case <-time.After(hostileWatchdog):
		t.Fatalf("no result after %v: the parser hangs", hostileWatchdog)
	}
	return nil, 0
}
