package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/internal/target"
)

// pfconf is an ALTQ ruleset with a typo in a queue name, written after a
// label with a character outside the BMP so that UTF-16 columns differ
// from byte and rune columns, and before a comment, so that a column
// counted in the wrong unit still falls inside the line.
const pfconf = `# Büro-Firewall ✓
ext_if = "em0"
table <spammers> persist
altq on $ext_if priq bandwidth 10Mb queue { std, ssh, bulk }
queue std priority 1 priq(default)
queue ssh priority 7
queue bulk priority 0
pass out on $ext_if proto tcp to port 22 queue ssh
pass out on $ext_if proto tcp to port 25 queue bulk
pass out on $ext_if proto tcp to port 80 queue std
block in quick from <spammers>
pass out on $ext_if proto tcp to port 2222 label "🐡 süß" queue shh # für den SSH-Zugang
`

func TestDiagnosticsUTF16(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	d := c.find(uri, "PF102")
	want := protocol.Range{Start: pos(t, pfconf, "shh", 0, 0), End: pos(t, pfconf, "shh", 0, 3)}
	if d.Range != want {
		t.Errorf("PF102 range = %+v, want %+v (UTF-16 columns)", d.Range, want)
	}
	// The byte column of shh is 4 more than its UTF-16 column: 🐡 is 4
	// bytes and 2 units, ü and ß 2 bytes and 1 unit each.
	if want.Start.Character != 64 {
		t.Errorf("test text: shh at UTF-16 column %d, want 64 (byte column 68)", want.Start.Character)
	}
	if d.Severity == nil || *d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("PF102 severity = %v, want error", d.Severity)
	}
	if d.Source == nil || *d.Source != "pfshape" {
		t.Errorf("source = %v", d.Source)
	}
	if !strings.Contains(d.Message, "did you mean ssh?") {
		t.Errorf("message = %q", d.Message)
	}
	if n := len(c.diagnostics(uri)); n != 1 {
		t.Errorf("got %d diagnostics, want 1: %s", n, dump(c.diagnostics(uri)))
	}
}

func TestDiagnosticsSeverityAndTags(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", "unused = \"x\"\npass all\n")
	var found bool
	for _, d := range c.diagnostics(uri) {
		if d.Severity != nil && *d.Severity == protocol.DiagnosticSeverityWarning && len(d.Tags) == 1 && d.Tags[0] == protocol.DiagnosticTagUnnecessary {
			found = true
		}
		if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.HRef, "/docs/rules/"+d.Code.(string)+".md") {
			t.Errorf("%v: code description %s, want the rule's page", d.Code, dump(d.CodeDescription))
		}
	}
	if !found {
		t.Errorf("no unused-macro warning tagged unnecessary: %s", dump(c.diagnostics(uri)))
	}
}

// TestDiagnosticsPerFile checks that a broken document gets its syntax
// errors and does not stop another document's diagnostics, and that
// closing a document clears them.
func TestDiagnosticsPerFile(t *testing.T) {
	c := newClient(t, altq54, nil)
	bad := c.open("bad.conf", "pass out on em0 queue\naltq on em0 priq bandwidth 10Mb queue { a }\n{{ template }}\n")
	good := c.open("good.conf", pfconf)
	if len(c.diagnostics(bad)) == 0 {
		t.Fatal("no diagnostics for the broken file")
	}
	c.find(bad, "PF001")
	c.find(good, "PF102")
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": bad}})
	if got := c.diagnostics(bad); got == nil || len(got) != 0 {
		t.Errorf("after close: %s, want an empty list", dump(got))
	}
}

