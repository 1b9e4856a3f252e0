// Package target names the pf implementation a ruleset must load on: an
// operating system and a release. Everything that differs between releases
// (which words are keywords, whether ALTQ exists, how `prio` is spelled,
// whether HFSC bandwidth is 64-bit) is answered by a Target value, so the
// parser, the linter and the translator ask one place instead of branching
// on release numbers of their own.
//
// It does not know anything about a running machine (interfaces, MTUs).
package target

import (
	"fmt"
	"strconv"
	"strings"
)

// OS is the family of pf implementation.
type OS int

const (
	OpenBSD OS = iota
	FreeBSD
)

func (o OS) String() string {
	if o == FreeBSD {
		return "freebsd"
	}
	return "openbsd"
}

// Release is a release number such as 5.4 or 14.2, compared as (Major, Minor).
type Release struct {
	Major, Minor int
}

func (r Release) String() string { return fmt.Sprintf("%d.%d", r.Major, r.Minor) }

// Before reports whether r is an earlier release than o.
func (r Release) Before(o Release) bool {
	return r.Major < o.Major || (r.Major == o.Major && r.Minor < o.Minor)
}

// AtLeast reports whether r is o or later.
func (r Release) AtLeast(o Release) bool { return !r.Before(o) }

// Target is an OS and a release.
type Target struct {
	OS      OS
	Release Release
}

// The newest releases pfshape knows; `openbsd` and `freebsd` mean these.
var (
	LatestOpenBSD = Release{7, 8}
	LatestFreeBSD = Release{15, 0}
)

// Oldest releases with pf.
var (
	oldestOpenBSD = Release{3, 0}
	oldestFreeBSD = Release{5, 3}
)

// Default is the target used when none is given: the latest OpenBSD.
var Default = Target{OS: OpenBSD, Release: LatestOpenBSD}

func (t Target) String() string { return t.OS.String() + "-" + t.Release.String() }

// Parse reads a target name: `openbsd`, `freebsd` (the latest release),
// `openbsd-5.4`, `freebsd-14.2`. Any release between the oldest with pf and
// the latest known is accepted and placed by its number.
func Parse(s string) (Target, error) {
	name, rel, hasRel := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
	var t Target
	switch name {
	case "openbsd":
		t = Target{OS: OpenBSD, Release: LatestOpenBSD}
	case "freebsd":
		t = Target{OS: FreeBSD, Release: LatestFreeBSD}
	default:
		return Target{}, fmt.Errorf("unknown target %q: want openbsd[-X.Y] or freebsd[-X.Y]", s)
	}
	if !hasRel {
		return t, nil
	}
	r, err := parseRelease(rel)
	if err != nil {
		return Target{}, fmt.Errorf("unknown target %q: %v", s, err)
	}
	oldest, latest := oldestOpenBSD, LatestOpenBSD
	if t.OS == FreeBSD {
		oldest, latest = oldestFreeBSD, LatestFreeBSD
	}
	if r.Before(oldest) || latest.Before(r) {
		return Target{}, fmt.Errorf("unknown target %q: %s releases with pf run from %s to %s", s, t.OS, oldest, latest)
	}
	t.Release = r
	return t, nil
}

func parseRelease(s string) (Release, error) {
	maj, min, ok := strings.Cut(s, ".")
	if !ok {
		min = "0"
	}
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(min)
	if err1 != nil || err2 != nil || a < 0 || b < 0 || b > 99 {
		return Release{}, fmt.Errorf("release %q is not a number like 5.4", s)
	}
	return Release{a, b}, nil
}

// MustParse is Parse for names written in the program itself.
func MustParse(s string) Target {
	t, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return t
}

func (t Target) obsd(maj, min int) bool {
	return t.OS == OpenBSD && t.Release.AtLeast(Release{maj, min})
}

// HasALTQ reports whether `altq on …` loads: every FreeBSD, OpenBSD before 5.6.
func (t Target) HasALTQ() bool { return t.OS == FreeBSD || !t.obsd(5, 6) }

