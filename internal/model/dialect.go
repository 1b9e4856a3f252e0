package model

import "github.com/pfshape/pfshape/internal/target"

// The release facts below come from pfctl's parse.y and pfctl_altq.c of
// OpenBSD 5.4 (parse.y 1.623.2.1), OpenBSD current (parse.y 1.7xx,
// pfctl.c) and FreeBSD main (parse.y, pfctl_altq.c); see
// docs/pf-reference.md §3–§5. They are kept here, as functions of the
// target, so that the rest of the package reads as pfctl's logic.

func openbsdAtLeast(t target.Target, major, minor int) bool {
	return t.OS == target.OpenBSD && t.Release.AtLeast(target.Release{Major: major, Minor: minor})
}

func freebsdAtLeast(t target.Target, major int) bool {
	return t.OS == target.FreeBSD && t.Release.AtLeast(target.Release{Major: major})
}

// newUnits reports whether bandwidth units are K, M, G with an optional
// b/B/bit/Bit after them (OpenBSD 5.5 and later, FreeBSD), rather than
// only b, Kb, Mb, Gb.
func newUnits(t target.Target) bool {
	return t.OS == target.FreeBSD || openbsdAtLeast(t, 5, 5)
}

// quotedUnitMessage reports whether "unknown unit" quotes the unit
// (OpenBSD current writes `unknown unit "%s"`; 5.4 and FreeBSD do not).
// The change is assumed to come with the new units in 5.5.
func quotedUnitMessage(t target.Target) bool { return openbsdAtLeast(t, 5, 5) }

// bandwidth32 reports whether pfctl casts bandwidth to 32 bits: OpenBSD
// before 5.6 (struct pf_altq and the 5.5 queue spec are u_int32_t) and
// FreeBSD before 12.0 (r338209 made ALTQ 64-bit).
func bandwidth32(t target.Target) bool {
	if t.OS == target.FreeBSD {
		return !freebsdAtLeast(t, 12)
	}
	return !openbsdAtLeast(t, 5, 6)
}

// numberTooBig reports whether a bare NUMBER bandwidth is out of the range
// pfctl's bandwidth rule accepts ("bandwidth number too big").
func numberTooBig(t target.Target, n int64) bool {
	switch {
	case n < 0:
		return true
	case bandwidth32(t):
		return n > 1<<32-1
	case t.OS == target.FreeBSD:
		return n == 1<<63-1 // FreeBSD tests $1 >= LLONG_MAX
	}
	return false
}

// tbrsizeMax is the largest tbrsize pfctl accepts: 65535, FreeBSD 12 and
// later UINT_MAX.
func tbrsizeMax(t target.Target) int64 {
	if freebsdAtLeast(t, 12) {
		return 1<<32 - 1
	}
	return 65535
}

// schedulerFlags are the words a scheduler's `( … )` accepts as flags.
func schedulerFlags(t target.Target, s Scheduler) map[string]bool {
	flags := map[string]bool{"default": true, "red": true, "ecn": true}
	switch s {
	case CBQ:
		flags["borrow"] = true
	case CODEL:
		flags = map[string]bool{"ecn": true}
	}
	switch {
	case t.OS == target.FreeBSD:
		if s != CODEL {
			flags["rio"] = true
			flags["codel"] = true
		}
	case !openbsdAtLeast(t, 5, 0):
		// rio and cleardscp were removed in OpenBSD 5.0.
		if s != CODEL {
			flags["rio"] = true
			flags["cleardscp"] = true
		}
	}
	return flags
}

// createsRootQueue reports whether pfctl creates the hidden root queue
// root_IF under which the altq line's queues hang: CBQ, HFSC and FAIRQ.
func createsRootQueue(s Scheduler) bool { return s == CBQ || s == HFSC || s == FAIRQ }

// hasQueueBandwidth reports whether queues of the scheduler take a
// bandwidth that pfctl evaluates and checks against the parent.
func hasQueueBandwidth(s Scheduler) bool { return s == CBQ || s == HFSC || s == FAIRQ }