// TestDiagnosticsOnChangeAndSave edits the document incrementally: the
// typo fixed, the finding goes; saved text that differs wins.
func TestDiagnosticsOnChangeAndSave(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	c.find(uri, "PF102")
	start := pos(t, pfconf, "shh", 0, 0)
	end := pos(t, pfconf, "shh", 0, 3)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": protocol.Range{Start: start, End: end}, "text": "ssh"}},
	})
	if got := c.diagnostics(uri); len(got) != 0 {
		t.Fatalf("after the fix: %s", dump(got))
	}
	saved := strings.Replace(pfconf, "queue shh", "queue xyz", 1)
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}, "text": saved})
	if d := c.find(uri, "PF102"); !strings.Contains(d.Message, "xyz") {
		t.Errorf("after save: %q", d.Message)
	}
}

func TestSettings(t *testing.T) {
	// initializationOptions override the command line's target.
	c := newClient(t, altq54, map[string]any{"target": "openbsd"})
	if got := c.srv.Settings().Target; got != target.Default {
		t.Fatalf("target = %s, want %s", got, target.Default)
	}
	uri := c.open("pf.conf", pfconf)
	c.find(uri, "PF201")
	// didChangeConfiguration, under a "pfshape" key, reads every open
	// document again.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pfshape": map[string]any{"target": "openbsd-5.4"}}})
	for _, d := range c.diagnostics(uri) {
		if d.Code == "PF201" {
			t.Fatalf("PF201 after switching to openbsd-5.4")
		}
	}
	// A target pfshape does not know changes nothing and is logged.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"target": "netbsd-9"}})
	if got := c.srv.Settings().Target; got.String() != "openbsd-5.4" {
		t.Errorf("target = %s after a bad setting", got)
	}
	if !strings.Contains(c.log.String(), "netbsd") {
		t.Errorf("bad setting not logged: %q", c.log.String())
	}
}

func TestHoverQueue(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	var h protocol.Hover
	// On the assignment of ssh in the first rule.
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "queue ssh", 1, 7)), &h)
	text := hoverText(t, h)
	for _, want := range []string{"queue ssh", "interface: `em0`", "scheduler: priq", "priority: 7",
		"bandwidth: none of its own: PRIQ queues share the interface's 10000000 bit/s (10 Mbit/s)", "after translation to openbsd-7.8: `set prio 7`"} {
		if !strings.Contains(text, want) {
			t.Errorf("hover lacks %q:\n%s", want, text)
		}
	}
	if h.Range == nil || h.Range.Start != pos(t, pfconf, "queue ssh", 1, 6) {
		t.Errorf("hover range = %+v", h.Range)
	}
	// On a name in the altq line's list, and on the definition.
	for _, p := range []protocol.Position{pos(t, pfconf, "bulk", 0, 1), pos(t, pfconf, "bulk", 1, 0)} {
		var hb protocol.Hover
		c.call("textDocument/hover", hoverParams(uri, p), &hb)
		text := hoverText(t, hb)
		if !strings.Contains(text, "queue bulk") || !strings.Contains(text, "priority: 0") || !strings.Contains(text, "`set prio 0`") {
			t.Errorf("hover on bulk at %+v:\n%s", p, text)
		}
	}
	// The default queue becomes pf's default prio 3.
	var hs protocol.Hover
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "std priority", 0, 1)), &hs)
	if text := hoverText(t, hs); !strings.Contains(text, "default queue") || !strings.Contains(text, "`set prio 3`") {
		t.Errorf("hover on std:\n%s", text)
	}
	// The typo: not defined.
	var ht protocol.Hover
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "shh", 0, 1)), &ht)
	if text := hoverText(t, ht); !strings.Contains(text, "not defined") {
		t.Errorf("hover on shh:\n%s", text)
	}
}

