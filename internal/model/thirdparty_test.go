package model_test

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/printer"
	"github.com/pfshape/pfshape/internal/target"
)

// thirdPartyDir holds rulesets taken from other projects' tests (FreeBSD's
// tests/sys/netpfil/pf/*.sh, OpenBSD's regress/sys/net/pf_*), one folder
// per source, with their origin in SOURCES.md.
const thirdPartyDir = "../../testdata/thirdparty"

// thirdPartyCase is one ruleset: a pft_set_rules call, an `echo … | pfctl
// -f -`, or a pf.conf of a regression test.
type thirdPartyCase struct {
	file, name string
	target     target.Target
	fail       bool // the test expects pfctl to refuse it
	src        string
}

// thirdPartyCases reads every *.txt file: "# …" comment lines, then
// blocks that start with "=== NAME load|fail [TARGET]" and hold the
// ruleset's lines.
func thirdPartyCases(t *testing.T) []thirdPartyCase {
	t.Helper()
	var out []thirdPartyCase
	files, _ := filepath.Glob(filepath.Join(thirdPartyDir, "*", "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no third-party rulesets under %s", thirdPartyDir)
	}
	sort.Strings(files)
	for _, path := range files {
		def := target.Target{OS: target.FreeBSD, Release: target.LatestFreeBSD}
		if strings.Contains(path, "openbsd") {
			def = target.Default
		}
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(thirdPartyDir, path)
		var cur *thirdPartyCase
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := sc.Text()
			if name, ok := strings.CutPrefix(line, "=== "); ok {
				f := strings.Fields(name)
				if len(f) < 2 || (f[1] != "load" && f[1] != "fail") {
					t.Fatalf("%s: bad block header %q", rel, line)
				}
				tg := def
				if len(f) > 2 {
					if tg, err = target.Parse(f[2]); err != nil {
						t.Fatalf("%s: %v", rel, err)
					}
				}
				out = append(out, thirdPartyCase{file: rel, name: f[0], target: tg, fail: f[1] == "fail"})
				cur = &out[len(out)-1]
				continue
			}
			if cur == nil {
				continue // the header comment
			}
			cur.src += line + "\n"
		}
		fh.Close()
	}
	return out
}

// thirdPartyErrors parses and checks one ruleset as `pfshape check` does,
// then prints it as `pfshape print` does: what either finds wrong.
func thirdPartyErrors(c thirdPartyCase) grammar.ErrorList {
	rs := ruleset.LoadBytes(c.file+":"+c.name, []byte(c.src), ruleset.Options{Target: c.target})
	errs := rs.Errors()
	if len(errs) == 0 {
		var out strings.Builder
		if err := printer.Print(&out, rs, printer.Options{}); err != nil {
			errs = append(errs, &grammar.Error{Pos: grammar.Position{File: c.file}, Msg: "print: " + err.Error()})
		}
	}
	return errs
}

// TestThirdPartyRulesets: the rulesets other projects' tests load must
// draw no error, those their tests expect pfctl to refuse must draw one.
func TestThirdPartyRulesets(t *testing.T) {
	var loads, loaded, fails, refused int
	for _, c := range thirdPartyCases(t) {
		errs := thirdPartyErrors(c)
		switch {
		case c.fail:
			fails++
			if len(errs) > 0 {
				refused++
			} else {
				t.Errorf("%s %s [%s]: pfctl refuses it, pfshape reports nothing:\n%s", c.file, c.name, c.target, c.src)
			}
		default:
			loads++
			if len(errs) == 0 {
				loaded++
			} else {
				t.Errorf("%s %s [%s]: pfctl loads it, pfshape reports:\n%v\n%s", c.file, c.name, c.target, errs, c.src)
			}
		}
	}
	t.Logf("third-party rulesets: %d of %d that pfctl loads are clean; %d of %d that it refuses are refused", loaded, loads, refused, fails)
}

// grammarTypeNames lists the types the grammar declares in its ast_*.go
// files: the names participle knows its productions by, which no message
// may show (they mean nothing to a pf.conf user).
func grammarTypeNames(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../../grammar/ast_*.go")
	var names []string
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					names = append(names, s.(*ast.TypeSpec).Name.Name)
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("no grammar types found")
	}
	return names
}

// allMessages is every message check and print give on one ruleset: the
// grammar's, the model's even after a syntax error, the printer's.
func allMessages(c thirdPartyCase) grammar.ErrorList {
	rs := ruleset.LoadBytes(c.file+":"+c.name, []byte(c.src), ruleset.Options{Target: c.target})
	errs := rs.Errors()
	var out strings.Builder
	if err := printer.Print(&out, rs, printer.Options{}); err != nil {
		errs = append(errs, &grammar.Error{Pos: grammar.Position{File: c.file}, Msg: err.Error()})
	}
	return errs
}

// TestMessagesUseNoGrammarNames runs check and print over the corpus's
// files that pfctl refuses and over the third-party rulesets, and looks
// for a grammar type name in what they say.
func TestMessagesUseNoGrammarNames(t *testing.T) {
	names := grammarTypeNames(t)
	word := regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
	var msgs, files int
	scan := func(what string, errs grammar.ErrorList) {
		files++
		for _, e := range errs {
			msgs++
			if m := word.FindString(e.Msg); m != "" {
				t.Errorf("%s: message names the grammar's %s: %s", what, m, e.Msg)
			}
		}
	}
	for _, c := range thirdPartyCases(t) {
		scan(c.file+" "+c.name, allMessages(c))
	}
	if dir, err := corpus.Find(); err == nil {
		all, err := corpus.Rulesets(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all {
			if !r.Fail {
				continue
			}
			tg, err := target.Parse(r.Folder.Target)
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(r.Path)
			if err != nil {
				t.Fatal(err)
			}
			scan(r.Rel, allMessages(thirdPartyCase{file: r.Rel, name: "", target: tg, src: string(src)}))
		}
	} else {
		t.Logf("corpus not found (%v): only the third-party rulesets are scanned", err)
	}
	t.Logf("%d messages of %d rulesets name no grammar type", msgs, files)
}
