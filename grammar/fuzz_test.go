package grammar

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

// fuzzTargets are the grammars a fuzz input is parsed for; the input's
// second argument picks one. They cover both keyword eras, ALTQ, the new
// queues and FreeBSD's `->`.
var fuzzTargets = []target.Target{
	target.MustParse("openbsd"),
	target.MustParse("openbsd-5.4"),
	target.MustParse("openbsd-5.5"),
	target.MustParse("freebsd"),
	target.MustParse("freebsd-12.1"),
	target.MustParse("openbsd-4.3"),
}

// fuzzIncludes is the whole file system a fuzzed ruleset sees: reading the
// real one could hang on /dev/zero or read anything at all.
var fuzzIncludes = map[string]string{
	"inc.conf":  "pass in on $ext_if\ntable <inc> { 10.0.0.1 }\n",
	"loop.conf": "include \"loop.conf\"\n",
	"bad.conf":  "pass in from {\n",
}

func fuzzOptions(sel uint8) Options {
	return Options{
		Target: fuzzTargets[int(sel)%len(fuzzTargets)],
		ReadFile: func(p string) ([]byte, error) {
			if s, ok := fuzzIncludes[p]; ok {
				return []byte(s), nil
			}
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
		},
	}
}

// fuzzSeeds cover every statement kind and the lexer's corners: macros
// (quoted, unquoted, nested, undefined), quotes of both kinds with escapes,
// continuation lines, comments, lists over several lines, anchors with
// bodies, and a few broken statements.
var fuzzSeeds = []string{
	"ext_if = \"em0\"\npass in on $ext_if proto tcp to port ssh\n",
	"a = x\nb = $a $a\nc = \"$b\"\npass in on { $b } label $c\n",
	"ports = \"{ 22, 80 }\"\npass in proto tcp to port $ports keep state (max 100, source-track rule)\n",
	"table <bad> persist { 10.0.0.0/8, !10.1.0.0/16 \\\n\t192.168.1.1 }\ntable <f> const file \"/etc/f\"\n",
	"set skip on lo0\nset limit { states 1000, frags 20 }\nset timeout tcp.established 600\nset block-policy return\n",
	"altq on em0 cbq bandwidth 10Mb queue { std, ssh }\nqueue std bandwidth 50% cbq(default)\nqueue ssh bandwidth 50% priority 7 cbq(borrow red) { a b }\n",
	"altq on em0 priq bandwidth 100Mb queue { hi lo }\nqueue hi priority 7\nqueue lo priority 0 priq(default)\n",
	"altq on em0 hfsc bandwidth 1Gb queue { d }\nqueue d bandwidth 10% hfsc(default realtime (10Mb 50 5Mb) upperlimit 90%)\n",
	"queue root on em0 bandwidth 100M max 100M\nqueue std parent root bandwidth 20M min 5M burst 40M for 100ms default qlimit 50\n",
	"altq on em0 cbq bandwidth 1Mb queue q\noldqueue q bandwidth 100% cbq(default)\n",
	"pass out on egress inet proto tcp from any to any port 80 queue (web, ack) set prio (2, 5) set queue web\n",
	"match out on egress from 10.0.0.0/8 nat-to (egress:0) port 1024:65535 static-port\n",
	"match in on em0 proto tcp to port 2222 rdr-to 10.0.0.5 port ssh\nmatch in all scrub (no-df random-id max-mss 1440)\n",
	"block return-icmp (port-unr) in log (all, to pflog1) quick on ! em1 inet6 from ! <bad> to (em0:network) icmp6-type { echoreq unreach }\n",
	"anchor \"a/b\" in on em0 {\n\tpass\n\tanchor inner {\n\t\tblock\n\t}\n}\n",
	"{\n\tpass in all\n}\nanchor {\n}\n",
	"load anchor \"spamd\" from \"/etc/pf/spamd.anchor\"\nanchor \"relayd/*\"\n",
	"antispoof log quick for { em0 em1 } inet label \"spoof\"\n",
	"scrub in on em0 all fragment reassemble min-ttl 15 max-mss 1440\nno scrub on em1 from 10.0.0.1\n",
	"nat on em0 inet from 10.0.0.0/8 to any -> (em0) port 1024:65535 static-port\nrdr pass on em1 proto tcp to port 21 -> 127.0.0.1 port 8021\nbinat on em0 from 10.0.0.9 -> 198.51.100.9\nno nat on em0 from 10.1.0.0/16\n",
	"nat-anchor \"ftp-proxy/*\"\nrdr-anchor \"ftp-proxy/*\"\nbinat-anchor x\n",
	"ether pass in quick on em0 from 00:11:22:33:44:55 l3 from 10.0.0.1\n",
	"state limiter \"lim\" id 1 limit 100 rate 10/1\npass in state limiter \"lim\"\n",
	"include \"inc.conf\"\ninclude \"loop.conf\"\ninclude \"missing.conf\"\ninclude \"bad.conf\"\n",
	"pass in proto tcp from any port { > 1023, 6000:6010, 1 >< 9 } to any port != 25 flags S/SA user >= 1000 group wheel\n",
	"pass in route-to (em1 192.0.2.1) inet from any to any reply-to { (em2 10.0.0.1), 10.0.0.2 } round-robin divert-to 127.0.0.1 port 8080\n",
	"pass in inet af-to inet6 from 2001:db8::1 to 2001:db8::/96 once tag T tagged T ! tagged U probability 20% rtable 2\n",
	"label = 'single \\' quote'\npass label \"escaped \\\" quote\" tag 'x y'\n",
	"pass \\\n in \\\n all # comment \\\n\npass out\r\nblock\r\n",
	"pass in from { 10.0.0.1\n10.0.0.2,\n10.0.0.3 } to any\n",
	"# only a comment\n\n\n",
	"pass in on $undefined\n$\n$$a\npass in on \"unterminated\n",
	"pass in from { { { 10.0.0.1 } } } to ( ( em0 ) )\n}\n{{ template }}\n",
	"-1 = 2\n10 = x\nnat = y\npass -> x\n123abc = 1\n",
	"\x00\xff\xfe\\",
	"",
}

