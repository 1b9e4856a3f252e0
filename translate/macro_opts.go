package translate

import "github.com/pfshape/pfshape/grammar"

// macroRun is the run of the statement's tokens that came out of the
// macro reference sp, as their first and last index; ok is false when no
// token did (the node at sp was written out in the rule).
func macroRun(s *grammar.Statement, sp grammar.Span) (first, last int, ok bool) {
	first = -1
	for i, t := range s.Tokens.All() {
		if t.Macro != nil && t.Macro.Span == sp {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0
}

// fromMacro reports whether the node at pos…end came out of a macro
// expansion: its bytes are a `$name` reference, not the node's words.
func fromMacro(s *grammar.Statement, pos, end grammar.Offset) bool {
	_, _, ok := macroRun(s, s.NodeSpan(pos, end))
	return ok
}

// sharesMacro reports whether the queue option o came out of a macro
// whose expansion holds more than o (`opts = "queue hi, set (tos 0x10)"`,
// `pass … $opts`): an edit can only replace the whole `$opts`
// reference, which would lose the rest. A macro that holds the option
// alone is replaced by its translation like the option's words.
func sharesMacro(s *grammar.Statement, o *grammar.OptQueue) bool {
	first, last, ok := macroRun(s, s.NodeSpan(o.Pos, o.EndPos))
	if !ok {
		return false
	}
	toks := s.Tokens
	if toks.At(first).Text != "queue" || first+1 > last {
		return true
	}
	end := first + 1 // the queue's name, or the ( of a pair
	if isPunct(toks.At(end), "(") {
		for end < last && !isPunct(toks.At(end), ")") {
			end++
		}
	}
	return end != last
}

func isPunct(t grammar.Token, text string) bool {
	return t.Kind == grammar.Punct && t.Text == text
}

// groupFromMacro reports whether the rule's `set ( … )` group came out of
// a macro: a priority or queue cannot be added inside it (after the
// `$name` reference it would be an option of its own: `prio 7` alone
// matches, it does not set), so the queue option becomes a `set` option
// of its own instead.
func groupFromMacro(s *grammar.Statement, group *grammar.SetAction) bool {
	last := group.Group[len(group.Group)-1]
	return fromMacro(s, last.Pos, last.EndPos)
}

// noteSharedMacro says that a queue option which came out of a macro
// with other words is left as it is (sharesMacro).
func (tr *translator) noteSharedMacro(s *grammar.Statement, o *grammar.OptQueue) {
	sp := s.NodeSpan(o.Pos, o.EndPos)
	tr.note(s.Position(o.Pos), true, "the queue assignment comes out of the macro %s with other words, which an edit of the rule cannot part: it is left as it is; translate the macro's definition by hand", s.Source.Text(sp))
}