// HasNewQueues reports whether `queue NAME on IF …` / `queue NAME parent P`
// (the queueing that replaced ALTQ) exists: OpenBSD 5.5 and later.
func (t Target) HasNewQueues() bool { return t.obsd(5, 5) }

// ALTQQueueKeyword is the word that starts an ALTQ child queue definition:
// `queue`, or `oldqueue` on OpenBSD 5.5 where `queue` was taken by the new
// queueing. Empty when the target has no ALTQ.
func (t Target) ALTQQueueKeyword() string {
	switch {
	case !t.HasALTQ():
		return ""
	case t.HasNewQueues():
		return "oldqueue"
	}
	return "queue"
}

// HasBarePrioAction reports whether a rule's `prio N` / `prio (N, M)` sets
// the priority (OpenBSD 5.0 and 5.1). From 5.2 that is `set prio`.
func (t Target) HasBarePrioAction() bool { return t.obsd(5, 0) && !t.obsd(5, 2) }

// HasSetPrio reports whether `set prio` exists as a rule action: OpenBSD 5.2
// and later, and FreeBSD (where it sets the 802.1Q priority code point).
func (t Target) HasSetPrio() bool { return t.OS == FreeBSD || t.obsd(5, 2) }

// HasSetQueue reports whether `set queue` exists: OpenBSD 5.3 and later.
func (t Target) HasSetQueue() bool { return t.obsd(5, 3) }

// HasScrubRules reports whether standalone `scrub` rules exist: FreeBSD, and
// OpenBSD before 4.6.
func (t Target) HasScrubRules() bool { return t.OS == FreeBSD || !t.obsd(4, 6) }

// HasTranslationRules reports whether `nat`/`rdr`/`binat` rules (with `->`)
// exist: FreeBSD, and OpenBSD before 4.7.
func (t Target) HasTranslationRules() bool { return t.OS == FreeBSD || !t.obsd(4, 7) }

// EnforcesOrder reports whether pfctl requires statements in the order
// options, (ethernet,) normalization, queueing, translation, filtering,
// unless `set require-order no`: FreeBSD, and OpenBSD before 5.0 (parse.y
// 1.602 dropped the check).
func (t Target) EnforcesOrder() bool { return t.OS == FreeBSD || !t.obsd(5, 0) }

// HFSC64 reports whether HFSC bandwidth above 2^32-1 bit/s reaches the
// kernel intact: FreeBSD 12.0 and later. OpenBSD's kernel service curves are
// 32-bit in every release pfshape knows.
func (t Target) HFSC64() bool {
	return t.OS == FreeBSD && t.Release.AtLeast(Release{12, 0})
}

// HasSCTPPorts reports whether a rule may match ports with `proto sctp`:
// FreeBSD 14.0 and later, whose pf tracks SCTP (its parse.y lets
// filter_consistent and rdr_consistent take ports for IPPROTO_SCTP beside
// tcp and udp; tests/sys/netpfil/pf/sctp.sh loads `pass in proto sctp to
// port 1234` and an sctp rdr with ports). OpenBSD has no SCTP support.
func (t Target) HasSCTPPorts() bool {
	return t.OS == FreeBSD && t.Release.AtLeast(Release{14, 0})
}

// HasMatchAllowOpts reports whether allow-opts may be given on a match
// rule, not only on pass: FreeBSD main, whose match.sh allow_opts loads
// `match proto icmp allow-opts` and lets it pass IP options. The first
// release is not pinned down here; 15.0, the newest pfshape knows, stands
// for main as in the rest of pfshape. OpenBSD's filter_consistent keeps
// allow-opts on pass rules.
func (t Target) HasMatchAllowOpts() bool {
	return t.OS == FreeBSD && t.Release.AtLeast(Release{15, 0})
}

// ALTQReleases are the OpenBSD releases a ruleset with ALTQ is tried
// against, in order, when the release it was written for is not given:
// the last release of each ALTQ grammar (5.4: ALTQ and set prio; 5.5:
// oldqueue; 5.1: bare prio; 4.6: match and nat rules; 4.2: scrub, nat,
// rdr).
var ALTQReleases = []string{"openbsd-5.4", "openbsd-5.5", "openbsd-5.1", "openbsd-4.6", "openbsd-4.2"}
