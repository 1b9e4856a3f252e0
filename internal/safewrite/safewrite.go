// Package safewrite replaces a file's contents without ever leaving it
// half-written: the new bytes go to a temporary file in the same folder,
// which is synced and then renamed over the original. On any failure the
// original is untouched and the temporary file is removed.
//
// It does not follow a symbolic link to rewrite its target in place: the
// rename replaces what the path names.
package safewrite

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile replaces the contents of path with data, keeping its mode.
func WriteFile(path string, data []byte) error {
	return write(path, data, createTemp, os.Rename)
}

// tempFile is what write needs of the temporary file (an *os.File).
type tempFile interface {
	Write(b []byte) (int, error)
	Chmod(mode os.FileMode) error
	Sync() error
	Close() error
	Name() string
}

func createTemp(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

// write is WriteFile with the temporary file's creation and the final
// rename passed in, so that tests can make any step fail as a full disk
// would.
func write(path string, data []byte, create func(dir, pattern string) (tempFile, error),
	rename func(from, to string) error) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	if info.Mode().Perm()&0o222 == 0 {
		// The rename would replace it all the same (it needs only the
		// folder); a read-only file says its owner does not want that.
		return fmt.Errorf("%s: the file is read-only", path)
	}
	tmp, err := create(filepath.Dir(path), "."+filepath.Base(path)+".pfshape-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write beside it: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