// FuzzParse checks properties that must hold for any input: no panic;
// every error and every statement, token and body lies inside its source;
// sibling statements come in order and do not overlap; a body lies inside
// its anchor; and reading it without the reader's fast path, or without
// the memo of participle's errors, gives the same result.
func FuzzParse(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i))
	}
	for i, tg := range []string{"openbsd-5.4", "openbsd", "freebsd"} {
		f.Add(gen.Ruleset(60, target.MustParse(tg)), uint8([]int{1, 0, 3}[i]))
	}
	// What the memo of participle's errors answers most: a ruleset
	// written for ALTQ, read for a release without it.
	f.Add([]byte(memoShapes), uint8(0))
	f.Add(gen.Ruleset(120, target.MustParse("openbsd-5.4")), uint8(0))
	// Real rulesets, when the repository has copies of them.
	filepath.WalkDir(filepath.Join("..", "testdata", "examples"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && len(b) <= 64<<10 {
			f.Add(b, uint8(0))
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte, sel uint8) {
		opts := fuzzOptions(sel)
		file, err := Parse("fuzz.conf", src, opts)
		if (err == nil) != (len(file.Errors) == 0) {
			t.Fatalf("Parse returned error %v with %d errors in File.Errors", err, len(file.Errors))
		}
		sources := map[string]int{"fuzz.conf": len(src)}
		for name, s := range fuzzIncludes {
			sources[name] = len(s)
		}
		for _, e := range file.Errors {
			n, ok := sources[e.Pos.File]
			if !ok {
				t.Fatalf("error in unknown file %q: %v", e.Pos.File, e)
			}
			if e.Pos.Offset < 0 || e.Pos.Offset > n || e.Pos.Line < 1 || e.Pos.Column < 1 {
				t.Fatalf("error outside its source (%d bytes): %+v", n, e.Pos)
			}
		}
		checkStatements(t, file.Statements, nil)

		// Read again without the reader's fast path (scan.go): the
		// lexer alone must read it alike, token for token.
		opts = fuzzOptions(sel)
		opts.noScan = true
		again, _ := Parse("fuzz.conf", src, opts)
		if a, b := file.Errors.Error(), again.Errors.Error(); a != b {
			t.Fatalf("two parses differ:\n%s\n---\n%s", a, b)
		}
		if a, b := fuzzShape(file.Statements), fuzzShape(again.Statements); a != b {
			t.Fatalf("two parses split statements differently:\n%s\n---\n%s", a, b)
		}
		if a, b := readerShape(file), readerShape(again); a != b {
			t.Fatalf("the scan and the lexer read it differently:\n%s", firstLineDiff(a, b))
		}

		// Read again with participle reading every statement the fast
		// path declines (no memo of its errors): the same errors.
		opts = fuzzOptions(sel)
		opts.noFallbackMemo = true
		unmemo, _ := Parse("fuzz.conf", src, opts)
		if d := exactErrorsDiff(file.Errors, unmemo.Errors); d != "" {
			t.Fatalf("the memo of participle's errors changes them: %s", d)
		}
	})
}

