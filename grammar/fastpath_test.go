package grammar

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

// sameAsParticiple parses src twice, with the fast path
// and with participle alone, and fails unless both give the same
// statements, field for field but the positions, and the same errors. It
// returns how many errors there were. participle fills no Offset (its
// trees have the statement's start throughout: fallbackOffsets); the fast
// path's are checked to be in place (offsetsInPlace), and the errors
// reported at them to be the same.
func sameAsParticiple(t *testing.T, name string, src []byte, opts Options) (errors int) {
	t.Helper()
	fast, _ := Parse(name, src, opts)
	opts.participleOnly = true
	slow, _ := Parse(name, src, opts)
	if d := sameErrors(fast.Errors, slow.Errors); d != "" {
		t.Fatalf("%s (%s): errors differ (%s)\nfast path:  %s\nparticiple: %s", name, opts.Target, d,
			fast.Errors.Error(), slow.Errors.Error())
	}
	sameStatements(t, name, opts.Target, fast.Statements, slow.Statements)
	return len(slow.Errors)
}

// sameErrors compares the errors of the fast path's parse with those of
// participle's and says how they differ, or "". They are the same errors,
// but those reported at a node are at the node with the fast path and at
// its statement's start with participle (fallbackOffsets): those of one
// kind (file, code, message), in order of position, are paired, and
// participle's may be before the fast path's.
func sameErrors(fast, slow ErrorList) string {
	if fast.Error() == slow.Error() {
		return ""
	}
	if len(fast) != len(slow) {
		return fmt.Sprintf("%d errors vs %d", len(fast), len(slow))
	}
	type kind struct {
		file, msg  string
		code       Code
		unreported bool
	}
	of := func(l ErrorList) map[kind][]int {
		m := map[kind][]int{}
		for _, e := range l {
			k := kind{e.Pos.File, e.Msg, e.Code, e.Unreported}
			m[k] = append(m[k], e.Pos.Offset)
		}
		for _, offs := range m {
			slices.Sort(offs)
		}
		return m
	}
	f, s := of(fast), of(slow)
	for k, fo := range f {
		so := s[k]
		if len(so) != len(fo) {
			return fmt.Sprintf("%d vs %d of %q", len(fo), len(so), k.msg)
		}
		for i := range fo {
			if so[i] > fo[i] {
				return fmt.Sprintf("%q at offset %d vs %d", k.msg, fo[i], so[i])
			}
		}
	}
	return ""
}

func sameStatements(t *testing.T, name string, tg target.Target, fast, slow []*Statement) {
	t.Helper()
	if len(fast) != len(slow) {
		t.Fatalf("%s (%s): %d statements with the fast path, %d with participle", name, tg, len(fast), len(slow))
	}
	for i := range fast {
		if d := firstDiff(reflect.ValueOf(fast[i].Stmt), reflect.ValueOf(slow[i].Stmt), "Stmt"); d != "" {
			t.Fatalf("%s (%s): statement at %v differs (fast path vs participle): %s", name, tg,
				slow[i].Source.Position(slow[i].Span.Start), d)
		}
		if fast[i].Stmt != nil {
			if d := offsetsInPlace(fast[i], reflect.ValueOf(fast[i].Stmt), "Stmt", -1, -1); d != "" {
				t.Fatalf("%s (%s): statement at %v: the fast path put a node out of place: %s", name, tg,
					fast[i].Source.Position(fast[i].Span.Start), d)
			}
		}
		sameStatements(t, name, tg, fast[i].Body, slow[i].Body)
	}
}

// firstDiff names the first field in which a and b differ, with both
// values. Positions (Offset) are not compared.
func firstDiff(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return fmt.Sprintf("%s: %v vs %v", path, a, b)
	}
	if a.Type() == offsetType {
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %v vs nil %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: %d items (nil %v) vs %d (nil %v)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for i := range a.Len() {
			if d := firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %#v vs %#v", path, a.Interface(), b.Interface())
	}
	return ""
}

