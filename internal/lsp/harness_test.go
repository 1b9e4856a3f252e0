package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/internal/target"
)

// client drives a server in process through its handler, the way the
// JSON-RPC layer does: params go in as JSON, results come out as JSON.
type client struct {
	t   *testing.T
	srv *Server
	dir string

	mu    sync.Mutex
	diags map[protocol.DocumentUri][]testDiagnostic
	log   strings.Builder
}

func newClient(t *testing.T, st Settings, initOptions any) *client {
	t.Helper()
	c := &client{t: t, dir: t.TempDir(), diags: map[protocol.DocumentUri][]testDiagnostic{}}
	c.srv = New(Options{Settings: st, Log: &syncWriter{b: &c.log, mu: &c.mu}, Version: "test"})
	root := pathURI(c.dir)
	var res protocol.InitializeResult
	disabled := true
	c.call("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               root,
		"initializationOptions": initOptions,
		"capabilities": map[string]any{"textDocument": map[string]any{
			"codeAction": map[string]any{"disabledSupport": disabled}}},
	}, &res)
	c.notify("initialized", map[string]any{})
	return c
}

type syncWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (c *client) context(method string, params any) *glsp.Context {
	c.t.Helper()
	raw, err := json.Marshal(params)
	if err != nil {
		c.t.Fatal(err)
	}
	return &glsp.Context{Method: method, Params: raw,
		Notify: func(m string, p any) {
			if m != string(protocol.ServerTextDocumentPublishDiagnostics) {
				return
			}
			b, _ := json.Marshal(p)
			var pd struct {
				URI         protocol.DocumentUri `json:"uri"`
				Diagnostics []testDiagnostic     `json:"diagnostics"`
			}
			if err := json.Unmarshal(b, &pd); err != nil {
				c.t.Errorf("publishDiagnostics: %v", err)
			}
			if pd.Diagnostics == nil {
				c.t.Errorf("publishDiagnostics for %s sends null diagnostics, which clients reject", pd.URI)
			}
			c.mu.Lock()
			c.diags[pd.URI] = pd.Diagnostics
			c.mu.Unlock()
		},
		Call: func(string, any, any) {},
	}
}

// call sends a request and decodes its result into out (when not nil).
func (c *client) call(method string, params any, out any) error {
	c.t.Helper()
	r, validMethod, validParams, err := c.srv.Handle(c.context(method, params))
	if !validMethod {
		c.t.Fatalf("%s: method not valid", method)
	}
	if !validParams {
		c.t.Fatalf("%s: params not valid: %v", method, err)
	}
	if err != nil {
		return err
	}
	if out != nil {
		b, err := json.Marshal(r)
		if err != nil {
			c.t.Fatalf("%s: result does not marshal: %v", method, err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, b, err)
		}
	}
	return nil
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if _, _, _, err := c.srv.Handle(c.context(method, params)); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// open writes a file into the client's folder and opens it.
func (c *client) open(name, text string) protocol.DocumentUri {
	c.t.Helper()
	path := filepath.Join(c.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	uri := pathURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "pf", "version": 1, "text": text}})
	return uri
}

func (c *client) diagnostics(uri protocol.DocumentUri) []testDiagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.diags[uri]
}

// find returns the diagnostic with the code, failing when there is none.
func (c *client) find(uri protocol.DocumentUri, code string) testDiagnostic {
	c.t.Helper()
	for _, d := range c.diagnostics(uri) {
		if d.Code == code {
			return d
		}
	}
	c.t.Fatalf("no %s diagnostic in %s", code, dump(c.diagnostics(uri)))
	return testDiagnostic{}
}

// testDiagnostic decodes a diagnostic's code, which glsp's
// IntegerOrString cannot decode (its UnmarshalJSON has a value receiver).
type testDiagnostic struct {
	protocol.Diagnostic
	Code any `json:"code"`
}

// testCodeAction decodes the diagnostics of an action with their codes.
type testCodeAction struct {
	protocol.CodeAction
	Diagnostics []testDiagnostic `json:"diagnostics"`
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// pos is the LSP position of the n-th (0-based) occurrence of needle in
// text, plus delta UTF-16 units, computed independently of the server's
// own conversion: by encoding the line's prefix as UTF-16.
func pos(t *testing.T, text, needle string, n, delta int) protocol.Position {
	t.Helper()
	at := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[at+1:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", needle, n)
		}
		at += 1 + j
	}
	line := strings.Count(text[:at], "\n")
	start := strings.LastIndex(text[:at], "\n") + 1
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(utf16Units(text[start:at]) + delta)}
}

func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

var altq54 = Settings{Target: target.MustParse("openbsd-5.4"), UpgradeTarget: target.Default}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