// mapBasedALTQ reports whether pfctl_altq.c is FreeBSD's rewrite with hash
// maps and per-interface counters (FreeBSD 13, r343287), whose messages
// differ: "%s does not have a unique priority on interface %s", "adding
// %s would make default queue %s not a leaf". The exact release it
// reached is uncertain; 13.0 is assumed.
func mapBasedALTQ(t target.Target) bool { return freebsdAtLeast(t, 13) }

// barePrio reports whether a rule's `prio N` sets the priority (OpenBSD
// 5.0 and 5.1); elsewhere `prio N` is a match criterion.
func barePrio(t target.Target) bool { return t.HasBarePrioAction() }

// queueAssignmentsChecked reports whether pfctl checks at parse time that
// an assigned queue is defined. OpenBSD 5.5's qname rule checks nothing
// (parse.y 1.631: ALTQ queues assigned there are `oldqueue`s), so only
// releases whose sole queueing is the new one are checked.
func queueAssignmentsChecked(t target.Target) bool { return t.HasNewQueues() && !t.HasALTQ() }

// prioMax is the highest value of `prio` and `set prio`.
const prioMax = 7

// netmaskTooLargeWording reports whether pfctl's host() words a netmask
// over 128 bits as "netmask is too large: /N" (OpenBSD current, strtonum)
// rather than "invalid netmask '/N'" (OpenBSD 5.1, FreeBSD). The release
// that changed it is not known; 6.6 is assumed.
func netmaskTooLargeWording(t target.Target) bool { return openbsdAtLeast(t, 6, 6) }

// currentRuleChecks reports whether pfctl has the rule checks of OpenBSD
// current that older releases lack or word differently: divert-to and
// divert-reply against the rule's direction and address family (pfctl's
// expand_divertspec), af-to against direction and routing options
// (filteropts_to_rule), route-to on block and match rules and without
// state (rule_consistent), and the explicit direction of routing rules.
// The release that brought them is not known; 7.0 is assumed, which errs
// towards reporting nothing on older releases.
func currentRuleChecks(t target.Target) bool { return openbsdAtLeast(t, 7, 0) }

// blockRouteChecked reports whether pfctl rejects route-to, reply-to and
// dup-to on block rules: OpenBSD current (currentRuleChecks) and FreeBSD
// main (tests/files/pf1067); FreeBSD 15 is assumed.
func blockRouteChecked(t target.Target) bool {
	return currentRuleChecks(t) || freebsdAtLeast(t, 15)
}

// tagNameMax is the longest tag pfctl accepts (PF_TAG_NAME_SIZE - 1),
// and labelMax the longest rule label (PF_RULE_LABEL_SIZE - 1).
const (
	tagNameMax = 63
	labelMax   = 63
)

// The options of a filter or anchor rule that pfctl takes once (its
// filter_opt and filter_set actions: "… cannot be redefined", "cannot
// respecify …"), by the release that has each check. The parse.y
// revisions read: OpenBSD 1.205 (2002-11-23), 1.291 (2003-01-17), 1.381
// (2003-05-14), 1.584 (2010-01-12), 1.631.4.1 (5.5), 1.636.4.1 (5.6),
// 1.660 (2017-05-28), 1.713 (2023-02-07), 1.715 (2023-11-02) and 1.725
// (current); FreeBSD 12.1 (the 12.1 regression tests' tree) and main of
// 2025 (01c44736).

// filterOptsChecked reports whether pfctl reads a rule's options as
// filter_opts, refusing a second flags, icmp-type (or icmp6-type), tos,
// state option, label or queue: OpenBSD 3.3 and later (parse.y 1.291 has
// them; 1.205, after 3.2, reads the options in a fixed order, so a
// repeated one is a syntax error there) and FreeBSD, whose pfctl came
// from OpenBSD 3.5 and later.
func filterOptsChecked(t target.Target) bool {
	return t.OS == target.FreeBSD || openbsdAtLeast(t, 3, 3)
}

