package grammar

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
)

// parseWith parses src for a target, reading includes from files.
func parseWith(tg, src string, files map[string]string) *File {
	opts := Options{Target: target.MustParse(tg), ReadFile: func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}}
	f, _ := Parse("dir/main.conf", []byte(src), opts)
	return f
}

func errorLines(f *File) string {
	var out []string
	for _, e := range f.Errors {
		out = append(out, fmt.Sprintf("%d: %s", e.Pos.Line, e.Msg))
	}
	return strings.Join(out, "\n")
}

// TestParseTargets checks what each release accepts and rejects. want is
// "" for a valid ruleset, else a substring of the first error, which must
// be on line 1 of the input's last line.
func TestParseTargets(t *testing.T) {
	tests := []struct {
		target, src, want string
	}{
		{"openbsd-5.4", "altq on em0 cbq bandwidth 10Mb queue { a b }\nqueue a cbq(default)\nqueue b priority 7 cbq(borrow red)", ""},
		{"openbsd-5.4", "altq on em0 hfsc bandwidth 1Gb queue { a }\nqueue a hfsc(default realtime (10Mb 20 5Mb) linkshare 10% upperlimit 50%)", ""},
		{"openbsd-7.8", "altq on em0 cbq bandwidth 10Mb queue { a }", "ALTQ was removed in OpenBSD 5.6"},
		{"openbsd-5.5", "altq on em0 priq bandwidth 10Mb queue { a }\noldqueue a priority 1 priq(default)", ""},
		{"openbsd-5.4", "oldqueue a priority 1", "oldqueue exists only in OpenBSD 5.5"},
		{"openbsd-5.5", "queue a priority 1 cbq(default)", "takes no ALTQ options"},
		{"openbsd-7.8", "queue root on em0 bandwidth 10M max 10M\nqueue std parent root bandwidth 5M burst 8M for 100ms, min 1M default qlimit 50 flows 1024 quantum 1500", ""},
		{"openbsd-5.4", "queue std parent root bandwidth 5M", "syntax error"},
		{"freebsd-14.0", "queue std bandwidth 5Mb max 6Mb", "ALTQ queue takes no parent, min, max"},
		{"openbsd-7.8", "pass out on em0 set prio (3, 5) set queue (bulk, ack)", ""},
		{"openbsd-7.8", "match out set ( prio 3, queue std, tos lowdelay, delay 10 )", ""},
		{"openbsd-5.1", "pass out prio (3, 5)", ""},
		{"openbsd-7.8", "pass out prio (3, 5)", "prio is a match criterion"},
		{"openbsd-5.1", "pass out set prio 3", "set prio does not exist on openbsd-5.1"},
		{"freebsd-14.0", "pass out set queue std", "set queue does not exist"},
		{"openbsd-4.2", "scrub in all fragment reassemble\nnat on em0 from 10/8 to any -> (em0)\npass all", ""},
		{"openbsd-7.8", "scrub in all", "replaced by match … scrub"},
		{"openbsd-7.8", "nat on em0 from any to any -> (em0)", "nat-to"},
		{"freebsd-12.1", "pass all\nnat on em0 from any to any -> (em0)", "Rules must be in order: options, normalization, queueing, translation, filtering"},
		{"freebsd-14.0", "pass all\nscrub in all", "Rules must be in order: options, ethernet, normalization"},
		{"freebsd-14.0", "set require-order no\npass all\nscrub in all", ""},
		{"openbsd-7.8", "pass all\nset skip on lo", ""},
		{"openbsd-7.8", "pass to any from any", "from, os and to must come in that order"},
		{"openbsd-7.8", "pass proto tcp flags S", "syntax error"},
		{"openbsd-7.8", "pass proto tcp flags /SA", ""},
		{"openbsd-7.8", "anchor foo {\n queue x on em0 bandwidth 1M\n}", "cannot be defined inside an anchor"},
		{"openbsd-7.8", "pass in on egress proto tcp from <bad> port { 22, >= 1024, 1000:2000, 1 <> 5 } to ! 10.0.0.0/8 user { root, >= 1000 } keep state (max 100, source-track rule, overload <bad> flush global) label \"x\" tag T", ""},
		{"openbsd-7.8", "pass out on egress nat-to (egress:0) round-robin sticky-address\npass in rdr-to 10.0.0.1 port 8080\npass out route-to { (em0 10.0.0.1), (em1 10.0.0.2) } least-states", ""},
		{"openbsd-7.8", "queue default on em0 bandwidth 1M", "syntax error"},
		{"openbsd-7.8", "queue \"default\" on em0 bandwidth 1M default", ""},
		// `!` in ether rules (FreeBSD parse.y: xmac, if_item_not) and
		// nowhere else among free-form operands.
		{"freebsd-15.0", "ether block in on em0 from ! 02:e0:4c:68:0a:0a", ""},
		{"freebsd-15.0", "ether block out on em0 to { ! 00:01:02:03:04:05 }", ""},
		{"freebsd-15.0", "ether block on ! em0", ""},
		{"freebsd-15.0", "pass in proto tcp keep state (! max 10)", `unexpected "!"`},
		{"freebsd-15.0", "set limit ! states 10", `unexpected "!"`},
		{"freebsd-15.0", "set skip on ! lo0", "skip on ! <interface> is not supported"},
		{"openbsd-7.8", "match in all scrub (! no-df)", `unexpected "!"`},
		// participle's expectation in pf's words, never a grammar type name
		{"openbsd-7.8", "e = \"\"\npass in on em0 rdr-to $e", "unexpected end of line, expected an address"},
	}
	for _, tc := range tests {
		t.Run(tc.target+": "+tc.src, func(t *testing.T) {
			f := parseWith(tc.target, tc.src, nil)
			got := errorLines(f)
			switch {
			case tc.want == "" && got != "":
				t.Errorf("want no error, got:\n%s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("want an error containing %q, got:\n%s", tc.want, got)
			}
		})
	}
}

// TestOptionOrder: where pfctl enforces the statement order, only the set
// options whose action calls check_rulestate(PFCTL_STATE_OPTION) must come
// before rules (FreeBSD sbin/pfctl/parse.y, main at 01c44736; OpenBSD
// parse.y 1.554, OpenBSD 4.5). Skip, state-policy, hostid,
// ruleset-optimization, require-order, state-defaults, keepcounters and
// syncookies may follow rules and leave the state where it was.
func TestOptionOrder(t *testing.T) {
	const order = "Rules must be in order"
	tests := []struct {
		target, src, want string
	}{
		{"freebsd-14.0", "pass all\nset skip on lo", ""},
		{"freebsd-14.0", "pass all\nset state-policy if-bound", ""},
		{"freebsd-14.0", "pass all\nset hostid 1", ""},
		{"freebsd-14.0", "pass all\nset ruleset-optimization basic", ""},
		{"freebsd-14.0", "pass all\nset require-order yes", ""},
		{"freebsd-14.0", "pass all\nset state-defaults pflow", ""},
		{"freebsd-14.0", "pass all\nset keepcounters", ""},
		{"freebsd-14.0", "pass all\nset syncookies adaptive (start 25%, end 12%)", ""},
		{"freebsd-12.1", "pass all\nset skip on { lo0 em0 }", ""},
		{"openbsd-4.5", "pass all\nset skip on lo", ""},
		{"openbsd-4.5", "pass all\nset state-policy floating", ""},
		// The exempt option leaves the state at filtering: nat still may not follow.
		{"freebsd-14.0", "pass all\nset skip on lo\nnat on em0 from any to any -> (em0)", order},
		{"freebsd-14.0", "pass all\nset reassemble yes", order},
		{"freebsd-14.0", "pass all\nset optimization normal", order},
		{"freebsd-14.0", "pass all\nset loginterface em0", order},
		{"freebsd-14.0", "pass all\nset block-policy drop", order},
		{"freebsd-14.0", "pass all\nset fail-policy return", order},
		{"freebsd-14.0", "pass all\nset fingerprints \"/etc/pf.os\"", order},
		{"freebsd-14.0", "pass all\nset debug urgent", order},
		{"freebsd-14.0", "pass all\nset timeout interval 10", order},
		{"freebsd-14.0", "pass all\nset limit states 1000", order},
		{"openbsd-4.5", "pass all\nset block-policy return", order},
		{"openbsd-4.5", "pass all\nset timeout { tcp.first 10 }", order},
	}
	for _, tc := range tests {
		t.Run(tc.target+": "+tc.src, func(t *testing.T) {
			got := errorLines(parseWith(tc.target, tc.src, nil))
			switch {
			case tc.want == "" && got != "":
				t.Errorf("want no error, got:\n%s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("want an error containing %q, got:\n%s", tc.want, got)
			}
		})
	}
}

// TestErrorRecovery: one error per bad statement, and parsing goes on.
func TestErrorRecovery(t *testing.T) {
	src := "pass in al\npass out all\nblock in on\nqueue\n\npass all label\npass all\n"
	f := parseWith("openbsd", src, nil)
	var lines []int
	for _, e := range f.Errors {
		lines = append(lines, e.Pos.Line)
	}
	if fmt.Sprint(lines) != "[1 3 4 6]" {
		t.Errorf("error lines %v, want [1 3 4 6]:\n%s", lines, errorLines(f))
	}
	var parsed int
	for _, s := range f.Statements {
		if s.Stmt != nil {
			parsed++
		}
	}
	if parsed != 2 {
		t.Errorf("%d statements parsed, want the 2 good ones", parsed)
	}
}

// TestYaccSilence marks the errors pfctl's parser would not print.
func TestYaccSilence(t *testing.T) {
	f := parseWith("openbsd", "pass in al\nqueue 80 on em0\n\nqueue 80 on em0\n", nil)
	if len(f.Errors) != 3 {
		t.Fatalf("want 3 errors, got:\n%s", errorLines(f))
	}
	if f.Errors[0].Unreported || !f.Errors[1].Unreported || f.Errors[2].Unreported {
		t.Errorf("want only the second error unreported (it follows an error and fails at its second token): %+v %+v %+v",
			f.Errors[0], f.Errors[1], f.Errors[2])
	}
}

func TestMacros(t *testing.T) {
	src := "ports = \"{ ssh, smtp }\"\next_if = em0\npass out on $ext_if proto tcp to port $ports\n" +
		"pass on $later\nlater = em1\n"
	f := parseWith("openbsd", src, nil)
	if len(f.Errors) != 1 || f.Errors[0].Msg != "macro 'later' not defined" || f.Errors[0].Pos.Line != 4 {
		t.Fatalf("want only \"macro 'later' not defined\" on line 4, got:\n%s", errorLines(f))
	}
	rule := f.Statements[2].Rule
	if rule == nil || rule.On.Items[0].Name.Text() != "em0" {
		t.Fatalf("macro not expanded in the rule: %+v", f.Statements[2])
	}
	port := rule.FromTo.To().Port
	if len(port.Items) != 2 || port.Items[1].From.Text() != "smtp" {
		t.Errorf("port list from a macro: %+v", port.Items)
	}
	var used []string
	for _, m := range f.Macros.All() {
		if m.Used {
			used = append(used, m.Name)
		}
	}
	if fmt.Sprint(used) != "[ports ext_if]" {
		t.Errorf("used macros %v", used)
	}
}

func TestDefineOverride(t *testing.T) {
	opts := Options{Target: target.Default, Defines: map[string]string{"ext_if": "vio0"}}
	f, err := Parse("t", []byte("ext_if = em0\npass on $ext_if\n"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Statements[1].Rule.On.Items[0].Name.Text(); got != "vio0" {
		t.Errorf("-D ext_if=vio0: rule is on %q", got)
	}
}

func TestIncludes(t *testing.T) {
	files := map[string]string{
		"dir/macros.conf":    "ext_if = em0\n",
		"dir/sub/rules.conf": "pass on $ext_if\ninclude \"../main.conf\"\n",
	}
	f := parseWith("openbsd", "include \"macros.conf\"\ninclude \"sub/rules.conf\"\ninclude \"missing.conf\"\npass on $ext_if\n", files)
	want := []string{"include cycle", "cannot open the include file missing.conf: No such file or directory"}
	got := errorLines(f)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("want an error containing %q, got:\n%s", w, got)
		}
	}
	inc := f.Statements[1].Included
	if inc == nil || inc.Source.Name != "dir/sub/rules.conf" || inc.Statements[0].Rule == nil {
		t.Fatalf("sub/rules.conf not read relative to the including file: %+v", inc)
	}
	if len(f.Errors) != 2 {
		t.Errorf("want exactly 2 errors, got:\n%s", got)
	}
}

func TestAnchors(t *testing.T) {
	src := "anchor \"ext\" on em0 {\n  pass in proto tcp to port 22\n  anchor inner {\n    block all\n  }\n}\n" +
		"anchor lists from { 10.0.0.1 10.0.0.2 }\n{\n pass all\n}\nload anchor spam from \"/etc/pf.spam\"\n"
	f := parseWith("openbsd", src, nil)
	if len(f.Errors) > 0 {
		t.Fatalf("errors:\n%s", errorLines(f))
	}
	if len(f.Statements) != 4 {
		t.Fatalf("want 4 top-level statements, got %d", len(f.Statements))
	}
	outer := f.Statements[0]
	if !outer.HasBody || len(outer.Body) != 2 || len(outer.Body[1].Body) != 1 {
		t.Errorf("nested anchor bodies not read: %+v", outer.Body)
	}
	if outer.Text() != src[:strings.Index(src, "\n}\n")+2] {
		t.Errorf("anchor span %q", outer.Text())
	}
	if f.Statements[1].HasBody || f.Statements[2].Anonymous == nil || f.Statements[3].LoadAnchor == nil {
		t.Errorf("list after from taken for a body, or anonymous anchor / load anchor missed")
	}
	f = parseWith("openbsd", "anchor x {\n pass all\n", nil)
	if !strings.Contains(errorLines(f), "expected \"}\" to close the anchor") {
		t.Errorf("unclosed anchor: %s", errorLines(f))
	}
}

func TestTemplate(t *testing.T) {
	f := parseWith("openbsd", "ext_if = \"{{ ext_if }}\"\npass on {{ ext_if }}\n", nil)
	if !strings.Contains(errorLines(f), "this is a template") {
		t.Errorf("template not named:\n%s", errorLines(f))
	}
	f = parseWith("openbsd", "# {{ a comment }}\npass all\n", nil)
	if len(f.Errors) != 0 {
		t.Errorf("a template tag in a comment is harmless:\n%s", errorLines(f))
	}
}

func TestNodeSpan(t *testing.T) {
	src := "ack = \"ack_q\"\npass out on em0 queue (std, $ack)   label \"x\" # comment\npass out queue $ack\n"
	f := parseWith("openbsd-5.4", src, nil)
	if len(f.Errors) > 0 {
		t.Fatal(errorLines(f))
	}
	s := f.Statements[1]
	var q *QueueRef
	for _, o := range s.Rule.Options {
		if o, ok := o.(*OptQueue); ok {
			q = o.Queue
		}
	}
	if got := f.Source.Text(s.NodeSpan(q.Pos, q.EndPos)); got != "(std, $ack)" {
		t.Errorf("queue span %q, want %q", got, "(std, $ack)")
	}
	last := s.Rule.Options[len(s.Rule.Options)-1]
	if got := f.Source.Text(s.NodeSpan(last.Bounds())); got != `label "x"` {
		t.Errorf("label span %q", got)
	}
	s = f.Statements[2]
	q = s.Rule.Options[0].(*OptQueue).Queue
	if got := f.Source.Text(s.NodeSpan(q.Pos, q.EndPos)); got != "$ack" {
		t.Errorf("queue from a macro: span %q, want $ack", got)
	}
}

func TestSetOptionCommas(t *testing.T) {
	for src, want := range map[string]string{
		"set state-defaults pflow, no-sync":            "",
		"set timeout { tcp.first 10, tcp.closing 5 }":  "",
		"set timeout tcp.closing 6, tcp.opening 6":     "more than one timeout setting needs { }",
		"set limit states 1000, frags 1000":            "more than one limit setting needs { }",
		"set syncookies adaptive (start 25%, end 12%)": "",
		"set limit { states 1000, frags 1000 }":        "",
	} {
		got := errorLines(parseWith("openbsd", src, nil))
		if (want == "" && got != "") || (want != "" && !strings.Contains(got, want)) {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

func TestStatementTooLong(t *testing.T) {
	src := "table <t> {" + strings.Repeat(" 10.0.0.1", maxStatementTokens) + " }\npass all\n"
	f := parseWith("openbsd", src, nil)
	if !strings.Contains(errorLines(f), "statement too long") || len(f.Errors) != 1 {
		t.Errorf("want one statement-too-long error, got:\n%s", errorLines(f))
	}
	if last := f.Statements[len(f.Statements)-1]; last.Rule == nil {
		t.Errorf("parsing did not go on after the long statement")
	}
}

func TestMacroExpansionCap(t *testing.T) {
	// Few, long words: the byte cap stops the growth before the token cap.
	// A comment of 1 MiB raises the budget of the whole ruleset (budget.go)
	// past what the statements before the capped one expand to.
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", strings.Repeat("c", 1<<20))
	fmt.Fprintf(&b, "a0 = \"%s\"\n", strings.TrimSpace(strings.Repeat(strings.Repeat("w", 99)+" ", 80)))
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&b, "a%d = $a%d $a%d\n", i, i-1, i-1)
	}
	f := parseWith("openbsd", b.String(), nil)
	if !strings.Contains(errorLines(f), "makes this statement longer than 1048576 bytes") {
		t.Errorf("want the macro expansion cap, got:\n%s", errorLines(f))
	}
}

func TestIncludeRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "secret.conf"), []byte("password = hunter2\n"), 0o644)
	os.WriteFile(filepath.Join(root, "sub", "ok.conf"), []byte("pass all\n"), 0o644)
	os.Symlink(filepath.Join(dir, "secret.conf"), filepath.Join(root, "link.conf"))
	main := filepath.Join(root, "pf.conf")
	src := "include \"sub/ok.conf\"\ninclude \"../secret.conf\"\ninclude \"" + filepath.Join(dir, "secret.conf") + "\"\ninclude \"link.conf\"\n"
	f, _ := Parse(main, []byte(src), Options{Target: target.Default, IncludeRoots: []string{root}})
	got := errorLines(f)
	if strings.Contains(got, "hunter2") {
		t.Fatalf("an outside file was echoed:\n%s", got)
	}
	for _, line := range []string{"2: include ../secret.conf: outside the include root", "3: include ", "4: include link.conf: outside the include root"} {
		if !strings.Contains(got, line) {
			t.Errorf("want %q in:\n%s", line, got)
		}
	}
	if strings.Contains(got, "1: ") || f.Statements[0].Included == nil {
		t.Errorf("the include inside the root was refused:\n%s", got)
	}
}

