package grammar

import (
	"encoding/binary"
	"sort"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// A statement the generated parser declines is read by participle, whose
// reading of a statement that does not parse takes 10–15 µs: a ruleset
// written for ALTQ, read for a release without it (what `pfshape lint`
// does before an upgrade), has one in eight such, every queue definition
// and every rule with `queue (q, ack)`.
//
// participle's reading depends on the tokens' types, and on their values
// only where it compares them: with its grammar's literals
// (grammarLiterals, generated from the tags), and through the numbers it
// converts. Words and quoted strings that are no literal are told apart by
// nothing else. So the statements whose tokens have the same types, the
// same values but for such words, and whose tokens share positions alike
// (a macro's expansion shares its reference's), read by the same parser,
// fail at the same token with the same expectation. The memo keeps
// participle's error by that key, and the message is written for each
// statement with its own tokens (participleError.syntaxError).
// TestFallbackMemo and FuzzParse read every input with and without it.

// fallbackMemo maps a statement's key to participle's error on it. Each
// parsing goroutine has its own (scratch); nil when off.
type fallbackMemo map[string]participleError

// maxFallbackMemo bounds the keys a memo keeps: a file of errors that
// share no shape keeps no more.
const maxFallbackMemo = 4096

// fallbackMemo is sc's memo, made on first use; nil (off) when participle
// is the reference (participleOnly) or the memo is turned off.
func (fp *fileParser) fallbackMemo(sc *scratch) fallbackMemo {
	if fp.opts.participleOnly || fp.opts.noFallbackMemo {
		return nil
	}
	if sc.memo == nil {
		sc.memo = fallbackMemo{}
	}
	return sc.memo
}

// key is the statement's key: the production's name, then for each
// participle token its type, whether it is at the position of the token
// before it, and its value unless it is a word or a quoted string that is
// no literal. It is "" (none) when the memo is off or the positions go
// backwards (the key would not say which token an error is at).
func (m fallbackMemo) key(production string, ptoks []plexer.Token) string {
	if m == nil {
		return ""
	}
	b := append(make([]byte, 0, 64), production...)
	b = append(b, 0)
	for i, t := range ptoks {
		flags := byte(0)
		if i > 0 {
			switch prev := ptoks[i-1].Pos.Offset; {
			case t.Pos.Offset < prev:
				return ""
			case t.Pos.Offset == prev:
				flags |= 1
			}
		}
		significant := (t.Type != ptWord && t.Type != ptQuoted) || isGrammarLiteral(t.Value)
		if significant {
			flags |= 2
		}
		b = append(b, byte(-t.Type), flags)
		if significant {
			b = binary.AppendUvarint(b, uint64(len(t.Value)))
			b = append(b, t.Value...)
		}
	}
	return string(b)
}

// fallbackMemoHook, when set (by tests), hears whether each statement the
// memo was asked about was in it.
var fallbackMemoHook func(hit bool)

// get returns participle's error kept for key.
func (m fallbackMemo) get(key string) (participleError, bool) {
	if key == "" {
		return participleError{}, false
	}
	e, ok := m[key]
	if fallbackMemoHook != nil {
		fallbackMemoHook(ok)
	}
	return e, ok
}

// put keeps participle's error for key, while the memo has room. Only an
// error at a token is kept: its message can be written for another
// statement's tokens.
func (m fallbackMemo) put(key string, e participleError) {
	if key != "" && !e.plain && e.at >= 0 && len(m) < maxFallbackMemo {
		m[key] = e
	}
}

// isGrammarLiteral reports whether v is the text of a literal of the
// grammar.
func isGrammarLiteral(v string) bool {
	i := sort.SearchStrings(grammarLiterals[:], v)
	return i < len(grammarLiterals) && grammarLiterals[i] == v
}
