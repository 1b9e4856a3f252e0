package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func lspFrames(msgs ...map[string]any) string {
	var b strings.Builder
	for _, m := range msgs {
		m["jsonrpc"] = "2.0"
		j, _ := json.Marshal(m)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(j), j)
	}
	return b.String()
}

func TestLSPCommand(t *testing.T) {
	in := lspFrames(
		map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}},
		map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
			"uri": "file:///nowhere/pf.conf", "languageId": "pf", "version": 1,
			"text": "altq on em0 priq bandwidth 10Mb queue { std }\nqueue std priq(default)\npass out queue sdt\n"}}},
		map[string]any{"id": 2, "method": "shutdown"},
		map[string]any{"method": "exit"},
	)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"lsp", "--target", "openbsd-5.4"}, strings.NewReader(in), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{`"hoverProvider":true`, `"code":"PF102"`, `did you mean std?`, `"id":2,"result":null`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, stdout.String())
		}
	}
	// Input that ends without shutdown: exit status 1, as LSP asks.
	if code := run([]string{"lsp"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("exit %d without shutdown, want 1", code)
	}
	for _, args := range [][]string{{"lsp", "--target", "netbsd"}, {"lsp", "pf.conf"}} {
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
