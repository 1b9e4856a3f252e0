package grammar

import (
	"strings"
	"sync"

	"github.com/pfshape/pfshape/internal/target"
)

// Keyword tables of pfctl's lexer (the keywords[] array of lookup() in
// parse.y), one per grammar generation. A bare word in the table is a
// keyword and cannot be used as a name unquoted; every other bare word is a
// STRING. Sources: OpenBSD parse.y 1.725 (current), 1.631.4.1 (5.5),
// 1.623.2.1 (5.4), 1.596 (4.9), an OpenBSD 4.3-era copy; FreeBSD main
// and stable/12 (12.1).
var (
	obsdCurrent = `
		above af-to all allow-opts anchor antispoof any bandwidth below binat-to bitmask block
		block-policy burst code debug default delay divert-packet divert-reply divert-to drop
		dup-to entries file fingerprints flags floating flows flush for fragment from global group
		hostid icmp-type icmp6-type id if-bound in include inet inet6 keep label least-states
		limit limiter load log loginterface mask match matches max max-mss max-pkt-rate
		max-src-conn max-src-conn-rate max-src-nodes max-src-states min min-ttl modulate nat-to no
		no-df no-match no-route no-sync on once optimization os out overload parent pass pflow
		port prio probability proto qlimit quantum queue quick random random-id rate rdomain
		rdr-to reassemble received-on reply-to return return-icmp return-icmp6 return-rst
		round-robin route route-to rtable rule ruleset-optimization scrub set skip sloppy source
		source-hash source-track state state-defaults state-policy static-port sticky-address
		syncookies synproxy table tag tagged timeout to tos ttl urpf-failed user weight`
	obsd55 = `
		af-to all allow-opts altq anchor antispoof any bandwidth binat-to bitmask block
		block-policy burst cbq code debug default divert-packet divert-reply divert-to drop dup-to
		file fingerprints flags floating flush for fragment from global group hfsc hostid
		icmp-type icmp6-type if-bound in include inet inet6 keep label least-states limit
		linkshare load log loginterface match matches max max-mss max-src-conn max-src-conn-rate
		max-src-nodes max-src-states min min-ttl modulate nat-to no no-df no-route no-sync
		oldqueue on once optimization os out overload parent pass pflow port prio priority priq
		probability proto qlimit queue quick random random-id rdomain rdr-to realtime reassemble
		received-on reply-to return return-icmp return-icmp6 return-rst round-robin route route-to
		rtable rule ruleset-optimization scrub set skip sloppy source-hash source-track state
		state-defaults state-policy static-port sticky-address synproxy table tag tagged tbrsize
		timeout to tos ttl upperlimit urpf-failed user weight`
	obsd54 = `
		af-to all allow-opts altq anchor antispoof any bandwidth binat-to bitmask block
		block-policy cbq code debug divert-packet divert-reply divert-to drop dup-to file
		fingerprints flags floating flush for fragment from global group hfsc hostid icmp-type
		icmp6-type if-bound in include inet inet6 keep label least-states limit linkshare load log
		loginterface match matches max max-mss max-src-conn max-src-conn-rate max-src-nodes
		max-src-states min-ttl modulate nat-to no no-df no-route no-sync on once optimization os
		out overload pass pflow port prio priority priq probability proto qlimit queue quick
		random random-id rdomain rdr-to realtime reassemble received-on reply-to return
		return-icmp return-icmp6 return-rst round-robin route route-to rtable rule
		ruleset-optimization scrub set skip sloppy source-hash source-track state state-defaults
		state-policy static-port sticky-address synproxy table tag tagged tbrsize timeout to tos
		ttl upperlimit urpf-failed user weight`
	obsd49 = `
		all allow-opts altq anchor antispoof any bandwidth binat-to bitmask block block-policy cbq
		code debug divert-packet divert-reply divert-to drop dup-to fastroute file fingerprints
		flags floating flush for fragment from global group hfsc hostid icmp-type icmp6-type
		if-bound in include inet inet6 keep label limit linkshare load log loginterface match
		matches max max-mss max-src-conn max-src-conn-rate max-src-nodes max-src-states min-ttl
		modulate nat-to no no-df no-route no-sync on optimization os out overload pass pflow port
		priority priq probability proto qlimit queue quick random random-id rdr-to realtime
		reassemble received-on reply-to require-order return return-icmp return-icmp6 return-rst
		round-robin route route-to rtable rule ruleset-optimization scrub set set-tos skip sloppy
		source-hash source-track state state-defaults state-policy static-port sticky-address
		synproxy table tag tagged tbrsize timeout to tos ttl upperlimit urpf-failed user`
	obsd42 = `
		all allow-opts altq anchor antispoof any bandwidth binat binat-anchor bitmask block
		block-policy cbq code crop debug drop drop-ovl dup-to fastroute file fingerprints flags
		floating flush for fragment from global group hfsc hostid icmp-type icmp6-type if-bound in
		include inet inet6 keep label limit linkshare load log loginterface max max-mss
		max-src-conn max-src-conn-rate max-src-nodes max-src-states min-ttl modulate nat
		nat-anchor no no-df no-route no-sync on optimization os out overload pass port priority
		priq probability proto qlimit queue quick random random-id rdr rdr-anchor realtime
		reassemble reply-to require-order return return-icmp return-icmp6 return-rst round-robin
		route route-to rtable rule ruleset-optimization scrub set set-tos skip source-hash
		source-track state state-policy static-port sticky-address synproxy table tag tagged
		tbrsize timeout to tos ttl upperlimit urpf-failed user`
	freebsdMain = `
		all allow-opts altq anchor antispoof any bandwidth binat binat-anchor bitmask block
		block-policy bridge-to buckets cbq code codelq debug divert-reply divert-to dnpipe dnqueue
		drop dup-to ether fail-policy fairq fastroute file fingerprints flags floating flush for
		fragment from global group hfsc hogs hostid icmp-type icmp6-type if-bound in include inet
		inet6 interval keep keepcounters l3 label limit linkshare load log loginterface
		map-e-portset match max max-mss max-src-conn max-src-conn-rate max-src-nodes
		max-src-states min-ttl modulate nat nat-anchor no no-df no-route no-sync on optimization
		os out overload pass port prio priority priq probability proto qlimit queue quick random
		random-id rdr rdr-anchor realtime reassemble reply-to require-order return return-icmp
		return-icmp6 return-rst ridentifier round-robin route route-to rtable rule
		ruleset-optimization scrub set set-tos skip sloppy source-hash source-track state
		state-defaults state-policy static-port sticky-address syncookies synproxy table tag
		tagged target tbrsize timeout to tos ttl upperlimit urpf-failed user`
	freebsd121 = `
		all allow-opts altq anchor antispoof any bandwidth binat binat-anchor bitmask block
		block-policy buckets cbq code codelq crop debug divert-reply divert-to drop drop-ovl
		dup-to fail-policy fairq fastroute file fingerprints flags floating flush for fragment
		from global group hfsc hogs hostid icmp-type icmp6-type if-bound in include inet inet6
		interval keep label limit linkshare load log loginterface max max-mss max-src-conn
		max-src-conn-rate max-src-nodes max-src-states min-ttl modulate nat nat-anchor no no-df
		no-route no-sync on optimization os out overload pass port prio priority priq probability
		proto qlimit queue quick random random-id rdr rdr-anchor realtime reassemble reply-to
		require-order return return-icmp return-icmp6 return-rst round-robin route route-to rtable
		rule ruleset-optimization scrub set set-tos skip sloppy source-hash source-track state
		state-defaults state-policy static-port sticky-address synproxy table tag tagged target
		tbrsize timeout to tos ttl upperlimit urpf-failed user`
)