func TestHoverMacroTableAndNothing(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	var h protocol.Hover
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "$ext_if", 1, 2)), &h)
	if text := hoverText(t, h); !strings.Contains(text, "$ext_if") || !strings.Contains(text, "em0") {
		t.Errorf("macro hover:\n%s", text)
	}
	var ht protocol.Hover
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "spammers", 1, 0)), &ht)
	if text := hoverText(t, ht); !strings.Contains(text, "table <spammers> persist") {
		t.Errorf("table hover:\n%s", text)
	}
	// On a keyword, a comment, past the end: no hover (null).
	for _, p := range []protocol.Position{pos(t, pfconf, "pass", 0, 1), pos(t, pfconf, "Büro", 0, 1), {Line: 99, Character: 99}} {
		var raw json.RawMessage
		c.call("textDocument/hover", hoverParams(uri, p), &raw)
		if string(raw) != "null" {
			t.Errorf("hover at %+v = %s, want null", p, raw)
		}
	}
}

func hoverParams(uri protocol.DocumentUri, p protocol.Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}
}

func hoverText(t *testing.T, h protocol.Hover) string {
	t.Helper()
	b, _ := json.Marshal(h.Contents)
	var mc protocol.MarkupContent
	if err := json.Unmarshal(b, &mc); err != nil || mc.Kind != protocol.MarkupKindMarkdown {
		t.Fatalf("hover contents %s: want markdown", b)
	}
	return mc.Value
}

func TestDefinition(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	cases := []struct {
		name string
		at   protocol.Position
		want protocol.Range
	}{
		{"queue assignment", pos(t, pfconf, "queue ssh", 1, 8),
			protocol.Range{Start: pos(t, pfconf, "ssh priority", 0, 0), End: pos(t, pfconf, "ssh priority", 0, 3)}},
		{"altq list", pos(t, pfconf, "bulk", 0, 0),
			protocol.Range{Start: pos(t, pfconf, "bulk priority", 0, 0), End: pos(t, pfconf, "bulk priority", 0, 4)}},
		{"macro", pos(t, pfconf, "$ext_if", 3, 3),
			protocol.Range{Start: pos(t, pfconf, "ext_if =", 0, 0), End: pos(t, pfconf, "ext_if =", 0, 6)}},
		{"table", pos(t, pfconf, "<spammers>", 1, 4),
			protocol.Range{Start: pos(t, pfconf, "spammers", 0, 0), End: pos(t, pfconf, "spammers", 0, 8)}},
	}
	for _, tc := range cases {
		var locs []protocol.Location
		c.call("textDocument/definition", hoverParams(uri, tc.at), &locs)
		if len(locs) != 1 || locs[0].URI != uri || locs[0].Range != tc.want {
			t.Errorf("%s: definition = %s, want %+v in %s", tc.name, dump(locs), tc.want, uri)
		}
	}
	var raw json.RawMessage
	c.call("textDocument/definition", hoverParams(uri, pos(t, pfconf, "shh", 0, 0)), &raw)
	if string(raw) != "null" {
		t.Errorf("definition of an undefined queue = %s, want null", raw)
	}
}

// TestDefinitionInclude follows a queue and a macro into an included file.
func TestDefinitionInclude(t *testing.T) {
	c := newClient(t, altq54, nil)
	queues := "lan_if = \"em1\"\naltq on $lan_if priq bandwidth 100Mb queue { dflt, voip }\nqueue dflt priq(default)\nqueue voip priority 7\n"
	main := "include \"queues.conf\"\npass out on $lan_if proto udp to port 5060 queue voip\n"
	writeFile(t, c.dir, "queues.conf", queues)
	uri := c.open("pf.conf", main)
	if got := c.diagnostics(uri); len(got) != 0 {
		t.Fatalf("diagnostics: %s", dump(got))
	}
	incURI := pathURI(c.dir + "/queues.conf")
	var locs []protocol.Location
	c.call("textDocument/definition", hoverParams(uri, pos(t, main, "voip", 0, 1)), &locs)
	if len(locs) != 1 || locs[0].URI != incURI || locs[0].Range.Start != pos(t, queues, "voip priority", 0, 0) {
		t.Errorf("queue definition = %s", dump(locs))
	}
	c.call("textDocument/definition", hoverParams(uri, pos(t, main, "$lan_if", 0, 1)), &locs)
	if len(locs) != 1 || locs[0].URI != incURI || locs[0].Range.Start != (protocol.Position{}) {
		t.Errorf("macro definition = %s", dump(locs))
	}
	// Opening the included file with a change re-reads the includer.
	inc := c.open("queues.conf", strings.Replace(queues, "voip priority", "phone priority", 1))
	c.find(uri, "PF102")
	// The included file's own findings are on it, and summed up on the
	// include line of the includer.
	c.find(inc, "PF109")
	d := c.find(uri, "include")
	if d.Range.Start.Line != 0 || !strings.Contains(d.Message, "queues.conf:4:1") || !strings.Contains(d.Message, "PF109") || *d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("include diagnostic %s", dump(d))
	}
}

