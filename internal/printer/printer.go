package printer

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Options say how to print.
type Options struct {
	// Target is the release whose pfctl is imitated; the file's target
	// when zero.
	Target target.Target
	// Verbose2 prints as pfctl -vv does (rule numbers, queue ids).
	Verbose2 bool
	// ReadFile reads files named by `load anchor`; grammar.ReadIncludeFile (regular files only) when nil.
	ReadFile func(path string) ([]byte, error)
	// IncludeRoot, when set, is the folder that files named by `load
	// anchor` must lie in, as grammar.Options.IncludeRoot is for
	// includes: the files they include too.
	IncludeRoot string
}

// maxLoads bounds the `load anchor` files read in one print, the same
// file counted each time it is loaded: files that load a file many times
// multiply it, as includes do (grammar's budgets).
const maxLoads = 4096

// Print writes the ruleset of f as `pfctl -nv` (or -nvv) prints it for
// the target. It returns the problems that kept a statement from being
// printed (what pfctl would report as an error); the rest is printed.
func Print(w io.Writer, f *grammar.File, opts Options) error {
	p := newPrinter(f, opts)
	p.loading[filepath.Clean(f.Source.Name)] = true
	p.walk(f.Statements, p.root)
	p.finishQueues()
	var b strings.Builder
	b.WriteString(p.head.String())
	p.printRuleset(&b, p.root, 0)
	// A loaded anchor no anchor rule refers to is printed on its own.
	for _, rs := range p.loadedOrder {
		if !rs.printed {
			rs.printed = true
			p.printRuleset(&b, rs, 0)
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if len(p.errs) > 0 {
		return p.errs
	}
	return nil
}

// String is Print into a string, ignoring the problems.
func String(f *grammar.File, opts Options) string {
	var b strings.Builder
	_ = Print(&b, f, opts)
	return b.String()
}

// ruleset is the rules of the main ruleset or of one anchor.
type ruleset struct {
	path  string
	rules []*rule
	// anchors are the child rulesets by name (relative to this one).
	anchors map[string]*ruleset
	// match counts the rules expanded into this ruleset ($nr).
	match   int
	unnamed int
	printed bool
	// loaded is set for an anchor filled by `load anchor`.
	loaded bool
}

func newRuleset(path string) *ruleset {
	return &ruleset{path: path, anchors: map[string]*ruleset{}}
}

// printer holds the state of one print: what pfctl prints while it
// parses (head) and the rulesets it prints when it loads them.
type printer struct {
	t           target.Target
	verbose2    bool
	mach        *machine
	model       *model.Model
	file        *grammar.File
	readFile    func(string) ([]byte, error)
	includeRoot string          // Options.IncludeRoot
	loading     map[string]bool // the files being loaded, for cycles
	loads       int             // files loaded, against maxLoads

	head    *strings.Builder
	root    *ruleset
	anchors map[string]*ruleset // by absolute path
	errs    grammar.ErrorList

	autoTables  int
	loadedOrder []*ruleset
	// settings that later rules depend on
	blockReturn     bool
	stateDefaults   []stateOpt
	reassemble      bool
	altqDone        map[*model.Interface]bool
	queuesPrinted   map[*model.QueueDef]bool
	newQueueLines   []string
	altqVerboseDone bool
	// curStmt is the statement being expanded, for error positions.
	curStmt *grammar.Statement
	// etherAnchors counts unnamed inline ether anchors ("_N").
	etherAnchors int
	// limiters are the state and source limiters defined so far.
	limiters map[limiterKey]*limiter
	// expanded counts the rules expanded so far (see maxExpandedRules).
	expanded int
}

func newPrinter(f *grammar.File, opts Options) *printer {
	t := opts.Target
	if t == (target.Target{}) {
		t = f.Target
	}
	m, _ := model.Build(f)
	rf := opts.ReadFile
	if rf == nil {
		rf = grammar.ReadIncludeFile
	}
	p := &printer{t: t, verbose2: opts.Verbose2, mach: regressMachine(t.OS == target.FreeBSD), model: m, file: f,
		readFile: rf, includeRoot: opts.IncludeRoot, loading: map[string]bool{}, head: &strings.Builder{}, root: newRuleset(""), anchors: map[string]*ruleset{},
		altqDone: map[*model.Interface]bool{}, queuesPrinted: map[*model.QueueDef]bool{},
		reassemble: true}
	p.anchors[""] = p.root
	return p
}

func (p *printer) errorf(format string, args ...any) {
	pos := grammar.Position{}
	if p.curStmt != nil {
		pos = p.curStmt.Pos()
	}
	p.errs.Add(pos, fmt.Sprintf(format, args...))
}

// Target flavours of pfctl's printing.

func (p *printer) freebsd() bool { return p.t.OS == target.FreeBSD }

func (p *printer) obsdBefore(maj, min int) bool {
	return p.t.OS == target.OpenBSD && p.t.Release.Before(target.Release{Major: maj, Minor: min})
}

// portNames: FreeBSD's pfctl prints port names (OpenBSD only with -N).
func (p *printer) portNames() bool { return p.freebsd() }

// alwaysKeepState: FreeBSD prints `keep state` even without options.
func (p *printer) alwaysKeepState() bool { return p.freebsd() || p.verbose2 }

// printsFlagsAny: pfctl prints `flags any` for stateful rules without
// flags.
func (p *printer) printsFlagsAny() bool { return true }

// setParens: `set (prio …, queue …)` is OpenBSD 5.2's spelling; before,
// and on FreeBSD, queues print as `queue q` at the end.
func (p *printer) setParens() bool { return p.t.OS == target.OpenBSD && !p.obsdBefore(5, 2) }

// oldRouteSyntax: a route-to host is an interface, or `(if addr)`
// (FreeBSD, and OpenBSD before 6.9's route-to rewrite).
func (p *printer) oldRouteSyntax() bool { return p.freebsd() || p.obsdBefore(6, 9) }

// routeBeforeAF: FreeBSD prints route-to right after the interface.
func (p *printer) routeBeforeAF() bool { return p.freebsd() }

// notnbrUnr: icmp6 code 2 is notnbr-unr on FreeBSD and older OpenBSD
// (assumed before 6.2), beyond-unr after.
func (p *printer) notnbrUnr() bool { return p.freebsd() || p.obsdBefore(6, 2) }

// barePrio: OpenBSD 5.0 and 5.1 print a rule's priority as `prio N`.
func (p *printer) barePrio() bool { return p.t.HasBarePrioAction() }

// poolSkipsOtherAF: before OpenBSD 6.0 (assumed), a translation pool
// with addresses of both families keeps those of the first address's
// family instead of failing.
func (p *printer) poolSkipsOtherAF() bool { return p.obsdBefore(6, 0) }

// walk reads statements into the ruleset rs, printing what pfctl prints
// while parsing.
func (p *printer) walk(stmts []*grammar.Statement, rs *ruleset) {
	for _, s := range stmts {
		if s == nil || s.Stmt == nil {
			continue
		}
		p.curStmt = s
		switch {
		case s.Macro != nil:
			p.macro(s.Macro)
		case s.Include != nil:
			if s.Included != nil {
				p.walk(s.Included.Statements, rs)
			}
		case s.Table != nil:
			p.tableDef(s.Table, rs)
		case s.Option != nil:
			p.setOption(s.Option)
		case s.Altq != nil:
			p.altq(s)
		case s.Queue != nil:
			p.queue(s)
		case s.Rule != nil:
			p.filterRule(s.Rule, rs)
		case s.Antispoof != nil:
			p.antispoof(s.Antispoof, rs)
		case s.Anchor != nil:
			p.anchorRule(s, rs)
		case s.Anonymous != nil:
			p.anchorRule(s, rs)
		case s.LoadAnchor != nil:
			p.loadAnchor(s, rs)
		case s.Scrub != nil:
			p.scrubRule(s.Scrub, rs)
		case s.Translation != nil:
			p.translationRule(s.Translation, rs)
		case s.Ether != nil:
			p.etherRule(s.Ether, rs)
		case s.Limiter != nil:
			p.limiterDef(s.Limiter)
		}
	}
}

// addRule appends an expanded rule to rs, numbering it.
func (p *printer) addRule(rs *ruleset, r *rule) {
	c := *r
	c.nr = rs.match
	rs.match++
	expandNr(&c)
	rs.rules = append(rs.rules, &c)
}

// anchorRuleset finds or makes the ruleset an anchor rule refers to.
func (p *printer) anchorRuleset(parent *ruleset, name string) *ruleset {
	var path string
	switch {
	case strings.HasPrefix(name, "/"):
		path = strings.TrimPrefix(name, "/")
	case parent.path == "":
		path = name
	default:
		path = parent.path + "/" + name
	}
	path = filepath.Clean("/" + path)[1:]
	if rs, ok := p.anchors[path]; ok {
		return rs
	}
	rs := newRuleset(path)
	p.anchors[path] = rs
	return rs
}

func (p *printer) loadAnchor(s *grammar.Statement, rs *ruleset) {
	name := s.LoadAnchor.Name.Text()
	file := s.LoadAnchor.File.Text()
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.Source.Name), file)
	}
	switch clean := filepath.Clean(path); {
	case p.includeRoot != "" && !grammar.InsideRoot(p.includeRoot, path):
		p.errorf("cannot load anchor %s from %s: outside the include root %s; not read", name, file, p.includeRoot)
		return
	case p.loading[clean]:
		p.errorf("cannot load anchor %s from %s: the file is being loaded already (a cycle)", name, file)
		return
	case p.loads >= maxLoads:
		if p.loads == maxLoads {
			p.errorf("cannot load anchor %s from %s: more than %d files loaded; this one and every later one are not read", name, file, maxLoads)
		}
		p.loads++
		return
	default:
		p.loads++
		p.loading[clean] = true
		defer delete(p.loading, clean)
	}
	b, err := p.readFile(path)
	if err != nil {
		p.errorf("cannot load anchor %s from %s: %v", name, file, err)
		return
	}
	f, _ := grammar.Parse(path, b, grammar.Options{Target: p.t, ReadFile: p.readFile, IncludeRoot: p.includeRoot})
	target := p.anchorRuleset(rs, name)
	target.loaded = true
	p.loadedOrder = append(p.loadedOrder, target)
	// pfctl reads a loaded anchor's file without printing what it
	// parses: only its rules are printed, with the ruleset.
	saved := p.head
	p.head = &strings.Builder{}
	p.walk(f.Statements, target)
	p.head = saved
}

