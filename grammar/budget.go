package grammar

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Budgets bound the work of one parse by the size of its input, not piece
// by piece: a few lines can otherwise ask for gigabytes, by macros that
// expand macros (a macro doubled 18 times, then used by 100 others, is 1.4
// KB of text and 50 MB of macros) or by includes that fan out (a file
// included 300 times by a file included 300 times is 90,000 parses).
// Every command and the language server parse through Parse, so every one
// of them has these budgets. Each is far above what a real ruleset does
// (README.md, "Budgets" gives the reasons). They are variables only so
// that the fuzz target can scale them down.
var (
	// Macro expansion: the bytes all `$macro` references of one parse
	// expand to, in every file together, may be expansionBase and
	// expansionPerByte times the bytes of the files read (each file
	// counted once). Every expanded byte becomes part of a token kept with
	// its statement, ~20 bytes of memory per byte of a list of short words
	// (a compact token, its side-table entry and its text: token.go), so
	// this bounds a parse at a few hundred bytes of memory per byte of
	// input. No file of the conformance corpus expands more than
	// 595 bytes, 0.86 times its size.
	expansionBase    = 1 << 20
	expansionPerByte = 4
	// maxIncludes bounds the include statements followed in one parse,
	// the same file counted each time it is included.
	maxIncludes = 4096
	// maxIncludedBytes bounds the bytes parsed through includes, the same
	// file counted each time it is included.
	maxIncludedBytes = 64 << 20
	// maxRepeatedStatements bounds the statements read again, in files
	// included a second time or more: the first reading of each file is
	// bounded by its size. A statement costs ~2 KB to lint.
	maxRepeatedStatements = 50_000
)

// budget is what one parse has used of its budgets; the files it
// includes share it.
type budget struct {
	expanded   int  // bytes produced by macro expansion (refused ones not counted)
	expansion  int  // the bytes it may produce: expansionBase and expansionPerByte per byte read
	includes   int  // include statements followed
	bytes      int  // bytes read through includes
	statements int  // statements read in files included again (maxRepeatedStatements)
	refused    bool // an include was refused for a budget (said once)
	over       bool // a budget was passed
	// files holds each included file as read, so that a file included many
	// times is read from disk once: a file that changes between two reads
	// would give one parse two versions of it.
	files map[string]fileRead
}

// allow raises the expansion budget for a file of n bytes read.
func (b *budget) allow(n int) {
	if b.expansion == 0 {
		b.expansion = expansionBase
	}
	b.expansion += expansionPerByte * n
}

type fileRead struct {
	b   []byte
	err error
}

// ReadIncludeFile reads an included file the way Parse does by default:
// only a regular file (a symbolic link to one included) is read, so that
// `include "fifo"` cannot hang a run and `include "/dev/zero"` cannot
// exhaust memory; a named pipe, a device, a socket or a folder is an
// error that says which it is. Readers given as Options.ReadFile, which
// overlay the editor's text or a translation on the disk, read the disk
// through it.
func ReadIncludeFile(path string) ([]byte, error) {
	return readRegular(path, maxIncludedBytes)
}

// readRegular reads at most limit bytes of a regular file; a longer file
// is an error.
func readRegular(path string, limit int) ([]byte, error) {
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := regular(path, fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a named pipe after the Stat must not
	// block the open; Stat of the open file then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("longer than %d bytes; not read", limit)}
	}
	return b, nil
}

// ErrNotRegular is why a named pipe, a device, a socket or a folder is not
// read as an included file.
var ErrNotRegular = errors.New("not a regular file")

func regular(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "special file"
	switch {
	case m.IsDir():
		kind = "folder"
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "block device"
	}
	return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w (a %s); only regular files are read", ErrNotRegular, kind)}
}
