package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/lsp"
	"github.com/pfshape/pfshape/internal/target"
)

const lspUsage = `usage: pfshape lsp [--target T] [--upgrade-target T] [-D name=value]...

Runs the pfshape language server on standard input and output, for
editors: diagnostics (the lint rules and syntax errors) as you type,
quick fixes, "translate this ALTQ block to set prio", hover on a queue
(interface, scheduler, priority, bandwidth in bit/s, the prio it becomes)
and go to definition of queues, $macros and <tables>. Messages for people
go to standard error. docs/editors.md has the setup for Neovim, Vim,
VS Code and Emacs.

The client may override the flags with initializationOptions or
workspace/didChangeConfiguration settings:
  {"target": "openbsd-5.4", "upgradeTarget": "openbsd", "defines": {"ext_if": "em0"}}
`

func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("lsp", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, lspUsage, "\nflags:\n", fs.FlagUsages()) }
	var cf commonFlags
	cf.register(fs)
	upgrade := fs.String("upgrade-target", "openbsd", "release the translation action translates for when --target still has ALTQ")
	// Editors start servers with --stdio; stdio is the only transport.
	fs.Bool("stdio", true, "talk LSP over standard input and output (the only transport)")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "pfshape lsp: %v (see pfshape lsp --help)\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pfshape lsp: unexpected arguments %s: the server reads LSP messages on standard input\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	if err := cf.parse(); err != nil {
		fmt.Fprintf(stderr, "pfshape lsp: %v\n", err)
		return exitUsage
	}
	t, defs := cf.t, cf.defs
	up, err := target.Parse(*upgrade)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape lsp: --upgrade-target: %v\n", err)
		return exitUsage
	}
	var v bytes.Buffer
	runVersion(nil, nil, &v, nil)
	srv := lsp.New(lsp.Options{
		Settings:    lsp.Settings{Target: t, Defines: defs, UpgradeTarget: up},
		Log:         stderr,
		IncludeRoot: cf.includeRoot,
		Version:     strings.TrimSpace(strings.TrimPrefix(v.String(), "pfshape ")),
	})
	if err := srv.Serve(context.Background(), stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "pfshape lsp: %v\n", err)
		return exitUsage
	}
	return srv.ExitCode()
}
