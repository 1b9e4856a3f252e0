package lsp

import (
	"math/rand"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// TestIncrementalSyncRandom sends random incremental edits, mixing
// multi-byte and surrogate-pair characters and CRLF line ends, and checks
// the server's text against the same edits applied independently.
func TestIncrementalSyncRandom(t *testing.T) {
	c := newClient(t, altq54, nil)
	text := pfconf
	uri := c.open("pf.conf", text)
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "é", "🐡", "\n", "\r\n", "queue ", "ssh", " # ✓", ""}
	for i := 0; i < 120; i++ {
		lines := strings.Count(text, "\n") + 1
		p1 := protocol.Position{Line: protocol.UInteger(rng.Intn(lines)), Character: protocol.UInteger(rng.Intn(20))}
		p2 := protocol.Position{Line: p1.Line + protocol.UInteger(rng.Intn(2)), Character: protocol.UInteger(rng.Intn(20))}
		// Positions must be valid for the check to mean anything: clamp
		// them as the specification says (past the line's end is its end)
		// and never inside a surrogate pair.
		p1, p2 = clampPos(text, p1), clampPos(text, p2)
		if p2.Line < p1.Line || (p2.Line == p1.Line && p2.Character < p1.Character) {
			p1, p2 = p2, p1
		}
		ins := pieces[rng.Intn(len(pieces))] + pieces[rng.Intn(len(pieces))]
		edit := protocol.TextEdit{Range: protocol.Range{Start: p1, End: p2}, NewText: ins}
		text = applyEdits(t, text, []protocol.TextEdit{edit})
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"range": edit.Range, "text": ins}},
		})
		c.srv.mu.Lock()
		got := string(c.srv.docs[uri].text)
		c.srv.mu.Unlock()
		if got != text {
			t.Fatalf("after edit %d (%+v):\nserver %q\nwant   %q", i, edit, got, text)
		}
	}
}

// clampPos moves a position to the end of its line when past it, and to
// the start of a character when inside a surrogate pair, counting lines
// at "\n" (a "\r" before it belongs to the line's end).
func clampPos(text string, p protocol.Position) protocol.Position {
	lines := strings.Split(text, "\n")
	if int(p.Line) >= len(lines) {
		p.Line = protocol.UInteger(len(lines) - 1)
	}
	line := strings.TrimSuffix(lines[p.Line], "\r")
	units := 0
	for _, r := range line {
		n := utf16Len(r)
		if units+n > int(p.Character) {
			p.Character = protocol.UInteger(units)
			return p
		}
		units += n
	}
	p.Character = protocol.UInteger(units)
	return p
}
