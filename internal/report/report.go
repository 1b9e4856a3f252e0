// Package report writes lint findings in the formats editors and CI read:
// text (file:line:col: severity: message [ID]), json, sarif (2.1.0, for
// GitHub code scanning), github (workflow commands), rdjsonl (reviewdog,
// with fix suggestions) and checkstyle. One file per format.
//
// It only formats: it does not lint, filter or decide the exit status.
package report

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pfshape/pfshape/internal/termsafe"
	"github.com/pfshape/pfshape/lint"
)

// Options say how to write paths and name the tool.
type Options struct {
	// BaseDir is the folder paths are made relative to in the formats
	// that want relative paths (sarif, github, rdjsonl); "" keeps paths
	// as they are.
	BaseDir string
	// Version is pfshape's version, for sarif's tool.driver.version.
	Version string
}

// Formats are the format names, the default first.
var Formats = []string{"text", "json", "sarif", "github", "rdjsonl", "checkstyle"}

// Write writes the findings in a format. Names from the ruleset (file
// names included) are escaped so that they cannot speak to the terminal
// or the CI runner (see termsafe): every format but github is escaped
// whole, and github, whose lines are workflow commands, escapes the values
// it writes.
func Write(w io.Writer, format string, diags []lint.Diagnostic, opts Options) error {
	if format == "github" {
		return writeGitHub(w, diags, opts)
	}
	var buf bytes.Buffer
	if err := writeFormat(&buf, format, diags, opts); err != nil {
		return err
	}
	_, err := io.WriteString(w, termsafe.Escape(buf.String()))
	return err
}

func writeFormat(w io.Writer, format string, diags []lint.Diagnostic, opts Options) error {
	switch format {
	case "text":
		return writeText(w, diags)
	case "json":
		return writeJSON(w, diags, opts)
	case "sarif":
		return writeSARIF(w, diags, opts)
	case "github":
		return writeGitHub(w, diags, opts)
	case "rdjsonl":
		return writeRDJSONL(w, diags, opts)
	case "checkstyle":
		return writeCheckstyle(w, diags)
	}
	return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// relPath is a path relative to the base folder, with forward slashes;
// a path outside it stays as it is.
func relPath(path string, opts Options) string {
	if opts.BaseDir != "" && path != "stdin" {
		abs, err1 := filepath.Abs(path)
		base, err2 := filepath.Abs(opts.BaseDir)
		if err1 == nil && err2 == nil {
			if rel, err := filepath.Rel(base, abs); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
	}
	return filepath.ToSlash(path)
}

// docURL is where a rule is explained.
func docURL(id string) string {
	return lint.DocURL(id)
}

// ruleName is a rule's name, or "" for an unknown ID.
func ruleName(id string) string {
	if r := lint.Lookup(id); r != nil {
		return r.Name
	}
	return ""
}
