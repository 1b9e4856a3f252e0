package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// commonFlags are the flags every command that reads rulesets shares,
// spelled the same everywhere, and what they say to the loader.
type commonFlags struct {
	target      string
	from        string
	defines     []string
	includeRoot string

	// Set by parsed.
	t      target.Target
	fromT  *target.Target
	defs   map[string]string
	parsed bool
}

func (c *commonFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.target, "target", "openbsd", "release the ruleset must load on: openbsd, freebsd, openbsd-5.4, freebsd-14.2, …")
	fs.StringArrayVarP(&c.defines, "define", "D", nil, "define macro `name=value`, overriding the file's definition (like pfctl -D)")
	fs.StringVar(&c.includeRoot, "include-root", "", "folder that included and anchor files must lie in (default: the folder of the file named, . for stdin)")
}

// registerFrom adds --from, for the commands that read a file for the
// release it was written for.
func (c *commonFlags) registerFrom(fs *pflag.FlagSet, usage string) {
	fs.StringVar(&c.from, "from", "", usage)
}

// parse checks the flags' values once they are parsed.
func (c *commonFlags) parse() error {
	t, err := target.Parse(c.target)
	if err != nil {
		return err
	}
	c.t = t
	if c.from != "" {
		f, err := target.Parse(c.from)
		if err != nil {
			return fmt.Errorf("--from: %v", err)
		}
		c.fromT = &f
	}
	c.defs = map[string]string{}
	for _, d := range c.defines {
		name, value, ok := strings.Cut(d, "=")
		if !ok || name == "" {
			return fmt.Errorf("-D %q: want name=value", d)
		}
		c.defs[name] = value
	}
	c.parsed = true
	return nil
}

// options are the loader's options for the flags and a way to infer the
// release a file was written for.
func (c *commonFlags) options(infer ruleset.Inference) ruleset.Options {
	o := ruleset.Options{Target: c.t, From: c.fromT, Infer: infer, Defines: c.defs}
	if c.includeRoot != "" {
		o.Roots = []string{c.includeRoot}
	}
	return o
}

// load reads one file named on the command line through the loader.
func (c *commonFlags) load(name string, stdin io.Reader, infer ruleset.Inference) (*ruleset.Ruleset, error) {
	return ruleset.Load(name, stdin, c.options(infer))
}

// loadForEngine is load for a command whose packet engine will read the
// filter view (when engine is set): the loader builds it alongside the
// model (ruleset.Options.Filter).
func (c *commonFlags) loadForEngine(name string, stdin io.Reader, infer ruleset.Inference, engine bool) (*ruleset.Ruleset, error) {
	o := c.options(infer)
	o.Filter = engine
	return ruleset.Load(name, stdin, o)
}

// relative is a hook for shortening paths in messages; messages keep the
// path as the user named it, so it is the identity today.
func relative(s string) string { return filepath.ToSlash(s) }