// offsetsInPlace checks the positions of the tree at v, a part of s's
// tree within the node that starts at from and ends at to (-1: no
// bound): a node starts where one of the statement's tokens starts, or
// after its last (a node that matched nothing at the end); it ends no earlier
// than it starts, at such a place too; and it lies within the node it is
// part of. It returns what is out of place, or "".
func offsetsInPlace(s *Statement, v reflect.Value, path string, from, to int) string {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ""
		}
		return offsetsInPlace(s, v.Elem(), path, from, to)
	case reflect.Slice:
		for i := range v.Len() {
			if d := offsetsInPlace(s, v.Index(i), fmt.Sprintf("%s[%d]", path, i), from, to); d != "" {
				return d
			}
		}
		return ""
	case reflect.Struct:
	default:
		return ""
	}
	last := s.Tokens.Len() - 1
	if s.HasBody {
		last-- // the body's `{` is not parsed
	}
	tokenAt := func(o int) bool {
		if last < 0 || o >= s.Tokens.Span(last).End {
			return o <= len(s.Source.Bytes)
		}
		for i := range s.Tokens.Len() {
			if s.Tokens.Span(i).Start == o {
				return true
			}
		}
		return false
	}
	pos, end := -1, -1
	if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == offsetType {
		pos = int(f.Int())
	}
	if f := v.FieldByName("EndPos"); f.IsValid() && f.Type() == offsetType {
		end = int(f.Int())
	}
	switch {
	case pos >= 0 && !tokenAt(pos):
		return fmt.Sprintf("%s.Pos %d is where no token starts", path, pos)
	case end >= 0 && !tokenAt(end):
		return fmt.Sprintf("%s.EndPos %d is where no token starts", path, end)
	case end >= 0 && end < pos:
		return fmt.Sprintf("%s ends at %d, before it starts at %d", path, end, pos)
	case pos >= 0 && (pos < from || (to >= 0 && pos > to)):
		return fmt.Sprintf("%s.Pos %d is outside its parent's [%d, %d]", path, pos, from, to)
	}
	if pos >= 0 {
		from = pos
	}
	if end >= 0 {
		to = end
	}
	for i := range v.NumField() {
		if d := offsetsInPlace(s, v.Field(i), path+"."+v.Type().Field(i).Name, from, to); d != "" {
			return d
		}
	}
	return ""
}

// countFast counts the statements the fast path parsed and gave up on
// while f runs.
func countFast(f func()) (took, declined int64) {
	var a, b atomic.Int64
	fastPathHook = func(toks Tokens, ok bool) {
		if ok {
			a.Add(1)
		} else {
			b.Add(1)
			if os.Getenv("FASTDEBUG") != "" {
				var sb strings.Builder
				for _, t := range toks.All() {
					sb.WriteString(t.Text + " ")
				}
				fmt.Println("DECLINED", sb.String())
			}
		}
	}
	defer func() { fastPathHook = nil }()
	f()
	return a.Load(), b.Load()
}

// TestFastPathMatchesParticiple parses every file of the corpus (rulesets,
// pfctl's expected output, included files) for its folder's target and for
// the other grammars, and generated rulesets, both ways. It also reports
// how many statements took the fast path: all of the ones that parse
// should.
func TestFastPathMatchesParticiple(t *testing.T) {
	inputs := seedInputs()
	for _, tg := range []string{"openbsd", "openbsd-5.4", "freebsd", "openbsd-4.3"} {
		for _, seed := range []uint64{1, 2, 3} {
			inputs = append(inputs, readInput{fmt.Sprintf("gen-%s-%d.conf", tg, seed),
				gen.RulesetSeed(2_000, target.MustParse(tg), seed), target.MustParse(tg)})
		}
	}
	for _, cf := range corpusFiles(t) {
		for _, tg := range []string{cf.folder.Target, "openbsd-5.4", "freebsd"} {
			inputs = append(inputs, readInput{cf.name, cf.src, target.MustParse(tg)})
		}
	}
	var took, declined, clean int64
	for _, in := range inputs {
		var errs int
		a, b := countFast(func() {
			errs = sameAsParticiple(t, in.name, in.src, Options{Target: in.tg, ReadFile: noIncludes})
		})
		if errs == 0 {
			took, declined, clean = took+a, declined+b, clean+1
		}
	}
	t.Logf("%d inputs, %d without errors; their statements: %d parsed by the fast path, %d handed to participle",
		len(inputs), clean, took, declined)
	// The generated parser decides every statement of these files on its
	// own: one that it hands to participle means a production it cannot
	// decide, which the grammar should not have.
	if n := fastPathBugs.Load(); n != 0 {
		t.Errorf("the fast path panicked %d times other than declining", n)
	}
	if took == 0 || declined > 0 {
		t.Errorf("the fast path took %d statements of clean files and gave up on %d: it should take all of them (FASTDEBUG=1 lists them)",
			took, declined)
	}
}

// noIncludes keeps the comparison to the file itself.
func noIncludes(string) ([]byte, error) { return nil, os.ErrNotExist }

