package model

import (
	"sort"
	"strconv"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// buildSrc parses src for the target and builds the model; syntax errors
// fail the test, since these tests are about meaning.
func buildSrc(t *testing.T, tg, src string) *Model {
	t.Helper()
	f, _ := grammar.Parse("stdin", []byte(src), grammar.Options{Target: target.MustParse(tg)})
	for _, e := range f.Errors {
		t.Fatalf("%s: grammar error: %v\n%s", tg, e, src)
	}
	m, _ := Build(f)
	return m
}

// messages returns Check's errors as "LINE: msg", sorted.
func messages(m *Model) []string {
	var out []string
	for _, e := range m.Check(m.Target) {
		out = append(out, strconv.Itoa(e.Pos.Line)+": "+e.Msg)
	}
	sort.Strings(out)
	return out
}
