package grammar

// Walk visits every statement of a list in file order, as pfctl reads
// them: an inline anchor's body right after the anchor statement, an
// included file's statements where the include stands. anchorDepth is the
// number of inline anchors around the statement. It is the one walk over
// statements; a walk that must do more (the printer's, which keeps a
// ruleset per anchor) says why where it stands.
func Walk(stmts []*Statement, fn func(s *Statement, anchorDepth int)) {
	walk(stmts, 0, fn)
}

func walk(stmts []*Statement, depth int, fn func(*Statement, int)) {
	for _, s := range stmts {
		if s == nil {
			continue
		}
		fn(s, depth)
		walk(s.Body, depth+1, fn)
		if s.Included != nil {
			walk(s.Included.Statements, depth, fn)
		}
	}
}

// Files lists a file and every file it includes, nested includes too,
// each once, in the order they are first read.
func Files(f *File) []*File {
	if f == nil {
		return nil
	}
	out := []*File{f}
	seen := map[string]bool{f.Source.Name: true}
	Walk(f.Statements, func(s *Statement, _ int) {
		if s.Included != nil && !seen[s.Included.Source.Name] {
			seen[s.Included.Source.Name] = true
			out = append(out, s.Included)
		}
	})
	return out
}
