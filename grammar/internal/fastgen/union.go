package fastgen

import "fmt"

// A union, participle.Union[T](&A{}, &B{}, …), makes the interface type T
// the choice A | B | … of its members: participle tries them in order, as
// it tries the alternatives of a disjunction, and gives the first that
// matches as a T. The generator reads it as a production T whose grammar
// is alt{@@ A, @@ B, …}, so that its first set, the choice on the next
// token and the tries where the token does not decide are those of any
// other choice; its parser returns the member it parsed as a T.

// unionDef is the production of the union name.
func unionDef(src *source, name string) (*structDef, error) {
	ms := src.unions[name]
	if len(ms) == 0 {
		return nil, fmt.Errorf("union %s has no members", name)
	}
	d := &structDef{name: name, union: true}
	var a alt
	for i, m := range ms {
		if m.typ == "" {
			return nil, fmt.Errorf("union %s: member %d is not written T{} or &T{}", name, i+1)
		}
		// As a pointer in any case: unionProblems says when it is not.
		a = append(a, sub{field: &field{typ: "*" + m.typ}})
	}
	d.expr = a
	if len(a) == 1 {
		d.expr = a[0]
	}
	return d, nil
}

// unionProblems says why a union cannot be compiled. participle gives
// every member's value as a pointer when its first member is given as one
// (&A{}), and as a struct otherwise; the generated parser returns
// pointers, so every member must be given as a pointer.
func (g *grammar) unionProblems(d *structDef) []string {
	var why []string
	for _, m := range g.src.unions[d.name] {
		if !m.ptr {
			why = append(why, "a union member not given as a pointer ("+m.typ+"{})")
		}
	}
	return why
}