// TestIncludeOutsideWorkspace: the server refuses a file outside the
// workspace in the words of every command (grammar.OutsideRoots), however
// the ruleset names it, and never echoes what it holds.
func TestIncludeOutsideWorkspace(t *testing.T) {
	const secret = "SECRET-TOKEN-4711"
	outside := filepath.Join(t.TempDir(), "secret.conf")
	if err := os.WriteFile(outside, []byte(secret+" here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ways := []struct{ name, stmt, words, code string }{
		{"absolute path", `include "/etc/passwd"`, "include /etc/passwd", "PF001"},
		{"outside file", `include "` + outside + `"`, "include " + outside, "PF001"},
		{"dot-dot", `include "../secret.conf"`, "include ../secret.conf", "PF001"},
		{"symbolic link", `include "link.conf"`, "include link.conf", "PF001"},
		{"load anchor", `load anchor x from "` + outside + `"`, "load anchor x from " + outside, "PF002"},
	}
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			c := newClient(t, altq54, nil)
			if err := os.WriteFile(filepath.Join(filepath.Dir(c.dir), "secret.conf"), []byte(secret+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(c.dir, "link.conf")); err != nil {
				t.Fatal(err)
			}
			uri := c.open("pf.conf", "anchor x\n"+w.stmt+"\npass all\n")
			d := c.find(uri, w.code)
			want := w.words + ": outside the include root " + c.dir + "; not read (name the root with --include-root)"
			if !strings.Contains(d.Message, want) || d.Range.Start.Line != 1 {
				t.Errorf("message = %q on line %d, want %q on line 1", d.Message, d.Range.Start.Line, want)
			}
			if strings.Contains(dump(c.diagnostics(uri)), secret) {
				t.Errorf("the file outside the workspace was read: %s", dump(c.diagnostics(uri)))
			}
		})
	}
}

// TestParsedOncePerChange counts the loader's parses: a change is parsed
// once, however many requests follow it (diagnostics, hover, code
// actions and definitions all read the same analysis). An ALTQ
// ruleset on a target without ALTQ is parsed twice per change, as every
// command parses it: for the target (whose errors are the findings) and
// for the release it was written for (whose queues are shown).
func TestParsedOncePerChange(t *testing.T) {
	for _, tt := range []struct {
		name     string
		settings Settings
		perRead  int64
	}{
		{"read as the target", altq54, 1},
		{"ALTQ on a target without it", Settings{Target: target.Default, UpgradeTarget: target.Default}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.settings, nil)
			uri := c.open("pf.conf", pfconf)
			before := c.srv.parses.Load()
			if before != tt.perRead {
				t.Errorf("opening parsed %d times, want %d", before, tt.perRead)
			}
			const changes = 10
			for i := 0; i < changes; i++ {
				c.notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": i + 2},
					"contentChanges": []any{map[string]any{"text": pfconf + strings.Repeat("\n", i+1)}},
				})
				at := pos(t, pfconf, "ssh", 0, 1)
				c.call("textDocument/hover", hoverParams(uri, at), nil)
				c.call("textDocument/definition", hoverParams(uri, at), nil)
				c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
					"range": protocol.Range{Start: at, End: at}, "context": map[string]any{"diagnostics": []any{}}}, nil)
			}
			if got := c.srv.parses.Load() - before; got != changes*tt.perRead {
				t.Errorf("%d changes, each followed by three requests, parsed %d times; want %d", changes, got, changes*tt.perRead)
			}
		})
	}
}

