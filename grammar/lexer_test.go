package grammar

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

// lexAll returns the tokens of src as "Kind:Text" strings, newlines as "NL".
func lexAll(t *testing.T, tg string, src string, macros *Macros) ([]string, ErrorList) {
	t.Helper()
	var errs ErrorList
	tgt := target.MustParse(tg)
	if macros == nil {
		macros = NewMacros(nil)
	}
	lx := newLexer(NewSource("t", []byte(src)), wordClassesFor(tgt), macros, hasArrow(tgt), &errs)
	var out []string
	for i := 0; i < 1000; i++ {
		tok := lx.next()
		switch tok.Kind {
		case EOF:
			return out, errs
		case Newline:
			out = append(out, "NL")
		default:
			out = append(out, tok.Kind.String()+":"+tok.Text)
		}
	}
	t.Fatal("lexer did not reach EOF")
	return nil, nil
}

func TestLexer(t *testing.T) {
	tests := []struct {
		name, target, src, want string
	}{
		{"numbers end at space , ) / } =", "openbsd", "100 10/8 (5) {7} 3,4 x=9",
			"Number:100 Number:10 Punct:/ Number:8 Punct:( Number:5 Punct:) Punct:{ Number:7 Punct:} Number:3 Punct:, Number:4 Word:x Punct:= Number:9"},
		{"units and percent are strings", "openbsd", "10Mb 1.5Mb 12.5% 2G 0x10",
			"Word:10Mb Word:1.5Mb Word:12.5% Word:2G Word:0x10"},
		{"negative number, lone minus", "openbsd", "-1 - 5",
			"Number:-1 Punct:- Number:5"},
		{"addresses and ranges", "openbsd", "10.0.0.1 ::1 fe80::1%em0 1000:2000 em0:network",
			"Word:10.0.0.1 Word:::1 Word:fe80::1%em0 Word:1000:2000 Word:em0:network"},
		{"keywords", "openbsd", "pass in quick on em0", "Keyword:pass Keyword:in Keyword:quick Keyword:on Word:em0"},
		{"default is a keyword from 5.5", "openbsd-5.5", "default", "Keyword:default"},
		{"default is a string before 5.5", "openbsd-5.4", "default", "Word:default"},
		{"altq is not a keyword on current", "openbsd", "altq", "Word:altq"},
		{"comments are skipped", "openbsd", "pass # a comment\nblock", "Keyword:pass NL Keyword:block"},
		{"backslash-newline joins lines", "openbsd", "pass \\\n in", "Keyword:pass Keyword:in"},
		{"continuation inside quotes", "openbsd", "\"ab\\\ncd\"", "Quoted:abcd"},
		{"escaped quote and space", "openbsd", `"a\"b\ c"`, `Quoted:a"b c`},
		{"single quotes", "openbsd", `'x y'`, "Quoted:x y"},
		{"two-character operators", "openbsd", "!= <= >= <> ><", "Punct:!= Punct:<= Punct:>= Punct:<> Punct:><"},
		{"table brackets", "openbsd", "<bad>", "Punct:< Word:bad Punct:>"},
		{"arrow on FreeBSD", "freebsd", "-> x", "Punct:-> Word:x"},
		{"no arrow on OpenBSD current", "openbsd", "->", "Punct:- Punct:>"},
		{"newline inside quotes is dropped", "openbsd", "\"a\nb\"", "Quoted:ab"},
		{"non-ASCII is a lone character", "openbsd", "pass é", "Keyword:pass Punct:\xc3 Punct:\xa9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := lexAll(t, tc.target, tc.src, nil)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("lex %q\n got %s\nwant %s", tc.src, g, tc.want)
			}
		})
	}
}

func TestLexerMacros(t *testing.T) {
	m := NewMacros(nil)
	m.Define("ports", "{ ssh, smtp }", Position{})
	m.Define("if", "em0", Position{})
	m.Define("self", "$if", Position{})
	tests := []struct{ src, want string }{
		// The expansion is lexed again.
		{"port $ports", "Keyword:port Punct:{ Word:ssh Punct:, Word:smtp Punct:}"},
		// The expansion joins the characters that follow it.
		{"$if:network", "Word:em0:network"},
		{"($if)", "Punct:( Word:em0 Punct:)"},
		// No expansion inside quotes.
		{`"$if"`, "Quoted:$if"},
		// No expansion inside an expansion: $self stays literal text.
		{"$self", "Punct:$ Word:if"},
	}
	for _, tc := range tests {
		got, errs := lexAll(t, "openbsd", tc.src, m)
		if len(errs) > 0 {
			t.Fatalf("%q: errors: %v", tc.src, errs)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("lex %q\n got %s\nwant %s", tc.src, g, tc.want)
		}
	}
	_, errs := lexAll(t, "openbsd", "pass on $nope", m)
	if len(errs) != 1 || errs[0].Msg != "macro 'nope' not defined" || errs[0].Pos.Column != 9 {
		t.Errorf("undefined macro: got %v, want one error at column 9", errs)
	}
}

func TestLexerTokenSpans(t *testing.T) {
	src := "ext = \"em0\"\npass on $ext \\\n  proto tcp\n"
	f, err := Parse("t", []byte(src), Options{Target: target.Default})
	if err != nil {
		t.Fatal(err)
	}
	rule := f.Statements[1]
	for _, tok := range rule.Tokens.All() {
		text := f.Source.Text(tok.Span)
		switch {
		case tok.Macro != nil:
			if text != "$ext" || tok.Macro.Name != "ext" || tok.Text != "em0" {
				t.Errorf("macro token %q covers %q (macro %+v), want $ext", tok.Text, text, tok.Macro)
			}
		case text != tok.Text:
			t.Errorf("token %q covers %q", tok.Text, text)
		}
	}
	if got := rule.Text(); got != "pass on $ext \\\n  proto tcp" {
		t.Errorf("statement text %q", got)
	}
	if p := rule.Tokens.At(rule.Tokens.Len() - 1).Pos(); p.Line != 3 || p.Column != 9 {
		t.Errorf("last token at %v, want 3:9", p)
	}
}

// TestLineCursor checks the cursor against Source.Position on offsets in
// order, out of order, at line ends and out of range.
func TestLineCursor(t *testing.T) {
	src := NewSource("x.conf", []byte("pass\n\nblock in\nmatch out all\nlast"))
	a := NewSource("a.conf", []byte("one\ntwo\n"))
	var c lineCursor
	offsets := []int{0, 1, 4, 5, 6, 7, 15, 16, 30, 3, 31, 35, 36, 99, -1, 0, 5}
	for i, off := range offsets {
		if got, want := c.position(src, off), src.Position(off); got != want {
			t.Errorf("offset %d: cursor says %v, Position %v", off, got, want)
		}
		if i%5 == 4 { // now and then another file
			if got, want := c.position(a, off%9), a.Position(off%9); got != want {
				t.Errorf("offset %d of a.conf: cursor says %v, Position %v", off%9, got, want)
			}
		}
	}
}
