package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// wire is a client speaking the LSP wire format to Serve over pipes.
type wire struct {
	t    *testing.T
	in   *io.PipeWriter
	msgs chan map[string]any
}

func startWire(t *testing.T, srv *Server) (*wire, chan error) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- srv.Serve(context.Background(), inR, outW)
		outW.Close()
	}()
	w := &wire{t: t, in: inW, msgs: make(chan map[string]any, 100)}
	go func() {
		defer close(w.msgs)
		r := bufio.NewReader(outR)
		for {
			tp := textproto.NewReader(r)
			h, err := tp.ReadMIMEHeader()
			if err != nil {
				return
			}
			n, _ := strconv.Atoi(h.Get("Content-Length"))
			body := make([]byte, n)
			if _, err := io.ReadFull(r, body); err != nil {
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent %q: %v", body, err)
				return
			}
			w.msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close(); outR.Close() })
	return w, done
}

func (w *wire) raw(s string) {
	w.t.Helper()
	if _, err := io.WriteString(w.in, s); err != nil {
		w.t.Fatal(err)
	}
}

func (w *wire) send(msg map[string]any) {
	w.t.Helper()
	msg["jsonrpc"] = "2.0"
	b, _ := json.Marshal(msg)
	w.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b), b))
}

// next waits for the next message that satisfies ok. The minute is a
// guard against a server that never answers, not a claim about speed: a
// loaded CI machine running every package's tests at once takes seconds.
func (w *wire) next(ok func(map[string]any) bool) map[string]any {
	w.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m, open := <-w.msgs:
			if !open {
				w.t.Fatal("the server closed the connection")
			}
			if ok(m) {
				return m
			}
		case <-timeout:
			w.t.Fatal("no answer within a minute")
		}
	}
}

func response(id int) func(map[string]any) bool {
	return func(m map[string]any) bool { v, ok := m["id"].(float64); return ok && int(v) == id }
}

func TestServeWire(t *testing.T) {
	var log strings.Builder
	srv := New(Options{Settings: altq54, Log: &syncWriter{b: &log, mu: new(sync.Mutex)}})
	w, done := startWire(t, srv)
	// Garbage first: a body that is not JSON, a message without
	// Content-Length, JSON that is not JSON-RPC. The server skips them.
	w.raw("Content-Length: 5\r\n\r\nhello")
	w.raw("X-Nothing: 1\r\n\r\n")
	w.raw("Content-Length: 9\r\n\r\n{\"foo\":1}")
	w.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}})
	init := w.next(response(1))
	caps, _ := init["result"].(map[string]any)["capabilities"].(map[string]any)
	for _, k := range []string{"textDocumentSync", "hoverProvider", "definitionProvider", "codeActionProvider"} {
		if caps[k] == nil {
			t.Errorf("capability %s missing: %v", k, caps)
		}
	}
	w.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	// A request with bad params, an unknown method: errors, not a crash.
	w.send(map[string]any{"id": 2, "method": "textDocument/hover", "params": "nonsense"})
	if e, _ := w.next(response(2))["error"].(map[string]any); e == nil || e["code"].(float64) != -32602 {
		t.Errorf("bad params: %v", e)
	}
	w.send(map[string]any{"id": 3, "method": "textDocument/frobnicate", "params": map[string]any{}})
	if e, _ := w.next(response(3))["error"].(map[string]any); e == nil || e["code"].(float64) != -32601 {
		t.Errorf("unknown method: %v", e)
	}
	uri := "file:///tmp/pfshape-wire/pf.conf"
	w.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "pf", "version": 1, "text": pfconf}}})
	pd := w.next(func(m map[string]any) bool { return m["method"] == "textDocument/publishDiagnostics" })
	params := pd["params"].(map[string]any)
	diags := params["diagnostics"].([]any)
	if params["uri"] != uri || len(diags) != 1 || diags[0].(map[string]any)["code"] != "PF102" {
		t.Errorf("publishDiagnostics: %v", params)
	}
	w.send(map[string]any{"id": 4, "method": "shutdown"})
	w.next(response(4))
	w.send(map[string]any{"method": "exit"})
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after exit")
	}
	if srv.ExitCode() != 0 {
		t.Errorf("exit code %d after shutdown, want 0", srv.ExitCode())
	}
	for _, want := range []string{"malformed message", "without Content-Length"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}

// TestServeEOF: a client that goes away without exit ends the session,
// with exit code 1.
func TestServeEOF(t *testing.T) {
	srv := New(Options{})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), strings.NewReader(""), io.Discard) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return at the end of its input")
	}
	if srv.ExitCode() != 1 {
		t.Errorf("exit code %d, want 1", srv.ExitCode())
	}
}