// applyEdits applies LSP text edits to a text, converting positions on
// its own (UTF-16 via the standard library), not with the server's code.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	offset := func(p protocol.Position) int {
		lines := strings.SplitAfter(text, "\n")
		off := 0
		for i := 0; i < int(p.Line) && i < len(lines); i++ {
			off += len(lines[i])
		}
		units := 0
		for i, r := range strings.TrimRight(lines[min(int(p.Line), len(lines)-1)], "\n") {
			if units >= int(p.Character) {
				return off + i
			}
			units += utf16Len(r)
		}
		return off + len(strings.TrimRight(lines[min(int(p.Line), len(lines)-1)], "\n"))
	}
	sorted := append([]protocol.TextEdit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return offset(sorted[i].Range.Start) > offset(sorted[j].Range.Start) })
	for _, e := range sorted {
		s, en := offset(e.Range.Start), offset(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

func codeActions(t *testing.T, c *client, uri protocol.DocumentUri, r protocol.Range, only ...string) []testCodeAction {
	t.Helper()
	var out []testCodeAction
	ctx := map[string]any{"diagnostics": []any{}}
	if len(only) > 0 {
		ctx["only"] = only
	}
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx}, &out)
	return out
}

func findAction(t *testing.T, actions []testCodeAction, prefix string) testCodeAction {
	t.Helper()
	for _, a := range actions {
		if strings.HasPrefix(a.Title, prefix) {
			return a
		}
	}
	titles := []string{}
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	t.Fatalf("no action %q among %q", prefix, titles)
	return testCodeAction{}
}

func TestCodeActionRenameQueue(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	d := c.find(uri, "PF102")
	actions := codeActions(t, c, uri, d.Range)
	a := findAction(t, actions, "Rename to the defined queue ssh")
	if a.Kind == nil || *a.Kind != protocol.CodeActionKindQuickFix || a.IsPreferred == nil || !*a.IsPreferred {
		t.Errorf("action %s", dump(a))
	}
	if len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "PF102" {
		t.Errorf("action diagnostics %s", dump(a.Diagnostics))
	}
	edits := a.Edit.Changes[uri]
	if len(edits) != 1 || edits[0].Range != d.Range || edits[0].NewText != "ssh" {
		t.Fatalf("edits = %s", dump(a.Edit))
	}
	got := applyEdits(t, pfconf, edits)
	if want := strings.Replace(pfconf, "queue shh", "queue ssh", 1); got != want {
		t.Errorf("after the edit:\n%s", got)
	}
}

func TestCodeActionDefaultQueue(t *testing.T) {
	text := "altq on em0 priq bandwidth 10Mb queue { ssh, other, bulk }\nqueue ssh priority 7\nqueue other priority 2 priq(red)\nqueue bulk priority 1\npass out on em0 proto tcp to port 22 queue ssh\npass out on em0 queue other\npass out on em0 proto tcp to port 25 queue bulk\n"
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", text)
	d := c.find(uri, "PF106")
	a := findAction(t, codeActions(t, c, uri, d.Range), "Add the missing default queue")
	if !strings.Contains(a.Title, "other") {
		t.Errorf("title %q: want the catch-all queue other", a.Title)
	}
	got := applyEdits(t, text, a.Edit.Changes[uri])
	if !strings.Contains(got, "queue other priority 2 priq(default red)\n") {
		t.Errorf("after the edit:\n%s", got)
	}
	// Without a catch-all name, the lowest priority; without flags, the
	// scheduler's word is added.
	text2 := strings.ReplaceAll(text, "other", "web")
	uri2 := c.open("pf2.conf", text2)
	a2 := findAction(t, codeActions(t, c, uri2, c.find(uri2, "PF106").Range), "Add the missing default queue")
	if got := applyEdits(t, text2, a2.Edit.Changes[uri2]); !strings.Contains(got, "queue bulk priority 1 priq(default)\n") {
		t.Errorf("after the edit:\n%s", got)
	}
}