// checkStatements checks the spans of sibling statements and, recursively,
// of anchor bodies and included files.
func checkStatements(t *testing.T, stmts []*Statement, parent *Statement) {
	t.Helper()
	prevEnd := -1
	var prevSrc *Source
	for _, s := range stmts {
		if s.Source == nil {
			t.Fatalf("statement without a source: %+v", s)
		}
		n := len(s.Source.Bytes)
		sp := s.Span
		if sp.Start < 0 || sp.Start > sp.End || sp.End > n {
			t.Fatalf("statement span %v outside its source of %d bytes: %q", sp, n, s.Text())
		}
		if s.Source == prevSrc && sp.Start < prevEnd {
			t.Fatalf("statement %v starts before the previous one ends at %d: %q", sp, prevEnd, s.Text())
		}
		prevEnd, prevSrc = sp.End, s.Source
		if parent != nil && (s.Source != parent.Source || sp.Start < parent.Span.Start || sp.End > parent.Span.End) {
			t.Fatalf("body statement %v outside its anchor %v", sp, parent.Span)
		}
		for _, tok := range s.Tokens.All() {
			if tok.Span.Start < sp.Start || tok.Span.End > sp.End || tok.Span.Start > tok.Span.End {
				t.Fatalf("token %q at %v outside its statement %v", tok.Text, tok.Span, sp)
			}
		}
		checkStatements(t, s.Body, s)
		if s.Included != nil {
			checkStatements(t, s.Included.Statements, nil)
		}
	}
}

// fuzzShape renders the statement tree's spans for comparing two parses.
func fuzzShape(stmts []*Statement) string {
	var out string
	for _, s := range stmts {
		out += fmt.Sprintf("%s%v%t[", s.Source.Name, s.Span, s.Stmt != nil)
		out += fuzzShape(s.Body)
		if s.Included != nil {
			out += "inc:" + fuzzShape(s.Included.Statements)
		}
		out += "]"
	}
	return out
}

// FuzzLex runs the lexer alone, which is cheaper than a parse and so
// explores its corners faster: it must end at EOF within a bound that
// grows with the input, with every token inside the source and tokens in
// order.
func FuzzLex(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, src []byte, sel uint8) {
		tg := fuzzTargets[int(sel)%len(fuzzTargets)]
		// Macros as -D would give them, to exercise expansion: each
		// expands to at most 12 bytes.
		macros := NewMacros(map[string]string{"m": "pass in", "l": "{ a, b }", "q": "\"x", "n": "12/3", "e": ""})
		var errs, slowErrs ErrorList
		lx := newLexer(NewSource("fuzz.conf", src), wordClassesFor(tg), macros, hasArrow(tg), &errs)
		// The same input read a character at a time must give the same
		// tokens and errors as with plainWord's byte scan.
		slow := newLexer(NewSource("fuzz.conf", src), wordClassesFor(tg), macros, hasArrow(tg), &slowErrs)
		slow.charByChar = true
		limit := 16*len(src) + 16
		prev := 0
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("no EOF after %d tokens for %d bytes", i, len(src))
			}
			tok := lx.next()
			if st := slow.next(); !sameToken(tok, st) {
				t.Fatalf("token %d: scanned %s %q at %v, read by character %s %q at %v",
					i, tok.Kind, tok.Text, tok.Span, st.Kind, st.Text, st.Span)
			}
			if tok.Span.Start < 0 || tok.Span.Start > tok.Span.End || tok.Span.End > len(src) {
				t.Fatalf("token %s %q at %v outside the source of %d bytes", tok.Kind, tok.Text, tok.Span, len(src))
			}
			if tok.Span.Start < prev {
				t.Fatalf("token %s %q at %v starts before the previous token at %d", tok.Kind, tok.Text, tok.Span, prev)
			}
			prev = tok.Span.Start
			if tok.Kind == EOF {
				break
			}
		}
		for _, e := range errs {
			if e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
				t.Fatalf("error outside the source: %v", e)
			}
		}
		if a, b := errs.Error(), slowErrs.Error(); a != b {
			t.Fatalf("errors differ: scanned %q, read by character %q", a, b)
		}
	})
}

// sameToken compares two tokens of the same source.
func sameToken(a, b Token) bool {
	if a.Kind != b.Kind || a.Text != b.Text || a.Span != b.Span || (a.Macro == nil) != (b.Macro == nil) {
		return false
	}
	return a.Macro == nil || (a.Macro.Name == b.Macro.Name && a.Macro.Span == b.Macro.Span)
}