func TestIncludeUnreadable(t *testing.T) {
	opts := Options{Target: target.Default, ReadFile: func(p string) ([]byte, error) {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
	}}
	f, _ := Parse("main.conf", []byte("include \"secret.conf\"\npass all\n"), opts)
	if got := errorLines(f); got != "1: cannot open the include file secret.conf: permission denied" {
		t.Errorf("got %q", got)
	}
}

// TestLargeInlineTable parses a table of 260,000 addresses with commas
// between them: 520,000 tokens in one statement, as generated rulesets
// have (the statement cap once stopped at 500,000).
func TestLargeInlineTable(t *testing.T) {
	const n = 260_000
	var b strings.Builder
	b.WriteString("table <big> persist {")
	for i := range n {
		fmt.Fprintf(&b, " 10.%d.%d.%d,", i>>16&255, i>>8&255, i&255)
	}
	b.WriteString(" 192.0.2.1 }\npass in from <big>\n")
	f := parseWith("openbsd", b.String(), nil)
	if len(f.Errors) > 0 {
		t.Fatalf("%d errors, first %v", len(f.Errors), f.Errors[0])
	}
	tbl := f.Statements[0].Table
	if tbl == nil || len(tbl.Options) != 2 || len(tbl.Options[1].Entries) != n+1 {
		t.Fatalf("want a table of %d entries, got %+v", n+1, f.Statements[0].Stmt)
	}
}