// antispoofOptsChecked reports whether antispoof takes options of its own
// (antispoof_opts), a label among them, refused twice: OpenBSD 3.4 and
// later (parse.y 1.381; 1.291 has no antispoof options) and FreeBSD.
func antispoofOptsChecked(t target.Target) bool {
	return t.OS == target.FreeBSD || openbsdAtLeast(t, 3, 4)
}

// labelsCounted reports whether a rule takes several labels, up to
// labelCountMax ("label can only be used %d times"), rather than one
// ("label cannot be redefined"): FreeBSD 13 and later. The parse.y of
// FreeBSD 12.1 takes one label, main's of 2025 five; the release between
// is not known, 13.0 is assumed (a second label is then never refused).
func labelsCounted(t target.Target) bool { return freebsdAtLeast(t, 13) }

// labelCountMax is FreeBSD's PF_RULE_MAX_LABEL_COUNT.
const labelCountMax = 5

// translationOptsChecked reports whether pfctl refuses nat-to or binat-to
// after either ("cannot respecify nat-to/binat-to"), a second rdr-to and
// a second received-on: OpenBSD 4.7 and later, where these options came
// (parse.y 1.584). FreeBSD 15 took the options over from OpenBSD, but its
// parse.y was not at hand, so they are not checked there.
func translationOptsChecked(t target.Target) bool { return openbsdAtLeast(t, 4, 7) }

// afToChecked reports whether pfctl refuses af-to after nat-to, binat-to
// or af-to ("cannot respecify af-to"), and rdr-to after af-to: OpenBSD 5.4
// and later. af-to is a keyword of 5.4's parse.y (1.623.2.1, see
// grammar/keywords.go); the check is in 5.5's and every later one read.
func afToChecked(t target.Target) bool { return openbsdAtLeast(t, 5, 4) }

// prioCriterionChecked reports whether `prio N` is a match criterion that
// pfctl refuses twice: OpenBSD parse.y 1.660 has it, 5.6's has no prio
// criterion at all; the release between is not known, 6.2 (the first after
// 1.660) is assumed. FreeBSD 12.1 has it; 12.0 is assumed.
func prioCriterionChecked(t target.Target) bool {
	return freebsdAtLeast(t, 12) || openbsdAtLeast(t, 6, 2)
}

// setPrioChecked reports whether pfctl refuses a second set prio: OpenBSD
// 5.2, which brought set prio (docs/pf-reference.md §1; the check is in
// 5.5's parse.y and every later one read), and FreeBSD 12 and later
// (12.1's parse.y; 12.0 assumed).
func setPrioChecked(t target.Target) bool {
	return freebsdAtLeast(t, 12) || openbsdAtLeast(t, 5, 2)
}

// setTosChecked reports whether pfctl refuses a second set tos ("tos
// cannot be respecified"): OpenBSD 5.2, as set prio, and FreeBSD 14 and
// later. FreeBSD 12.1 has no set tos, main of 2025 has it; 14.0, which
// brought scrub options to match rules, is assumed.
func setTosChecked(t target.Target) bool {
	return freebsdAtLeast(t, 14) || openbsdAtLeast(t, 5, 2)
}

// delayAndPktRateChecked reports whether pfctl checks set delay and
// max-pkt-rate: a value out of range, and a second one after a nonzero
// first ("delay cannot be respecified", "cannot respecify max-pkt-rate").
// Both are in OpenBSD's parse.y 1.713 and not in 1.660; the release that
// brought them is not known, 7.3 (the first after 1.713) is assumed.
// FreeBSD 15 took max-pkt-rate over from OpenBSD, but its parse.y was not
// at hand, so it is not checked there; FreeBSD has no set delay.
func delayAndPktRateChecked(t target.Target) bool { return openbsdAtLeast(t, 7, 3) }