func TestCodeActionLintFix(t *testing.T) {
	text := "unused = \"x\"\npass all\n"
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", text)
	var rng protocol.Range
	for _, d := range c.diagnostics(uri) {
		rng = d.Range
	}
	actions := codeActions(t, c, uri, rng)
	if len(actions) == 0 {
		t.Fatal("no action for a fixable finding")
	}
	a := actions[0]
	if a.Kind == nil || *a.Kind != protocol.CodeActionKindQuickFix || len(a.Diagnostics) != 1 {
		t.Errorf("action %s", dump(a))
	}
	if got := applyEdits(t, text, a.Edit.Changes[uri]); strings.Contains(got, "unused") {
		t.Errorf("after the fix:\n%s", got)
	}
}

func TestCodeActionTranslate(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	altqLine := protocol.Range{Start: pos(t, pfconf, "altq", 0, 0), End: pos(t, pfconf, "altq", 0, 0)}
	// With the typo the translation would leave the rule behind: the
	// action is disabled, with the reason.
	a := findAction(t, codeActions(t, c, uri, altqLine), "Translate this ALTQ block to set prio")
	if a.Disabled == nil || !strings.Contains(a.Disabled.Reason, "shh") || a.Edit != nil {
		t.Fatalf("with the typo: %s", dump(a))
	}
	fixed := strings.Replace(pfconf, "queue shh", "queue ssh", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": fixed}},
	})
	a = findAction(t, codeActions(t, c, uri, altqLine), "Translate this ALTQ block to set prio (for openbsd-7.8)")
	if a.Disabled != nil || a.Kind == nil || *a.Kind != protocol.CodeActionKindRefactorRewrite {
		t.Fatalf("action %s", dump(a))
	}
	got := applyEdits(t, fixed, a.Edit.Changes[uri])
	for _, want := range []string{"port 22 set prio 7\n", "port 25 set prio 0\n", "port 80 set prio 3\n", "label \"🐡 süß\" set prio 7 # für"} {
		if !strings.Contains(got, want) {
			t.Errorf("translation lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "altq") || strings.Contains(got, "priority") {
		t.Errorf("translation keeps ALTQ:\n%s", got)
	}
	// Only asks for quick fixes: no refactoring.
	for _, a := range codeActions(t, c, uri, altqLine, "quickfix") {
		if strings.HasPrefix(a.Title, "Translate") {
			t.Errorf("refactoring offered for only=quickfix")
		}
	}
	// Where nothing is ALTQ (the table line), no translation.
	tableLine := protocol.Range{Start: pos(t, pfconf, "table", 0, 0), End: pos(t, pfconf, "table", 0, 1)}
	for _, a := range codeActions(t, c, uri, tableLine) {
		if strings.HasPrefix(a.Title, "Translate") {
			t.Errorf("translation offered on the table line")
		}
	}
}

// TestCodeActionTranslateQuickFix: on a target without ALTQ, the
// altq-removed findings carry the translation as their quick fix.
func TestCodeActionTranslateQuickFix(t *testing.T) {
	c := newClient(t, Settings{Target: target.Default}, nil)
	fixed := strings.Replace(pfconf, "queue shh", "queue ssh", 1)
	uri := c.open("pf.conf", fixed)
	d := c.find(uri, "PF201")
	actions := codeActions(t, c, uri, d.Range)
	n := 0
	for _, a := range actions {
		if strings.Contains(strings.ToLower(a.Title), "translate") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d translate actions, want 1: %s", n, dump(actions))
	}
	a := findAction(t, actions, "Translate this ALTQ block to set prio (for openbsd-7.8)")
	if *a.Kind != protocol.CodeActionKindQuickFix || len(a.Diagnostics) == 0 {
		t.Errorf("action %s", dump(a))
	}
	if got := applyEdits(t, fixed, a.Edit.Changes[uri]); !strings.Contains(got, "set prio 7") || strings.Contains(got, "altq") {
		t.Errorf("after the fix:\n%s", got)
	}
}

// TestMalformedRequests: bad params, unknown documents, positions out of
// range and a handler that panics are answered, never fatal.
func TestMalformedRequests(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", pfconf)
	for _, m := range []string{"textDocument/hover", "textDocument/definition", "textDocument/codeAction", "textDocument/didChange"} {
		_, _, validParams, _ := c.srv.Handle(c.context(m, "not an object"))
		if validParams {
			t.Errorf("%s with a string accepted", m)
		}
	}
	var raw json.RawMessage
	c.call("textDocument/hover", hoverParams("file:///nowhere.conf", protocol.Position{}), &raw)
	c.call("textDocument/hover", hoverParams(uri, protocol.Position{Line: 1 << 30, Character: 1 << 30}), &raw)
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": protocol.Range{Start: protocol.Position{Line: 900}, End: protocol.Position{Line: 2}}, "context": map[string]any{}}, &raw)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.conf", "version": 2},
		"contentChanges": []any{map[string]any{"text": "x"}}})
	// A panic inside a handler (here: no way to send notifications) is
	// recovered and answered as an error.
	ctx := c.context("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": pathURI(c.dir + "/p.conf"), "text": "pass"}})
	ctx.Notify = nil
	_, validMethod, validParams, err := c.srv.Handle(ctx)
	if !validMethod || !validParams || err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("panicking handler: %v %v %v", validMethod, validParams, err)
	}
	if !strings.Contains(c.log.String(), "goroutine") {
		t.Errorf("the panic's stack is not logged")
	}
	// The server still works.
	var h protocol.Hover
	c.call("textDocument/hover", hoverParams(uri, pos(t, pfconf, "queue ssh", 1, 7)), &h)
	if !strings.Contains(hoverText(t, h), "priority: 7") {
		t.Error("no hover after the panic")
	}
}

