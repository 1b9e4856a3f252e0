package grammar

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

// TestTokensCompact checks that a statement's compact tokens show the
// text, span and macro the lexer gave them: text that is the source's
// bytes, a quoted string's inside, an escape, and a macro's expansion.
func TestTokensCompact(t *testing.T) {
	src := "ext = \"{ em0 em1 }\"\npass in on $ext proto tcp label \"web\" tag 'a\\ b' tagged x\\\ny\n"
	f, err := Parse("t", []byte(src), Options{Target: target.Default})
	if err != nil {
		t.Fatal(err)
	}
	s := f.Statements[1]
	type want struct {
		kind  Kind
		text  string
		bytes string // the source bytes the span covers
		macro string
	}
	wants := []want{
		{Keyword, "pass", "pass", ""}, {Keyword, "in", "in", ""}, {Keyword, "on", "on", ""},
		{Punct, "{", "$ext", "ext"}, {Word, "em0", "$ext", "ext"}, {Word, "em1", "$ext", "ext"}, {Punct, "}", "$ext", "ext"},
		{Keyword, "proto", "proto", ""}, {Word, "tcp", "tcp", ""},
		{Keyword, "label", "label", ""}, {Quoted, "web", `"web"`, ""},
		{Keyword, "tag", "tag", ""}, {Quoted, "a b", `'a\ b'`, ""},
		{Keyword, "tagged", "tagged", ""}, {Word, "xy", "x\\\ny", ""},
	}
	if s.Tokens.Len() != len(wants) {
		t.Fatalf("%d tokens, want %d", s.Tokens.Len(), len(wants))
	}
	for i, w := range wants {
		tok := s.Tokens.At(i)
		if tok.Kind != w.kind || tok.Text != w.text || f.Source.Text(tok.Span) != w.bytes || tok.Source != f.Source {
			t.Errorf("token %d: %v %q over %q, want %v %q over %q", i, tok.Kind, tok.Text, f.Source.Text(tok.Span), w.kind, w.text, w.bytes)
		}
		if s.Tokens.Kind(i) != tok.Kind || s.Tokens.Text(i) != tok.Text || s.Tokens.Span(i) != tok.Span || s.Tokens.Pos(i) != tok.Pos() {
			t.Errorf("token %d: the accessors disagree with At", i)
		}
		switch {
		case w.macro == "" && tok.Macro != nil:
			t.Errorf("token %d: macro %+v, want none", i, tok.Macro)
		case w.macro != "" && (tok.Macro == nil || tok.Macro.Name != w.macro || tok.Macro.Span != tok.Span):
			t.Errorf("token %d: macro %+v, want %s over the token", i, tok.Macro, w.macro)
		}
	}
	n := 0
	for i, tok := range s.Tokens.Slice(3, 5).All() {
		if tok != s.Tokens.At(3+i) {
			t.Errorf("Slice(3, 5) token %d is %+v, want %+v", i, tok, s.Tokens.At(3+i))
		}
		n++
	}
	if n != 2 {
		t.Errorf("Slice(3, 5) has %d tokens", n)
	}
}

// TestFileTooLarge checks that a file longer than the offsets of compact
// tokens can hold is refused, at the top and through an include.
func TestFileTooLarge(t *testing.T) {
	defer func(n int) { maxSourceBytes = n }(maxSourceBytes)
	maxSourceBytes = 64
	big := "pass all\n" + strings.Repeat("# filler\n", 10)
	f, _ := Parse("big", []byte(big), Options{Target: target.Default})
	if len(f.Errors) != 1 || f.Errors[0].Code != FileTooLarge || len(f.Statements) != 0 {
		t.Errorf("top-level file over the bound: %v, %d statements", f.Errors, len(f.Statements))
	}
	read := func(string) ([]byte, error) { return []byte(big), nil }
	f, _ = Parse("main", []byte("include \"big\"\npass all\n"), Options{Target: target.Default, ReadFile: read})
	if len(f.Errors) != 1 || f.Errors[0].Code != IncludeUnreadable || len(f.Statements) != 2 {
		t.Errorf("included file over the bound: %v, %d statements", f.Errors, len(f.Statements))
	}
}
