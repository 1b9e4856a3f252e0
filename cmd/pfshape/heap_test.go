package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExpectedHeap(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.conf")
	b := filepath.Join(dir, "b.conf")
	if err := os.WriteFile(a, []byte("pass all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(strings.Repeat("block in all\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	stdinFile, err := os.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	defer stdinFile.Close()
	tests := []struct {
		name  string
		names []string
		stdin io.Reader
		want  int64
	}{
		{"one file", []string{a}, nil, 9 * heapPerInputByte},
		{"files add up", []string{a, b}, nil, (9 + 1300) * heapPerInputByte},
		{"missing file", []string{filepath.Join(dir, "none")}, nil, 0},
		{"a folder", []string{dir}, nil, 0},
		{"stdin not a file", []string{"-"}, strings.NewReader("pass all\n"), 0},
		{"stdin a file", []string{"-"}, stdinFile, 1300 * heapPerInputByte},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := expectedHeap(tt.names, tt.stdin)
			if got != tt.want {
				t.Errorf("expectedHeap = %d, want %d", got, tt.want)
			}
		})
	}
}
