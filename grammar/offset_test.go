package grammar

import (
	"reflect"
	"testing"
)

// TestNodePositions checks that a node's Offset, read through its
// statement, is the file:line:col of its first token, and that NodeSpan
// covers its bytes.
func TestNodePositions(t *testing.T) {
	src := "# x\npass in on em0 \\\n  from 10.0.0.1 to any port 22 label \"x\"\n"
	f, _ := Parse("a.conf", []byte(src), Options{Target: mustTarget("openbsd")})
	if len(f.Errors) != 0 || len(f.Statements) != 1 {
		t.Fatalf("parse: %v, %d statements", f.Errors, len(f.Statements))
	}
	s := f.Statements[0]
	ft := s.Rule.FromTo
	if got := s.Position(ft.Pos).String(); got != "a.conf:3:3" {
		t.Errorf("from/to at %s, want a.conf:3:3", got)
	}
	if got := s.Position(ft.To().Port.Pos).String(); got != "a.conf:3:24" {
		t.Errorf("port at %s, want a.conf:3:24", got)
	}
	o := s.Rule.Options[0]
	if got := s.Source.Text(s.NodeSpan(o.Bounds())); got != `label "x"` {
		t.Errorf("the label option spans %q", got)
	}
}

// TestParticipleTreeAtStart checks the fallback: participle fills no
// Offset, and every node of a tree it builds is put at its statement's
// start.
func TestParticipleTreeAtStart(t *testing.T) {
	src := "\n  pass in on em0 from 10.0.0.1 to any port 22 label \"x\" set (prio 1, queue q)\nqueue q on em0 bandwidth 10M\n"
	f, _ := Parse("a.conf", []byte(src), Options{Target: mustTarget("openbsd"), participleOnly: true})
	if len(f.Errors) != 0 || len(f.Statements) != 2 {
		t.Fatalf("parse: %v, %d statements", f.Errors, len(f.Statements))
	}
	for _, s := range f.Statements {
		n := 0
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Pointer, reflect.Interface:
				if !v.IsNil() {
					walk(v.Elem())
				}
			case reflect.Slice:
				for i := range v.Len() {
					walk(v.Index(i))
				}
			case reflect.Struct:
				for i := range v.NumField() {
					if f := v.Field(i); f.Type() == offsetType {
						n++
						if int(f.Int()) != s.Span.Start {
							t.Errorf("%s: %s.%s is %d, not the statement's start %d", s.Pos(), v.Type(), v.Type().Field(i).Name, f.Int(), s.Span.Start)
						}
					} else {
						walk(f)
					}
				}
			}
		}
		walk(reflect.ValueOf(s.Stmt))
		if n == 0 {
			t.Errorf("%s: no node with a position", s.Pos())
		}
	}
}

// TestParticipleAcceptedIsBug checks that a statement the fast path
// declines and participle parses is a fast-path bug: a test binary panics,
// and elsewhere it is counted.
func TestParticipleAcceptedIsBug(t *testing.T) {
	strict, bugs := fastPathStrict, fastPathBugs.Load()
	defer func() {
		fastPathStrict = strict
		fastPathBugs.Store(bugs)
	}()
	f, _ := Parse("a.conf", []byte("pass\n"), Options{Target: mustTarget("openbsd")})
	toks := f.Statements[0].Tokens
	on, off := true, false
	fastPathStrict = &on
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a statement only participle parsed did not panic in a test binary")
			}
		}()
		participleAccepted(toks)
	}()
	fastPathStrict = &off
	before := fastPathBugs.Load()
	participleAccepted(toks)
	if fastPathBugs.Load() != before+1 {
		t.Error("a statement only participle parsed was not counted as a fast-path bug")
	}
}