// FuzzBudgets builds a random graph of files that include each other and
// macros that expand each other from the fuzzer's bytes, with the budgets
// scaled down so that every input can reach them quickly, and checks that
// each budget holds: the work of a parse stays bounded by its input's
// size, however the graph multiplies it.
func FuzzBudgets(f *testing.F) {
	saved := [...]int{expansionBase, expansionPerByte, maxIncludes, maxIncludedBytes, maxRepeatedStatements}
	expansionBase, expansionPerByte, maxIncludes, maxIncludedBytes, maxRepeatedStatements = 64<<10, 4, 200, 256<<10, 2_000
	f.Cleanup(func() {
		expansionBase, expansionPerByte, maxIncludes, maxIncludedBytes, maxRepeatedStatements = saved[0], saved[1], saved[2], saved[3], saved[4]
	})
	f.Add([]byte{5, 0x10, 0x21, 0x31, 0x02, 0x13, 0x22, 0x40, 0x51})
	f.Add([]byte{2, 0xf0, 0xf1, 0x03, 0xf0, 0xf1})
	f.Add([]byte{1, 0x01, 0x11, 0x21, 0x31, 0x41, 0x51, 0x61, 0x71, 0x82})
	f.Add([]byte{6, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0x03, 0xf0, 0xf2, 0x03, 0xf3, 0xf4, 0x03, 0xf5})
	f.Fuzz(func(t *testing.T, data []byte) {
		files := budgetGraph(data)
		opts := Options{Target: target.MustParse("openbsd"), ReadFile: func(p string) ([]byte, error) {
			if s, ok := files[p]; ok {
				return []byte(s), nil
			}
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
		}}
		main := []byte(files["f0.conf"])
		file, st := parse("f0.conf", main, opts)
		bu := st.budget
		distinct := len(main)
		for _, r := range bu.files {
			distinct += len(r.b)
		}
		// The expansion budget holds exactly; the include budgets may be
		// passed by the one file read before the check refuses the next.
		if limit := expansionBase + expansionPerByte*distinct; bu.expanded > limit {
			t.Errorf("expanded %d bytes, past the budget %d", bu.expanded, limit)
		}
		if bu.includes > maxIncludes {
			t.Errorf("%d includes followed, more than %d", bu.includes, maxIncludes)
		}
		if bu.bytes > maxIncludedBytes+distinct {
			t.Errorf("%d bytes read through includes, more than %d", bu.bytes, maxIncludedBytes)
		}
		if bu.statements > maxRepeatedStatements+distinct {
			t.Errorf("%d statements read again, more than %d", bu.statements, maxRepeatedStatements)
		}
		// The tree holds no more statements than the distinct input and
		// the statements read again allow: a statement ends at a newline
		// of a file, which no macro holds, or at one of the braces that
		// close anchors (maxNesting at most a line).
		n := 0
		var walk func(*File)
		walk = func(f *File) {
			var stmts func([]*Statement)
			stmts = func(ss []*Statement) {
				for _, s := range ss {
					n++
					stmts(s.Body)
					if s.Included != nil {
						walk(s.Included)
					}
				}
			}
			stmts(f.Statements)
		}
		walk(file)
		if limit := distinct*(1+maxNesting) + bu.statements; n > limit {
			t.Errorf("%d statements in the tree, more than %d (the distinct bytes and those read again)", n, limit)
		}
	})
}

// budgetGraph turns bytes into up to six files f0.conf…f5.conf. The first
// byte says how many; each later byte is an operation on the current
// file: its low nibble the kind, its high nibble the argument.
func budgetGraph(data []byte) map[string]string {
	if len(data) == 0 {
		return map[string]string{"f0.conf": ""}
	}
	n := 1 + int(data[0])%6
	texts := make([]strings.Builder, n)
	cur := 0
	for _, op := range data[1:] {
		arg := int(op >> 4)
		b := &texts[cur]
		switch op & 0xf {
		case 0, 1: // include another file, 1 to 16 times
			for range arg + 1 {
				fmt.Fprintf(b, "include \"f%d.conf\"\n", (cur+1+int(op&1))%n)
			}
		case 2: // a macro doubling another
			fmt.Fprintf(b, "m%d = $m%d $m%d\n", arg%8, (arg+1)%8, (arg+1)%8)
		case 3: // the next file
			cur = (cur + 1) % n
		case 4: // a macro of a word
			fmt.Fprintf(b, "m%d = w%d\n", arg%8, arg)
		case 5: // a rule using a macro
			fmt.Fprintf(b, "pass in on $m%d\n", arg%8)
		case 6: // a macro that is the one before and one more word
			fmt.Fprintf(b, "m%d = $m%d x\n", arg%8, (arg+7)%8)
		case 7: // an include of a file that is not there
			b.WriteString("include \"missing.conf\"\n")
		default: // a rule
			fmt.Fprintf(b, "pass in on em%d\n", arg)
		}
	}
	files := map[string]string{}
	for i := range texts {
		files[fmt.Sprintf("f%d.conf", i)] = texts[i].String()
	}
	return files
}