func TestGarbageDocuments(t *testing.T) {
	c := newClient(t, Settings{Target: target.Default}, nil)
	for i, text := range []string{"", "\x00\xff\xfe", strings.Repeat("{", 10000), "altq on em0 queue { a b c\n", strings.Repeat("$a", 5000), "queue \"\nqueue", "\r\r\r\n\n"} {
		uri := c.open("garbage"+string(rune('a'+i))+".conf", text)
		if c.diagnostics(uri) == nil {
			t.Errorf("%q: no publishDiagnostics", text[:min(len(text), 20)])
		}
		var raw json.RawMessage
		c.call("textDocument/hover", hoverParams(uri, protocol.Position{Character: 3}), &raw)
		c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
			"range": protocol.Range{End: protocol.Position{Line: 5}}, "context": map[string]any{}}, &raw)
	}
}

// TestDeadRuleGreyed: a rule the packet engine proves dead is greyed out
// (tagged unnecessary) and points at the rule that takes its packets.
func TestDeadRuleGreyed(t *testing.T) {
	c := newClient(t, altq54, nil)
	uri := c.open("pf.conf", "pass out on em0 proto tcp to port 22\npass out on em0\n")
	var found bool
	for _, d := range c.diagnostics(uri) {
		if d.Code.(string) != "PF401" {
			continue
		}
		found = true
		if len(d.Tags) != 1 || d.Tags[0] != protocol.DiagnosticTagUnnecessary {
			t.Errorf("PF401 not tagged unnecessary: %s", dump(d))
		}
		if d.Range.Start.Line != 0 || len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range.Start.Line != 1 {
			t.Errorf("PF401 on the wrong line or without the rule on line 2: %s", dump(d))
		}
	}
	if !found {
		t.Errorf("no PF401: %s", dump(c.diagnostics(uri)))
	}
}
