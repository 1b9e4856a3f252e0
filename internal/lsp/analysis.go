package lsp

import (
	"fmt"
	"path/filepath"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/lint"
	"github.com/pfshape/pfshape/translate"
)

// analysis is what the server knows of one version of a document, read
// once by the loader: the ruleset (read for the release lint reads it as:
// an ALTQ release when the target has no ALTQ, so that queues can still
// be shown), its lint findings, and, when asked for, its translation.
type analysis struct {
	settings Settings
	rs       *ruleset.Ruleset
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

// analyze reads a document. It never panics: a panic in the loader or in
// lint is returned as an error, and the document then gets what the
// stages before it found.
func (s *Server) analyze(d *document, st Settings) (a *analysis, err error) {
	a = &analysis{settings: st}
	opts := lint.Options(st.Target)
	opts.Defines, opts.ReadFile, opts.Roots = st.Defines, s.readFile, s.rootsFor(d)
	if err := s.guard(d, "reading", func() {
		a.rs = ruleset.LoadBytes(d.path, d.text, opts)
		s.parses.Add(int64(len(a.rs.Reads)))
	}); err != nil {
		a.rs = nil
		return a, err
	}
	a.file, a.model = a.rs.File, a.rs.Model
	if err := s.guard(d, "linting", func() { a.lint = lint.Run(a.rs, nil) }); err != nil {
		a.lint, a.syntax = nil, a.rs.TargetErrors
		return a, err
	}
	return a, nil
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

// readFile reads the files a document includes: the editor's text for
// open documents, the disk for the others. The loader reads only files
// inside the roots (rootsFor), so that a ruleset opened from an untrusted
// repository cannot make the server read and echo other files of the
// machine in its messages.
func (s *Server) readFile(path string) ([]byte, error) {
	if b, ok := s.openText(path); ok {
		return b, nil
	}
	return grammar.ReadIncludeFile(path)
}

// rootsFor are the include roots of a document: --include-root, else the
// workspace folders and the document's own folder.
func (s *Server) rootsFor(d *document) []string {
	if s.includeRoot != "" {
		return []string{s.includeRoot}
	}
	var roots []string
	seen := map[string]bool{}
	for _, r := range append(s.rootsSnapshot(), filepath.Dir(d.path)) {
		if c := filepath.Clean(r); !seen[c] {
			seen[c] = true
			roots = append(roots, c)
		}
	}
	return roots
}
