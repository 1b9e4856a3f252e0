package fastgen

import (
	"strings"
	"testing"
)

// TestUnion generates the parser of a grammar with unions: a union whose
// members are given as pointers compiles to a choice on the next token,
// in participle's order, each member tried in turn where the token does
// not decide; one that is not is left to participle. A repetition of
// members is a branch each time, as in participle.
func TestUnion(t *testing.T) {
	src, err := Generate(Config{Dir: "testdata/union", Out: "gen.go", Root: "Root", Parser: "ruleParser",
		Arena: "nodes", Command: "test"})
	if err != nil {
		t.Fatal(err)
	}
	out := string(src)
	for _, c := range []struct{ what, want string }{
		{"a parser that returns the interface", "func (p *ruleParser) parseShape() Shape {\n\tvar s Shape\n"},
		{"a switch on the next token", "switch p.peek().Value {\n\tcase \"circle\":\n\t\ts = p.parseCircle()\n"},
		{"a member's tokens share its case", "case \"square\", \"box\":\n\t\ts = p.parseSquare()\n"},
		{"members that start alike tried in order, nothing to restore",
			"case \"pair\":\n\t\tif !p.try(func() {\n\t\t\ts = p.parsePair()\n\t\t}) {\n\t\t\ts = p.parseOne()\n\t\t}\n"},
		{"anything else declined", "default:\n\t\tp.decline()\n\t}\n\treturn s\n}"},
		{"the union's first set starts the repetition", "for p.startsShape() {"},
		{"a slice of the interface appended to", "s.Shapes = append(s.Shapes, p.parseShape())"},
		{"a member's positions, promoted from an embedded struct", "s.Pos = p.pos()"},
		{"a member from the arena", "s := take(&p.a.circle)"},
		{"a union with a member given as a struct left to participle", "func (p *ruleParser) parseFlat() Flat { return *delegate(p, participleFlat()) }"},
		{"and why", "a union member not given as a pointer (FlatA{})"},
		{"its field stored as it is", "s.Flat = p.parseFlat()"},
		{"a repetition that may fail after its first token read as a branch, what it stores undone",
			"saved1_0 := s.Shapes\n\t\t\tif !p.try(func() {\n\t\t\t\ts.Shapes = append(s.Shapes, p.parseShape())"},
		{"and then ended", "s.Shapes = saved1_0\n\t\t\t\tbreak\n"},
	} {
		if !strings.Contains(out, c.want) {
			t.Errorf("%s: generated code lacks %q:\n%s", c.what, c.want, out)
		}
	}
	// A union's member is stored once parsed: no choice among them
	// saves the node.
	for _, no := range []string{"saved := *s", "parseFlatA", "parseFlatB"} {
		if strings.Contains(out, no) {
			t.Errorf("generated code has %s:\n%s", no, out)
		}
	}
}
