package grammar

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// OpenError is why a file a ruleset names could not be read, in the
// words pfctl prints (strerror without the path, which the message names
// as the ruleset wrote it).
func OpenError(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "No such file or directory"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// OutsideRoots says why path may not be read when it lies outside every
// one of roots ("" when it lies inside one, or when there are no roots).
// Every reader of files a ruleset names (include, load anchor) asks it, so
// that they are all refused in the same words.
func OutsideRoots(roots []string, path string) string {
	if len(roots) == 0 {
		return ""
	}
	for _, r := range roots {
		if insideRoot(r, path) {
			return ""
		}
	}
	if len(roots) == 1 {
		return "outside the include root " + roots[0] + "; not read (name the root with --include-root)"
	}
	return "outside the include roots " + strings.Join(roots, ", ") + "; not read (name the root with --include-root)"
}

// insideRoot reports whether path lies inside root, after resolving
// symbolic links in both where they exist, so that neither `..` nor a link
// leads out.
func insideRoot(root, path string) bool {
	r, err := filepath.Abs(root)
	if err != nil {
		return false
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if e, err := filepath.EvalSymlinks(r); err == nil {
		r = e
	}
	if e, err := filepath.EvalSymlinks(p); err == nil {
		p = e
	} else if e, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		// The file does not exist (yet): judge its folder.
		p = filepath.Join(e, filepath.Base(p))
	}
	rel, err := filepath.Rel(r, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
