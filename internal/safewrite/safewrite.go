// Package safewrite replaces files' contents without ever leaving one
// half-written, and replaces a set of files all together or not at all:
// the new bytes of every file go to a temporary file in its folder, which
// is given the original's owner, group and mode (setuid, setgid and
// sticky bits included) and synced; only once every temporary file is
// ready, and every original still holds the bytes it was read with, are
// they renamed over the originals. On any failure, or on SIGINT or
// SIGTERM, the temporary files are removed and the files already renamed
// are put back, so that every original is as it was.
//
// Links: a symbolic link is written through (its target is replaced, in
// the target's folder, and the link stays a link), as gofmt -w does. A
// file with more than one hard link is refused: the rename would give this
// name new contents and leave the other names with the old ones, where
// gofmt -w, which writes in place, changes them all (but not all at once).
package safewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// File is one file to replace.
type File struct {
	// Path names the file.
	Path string
	// Old, when not nil, is what the file held when its new contents were
	// computed from it: a file that no longer holds it (edited while
	// pfshape ran) is not written, and nor is any other.
	Old []byte
	// Data is the new contents.
	Data []byte
}

// Error is why Commit wrote nothing: the file that failed and how.
type Error struct {
	Path string
	Err  error
	// Left names the files that could not be put back after a failure
	// midway through the renames (their new contents stay), with why;
	// empty when every file is as it was.
	Left []string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s: %v", e.Path, e.Err)
	if len(e.Left) > 0 {
		return msg + "; these files were written all the same and could not be put back: " + strings.Join(e.Left, ", ")
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// WriteFile replaces the contents of one file (Commit of one File).
func WriteFile(path string, data []byte) error {
	return Commit([]File{{Path: path, Data: data}})
}

// Commit replaces the contents of every file, or of none: see the package
// comment. The error, an *Error, names the file that failed; nothing is
// written then, unless Error.Left says otherwise.
func Commit(files []File) error {
	return commit(files, ops{create: createTemp, rename: os.Rename})
}

// tempFile is what Commit needs of a temporary file (an *os.File).
type tempFile interface {
	Write(b []byte) (int, error)
	Chmod(mode os.FileMode) error
	Chown(uid, gid int) error
	Sync() error
	Close() error
	Name() string
}

func createTemp(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

// ops are the steps tests make fail: the temporary files' creation and
// the renames, and a hook run once every temporary file is ready.
type ops struct {
	create func(dir, pattern string) (tempFile, error)
	rename func(from, to string) error
	ready  func(temps []string)
}

// write is WriteFile with the steps passed in.
func write(path string, data []byte, create func(dir, pattern string) (tempFile, error), rename func(from, to string) error) error {
	return commit([]File{{Path: path, Data: data}}, ops{create: create, rename: rename})
}

// pending is one file on its way: its real path (symbolic links
// resolved), its temporary file, and the name its original is kept under
// while the renames run.
type pending struct {
	File
	real   string
	temp   string
	backup string
	moved  bool // renamed over the original
}

// transaction is the state a signal handler cleans up: the mutex is held
// by every step, so that a signal waits for the step to end.
type transaction struct {
	mu    sync.Mutex
	files []*pending
	done  bool
}

func commit(files []File, o ops) (err error) {
	tx := &transaction{}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	stop := make(chan struct{})
	defer func() {
		signal.Stop(sigs)
		close(stop)
	}()
	go func() {
		select {
		case s := <-sigs:
			tx.mu.Lock()
			if !tx.done {
				tx.rollback()
			}
			// Die of the signal, as the process would have.
			signal.Reset(s)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(s)
			}
		case <-stop:
		}
	}()

	tx.mu.Lock()
	defer func() {
		if err != nil {
			left := tx.rollback()
			if e, ok := err.(*Error); ok {
				e.Left = left
			}
		} else {
			tx.cleanup()
		}
		tx.done = true
		tx.mu.Unlock()
	}()
	for _, f := range files {
		p, err := prepare(f, o.create)
		if p != nil {
			tx.files = append(tx.files, p)
		}
		if err != nil {
			return &Error{Path: f.Path, Err: err}
		}
	}
	if o.ready != nil {
		var temps []string
		for _, p := range tx.files {
			temps = append(temps, p.temp)
		}
		tx.mu.Unlock()
		o.ready(temps)
		tx.mu.Lock()
	}
	// Every file still holds what it was read with, and keeps a second
	// name to be put back by.
	for _, p := range tx.files {
		if p.Old != nil {
			now, err := os.ReadFile(p.real)
			if err != nil {
				return &Error{Path: p.Path, Err: err}
			}
			if !bytes.Equal(now, p.Old) {
				return &Error{Path: p.Path, Err: errors.New("the file changed since pfshape read it; run pfshape again")}
			}
		}
		if len(tx.files) == 1 {
			continue // one rename happens or not: nothing to put back
		}
		if p.backup, err = keep(p.real); err != nil {
			return &Error{Path: p.Path, Err: fmt.Errorf("cannot keep the original to put it back on failure: %w", err)}
		}
	}
	for _, p := range tx.files {
		if err := o.rename(p.temp, p.real); err != nil {
			return &Error{Path: p.Path, Err: err}
		}
		p.moved = true
	}
	return nil
}

// prepare writes a file's new contents to a temporary file beside it with
// the original's owner, group and mode.
func prepare(f File, create func(dir, pattern string) (tempFile, error)) (*pending, error) {
	real, err := filepath.EvalSymlinks(f.Path)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Mode().Perm()&0o222 == 0 {
		// The rename would replace it all the same (it needs only the
		// folder); a read-only file says its owner does not want that.
		return nil, errors.New("the file is read-only")
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if ok && st.Nlink > 1 {
		return nil, fmt.Errorf("the file has %d hard links, which replacing it would split (this name new, the others old)", st.Nlink)
	}
	tmp, err := create(filepath.Dir(real), "."+filepath.Base(real)+".pfshape-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write beside it: %w", err)
	}
	p := &pending{File: f, real: real, temp: tmp.Name()}
	fail := func(err error) (*pending, error) {
		tmp.Close()
		return p, err
	}
	if _, err := tmp.Write(f.Data); err != nil {
		return fail(err)
	}
	if ok {
		// Before the mode: chown clears the setuid and setgid bits.
		if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
			return fail(fmt.Errorf("cannot keep its owner and group (%d:%d): %w", st.Uid, st.Gid, err))
		}
	}
	mode := info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if err := tmp.Chmod(mode); err != nil {
		return fail(fmt.Errorf("cannot keep its mode %v: %w", mode, err))
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return p, err
	}
	return p, nil
}

// keep gives a file a second name, a hard link beside it, to be put back
// by with a rename.
func keep(real string) (string, error) {
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s/.%s.pfshape-orig-%d-%d", filepath.Dir(real), filepath.Base(real), os.Getpid(), i)
		err := os.Link(real, name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) || i > 100 {
			return "", err
		}
	}
}

// rollback puts every renamed file back and removes every temporary file
// and second name. It returns the files it could not put back.
func (tx *transaction) rollback() []string {
	var left []string
	for _, p := range tx.files {
		if p.moved {
			if err := os.Rename(p.backup, p.real); err != nil {
				left = append(left, fmt.Sprintf("%s (%v)", p.Path, err))
				continue
			}
			p.moved, p.backup = false, ""
		}
	}
	tx.cleanup()
	return left
}

// cleanup removes the temporary files and second names left.
func (tx *transaction) cleanup() {
	for _, p := range tx.files {
		if p.temp != "" && !p.moved {
			os.Remove(p.temp)
		}
		if p.backup != "" {
			os.Remove(p.backup)
		}
	}
	tx.files = nil
}
