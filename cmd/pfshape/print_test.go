package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrint(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "pf.conf")
	if err := os.WriteFile(conf, []byte("ext = \"lo0\"\npass in on $ext proto tcp to port { 22 80 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	altq := "altq on em0 cbq bandwidth 10Mb tbrsize 1500 queue { a b }\nqueue a bandwidth 1.5Mb cbq(default)\nqueue b bandwidth 50%\n"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // exact output when want is true, else substring
		exact  bool
		stderr string
	}{
		{"expands lists", "", []string{"print", conf}, 0,
			"ext = \"lo0\"\npass in on lo0 proto tcp from any to any port = 22 flags S/SA\npass in on lo0 proto tcp from any to any port = 80 flags S/SA\n", true, ""},
		{"standard input", "block in all\n", []string{"print", "-"}, 0, "block drop in all\n", true, ""},
		{"-D overrides a macro", "ext = \"lo0\"\npass on $ext\n", []string{"print", "-D", "ext=em0", "-"}, 0,
			"ext = \"lo0\"\npass on em0 all flags S/SA\n", true, ""},
		{"ALTQ on 5.1", altq, []string{"print", "--target", "openbsd-5.1", "-"}, 0,
			"altq on em0 cbq bandwidth 10Mb tbrsize 1500 queue { a b }\nqueue a bandwidth 1.50Mb cbq( default ) \nqueue b bandwidth 50% \n", true, ""},
		{"-v prints as -vv", "pass\n", []string{"print", "-v", "-"}, 0, "@0 pass all flags S/SA keep state\n", false, ""},
		{"errors as check prints them", "pass in al\n", []string{"print", "-"}, 1, "stdin:1:9: error: syntax error", false, ""},
		{"no file", "", []string{"print"}, 2, "", true, "no files named"},
		{"missing file", "", []string{"print", filepath.Join(dir, "nope")}, 2, "", true, "no such file"},
		{"bad target", "", []string{"print", "--target", "plan9", "-"}, 2, "", true, "plan9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runPfshape(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stdout %q, stderr %q)", code, tt.code, out, errs)
			}
			if tt.exact && out != tt.stdout || !tt.exact && !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.stdout)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q, want it to contain %q", errs, tt.stderr)
			}
		})
	}
}
