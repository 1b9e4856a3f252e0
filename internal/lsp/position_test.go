package lsp

import (
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositionUTF16(t *testing.T) {
	// é is 2 bytes and 1 unit, ✓ 3 bytes and 1 unit, 🐡 4 bytes and 2
	// units (a surrogate pair).
	text := "a = \"é\"\n# ✓ 🐡 x\r\nqueue\rend"
	ix := newLineIndex([]byte(text))
	cases := []struct {
		offset int
		want   protocol.Position
	}{
		{0, protocol.Position{Line: 0, Character: 0}},
		{5, protocol.Position{Line: 0, Character: 5}},              // é
		{7, protocol.Position{Line: 0, Character: 6}},              // the closing quote
		{9, protocol.Position{Line: 1, Character: 0}},              // #
		{11, protocol.Position{Line: 1, Character: 2}},             // ✓
		{15, protocol.Position{Line: 1, Character: 4}},             // 🐡
		{20, protocol.Position{Line: 1, Character: 7}},             // x
		{21, protocol.Position{Line: 1, Character: 8}},             // the \r of \r\n: end of line
		{23, protocol.Position{Line: 2, Character: 0}},             // queue
		{29, protocol.Position{Line: 3, Character: 0}},             // after a lone \r
		{len(text), protocol.Position{Line: 3, Character: 3}},      // the end
		{len(text) + 10, protocol.Position{Line: 3, Character: 3}}, // past the end
	}
	for _, c := range cases {
		if got := ix.position(c.offset); got != c.want {
			t.Errorf("position(%d) = %+v, want %+v", c.offset, got, c.want)
		}
		if c.offset <= len(text) && c.offset != 21 {
			if got := ix.offset(c.want); got != c.offset {
				t.Errorf("offset(%+v) = %d, want %d", c.want, got, c.offset)
			}
		}
	}
	// Inside a multi-byte character, and inside a surrogate pair: the
	// character's start. Past the end of a line: the end of the line.
	if got := ix.position(16); got != (protocol.Position{Line: 1, Character: 4}) {
		t.Errorf("position inside 🐡 = %+v", got)
	}
	if got := ix.offset(protocol.Position{Line: 1, Character: 5}); got != 15 {
		t.Errorf("offset inside the surrogate pair = %d, want 15", got)
	}
	if got := ix.offset(protocol.Position{Line: 0, Character: 99}); got != 8 {
		t.Errorf("offset past the line's end = %d, want 8", got)
	}
	if got := ix.offset(protocol.Position{Line: 99}); got != len(text) {
		t.Errorf("offset past the last line = %d, want %d", got, len(text))
	}
}

// TestPositionRoundTrip checks every offset of a text against a UTF-16
// encoding of each line made by the standard library.
func TestPositionRoundTrip(t *testing.T) {
	text := "ext_if = \"em0\" # ünïcødé\n\tpass out on $ext_if queue 😀ssh\n\xff\xfebad\nlast"
	ix := newLineIndex([]byte(text))
	line, lineStart := 0, 0
	for off := 0; off <= len(text); off++ {
		if off > 0 && text[off-1] == '\n' {
			line, lineStart = line+1, off
		}
		prefix := []rune(string([]byte(text[lineStart:off])))
		want := protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(len(utf16.Encode(prefix)))}
		if !validBoundary(text, off) {
			continue
		}
		if got := ix.position(off); got != want {
			t.Fatalf("position(%d) = %+v, want %+v", off, got, want)
		}
		if got := ix.offset(want); got != off {
			t.Fatalf("offset(%+v) = %d, want %d", want, got, off)
		}
	}
}

// validBoundary reports whether off starts a character (or is the end),
// reading the text as UTF-8 with each invalid byte a character.
func validBoundary(s string, off int) bool {
	for i := 0; i < len(s); {
		if i == off {
			return true
		}
		if i > off {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return off == len(s)
}

func TestDocumentIncrementalChanges(t *testing.T) {
	d := newDocument("file:///x/pf.conf", 1, "queue 🐡fish\nqueue std\n")
	// Replace "fish" (after a 2-unit character) with "puffer".
	err := d.apply(protocol.TextDocumentContentChangeEvent{
		Range: &protocol.Range{Start: protocol.Position{Line: 0, Character: 8}, End: protocol.Position{Line: 0, Character: 12}},
		Text:  "puffer",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(d.text), "queue 🐡puffer\nqueue std\n"; got != want {
		t.Fatalf("text = %q, want %q", got, want)
	}
	// Insert a line, then replace everything.
	if err := d.apply(protocol.TextDocumentContentChangeEvent{
		Range: &protocol.Range{Start: protocol.Position{Line: 1}, End: protocol.Position{Line: 1}},
		Text:  "é\n",
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := string(d.text), "queue 🐡puffer\né\nqueue std\n"; got != want {
		t.Fatalf("text = %q, want %q", got, want)
	}
	if err := d.apply(protocol.TextDocumentContentChangeEventWhole{Text: "new"}); err != nil {
		t.Fatal(err)
	}
	if string(d.text) != "new" {
		t.Fatalf("text = %q", d.text)
	}
	// A range that ends before it starts is refused and changes nothing.
	if err := d.apply(protocol.TextDocumentContentChangeEvent{
		Range: &protocol.Range{Start: protocol.Position{Character: 2}, End: protocol.Position{Character: 1}},
	}); err == nil || string(d.text) != "new" {
		t.Fatalf("reversed range: err %v, text %q", err, d.text)
	}
}
