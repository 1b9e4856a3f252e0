package printer

import "github.com/pfshape/pfshape/grammar"

// parenWords returns the words inside the parentheses that follow the
// first token kw of the statement (`return-rst(ttl 10)`, `log (all)`).
// The grammar keeps the operands of these only when they are not
// keywords, so the printer reads them from the tokens.
func parenWords(s *grammar.Statement, kw string) []string {
	if s == nil {
		return nil
	}
	toks := s.Tokens
	for i := 0; i+1 < toks.Len(); i++ {
		if toks.At(i).Text != kw || toks.At(i+1).Text != "(" || toks.At(i).Kind == grammar.Quoted {
			continue
		}
		var out []string
		for j := i + 2; j < toks.Len() && toks.At(j).Text != ")"; j++ {
			if toks.At(j).Text != "," {
				out = append(out, toks.At(j).Text)
			}
		}
		return out
	}
	return nil
}
