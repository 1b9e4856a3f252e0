package grammar

import (
	"path/filepath"
	"strings"
)

// InsideRoot reports whether path lies inside root once symbolic links
// are resolved: what Options.IncludeRoot allows, for readers of other
// files a ruleset names (`load anchor`).
func InsideRoot(root, path string) bool { return insideRoot(root, path) }

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
