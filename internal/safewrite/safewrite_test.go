package safewrite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pf.conf")
	if err := os.WriteFile(p, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(b) != "new\n" || info.Mode().Perm() != 0o640 {
		t.Errorf("got %q mode %v, want \"new\\n\" mode 0640", b, info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileFailureLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pf.conf")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	failing := func(string, string) error { return errors.New("disk full") }
	if err := write(p, []byte("new\n"), createTemp, failing); err == nil {
		t.Fatal("want the rename's error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Errorf("original changed: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if err := WriteFile(filepath.Join(dir, "missing.conf"), []byte("x")); err == nil {
		t.Error("want an error for a missing file")
	}
}

func TestWriteFileReadOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pf.conf")
	if err := os.WriteFile(p, []byte("old\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new\n")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("want a read-only error, got %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Errorf("read-only file changed: %q", b)
	}
}

func TestWriteFileVanished(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pf.conf")
	if err := WriteFile(p, []byte("new\n")); err == nil {
		t.Fatal("want an error for a file that is gone")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("writing a vanished file left %v", entries)
	}
}

func TestWriteFileNotRegular(t *testing.T) {
	if err := WriteFile(t.TempDir(), []byte("x")); err == nil {
		t.Error("want an error for a folder")
	}
}

// fullDisk is a temporary file on a disk that fills up after limit bytes:
// a write past it is cut short with ENOSPC, as the kernel does.
type fullDisk struct {
	*os.File
	limit int
}

func (f *fullDisk) Write(b []byte) (int, error) {
	if len(b) <= f.limit {
		f.limit -= len(b)
		return f.File.Write(b)
	}
	n, _ := f.File.Write(b[:f.limit])
	f.limit = 0
	return n, syscall.ENOSPC
}

// TestWriteFileDiskFull fills the disk halfway through the new contents:
// the error says so, the original is untouched, and the partial temporary
// file is gone.
func TestWriteFileDiskFull(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pf.conf")
	if err := os.WriteFile(p, []byte("old contents\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	full := func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		return &fullDisk{File: f, limit: 5}, err
	}
	err := write(p, []byte("new contents, longer than the disk has room for\n"), full, os.Rename)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("want ENOSPC, got %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old contents\n" {
		t.Errorf("original changed: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
}
