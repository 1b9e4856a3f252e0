package msgcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoMessageMatching is the check over the module: no code decides on
// a message's words.
func TestNoMessageMatching(t *testing.T) {
	root := moduleRoot(t)
	found, err := CheckDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		rel, _ := filepath.Rel(root, f.Pos.Filename)
		t.Errorf("%s:%d: %s", rel, f.Pos.Line, f.What)
	}
}

// TestCheckFinds checks that the check finds what it is for, and lets
// alone what it is not.
func TestCheckFinds(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"contains on Msg", `strings.Contains(e.Msg, "x")`, 1},
		{"prefix on Message", `strings.HasPrefix(d.Message, "x")`, 1},
		{"cut on a variable", "msg := e.Msg\n_, _ = strings.CutPrefix(msg, \"x\")", 1},
		{"through a sum", "msg := e.Msg + \": advice\"\n_ = strings.Index(msg, \"x\")", 1},
		{"lowered", `strings.Contains(strings.ToLower(e.Msg), "x")`, 1},
		{"fields", "for _, w := range strings.Fields(e.Msg) { _ = w == \"x\" }", 2},
		{"regexp method", `re.FindStringSubmatch(d.Message)`, 1},
		{"equality", `_ = e.Msg == "errors in queue definition"`, 1},
		{"inequality", `_ = "x" != d.Message`, 1},
		{"switch", "switch e.Msg {\ncase \"x\":\n}", 1},
		{"a parameter named msg", "g := func(msg string) bool { return strings.HasPrefix(msg, \"x\") }\n_ = g", 1},
		{"a literal code", `b.parseErr("queue-undefined", pos, "queue %s is not defined", n)`, 1},
		{"a declared code", `b.parseErr(QueueUndefined, pos, "queue %s is not defined", n)`, 0},
		{"annotated", "_ = a.Message < b.Message // msgcheck:ok sorting", 0},
		{"formatting is fine", `_ = fmt.Sprintf("%s: %s", e.Pos, e.Msg)`, 0},
		{"building is fine", `d.Message = e.Msg + ": advice"`, 0},
		{"codes are fine", `_ = e.Code == "syntax"`, 0},
		{"other strings are fine", `strings.Contains(name, "x")`, 0},
		{"a method called Message is not a field", `strings.Index(ute.Message(), "x")`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar _ = fmt.Sprint\nvar _ = strings.Contains\n\nfunc f() {\n" + tt.src + "\n}\n"
			found, err := CheckFile("p.go", src)
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != tt.want {
				t.Errorf("%d findings, want %d: %v", len(found), tt.want, found)
			}
		})
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