// FuzzFastPath checks that the fast path and participle agree on any
// input.
func FuzzFastPath(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i))
	}
	for _, s := range []string{
		"pass in log (all, to pflog1) quick on { em0 ! em1 } inet proto { tcp udp } from { 10.0.0.0/8 ! 10.1.0.0/16 } port { 22 80:90 } to any port = 443 flags S/SA modulate state (max 10, pflow) label \"x\" queue (a, b)",
		"block return-rst (ttl 100) out on rdomain 2 from { } to <t> port > 1023 user { 0 >< 10 } group 5 tagged x",
		"pass from 10.0.0.1 - 10.0.0.9 to 2001:db8::/010 icmp-type { echoreq code 0 unreach } icmp6-type 128 tos 0x10 once",
		"match scrub ( no-df , , max-mss 1440 ) set prio 3 prio (1 2) max-pkt-size 10 ridentifier 7 received-on em0 fragment allow-opts",
		"pass os { \"OpenBSD\" Linux } all no state ! tagged y probability 50% rtable 0x1 divert-packet port 700",
		"pass on (em0) from (em0:network) to route foo queue q, label l",
		"anchor \"a/*\" in on em0 inet proto tcp from <t> to any port 22 tagged x",
		"anchor 7 out\nnat-anchor \"ftp/*\"\nrdr-anchor r on em0\nbinat-anchor",
		"table <t> persist const counters file \"/etc/t\" { 10.0.0.1, !10.0.0.0/8 { 1.1.1.1 } (em0) } file x\ntable <e> {}",
		"pass route-to { (em0 1.1.1.1) weight 2, <t> } least-states sticky-address source-hash 0x1 nat-to 2.2.2.2 port 1:2 map-e-portset 1/2/3 af-to inet6 from ::1 to ::2 dnpipe (1, 2) dnqueue 3 set (prio 1, queue q, tos 4, delay 5) max-pkt-rate 1/2 divert-to 127.0.0.1 port 2 state limiter id 1 (no-match)",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, sel uint8) {
		opts := fuzzOptions(sel)
		sameAsParticiple(t, "fuzz.conf", src, opts)
	})
}

// TestPlainWordMatchesCharByChar lexes every corpus file and generated
// rulesets twice, with plainWord's byte scan and a character at a time,
// and fails unless the tokens and errors are the same.
func TestPlainWordMatchesCharByChar(t *testing.T) {
	srcs := map[string][]byte{}
	for _, tg := range []string{"openbsd", "openbsd-5.4", "freebsd"} {
		srcs["gen-"+tg] = gen.Ruleset(3_000, target.MustParse(tg))
	}
	for _, cf := range corpusFiles(t) {
		srcs[cf.name] = cf.src
	}
	tokens := 0
	for name, src := range srcs {
		var errs, slowErrs ErrorList
		tg := target.MustParse("openbsd")
		macros := NewMacros(map[string]string{"ext_if": "em0"})
		lx := newLexer(NewSource(name, src), wordClassesFor(tg), macros, false, &errs)
		slow := newLexer(NewSource(name, src), wordClassesFor(tg), macros, false, &slowErrs)
		slow.charByChar = true
		for {
			a, b := lx.next(), slow.next()
			if !sameToken(a, b) {
				t.Fatalf("%s: scanned %s %q at %v, read by character %s %q at %v", name, a.Kind, a.Text, a.Span, b.Kind, b.Text, b.Span)
			}
			tokens++
			if a.Kind == EOF {
				break
			}
		}
		if errs.Error() != slowErrs.Error() {
			t.Fatalf("%s: errors differ: %q and %q", name, errs.Error(), slowErrs.Error())
		}
	}
	t.Logf("%d files, %d tokens: the same both ways", len(srcs), tokens)
}

// corpusFile is one file of a corpus folder: a ruleset, pfctl's expected
// output or messages, or an included file.
type corpusFile struct {
	name   string
	src    []byte
	folder corpus.Folder
}

// corpusFiles reads every file of the corpus folders, or logs that the
// corpus is absent and returns none.
func corpusFiles(t *testing.T) []corpusFile {
	t.Helper()
	dir, err := corpus.Find()
	if err != nil {
		t.Logf("corpus absent (%v): generated rulesets and seeds only", err)
		return nil
	}
	var out []corpusFile
	for _, fo := range corpus.Folders {
		entries, err := os.ReadDir(filepath.Join(dir, fo.Path))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, fo.Path, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, corpusFile{filepath.Join(fo.Path, e.Name()), src, fo})
		}
	}
	return out
}
