package grammar

import (
	"bytes"
	"fmt"
	"sort"
	"unsafe"
)

// Source is one file's bytes as read, with the table that turns byte
// offsets into line:column positions. The bytes are never modified: every
// node and token points into them by offset, which is what lets later
// stages rewrite a few bytes and leave every other line as it was.
type Source struct {
	Name string
	// Bytes are the file's bytes. They are read-only: they share their
	// memory with the text tokens are slices of, and writing to them is
	// an error Go does not catch.
	Bytes []byte
	text  string // Bytes as a string, for tokens to be slices of
	lines []int  // offset of the first byte of each line
}

// NewSource wraps a copy of the bytes of a file named name; the caller
// may reuse b. The copy is made once, as the string tokens are slices
// of, and Bytes reads the same memory: a ruleset holds its file once,
// not twice (100,000 lines of long lists: 10 MB).
func NewSource(name string, b []byte) *Source {
	return NewSourceText(name, string(b))
}

// NewSourceText wraps a file's text, which the Source keeps without a
// copy: Bytes reads the string's memory.
func NewSourceText(name, text string) *Source {
	s := &Source{Name: name, text: text, Bytes: unsafe.Slice(unsafe.StringData(text), len(text))}
	b := s.Bytes
	s.lines = make([]int, 1, bytes.Count(b, newline)+1)
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		s.lines = append(s.lines, i)
	}
	return s
}

var newline = []byte{'\n'}

// Span is a half-open byte range [Start, End) of a Source.
type Span struct {
	Start, End int
}

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Union is the smallest span covering both.
func (s Span) Union(o Span) Span {
	if o.Start < s.Start {
		s.Start = o.Start
	}
	if o.End > s.End {
		s.End = o.End
	}
	return s
}

// Position is a human position: 1-based line, and 1-based column counted
// in bytes, the way pfctl and most compilers count them.
type Position struct {
	File   string
	Offset int
	Line   int
	Column int
}

func (p Position) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Position returns the line and column of a byte offset.
func (s *Source) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(s.Bytes) {
		offset = len(s.Bytes)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset }) - 1
	return Position{File: s.Name, Offset: offset, Line: i + 1, Column: offset - s.lines[i] + 1}
}

// Text returns the bytes of a span as a string.
func (s *Source) Text(sp Span) string {
	if sp.Start < 0 || sp.End > len(s.Bytes) || sp.Start > sp.End {
		return ""
	}
	return s.text[sp.Start:sp.End]
}

// lineCursor finds the positions of offsets that mostly come in order, as
// a statement's tokens do: an offset on the line of the last one, or on
// the next line, is found without searching the line table.
type lineCursor struct {
	src  *Source
	line int // index into src.lines of the last offset's line
}

func (c *lineCursor) position(src *Source, offset int) Position {
	if c.src == src && offset >= 0 && offset <= len(src.Bytes) {
		ls := src.lines
		for l := c.line; l <= c.line+1 && l < len(ls); l++ {
			if ls[l] <= offset && (l+1 == len(ls) || offset < ls[l+1]) {
				c.line = l
				return Position{File: src.Name, Offset: offset, Line: l + 1, Column: offset - ls[l] + 1}
			}
		}
	}
	p := src.Position(offset)
	c.src, c.line = src, p.Line-1
	return p
}
