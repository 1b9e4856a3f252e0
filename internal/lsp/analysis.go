package lsp

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
	"github.com/pfshape/pfshape/translate"
)

// analysis is what the server knows of one version of a document: the
// lint findings, the file read for the release lint read it as (an ALTQ
// release when the target has no ALTQ, so that queues can still be
// shown), its model, and, when asked for, its translation.
type analysis struct {
	settings Settings
	lint     *lint.Result
	file     *grammar.File
	model    *model.Model
	// syntax are the grammar's errors, kept only when lint failed.
	syntax grammar.ErrorList

	translated  bool
	translation *translate.Result
	// translateErr is set when the translation panicked (a bug).
	translateErr error
}

// analyze reads a document. It never panics: a panic in lint is
// returned as an error, and the document then gets its syntax errors from
// the grammar alone; a panic past that leaves what the stages before it
// found.
func (s *Server) analyze(d *document, st Settings) (a *analysis, err error) {
	a = &analysis{settings: st}
	read := s.readFileFor(d)
	opts := grammar.Options{Target: st.Target, Defines: st.Defines, ReadFile: read}
	if err := s.guard(d, "linting", func() {
		a.lint = lint.Lint(d.path, d.text, lint.Config{Target: st.Target, Defines: st.Defines, ReadFile: read})
	}); err != nil {
		a.lint = nil
		_ = s.guard(d, "parsing", func() {
			f, _ := grammar.Parse(d.path, d.text, opts)
			a.syntax = f.Errors
		})
		return a, err
	}
	if a.lint.ReadAs != (target.Target{}) {
		opts.Target = a.lint.ReadAs
	}
	err = s.guard(d, "modelling", func() {
		a.file, _ = grammar.Parse(d.path, d.text, opts)
		a.model, _ = model.Build(a.file)
	})
	if err != nil {
		a.file, a.model = nil, nil
	}
	return a, err
}

// guard runs one stage of the analysis of a document, turning a panic
// into an error that names the document.
func (s *Server) guard(d *document, what string, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while %s %s: %v", what, d.path, r)
			s.logStack(err)
		}
	}()
	f()
	return nil
}

// translate is the translation to set prio for the settings' translation
// target, computed once; nil when the file uses no ALTQ.
func (a *analysis) translate() *translate.Result {
	if a.translated {
		return a.translation
	}
	a.translated = true
	if a.model == nil || len(a.model.Interfaces) == 0 {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			a.translation = nil
			a.translateErr = fmt.Errorf("internal error while translating: %v", r)
		}
	}()
	a.translation = translate.Translate(a.file, a.model, translate.Options{Target: a.settings.translationTarget()})
	return a.translation
}

// errOutsideRoots is why an include outside the workspace is not read.
var errOutsideRoots = errors.New("outside the workspace folders; not read by the language server")

// readFileFor reads the files a document includes: the editor's text for
// open documents, the disk for the others. Only files inside the
// workspace folders or the document's own folder are read, so that a
// ruleset opened from an untrusted repository cannot make the server read
// and echo other files of the machine in its messages.
func (s *Server) readFileFor(d *document) func(string) ([]byte, error) {
	roots := append(s.rootsSnapshot(), filepath.Dir(d.path))
	if s.includeRoot != "" {
		roots = []string{s.includeRoot}
	}
	return func(path string) ([]byte, error) {
		if b, ok := s.openText(path); ok {
			return b, nil
		}
		inside := false
		for _, r := range roots {
			inside = inside || insideRoot(r, path)
		}
		if !inside {
			return nil, &fs.PathError{Op: "open", Path: path, Err: errOutsideRoots}
		}
		return grammar.ReadIncludeFile(path)
	}
}

// insideRoot reports whether path lies inside root once symbolic links
// are resolved.
func insideRoot(root, path string) bool {
	resolve := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if e, err := filepath.EvalSymlinks(p); err == nil {
			return e
		}
		if e, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			return filepath.Join(e, filepath.Base(p))
		}
		return p
	}
	rel, err := filepath.Rel(resolve(root), resolve(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
