package model

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
)

// ruleExceptions are the OpenBSD pfail files whose pfctl messages Check
// cannot all report on pfctl's line, with the reason. An entry whose file
// now matches fails the test, so that the list stays honest.
var ruleExceptions = map[string]string{
	"openbsd-regress/regress/sbin/pfctl/pfail15":      "\"string too long\" is a limit of pfctl's lexer (the grammar's domain), not a rule check",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail15": "\"string too long\" is a limit of pfctl's lexer (the grammar's domain), not a rule check",
	"openbsd-regress/regress/sbin/pfctl/pfail30":      "binat-to from interface names (`from lo0`): pfctl expands the interface's addresses (machine state) and names them in disallow_alias and mask messages",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail30": "binat-to from interface names (`from lo0`): pfctl expands the interface's addresses (machine state) and names them in disallow_alias and mask messages",
	"openbsd-regress/regress/sbin/pfctl/pfail50":      "\"flags always false\" (filteropts_to_rule) is not implemented yet",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail50": "\"flags always false\" is not implemented yet",
	"openbsd-regress/regress/sbin/pfctl/pfail16":      "the addresses are not literals, so pfctl asks DNS for them (\"no IP address found for …\")",
	"openbsd-regress/regress/sbin/pfctl/pfail41":      "10.0.0.0.1 is not a literal, so pfctl asks DNS for it",
	"openbsd-regress/regress/sbin/pfctl/pfail43":      "line 2 names a file that must not exist on the machine; lines 6-7 ask DNS",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail16": "the addresses are not literals, so pfctl asks DNS for them (\"no IP address found for …\")",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail41": "10.0.0.0.1 is not a literal, so pfctl asks DNS for it",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail43": "line 2 names a file that must not exist on the machine; lines 6-7 ask DNS",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail31": "interface nothere0 must not exist on the machine (see corpus.QueueFailures)",
	"openbsd-regress-altq/regress/sbin/pfctl/pfail32": "gif3 must not exist on the machine (see corpus.QueueFailures)",
}

var (
	okLine       = regexp.MustCompile(`^(stdin|[^:\s]+\.in):(\d+): (.*)$`)
	followUpMsgs = map[string]bool{"skipping rule due to errors": true, "rule expands to no valid combination": true}
)

// pfctlLineMessages reads a pfailN.ok as "LINE: msg": messages with a
// line, and the lines pfctl's host() and check_netmask print without one
// (`netmask 64 invalid for IPv4 address`), which belong to the statement
// whose message follows them. `pfctl: msg` lines get noLine. Syntax
// errors (the grammar's) are left out, and so are the follow-ups
// "skipping rule due to errors" and "rule expands to no valid
// combination" on a line that has another message.
func pfctlLineMessages(t *testing.T, path string, noLine int) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type msg struct {
		line int
		text string
	}
	var msgs []msg
	var pending []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if m := okLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[2])
			for _, p := range pending {
				msgs = append(msgs, msg{n, p})
			}
			pending = nil
			msgs = append(msgs, msg{n, m[3]})
			continue
		}
		if text, ok := strings.CutPrefix(l, "pfctl: "); ok {
			msgs = append(msgs, msg{noLine, text})
			pending = nil
			continue
		}
		// A line of neither kind is a message without a line when the
		// next line is one with a line; otherwise it is pfctl -nv's
		// printout of a rule.
		pending = []string{l}
	}
	other := map[int]bool{}
	for _, m := range msgs {
		if !followUpMsgs[m.text] && m.text != "syntax error" {
			other[m.line] = true
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range msgs {
		if m.text == "syntax error" || (followUpMsgs[m.text] && other[m.line]) {
			continue
		}
		s := strconv.Itoa(m.line) + ": " + m.text
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// TestCorpusRuleFailures compares, for every pfail file of the two
// OpenBSD regression suites, the distinct messages Check reports with
// pfctl's, line by line.
func TestCorpusRuleFailures(t *testing.T) {
	dir := corpus.Dir(t)
	noLines := map[string]int{}
	for _, fc := range corpus.QueueFailures {
		noLines[filepath.Join(fc.Folder, fc.File)] = fc.NoLine
	}
	var files, flagged, msgs, matched, matchedFiles int
	for _, c := range corpusFiles(t, dir) {
		if !c.fail || !strings.HasPrefix(c.rel, "openbsd-regress") || c.expect == "" {
			continue
		}
		key := strings.TrimSuffix(c.rel, ".in")
		files++
		_, errs := checkFile(t, dir, c)
		if len(errs) > 0 {
			flagged++
		}
		want := pfctlLineMessages(t, c.expect, noLines[key])
		seen := map[string]bool{}
		var got []string
		for _, m := range lineMsgs(errs) {
			if !seen[m] {
				seen[m] = true
				got = append(got, m)
			}
		}
		sort.Strings(got)
		msgs += len(want)
		for _, w := range want {
			if seen[w] {
				matched++
			}
		}
		same := strings.Join(got, "\n") == strings.Join(want, "\n")
		reason, excepted := ruleExceptions[key]
		switch {
		case same && excepted:
			t.Errorf("%s: listed as an exception (%s) but Check now matches pfctl: remove it", key, reason)
		case same:
			matchedFiles++
		case !excepted:
			t.Errorf("%s [%s]: want\n\t%s\ngot\n\t%s", key, c.target, strings.Join(want, "\n\t"), strings.Join(got, "\n\t"))
		}
	}
	t.Logf("corpus: %d of %d pfctl messages reported on pfctl's line; %d of %d OpenBSD pfail files now flagged, %d matched exactly (%d listed exceptions)",
		matched, msgs, flagged, files, matchedFiles, len(ruleExceptions))
}
