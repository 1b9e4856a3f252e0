package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pfshape/pfshape/internal/target"
)

// stdinName is how standard input is named in messages, as pfctl names it.
const stdinName = "stdin"

// readInput reads a file named on the command line, or standard input for
// "-".
func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// displayName is the name a file has in messages.
func displayName(name string) string {
	if name == "-" {
		return stdinName
	}
	return name
}

// commonFlags are the flags every command that reads rulesets shares,
// spelled the same everywhere.
type commonFlags struct {
	target      string
	defines     []string
	includeRoot string
}

func (c *commonFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.target, "target", "openbsd", "release the ruleset must load on: openbsd, freebsd, openbsd-5.4, freebsd-14.2, …")
	fs.StringArrayVarP(&c.defines, "define", "D", nil, "define macro `name=value`, overriding the file's definition (like pfctl -D)")
	fs.StringVar(&c.includeRoot, "include-root", "", "folder that included files must lie in (default: the folder of the file named, . for stdin)")
}

// rootFor is the include root for a file named on the command line: what
// --include-root says, else the file's own folder. Includes outside it are
// refused, so that a ruleset from a pull request cannot make pfshape read
// and echo other files of the machine.
func (c *commonFlags) rootFor(name string) string {
	switch {
	case c.includeRoot != "":
		return c.includeRoot
	case name == "-":
		return "."
	}
	return filepath.Dir(name)
}

func (c *commonFlags) parsed() (target.Target, map[string]string, error) {
	t, err := target.Parse(c.target)
	if err != nil {
		return t, nil, err
	}
	defs := map[string]string{}
	for _, d := range c.defines {
		name, value, ok := strings.Cut(d, "=")
		if !ok || name == "" {
			return t, nil, fmt.Errorf("-D %q: want name=value", d)
		}
		defs[name] = value
	}
	return t, defs, nil
}
