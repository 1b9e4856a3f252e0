package lint

import (
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// directive is a `# pfshape:ignore …` or `# pfshape:ignore-file …` comment.
type directive struct {
	src       *grammar.Source
	span      grammar.Span // the comment
	line      int
	ownLine   bool // nothing but blanks before the comment on its line
	wholeFile bool
	names     []string // as written
}

const (
	ignorePrefix     = "pfshape:ignore"
	ignoreFilePrefix = "pfshape:ignore-file"
)

// directives reads the suppression comments of a file and its includes.
func directives(f *grammar.File) []directive {
	var out []directive
	for _, f := range grammar.Files(f) {
		for _, c := range f.Comments {
			if d, ok := parseDirective(f.Source, c); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// parseDirective reads one comment: `# pfshape:ignore ID[,ID] [reason]`.
func parseDirective(src *grammar.Source, c grammar.Span) (directive, bool) {
	text := strings.TrimSpace(strings.TrimPrefix(src.Text(c), "#"))
	d := directive{src: src, span: c}
	switch {
	case strings.HasPrefix(text, ignoreFilePrefix):
		d.wholeFile = true
		text = text[len(ignoreFilePrefix):]
	case strings.HasPrefix(text, ignorePrefix):
		text = text[len(ignorePrefix):]
	default:
		return d, false
	}
	if text != "" && text[0] != ' ' && text[0] != '\t' && text[0] != ':' {
		return d, false // pfshape:ignored, pfshape:ignorexyz: not ours
	}
	text = strings.TrimPrefix(text, ":")
	parts := strings.Split(text, ",")
	for i, part := range parts {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		d.names = append(d.names, fields[0])
		if len(fields) > 1 || i == len(parts)-1 {
			break // the rest is a reason
		}
	}
	pos := src.Position(c.Start)
	d.line = pos.Line
	lineStart := c.Start - (pos.Column - 1)
	d.ownLine = strings.TrimSpace(string(src.Bytes[lineStart:c.Start])) == ""
	return d, true
}

// suppress drops the findings that a directive silences. Findings of
// PF003 (about the directives themselves) are never silenced.
func suppress(diags []Diagnostic, f *grammar.File, st *runState, _ map[string]bool) []Diagnostic {
	ds := directives(f)
	if len(ds) == 0 {
		return diags
	}
	type key struct {
		file string
		line int
	}
	lines := map[key][]string{}
	files := map[string][]string{}
	for _, d := range ds {
		ids := resolveNames(d.names)
		if d.wholeFile {
			files[d.src.Name] = append(files[d.src.Name], ids...)
			continue
		}
		for _, l := range coveredLines(d, st) {
			k := key{d.src.Name, l}
			lines[k] = append(lines[k], ids...)
		}
	}
	out := diags[:0]
	for _, dg := range diags {
		file := dg.Range.Start.File
		if dg.Rule != badSuppression.ID &&
			(hasID(files[file], dg.Rule) || hasID(lines[key{file, dg.Range.Start.Line}], dg.Rule)) {
			continue
		}
		out = append(out, dg)
	}
	return out
}

func hasID(ids []string, id string) bool {
	for _, i := range ids {
		if i == id {
			return true
		}
	}
	return false
}

// resolveNames turns IDs and names into IDs, dropping unknown ones (PF003
// reports them).
func resolveNames(names []string) []string {
	var out []string
	for _, n := range names {
		if r := Lookup(n); r != nil {
			out = append(out, r.ID)
		}
	}
	return out
}

// coveredLines are the lines a line directive silences: its own line when
// it ends a line, else the next line with something on it; and every line
// of a statement that starts or continues on that line.
func coveredLines(d directive, st *runState) []int {
	line := d.line
	if d.ownLine {
		line = nextCodeLine(d.src, d.span.End)
		if line == 0 {
			return nil
		}
	}
	out := []int{line}
	for _, lines := range st.statementLines()[sourceLine{d.src, line}] {
		for l := lines[0]; l <= lines[1]; l++ {
			out = append(out, l)
		}
	}
	return out
}

// sourceLine is a line of a file.
type sourceLine struct {
	src  *grammar.Source
	line int
}

// statementLines maps every line of every statement to the first and
// last lines of the statements on it, built once per run: a suppression
// comment then costs the lines it covers, not a scan of the ruleset.
func (st *runState) statementLines() map[sourceLine][][2]int {
	if st.stmtLines != nil {
		return st.stmtLines
	}
	st.stmtLines = map[sourceLine][][2]int{}
	for _, s := range st.statements {
		if s.Tokens.Len() == 0 {
			continue
		}
		first := s.Pos().Line
		last := s.Tokens.At(s.Tokens.Len() - 1).Pos().Line
		for l := first; l <= last; l++ {
			k := sourceLine{s.Source, l}
			st.stmtLines[k] = append(st.stmtLines[k], [2]int{first, last})
		}
	}
	return st.stmtLines
}

// nextCodeLine is the number of the first line after offset that holds
// something other than blanks and a comment, or 0.
func nextCodeLine(src *grammar.Source, offset int) int {
	b := src.Bytes
	i := offset
	for i < len(b) && b[i] != '\n' {
		i++
	}
	for i < len(b) {
		i++ // past the newline
		j := i
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] != '\n' && b[j] != '#' {
			return src.Position(j).Line
		}
		for i < len(b) && b[i] != '\n' {
			i++
		}
	}
	return 0
}
