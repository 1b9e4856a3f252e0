package lsp

import (
	"sort"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lineIndex maps byte offsets of a text to LSP positions and back. LSP
// counts lines split at "\n", "\r\n" or "\r", and characters in UTF-16
// code units; pfshape's grammar counts bytes. Every conversion goes
// through byte offsets, so the grammar's idea of lines never matters.
type lineIndex struct {
	text  []byte
	lines []int // byte offset of the first byte of each line
}

func newLineIndex(text []byte) *lineIndex {
	ix := &lineIndex{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			ix.lines = append(ix.lines, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			ix.lines = append(ix.lines, i+1)
		}
	}
	return ix
}

// lineEnd is the offset of the line break that ends line n (the text's
// length on the last line).
func (ix *lineIndex) lineEnd(n int) int {
	if n+1 >= len(ix.lines) {
		return len(ix.text)
	}
	end := ix.lines[n+1] - 1
	if end > ix.lines[n] && ix.text[end] == '\n' && ix.text[end-1] == '\r' {
		end--
	}
	return end
}

// position converts a byte offset. An offset inside a multi-byte
// character counts from that character's start; an invalid byte is one
// UTF-16 unit, as editors display it as one replacement character.
func (ix *lineIndex) position(offset int) protocol.Position {
	offset = min(max(offset, 0), len(ix.text))
	line := sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > offset }) - 1
	offset = min(offset, ix.lineEnd(line))
	units := 0
	for i := ix.lines[line]; i < offset; {
		r, size := utf8.DecodeRune(ix.text[i:])
		if i+size > offset {
			break
		}
		units += utf16Len(r)
		i += size
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

// offset converts an LSP position. A line past the end is the end of the
// text; a character past the end of its line is the end of the line, as
// the specification asks; a character inside a surrogate pair is the
// start of that character.
func (ix *lineIndex) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(ix.lines) {
		return len(ix.text)
	}
	end := ix.lineEnd(line)
	want := int(p.Character)
	units := 0
	i := ix.lines[line]
	for i < end {
		r, size := utf8.DecodeRune(ix.text[i:])
		n := utf16Len(r)
		if units+n > want {
			break
		}
		units += n
		i += size
	}
	return i
}

func (ix *lineIndex) rangeOf(start, end int) protocol.Range {
	return protocol.Range{Start: ix.position(start), End: ix.position(end)}
}

// utf16Len is the number of UTF-16 code units of a rune (RuneError, for
// an invalid byte, is one).
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
