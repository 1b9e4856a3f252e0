package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzReadObject feeds arbitrary bytes to the framing reader: it must
// never panic, and must end with an error (the end of the input) after
// skipping whatever is malformed.
func FuzzReadObject(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 5\r\n\r\nhelloContent-Length: 2\r\n\r\n{}"))
	f.Add([]byte("junk\r\n\r\nContent-Length: -1\r\n\r\n"))
	f.Add([]byte("Content-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := lenientCodec{log: func(string, ...any) {}}
		r := bufio.NewReader(bytes.NewReader(data))
		for i := 0; i < len(data)+2; i++ {
			var v json.RawMessage
			if err := c.ReadObject(r, &v); err != nil {
				return
			}
		}
		t.Fatal("the reader did not reach the end of its input")
	})
}

// FuzzPositions checks the offset ↔ position conversions on any text:
// every character boundary converts back to itself, and any position
// converts to an offset inside the text.
func FuzzPositions(f *testing.F) {
	f.Add([]byte("queue 🐡 ssh\r\nnext\rlast"), uint32(3), uint32(7))
	f.Add([]byte("\xff\xfe\n"), uint32(0), uint32(1))
	f.Fuzz(func(t *testing.T, text []byte, line, char uint32) {
		ix := newLineIndex(text)
		for off := 0; off <= len(text); {
			if got := ix.offset(ix.position(off)); got != off && !lineBreakInside(text, off) {
				t.Fatalf("offset(position(%d)) = %d", off, got)
			}
			if off == len(text) {
				break
			}
			_, n := utf8.DecodeRune(text[off:])
			off += n
		}
		o := ix.offset(protocol.Position{Line: protocol.UInteger(line % 1000), Character: protocol.UInteger(char % 1000)})
		if o < 0 || o > len(text) {
			t.Fatalf("offset %d outside a text of %d bytes", o, len(text))
		}
	})
}

// lineBreakInside reports whether off is between the \r and \n of a
// CRLF, which LSP cannot address: it maps to the end of the line.
func lineBreakInside(text []byte, off int) bool {
	return off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n'
}