// freebsd15 are the OpenBSD-style keywords FreeBSD 15 took over (nat-to
// and friends, af-to, once, limiters), as its regression tests use them.
const freebsd15 = ` above af-to below binat-to entries id limiter mask max-pkt-rate nat-to
	no-match once prefer-ipv6-nexthop rate rdr-to received-on source`

// keywordLists are the tables' words by name, as keywordSetName names them.
func keywordLists() map[string]string {
	return map[string]string{
		"openbsd-current": obsdCurrent, "openbsd-5.5": obsd55, "openbsd-5.4": obsd54,
		"openbsd-4.9": obsd49, "openbsd-4.3": obsd42,
		// 4.6 brought match rules (and match … scrub) while nat, rdr and
		// binat rules stayed until 4.7.
		"openbsd-4.6":  obsd49 + " binat binat-anchor nat nat-anchor rdr rdr-anchor",
		"freebsd-main": freebsdMain + " pflow", "freebsd-12": freebsd121,
		"freebsd-15": freebsdMain + " pflow" + freebsd15,
	}
}

// wordClass is what a word is to a target's lexer: a keyword, a keyword
// of another release only (a plain string there that must not match the
// grammar's keyword literals), or neither.
type wordClass uint8

const (
	targetKeyword wordClass = 1 + iota
	otherKeyword
)

