package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
)

// TestCoalescedChanges sends 100 quick edits of a 10,000-line document,
// then a hover: the edits are analysed far fewer than 100 times (each
// analysis of such a document takes a good part of a second), the hover
// answers, and the diagnostics published last are those of the last
// version.
func TestCoalescedChanges(t *testing.T) {
	srv := New(Options{Settings: altq54})
	w, _ := startWire(t, srv)
	w.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}})
	w.next(response(1))
	uri := "file:///tmp/pfshape-coalesce/pf.conf"
	text := string(gen.Ruleset(10_000, altq54.Target))
	w.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "pf", "version": 1, "text": text}}})
	// All at once, as an editor sends them while the user types.
	var batch strings.Builder
	for i := range 100 {
		b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": 2 + i},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 0, "character": 0}},
				"text":  fmt.Sprintf("# edit %d\n", i)}}}})
		fmt.Fprintf(&batch, "Content-Length: %d\r\n\r\n%s", len(b), b)
	}
	go w.raw(batch.String())
	w.send(map[string]any{"id": 2, "method": "textDocument/hover", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 100, "character": 2}}})
	// The hover may be read before the changes or after them, so its
	// answer and the last version's diagnostics may come in either order:
	// wait for both.
	answered, published := false, false
	w.next(func(m map[string]any) bool {
		if response(2)(m) {
			answered = true
		}
		if m["method"] == "textDocument/publishDiagnostics" {
			if v, _ := m["params"].(map[string]any)["version"].(float64); v == 101 {
				published = true
			}
		}
		return answered && published
	})
	if n := srv.analyses.Load(); n > 50 {
		t.Errorf("%d analyses for 1 open and 100 changes: the changes were not coalesced", n)
	} else {
		t.Logf("%d analyses for 1 open, 100 changes and a hover", n)
	}
}

// TestHeaderLineBound: a header line of 16 MB is skipped without being
// held, and the message after it is read.
func TestHeaderLineBound(t *testing.T) {
	var logged strings.Builder
	var mu sync.Mutex
	c := lenientCodec{log: func(format string, args ...any) {
		mu.Lock()
		fmt.Fprintf(&logged, format+"\n", args...)
		mu.Unlock()
	}}
	in := "X-Junk: " + strings.Repeat("a", 16<<20) + "\r\nContent-Length: 2\r\n\r\n{}"
	r := bufio.NewReader(strings.NewReader(in))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var v json.RawMessage
	if err := c.ReadObject(r, &v); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if string(v) != "{}" {
		t.Errorf("read %q, want {}", v)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("reading past a 16 MB header line allocated %d KiB", got>>10)
	}
	if !strings.Contains(logged.String(), "skipping a header line longer than 4096 bytes") {
		t.Errorf("log: %q", logged.String())
	}
}

// TestRequestAfterShutdown: a request after shutdown is an invalid
// request (-32600); exit still ends the session.
func TestRequestAfterShutdown(t *testing.T) {
	srv := New(Options{})
	w, done := startWire(t, srv)
	w.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}})
	w.next(response(1))
	w.send(map[string]any{"id": 2, "method": "shutdown"})
	w.next(response(2))
	w.send(map[string]any{"id": 3, "method": "textDocument/hover", "params": map[string]any{
		"textDocument": map[string]any{"uri": "file:///x.conf"}, "position": map[string]any{"line": 0, "character": 0}}})
	e, _ := w.next(response(3))["error"].(map[string]any)
	if e == nil || e["code"].(float64) != -32600 {
		t.Errorf("after shutdown: %v, want code -32600", e)
	}
	w.send(map[string]any{"method": "exit"})
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if srv.ExitCode() != 0 {
		t.Errorf("exit code %d", srv.ExitCode())
	}
}

// TestIncludeFIFO: a document that includes a named pipe gets its
// diagnostics (the include refused), instead of hanging the server.
func TestIncludeFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.conf"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	srv := New(Options{Settings: altq54})
	w, _ := startWire(t, srv)
	w.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{},
		"rootUri": pathURI(dir)}})
	w.next(response(1))
	uri := pathURI(filepath.Join(dir, "pf.conf"))
	w.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "pf", "version": 1, "text": "include \"fifo.conf\"\npass\n"}}})
	pd := w.next(func(m map[string]any) bool { return m["method"] == "textDocument/publishDiagnostics" })
	b, _ := json.Marshal(pd)
	if !strings.Contains(string(b), "not a regular file (a named pipe)") {
		t.Errorf("diagnostics: %s", b)
	}
}
