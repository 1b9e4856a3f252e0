// Package termsafe escapes text that came from a ruleset before it reaches
// a terminal or a CI log, so that the names in a ruleset from a pull
// request cannot speak for it: a queue named "\x1b]0;PWNED\x07" must not
// retitle the terminal, and a file or queue name holding a newline and
// "::error::…", or "##[add-mask]…", must not become a GitHub Actions
// workflow command when pfshape runs in a `run:` step.
//
// Escape escapes, the way %q and shellcheck do:
//
//   - C0 control characters other than newline and tab, and bytes that are
//     not UTF-8, as \xNN (ESC is \x1b, CR is \x0d);
//   - DEL and the C1 control characters U+0080–U+009F as \u00NN;
//   - "::" at the start of a line (after spaces and tabs), which the runner
//     reads as a workflow command, as ":\u003a";
//   - "##[" anywhere, which the runner reads as a command of its older
//     form, as "##\u005b".
//
// Every escape is also a valid escape inside a JSON string, and a JSON
// encoder leaves none of the escaped bytes raw outside strings, so JSON
// (json, sarif, rdjsonl) goes through Escape unchanged in meaning.
package termsafe

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Escape escapes s (see the package comment). Text with nothing to escape
// is returned as it is.
func Escape(s string) string {
	if !needs(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		if lineStart {
			// Skip the spaces and tabs the runner trims.
			j := i
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			lineStart = false
			if strings.HasPrefix(s[i:], "::") {
				b.WriteString(`:\u003a`)
				i += 2
			}
			continue
		}
		switch {
		case c == '\n':
			b.WriteByte(c)
			lineStart = true
			i++
		case c == '\t':
			b.WriteByte(c)
			i++
		case c < 0x20:
			fmt.Fprintf(&b, `\x%02x`, c)
			i++
		case c == 0x7f:
			b.WriteString(`\u007f`)
			i++
		case c == '#' && strings.HasPrefix(s[i:], "##["):
			b.WriteString(`##\u005b`)
			i += 3
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				fmt.Fprintf(&b, `\x%02x`, c)
			case r >= 0x80 && r <= 0x9f:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// needs reports whether s has anything Escape changes, cheaply.
func needs(s string) bool {
	if strings.Contains(s, "::") || strings.Contains(s, "##[") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return true
		}
	}
	return false
}

// Writer escapes what is written through it, line by line: it holds a
// line until its newline is written, so that a line's start is known,
// and Flush writes what is left.
type Writer struct {
	w   io.Writer
	buf []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes and writes every complete line of p, after what an
// earlier Write left.
func (w *Writer) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	i := bytes.LastIndexByte(w.buf, '\n')
	if i < 0 {
		return len(p), nil
	}
	_, err := io.WriteString(w.w, Escape(string(w.buf[:i+1])))
	w.buf = append(w.buf[:0], w.buf[i+1:]...)
	return len(p), err
}

// Flush writes the last, unterminated line.
func (w *Writer) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(w.w, Escape(string(w.buf)))
	w.buf = w.buf[:0]
	return err
}
