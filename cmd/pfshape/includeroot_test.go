package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncludeRootEveryCommand: every command that reads a ruleset refuses
// a file outside the include root in the same words, whether the ruleset
// names it by an absolute path, through .., through a symbolic link, or
// in a load anchor statement, and never echoes what that file holds.
func TestIncludeRootEveryCommand(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	// What must not leak: if pfshape read this file, its text would come
	// back in a syntax error.
	const secret = "SECRET-TOKEN-4711"
	outside := filepath.Join(base, "secret.conf")
	if err := os.WriteFile(outside, []byte(secret+" here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "link.conf")); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(root, "clean.conf")
	if err := os.WriteFile(clean, []byte("pass all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refusal := ": outside the include root " + root + "; not read (name the root with --include-root)"
	ways := []struct {
		name, stmt, words string
	}{
		{"absolute path", `include "` + outside + `"`, "include " + outside + refusal},
		{"dot-dot", `include "../secret.conf"`, "include ../secret.conf" + refusal},
		{"symbolic link", `include "link.conf"`, "include link.conf" + refusal},
		{"load anchor", `load anchor x from "../secret.conf"`, "load anchor x from ../secret.conf" + refusal},
	}
	commands := []struct {
		name string
		args func(main string) []string
	}{
		{"check", func(m string) []string { return []string{"check", m} }},
		{"lint", func(m string) []string { return []string{"lint", m} }},
		{"lint --fix", func(m string) []string { return []string{"lint", "--fix", m} }},
		{"print", func(m string) []string { return []string{"print", m} }},
		{"translate", func(m string) []string { return []string{"translate", m} }},
		{"diff", func(m string) []string { return []string{"diff", clean, m} }},
		{"queues", func(m string) []string { return []string{"queues", m} }},
		{"trace", func(m string) []string { return []string{"trace", m, "in", "proto", "tcp"} }},
	}
	for _, w := range ways {
		main := filepath.Join(root, strings.ReplaceAll(w.name, " ", "-")+".conf")
		src := "anchor x\n" + w.stmt + "\npass all\n"
		if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, c := range commands {
			t.Run(w.name+"/"+c.name, func(t *testing.T) {
				code, stdout, stderr := runPfshape(t, "", c.args(main)...)
				out := stdout + stderr
				if !strings.Contains(out, main+":2:1: error: "+w.words) {
					t.Errorf("exit %d; want %q on line 2, got:\n%s", code, w.words, out)
				}
				if strings.Contains(out, secret) {
					t.Errorf("the file outside the root was read:\n%s", out)
				}
				// trace answers for a ruleset whose anchor file it may not
				// read: that anchor's rules are an unknown of the answer.
				if code == exitOK && !(c.name == "trace" && w.name == "load anchor") {
					t.Errorf("exit 0 for a refused file")
				}
				if got, _ := os.ReadFile(main); string(got) != src {
					t.Errorf("%s rewrote the file:\n%s", c.name, got)
				}
			})
		}
	}
}
