package grammar

import "bytes"

// templateMarkers start the tags of Jinja, Go templates, Mustache and
// friends. None of them is pf.conf: pfctl rejects `{{` and `{%` with a bare
// "syntax error", which tells a user nothing about why.
var templateMarkers = [][]byte{[]byte("{{"), []byte("{%")}

// templateMarker returns the offset of the first template tag outside a
// comment, or -1.
func templateMarker(b []byte) int {
	line := 0
	for line < len(b) {
		end := bytes.IndexByte(b[line:], '\n')
		if end < 0 {
			end = len(b) - line
		}
		text := b[line : line+end]
		if c := bytes.IndexByte(text, '#'); c >= 0 {
			text = text[:c]
		}
		for _, m := range templateMarkers {
			if i := bytes.Index(text, m); i >= 0 {
				return line + i
			}
		}
		line += end + 1
	}
	return -1
}

// checkTemplate adds one clear error when a file that failed to parse is a
// template rather than a ruleset.
func checkTemplate(src *Source, errs *ErrorList) {
	if len(*errs) == 0 {
		return
	}
	if at := templateMarker(src.Bytes); at >= 0 {
		errs.Add(Template, src.Position(at), "this is a template ({{ … }} or {% … %} tags), not pf.conf: render it first and check the result")
	}
}
