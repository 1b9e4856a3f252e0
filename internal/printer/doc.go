// Package printer prints a parsed ruleset the way `pfctl -nv` prints it
// for a target release (and `pfctl -nvv` with Options.Verbose2): what
// pfctl prints while it parses (macros as name = "value", tables, set
// options, ALTQ altq/queue lines, new-style queues), then the rules as it
// loads them, one line per rule after expansion, anchors nested in braces.
//
// It follows pfctl's own steps: expand_rule's loops (interface, protocol,
// icmp type, source and destination address and port, OS, user, group;
// FreeBSD loops the source port before the destination address), the
// address-family checks that drop combinations, collapse_redirspec (a
// translation or route pool of several addresses becomes the table
// <__automatic_N>, printed when made; FreeBSD keeps the list in the rule),
// the defaults of the rule action (keep state and flags S/SA on pass
// rules, adaptive timeouts from max, source tracking), label macros
// ($if, $srcaddr, $dstaddr, $srcport, $dstport, $proto, $nr), binat-to's
// pair of rules, antispoof's rules, and print_rule's spelling and order
// per release: OpenBSD current, OpenBSD 5.0-5.1 (bare prio, scrub
// set-tos, queue after the options), and FreeBSD (keep state always,
// port names, set ( prio ), nat/rdr/binat rules with ->, and the load
// order scrub, nat, rdr, binat, filter).
//
// Queue trees and bandwidths come from internal/model, which resolves
// them as pfctl does; the printer adds what only printing needs: pfctl's
// rate formatting (rate2str, print_bwspec), the default tbrsize, queue ids
// and the -vv tree dump.
//
// # What pfshape assumes about the loading machine
//
// pfctl asks the machine it runs on for several values. pfshape cannot, so
// it assumes the machine of pfctl's regression suites:
//
//   - Interfaces: lo0 with ::1/128, fe80::1%lo0/64 and 127.0.0.1/8, in that
//     order (so `from lo0` is three addresses, `lo0:network` is ::1 and
//     127.0.0.0/8, and link-local addresses pin a rule to lo0);
//     lo1000000, lo1000001, tun1000000, tun1000001 and enc0 exist without
//     addresses; the groups lo, tun and enc. Any other interface name used
//     as an address is printed as written, and `antispoof` for it prints
//     nothing.
//   - Host names: localhost is 127.0.0.1 then ::1; other names are printed
//     as written.
//   - MTU (for the default ALTQ tbrsize): 32768 on lo*, 1500 elsewhere.
//     An altq line without a bandwidth needs the interface speed from the
//     kernel; it prints as 0b.
//   - Users and groups: the base system's (root 0, bin 3, wheel 0, sshd 27,
//     nobody 32767 on OpenBSD; sshd 22, nobody 65534 on FreeBSD).
//   - Services and protocols: a built-in table of the well-known names
//     (names.go); FreeBSD prints port names from it.
//   - Table files (`file "…"`) are not read: the table prints as written.
//   - Source-hash without a key gets a random key in pfctl; pfshape prints
//     none.
//   - Release details taken from the regression output rather than a
//     release's source: ICMPv6 code 2 is notnbr-unr before OpenBSD 6.2;
//     a translation pool mixing families keeps the first address's family
//     before OpenBSD 6.0.
//
// What the package does not do: it does not optimize (pfctl -o none is
// assumed: no rule merging, no tables made from long address lists), and
// it reads no file: the ruleset, its includes and the files `load anchor`
// names come from the loader (internal/ruleset), of which it prints only
// the rules of a loaded anchor's file, as pfctl does. Statements pfctl
// would refuse are left out and reported as errors, each with a code.
package printer