// wordTable holds one target's word classes for the reader, which looks
// up every word it reads: an open-addressed table hashed on a word's
// length and its first and last two bytes, which tell pf's keywords apart
// cheaply (a Go map hashes every byte; the reader spent a third of its
// time there).
type wordTable struct {
	slots [wordSlots]wordSlot
}

type wordSlot struct {
	word  string
	class wordClass
}

const (
	wordSlots   = 1 << wordBits // four times the words of every release
	wordBits    = 10
	maxWordLen  = 32 // longer words are no keyword of any release
	wordProbing = wordSlots - 1
)

func wordHash(w string) uint32 {
	n := len(w)
	h := uint32(n)*0x9e3779b1 ^ uint32(w[0])<<16 ^ uint32(w[1])<<8 ^ uint32(w[n-1]) ^ uint32(w[n-2])<<24
	return (h * 0x85ebca6b) >> (32 - wordBits)
}

// class is the class of w, 0 for a word that is no keyword.
func (t *wordTable) class(w string) wordClass {
	if len(w) < 2 || len(w) > maxWordLen {
		return 0
	}
	for i := wordHash(w); ; i = (i + 1) & wordProbing {
		s := &t.slots[i]
		if s.word == w {
			return s.class
		}
		if s.class == 0 {
			return 0
		}
	}
}

// isKeyword reports whether w is a keyword of the table's target.
func (t *wordTable) isKeyword(w string) bool { return t.class(w) == targetKeyword }

func (t *wordTable) add(w string, c wordClass) {
	if len(w) < 2 || len(w) > maxWordLen {
		panic("grammar: keyword " + w + " out of the word table's range")
	}
	for i := wordHash(w); ; i = (i + 1) & wordProbing {
		s := &t.slots[i]
		if s.class == 0 || s.word == w {
			*s = wordSlot{w, c}
			return
		}
	}
}

// wordClasses builds one target's word table on first use, straight from
// the keyword lists: a run reads one target's table (most runs none at
// all, as pfshape version). Built through a set of every release's
// keywords and one of the target's, as it was, it cost 80–100 µs and 44
// allocations a process.
func wordClasses(name string) func() *wordTable {
	return sync.OnceValue(func() *wordTable {
		t := &wordTable{}
		lists := keywordLists()
		for _, list := range lists {
			for w := range strings.FieldsSeq(list) {
				t.add(w, otherKeyword) // a word of several lists takes one slot
			}
		}
		for w := range strings.FieldsSeq(lists[name]) {
			t.add(w, targetKeyword)
		}
		return t
	})
}

// wordClassSets are the word tables by the names of keywordLists.
var wordClassSets = func() map[string]func() *wordTable {
	lists := keywordLists()
	m := make(map[string]func() *wordTable, len(lists))
	for name := range lists {
		m[name] = wordClasses(name)
	}
	return m
}()

// wordClassesFor returns the word table of a target's pfctl.
func wordClassesFor(t target.Target) *wordTable {
	return wordClassSets[keywordSetName(t)]()
}

// keywordSetName names the keyword table of a target's pfctl.
func keywordSetName(t target.Target) string {
	r := t.Release
	if t.OS == target.FreeBSD {
		switch {
		case r.Before(target.Release{Major: 13}):
			return "freebsd-12"
		case r.Before(target.Release{Major: 15}):
			return "freebsd-main"
		}
		return "freebsd-15"
	}
	switch {
	case r.Before(target.Release{Major: 4, Minor: 6}):
		return "openbsd-4.3"
	case r.Before(target.Release{Major: 4, Minor: 7}):
		return "openbsd-4.6"
	case r.Before(target.Release{Major: 5, Minor: 0}):
		return "openbsd-4.9"
	case r.Before(target.Release{Major: 5, Minor: 5}):
		return "openbsd-5.4"
	case r.Before(target.Release{Major: 5, Minor: 6}):
		return "openbsd-5.5"
	}
	return "openbsd-current"
}

// hasArrow reports whether the target's lexer makes `->` one token.
func hasArrow(t target.Target) bool {
	return t.OS == target.FreeBSD || t.Release.Before(target.Release{Major: 4, Minor: 7})
}
