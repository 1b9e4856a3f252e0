package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pfshape/pfshape/internal/safewrite"
)

// commit writes the files of -w or --fix all together or not at all
// (safewrite.Commit) and says on stderr which were written; on failure it
// names the file that failed and says that none was written.
func commit(cmd string, files []safewrite.File, stderr io.Writer) bool {
	if len(files) == 0 {
		return true
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Path
	}
	err := safewrite.Commit(files)
	if err == nil {
		fmt.Fprintf(stderr, "pfshape %s: wrote %s\n", cmd, strings.Join(names, ", "))
		return true
	}
	var e *safewrite.Error
	if errors.As(err, &e) && len(e.Left) > 0 {
		fmt.Fprintf(stderr, "pfshape %s: %v\n", cmd, err)
		return false
	}
	fmt.Fprintf(stderr, "pfshape %s: %v; no file was written (%s unchanged)\n", cmd, err, strings.Join(names, ", "))
	return false
}
