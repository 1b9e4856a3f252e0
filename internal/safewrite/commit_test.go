package safewrite

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ruleset writes a main file and two includes, and returns the files to
// commit: each with its new contents.
func ruleset(t *testing.T) (string, []File) {
	t.Helper()
	dir := t.TempDir()
	var files []File
	for _, n := range []string{"pf.conf", "queues.conf", "rules.conf"} {
		p := filepath.Join(dir, n)
		old := []byte("old " + n + "\n")
		if err := os.WriteFile(p, old, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: p, Old: old, Data: []byte("new " + n + "\n")})
	}
	return dir, files
}

// unchanged checks that every file holds its old contents and that the
// folder holds nothing else.
func unchanged(t *testing.T, dir string, files []File) {
	t.Helper()
	for _, f := range files {
		if b, _ := os.ReadFile(f.Path); string(b) != string(f.Old) {
			t.Errorf("%s: %q, want the old %q", filepath.Base(f.Path), b, f.Old)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != len(files) {
		t.Errorf("files left behind: %v", names)
	}
}

// TestCommitAllOrNothing makes each file of a main file and two includes
// fail in turn, at each step: nothing may change, and the error names the
// file.
func TestCommitAllOrNothing(t *testing.T) {
	faults := []struct {
		name string
		// fault breaks the file path for ops; want is in the error.
		fault func(t *testing.T, path string, o *ops)
		want  string
	}{
		{"read-only", func(t *testing.T, path string, o *ops) { os.Chmod(path, 0o444) }, "read-only"},
		{"rename fails", func(t *testing.T, path string, o *ops) {
			o.rename = func(from, to string) error {
				if to == path {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EXDEV}
				}
				return os.Rename(from, to)
			}
		}, "cross-device"},
		{"disk full", func(t *testing.T, path string, o *ops) {
			o.create = func(dir, pattern string) (tempFile, error) {
				f, err := os.CreateTemp(dir, pattern)
				if strings.HasPrefix(pattern, "."+filepath.Base(path)+".") {
					return &fullDisk{File: f, limit: 2}, err
				}
				return f, err
			}
		}, "no space left"},
		{"edited meanwhile", func(t *testing.T, path string, o *ops) {
			o.ready = func([]string) { os.WriteFile(path, []byte("edited by hand\n"), 0o644) }
		}, "changed since pfshape read it"},
		{"removed meanwhile", func(t *testing.T, path string, o *ops) {
			o.ready = func([]string) { os.Remove(path) }
		}, "no such file"},
	}
	for _, fault := range faults {
		for i := range 3 {
			t.Run(fmt.Sprintf("%s/file %d", fault.name, i), func(t *testing.T) {
				dir, files := ruleset(t)
				o := ops{create: createTemp, rename: os.Rename}
				fault.fault(t, files[i].Path, &o)
				err := commit(files, o)
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("want an *Error, got %v", err)
				}
				if e.Path != files[i].Path || !strings.Contains(err.Error(), fault.want) || len(e.Left) > 0 {
					t.Errorf("got %v, want an error of %s: %s", err, filepath.Base(files[i].Path), fault.want)
				}
				if fault.name == "edited meanwhile" {
					files[i].Old = []byte("edited by hand\n")
				}
				if fault.name == "removed meanwhile" {
					files = slices.Delete(files, i, i+1)
				}
				unchanged(t, dir, files)
			})
		}
	}
}

func TestCommitWritesAll(t *testing.T) {
	dir, files := ruleset(t)
	if err := Commit(files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if b, _ := os.ReadFile(f.Path); string(b) != string(f.Data) {
			t.Errorf("%s: %q, want %q", f.Path, b, f.Data)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestCommitKeepsOwnerGroupMode rewrites a file of nobody:nogroup, mode
// 2640 (setgid): all three survive.
func TestCommitKeepsOwnerGroupMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file another owner")
	}
	p := filepath.Join(t.TempDir(), "pf.conf")
	os.WriteFile(p, []byte("old\n"), 0o640)
	const uid, gid = 65534, 65534
	if err := os.Chown(p, uid, gid); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid || info.Mode()&(os.ModePerm|os.ModeSetgid) != 0o640|os.ModeSetgid {
		t.Errorf("got %d:%d %v, want %d:%d %v", st.Uid, st.Gid, info.Mode(), uid, gid, 0o640|os.ModeSetgid)
	}
}

// TestCommitOwnerNotKept: a file whose owner cannot be kept (another
// user's, written by one who is not root) is not written.
func TestCommitOwnerNotKept(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pf.conf")
	os.WriteFile(p, []byte("old\n"), 0o644)
	o := ops{create: func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		return noChown{f}, err
	}, rename: os.Rename}
	err := commit([]File{{Path: p, Data: []byte("new\n")}}, o)
	if err == nil || !strings.Contains(err.Error(), "cannot keep its owner and group") {
		t.Fatalf("want the owner refused, got %v", err)
	}
	unchanged(t, filepath.Dir(p), []File{{Path: p, Old: []byte("old\n")}})
}

type noChown struct{ *os.File }

func (noChown) Chown(int, int) error { return syscall.EPERM }

// TestCommitLinks: a symbolic link is written through and stays a link; a
// file with two hard links is refused.
func TestCommitLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.conf")
	link := filepath.Join(dir, "pf.conf")
	os.WriteFile(target, []byte("old\n"), 0o644)
	if err := os.Symlink("real.conf", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new\n" {
		t.Errorf("the target holds %q", b)
	}

	hard := filepath.Join(dir, "hard.conf")
	if err := os.Link(target, hard); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(hard, []byte("newer\n")); err == nil || !strings.Contains(err.Error(), "hard links") {
		t.Errorf("want the hard link refused, got %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new\n" {
		t.Errorf("the hard-linked file changed: %q", b)
	}
}

// TestCommitSIGTERM kills a child process with SIGTERM while its temporary
// files are ready: they are removed, and every original is untouched.
func TestCommitSIGTERM(t *testing.T) {
	if dir := os.Getenv("SAFEWRITE_SIGNAL_CHILD"); dir != "" {
		sigChild(dir)
		return
	}
	dir, files := ruleset(t)
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCommitSIGTERM$")
	cmd.Env = append(os.Environ(), "SAFEWRITE_SIGNAL_CHILD="+dir, "SAFEWRITE_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var temps []byte
	for range 500 {
		if temps, _ = os.ReadFile(ready); len(temps) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(temps) == 0 {
		cmd.Process.Kill()
		t.Fatal("the child never got its temporary files ready")
	}
	if n := len(strings.Fields(string(temps))); n != 3 {
		t.Fatalf("the child had %d temporary files ready, want 3", n)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("the child ended with %v, want death by SIGTERM", err)
	}
	unchanged(t, dir, files)
}

// sigChild commits the three files of dir and, once the temporary files
// are ready, names them in $SAFEWRITE_READY and waits to be killed.
func sigChild(dir string) {
	var files []File
	for _, n := range []string{"pf.conf", "queues.conf", "rules.conf"} {
		files = append(files, File{Path: filepath.Join(dir, n), Data: []byte("new\n")})
	}
	commit(files, ops{create: createTemp, rename: os.Rename, ready: func(temps []string) {
		os.WriteFile(os.Getenv("SAFEWRITE_READY"), []byte(strings.Join(temps, "\n")), 0o644)
		time.Sleep(time.Minute)
	}})
	os.Exit(3) // not killed: the parent fails
}
