package grammar

import (
	"os"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

// TestWalkOrder: statements in pfctl's reading order, an inline body
// after its anchor one level deeper, an included file where it is
// included at the includer's depth; Files lists each file once.
func TestWalkOrder(t *testing.T) {
	inc := map[string]string{"inc.conf": "pass in from 10.0.0.3\n"}
	src := "pass in from 10.0.0.1\nanchor a {\n pass in from 10.0.0.2\n include \"inc.conf\"\n}\ninclude \"inc.conf\"\npass in from 10.0.0.4\n"
	f, err := Parse("main.conf", []byte(src), Options{Target: target.Default, ReadFile: func(p string) ([]byte, error) {
		if s, ok := inc[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Walk(f.Statements, func(s *Statement, depth int) {
		got = append(got, strings.Repeat(">", depth)+strings.Fields(s.Text())[len(strings.Fields(s.Text()))-1])
	})
	// The anchor statement's text runs to its closing brace.
	want := "10.0.0.1 } >10.0.0.2 >\"inc.conf\" >10.0.0.3 \"inc.conf\" 10.0.0.3 10.0.0.4"
	if strings.Join(got, " ") != want {
		t.Errorf("walk order\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	var names []string
	for _, ff := range Files(f) {
		names = append(names, ff.Source.Name)
	}
	if strings.Join(names, " ") != "main.conf inc.conf" {
		t.Errorf("files %v", names)
	}
}