// printRuleset prints the rules of rs, anchors' rulesets nested in braces.
func (p *printer) printRuleset(b *strings.Builder, rs *ruleset, depth int) {
	for _, r := range p.loadOrder(rs.rules) {
		indent := ""
		if !p.verbose2 {
			indent = strings.Repeat("  ", depth)
		}
		b.WriteString(indent + p.formatAnyRule(r))
		if r.isAnchor {
			if sub := p.subRuleset(rs, r); sub != nil && len(sub.rules) > 0 && !sub.printed {
				// pfctl takes the rules off an anchor as it loads them:
				// a second reference to the anchor finds it empty.
				sub.printed = true
				b.WriteString(" {\n")
				p.printRuleset(b, sub, depth+1)
				b.WriteString(indent + "}\n")
				continue
			}
		}
		b.WriteString("\n")
		if p.verbose2 && r.ether == nil {
			b.WriteString(p.verboseDetail(rs, r))
		}
	}
}

// loadOrder is the order pfctl loads (and prints) a ruleset's rules in:
// as written, except where translation and scrub rules are rulesets of
// their own (FreeBSD, OpenBSD before 4.7): scrub, FreeBSD's layer-2
// ether rules, nat, rdr, binat, then the filter rules.
func (p *printer) loadOrder(rules []*rule) []*rule {
	if !p.t.HasTranslationRules() {
		return rules
	}
	var out []*rule
	for _, c := range []string{"scrub", "ether", "nat", "rdr", "binat", ""} {
		for _, r := range rules {
			if r.category == c {
				out = append(out, r)
			}
		}
	}
	return out
}

func (p *printer) subRuleset(rs *ruleset, r *rule) *ruleset {
	if r.anchorCall == "" || strings.HasSuffix(r.anchorCall, "*") {
		if r.anchorRS != nil {
			return r.anchorRS
		}
		return nil
	}
	if r.anchorRS != nil {
		return r.anchorRS
	}
	return p.anchors[p.anchorRuleset(rs, r.anchorCall).path]
}

func (p *printer) formatAnyRule(r *rule) string {
	if r.ether != nil {
		return p.formatEther(r.ether)
	}
	switch r.action {
	case "nat", "rdr", "binat":
		return p.formatTranslation(r)
	case "scrub":
		return p.formatScrub(r)
	}
	return p.formatRule(r)
}
