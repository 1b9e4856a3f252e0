// Package engine says what a loaded ruleset does with packets: which
// rule decides a packet, and what it applies. It reads the model's filter
// view (model.Model.Filter: rules with macros, lists and inline tables
// resolved, inline anchors in place) and evaluates it with pf's
// semantics for the release the ruleset was read for.
//
// Two evaluators live here. Evaluate is the reference: one packet, on a
// machine where every unknown is decided by the caller, walked through
// the rules as pf_test_rule() walks them. Classify is the set engine: it
// takes a class of packets (a header space: interface, direction,
// family, protocol, source and destination addresses and ports, ICMP type
// and code, TCP flags, tag) and splits it into pieces that the ruleset
// treats alike, each with its outcome. FuzzEngines checks that for random
// rulesets, packets and machines the set engine's piece holding a packet
// has the reference's outcome for it.
//
// # Header spaces: an exact interval algebra
//
// A packet is written like a rule (ParsePacket); what it leaves out is
// any value, except its tag: a packet carries none unless it says
// `tagged NAME`.
//
// A class is a union of cubes; a cube is a product of one interval set
// per field (addresses as 128-bit values, IPv4 in the low 32 bits) and of
// assumptions on unknowns. A rule's match set is a union of cubes built
// from its lists: the union of a statement's combinations is the product
// of the unions of its lists (the combinations of one statement are
// consecutive and share everything else), except that pfctl drops the
// combinations whose families disagree (parse.y expand_rule()), so the
// product is taken per family. At each rule a piece splits into the part
// the rule matches and the rest (cube difference, at most one cube per
// field). Binary decision diagrams (Batfish's choice) would need an
// ordering over some 300 header bits and a BDD package (none is in
// go.mod); pf's tests are intervals (prefixes, ranges, port operators,
// sets of names), so the algebra is exact, small and dependency-free, and
// for the classes a trace asks about it stays small: on the generated
// 100k-line ruleset a packet traces in 23–28 ms of CPU once the filter
// view is built (the view: 93–144 ms of CPU, once per loaded ruleset, in
// parallel on large files; the whole trace about 70 ms wall on two
// cores), the class of every source to one SSH server
// splits into about 2,000 pieces in about 0.13 s (BenchmarkTrace100k,
// BenchmarkClassify100k, BenchmarkClassifyOpen*).
//
// # Wide classes: verdicts, possible outcomes, usage, comparison
//
// A trace keeps in each piece its whole evaluation state (the rules it
// matched on the way), so a wide class splits without end. The questions
// about every packet need less. ClassifyVerdicts keeps only what decides
// an outcome (the deciding rule, the options applied, the tag and the
// translations later rules test), so that pieces that end alike merge:
// the class of every packet of 418 of the corpus's 420 loadable rulesets
// fits within MaxPieces. ClassifyPossible follows each unknown both ways
// on the same packets instead of splitting on it: its pieces may overlap,
// and those holding a packet are its possible outcomes (a superset: the
// same unknown asked twice is answered independently). FuzzEngines checks
// both against the reference.
//
// Usage reads the lint rules' facts off them (dead rules, redundant rules,
// match options no packet leaves with; see its doc for why each finding
// is sound), on the class of every packet cut into parts by interface,
// direction, family and protocol, within a work budget linear in the
// rules. Joint, Compare and ComparePairs split every packet by the
// outcomes of two rulesets numbered alike (a verdict diff, the proof of a
// translation); a part too large for MaxPieces is returned as
// uncompared, never as equal.
//
// # Comparing two rulesets
//
// `pfshape diff` asks what two rulesets do differently. Joint numbers
// both engines' interfaces and tags alike (after their load-anchor files
// are given: those name some too), so that a class of one is a class of
// the other, and names the unknowns of the rules both have alike (the
// same text and criteria), and those about the packet alone (tos, os,
// prio, rdomain) by the criterion: an unchanged rule must not differ
// with itself. Compare cuts the space of every packet per interface,
// direction, family and protocol either ruleset names; each ruleset
// classifies each part once (ClassifyVerdicts), and the pieces whose
// keys (VerdictKey: action, and a passed packet's queue and priority)
// differ are intersected where the unions of their groups meet. A part
// that splits into more than MaxPieces pieces in either ruleset is
// returned as Uncompared, never dropped. Merge coalesces the differences
// that the report says alike, and Describe writes each as a rule's
// words. A part that both rulesets evaluate with the same rules (as the
// engine reads them, unchanged.go) under the same settings has the same
// outcomes and is not classified; the others share a work budget (ten
// times Usage's, at least 50,000 tests). The generated 10k-line ruleset
// against itself with one quick rule changed compares in 0.19 s with
// every part compared (BenchmarkCompare10k; it took 250 s of CPU and
// left 50 of 400 parts when every part was classified).
//
// # Semantics, with their sources
//
// Tags: O78 is OpenBSD 7.8 sys/net/pf.c, O72 7.2, O-916 pf.c r1.916
// (5.8), O-734 r1.734 (5.0); F22 and F25 FreeBSD's sys/netpfil/pf/pf.c of
// 2022 and 2025; "man" is pf.conf(5) of the release. The project's
// docs/pf-semantics.md (in ../shared) gathers them.
//
//   - Rules are evaluated in order; the last matching pass or block rule
//     decides; a matching quick rule decides at once; when nothing
//     matches, pf's default rule passes the packet without creating
//     state (man PACKET FILTERING; O78 pf_test() pf_default_rule). On
//     FreeBSD a kernel built with PF_DEFAULT_TO_DROP blocks instead (F22
//     pf_ioctl.c): a caveat on every FreeBSD default pass.
//   - antispoof is the block rules pfctl expands it to, `block drop in on
//     ! IF from IF:network` and, unless IF is a loopback, `block drop in
//     from IF` (parse.y antispoof), whose addresses are the machine's.
//   - match rules decide nothing; they apply their options at once and
//     those stay until a later rule overrides them: queue, set prio,
//     log, tag, and on OpenBSD 4.7 and later (and FreeBSD 15) nat-to and
//     rdr-to, which later rules see (O78 pf_match_rule(),
//     pf_rule_to_actions(), pf_get_transaddr(); man Translation). The
//     deciding rule's options apply last, over them. A pass rule's own
//     nat-to/rdr-to applies only when it decides.
//   - `match quick` ends evaluation in O78 and O-916; in O-734 and F22
//     only the last pass/block rule's quick counts; F25 stops. The
//     release where OpenBSD (5.1–5.7) and FreeBSD changed is not known:
//     there the engine branches on it (atomMatchQuick).
//   - Without state (`no state`, or the default pass) OpenBSD applies the
//     deciding rule's own queue and prio, not the match rules' (O78
//     pf_test()); FreeBSD applies the accumulated ones (F25 pf_test()).
//     Translations take effect only with a state (pf_translate() from
//     the state keys).
//   - Tags: every matching rule's tag replaces the current one, anchor
//     rules included; `tagged` tests the tag of the evaluation in
//     progress, starting from the packet's (O78 pf_match_rule(),
//     pf_match_tag(); man tag). `! tagged` matches untagged packets.
//   - Anchors: the anchor rule is tested like a filter rule; its body is
//     evaluated in place and evaluation goes on after it; quick inside
//     an anchor ends the whole evaluation (man ANCHORS). A quick anchor
//     ends evaluation after its body when the last matching pass/block
//     rule lies directly in it (O72, O78: `*ctx->am == r`), or, on older
//     releases and FreeBSD, when any pass/block rule inside matched (man
//     ANCHORS; O-916, F22 pf_step_out_of_anchor()). F25's extra test,
//     which appears to stop after any matching quick anchor, is not
//     followed: the man page says otherwise and no test confirms it.
//     The rules `load anchor NAME from FILE` reads are evaluated in place
//     (LoadAnchor); anchors whose rules are loaded at run time (`anchor
//     "x"` without a body or load, `anchor "x/*"`, anchors named inside a
//     loaded anchor) are unknown: the engine goes on past them and says
//     so.
//   - Addresses (pfvar.h PF_MISMATCHAW): `!` inverts an element's test;
//     a list matches when one element does, each negated on its own, so
//     `{ 10/8, !10.1.2.3 }` matches nearly everything (OpenBSD FAQ,
//     macros); a list with `any` is any (parse.y host_list); ranges are
//     inclusive (pf_match_addr_range()). Tables match by longest prefix,
//     a negated entry excluding its addresses (pf_table.c
//     pfr_match_addr()); inline tables are known, tables loaded from
//     files or at run time are unknown, and so is an empty table that
//     is not const (`table <bruteforce> persist`: overload, spamd or
//     pfctl -T add fill it).
//   - Interfaces (pf_if.c pfi_kif_match()): no `on` is every interface;
//     `on any` every interface but loopbacks; `on ! em0` every other,
//     loopbacks included. A name ending in a digit is an interface, any
//     other a group, whose members only ifconfig knows.
//   - Ports (pf_match_port()): = != < <= > >=, a:b inclusive, a >< b
//     exclusive, a <> b outside; tested on TCP and UDP packets only.
//   - Families: a rule without inet/inet6 takes its addresses' family;
//     `any`, tables and interface addresses fit both (parse.y
//     expand_rule()).
//   - TCP flags: `(flags & mask) == set`, on TCP packets only; pass rules
//     that keep state get `flags S/SA` unless they say otherwise (parse.y
//     pfrule), so a non-SYN packet without state falls through them.
//   - ICMP: type and code (O78 pf_match_rule()); on OpenBSD a stateful,
//     non-sloppy rule never matches an ICMP reply (echo reply, router
//     advertisement, …) that has no state (pf_icmp_mapping(), "don't
//     create states on replies"); FreeBSD has no such test. ICMPv6 MLD
//     reports changed sides between OpenBSD releases: an unknown.
//   - `set skip on IF`: packets on it are not filtered (pf_test()).
//   - FreeBSD and OpenBSD before 4.7: nat and rdr rules translate before
//     the filter rules, first match wins, `no nat`/`no rdr` stop,
//     `nat pass`/`rdr pass` skip the filter (F22, F25 pf_test_rule(),
//     pf_get_translation(); man TRANSLATION). rdr is tried on inbound
//     packets, nat on outbound ones.
//
// # Unknowns
//
// What only the machine knows is an unknown, never a guess: interface
// group membership (egress, …), interface and `self` addresses and host
// names, `(if)`, tables loaded from files, urpf-failed, no-route and
// route labels, user, group, os, probability, received-on, tos, prio,
// once, max-pkt-rate, rdomain, protocol and service names outside the
// assumed /etc/protocols and /etc/services, addresses a translation picks
// at run time, and the release behaviours the sources leave open. Each is
// an atom: a yes/no question named in pf.conf's words. The set engine
// keeps both answers apart, so every piece says which answers it assumes,
// and a trace lists the outcomes under each; the reference is told the
// answers. A result that depends on no atom and no caveat is certain.
//
// # Left out
//
// State: a trace is of a packet that has no state yet (pf consults the
// state table before the rules; replies and later packets of a
// connection match states). Fragments (the packets here are never
// fragments), IP options and allow-opts, route-to/reply-to/dup-to,
// divert-to/divert-packet (the packet is passed, then diverted), af-to,
// binat rules (said, not evaluated), wildcard anchors, anchors nested beyond pf's 64 levels, FreeBSD 15's
// drop of a packet that a second translation would rewrite (F25
// pf_rule_apply_nat(): PFRES_TRANSLATE), and the
// ruleset optimizer's reordering (man set ruleset-optimization) are not
// modelled. SCTP ports (FreeBSD 14 and later) are not tested.
package engine
