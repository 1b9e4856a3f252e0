package edit

import (
	"strconv"
	"strings"
)

// writeFileHeader writes a --- or +++ line the way git diff writes it: the
// name C-quoted when it holds a byte that would break the line or confuse a
// reader (control bytes, '"', '\\', bytes above ASCII), and followed by a tab
// when it holds a space, which tells GNU patch where the name ends.
func writeFileHeader(b *strings.Builder, marker, name string) {
	b.WriteString(marker)
	b.WriteString(quoteName(name))
	if strings.Contains(name, " ") {
		b.WriteByte('\t')
	}
	b.WriteByte('\n')
}

// quoteName quotes name as git's quote_c_style does with core.quotePath on
// (git's default): named escapes for the usual control characters, three
// octal digits for every other byte that needs quoting.
func quoteName(name string) string {
	if !needsQuote(name) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if mustQuote(c) {
				b.WriteByte('\\')
				o := strconv.FormatUint(uint64(c), 8)
				b.WriteString(strings.Repeat("0", 3-len(o)) + o)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func needsQuote(name string) bool {
	for i := 0; i < len(name); i++ {
		if mustQuote(name[i]) {
			return true
		}
	}
	return false
}

// mustQuote reports whether git quotes a name for holding c.
func mustQuote(c byte) bool {
	return c < 0x20 || c == '"' || c == '\\' || c >= 0x7f
}
