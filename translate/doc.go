// Package translate turns ALTQ queueing (`altq on …`, `queue …`,
// `oldqueue …`, and the queue assignments of rules) into what OpenBSD 5.6
// and later can load: `set prio` priorities (ToPrio), OpenBSD's own
// queues (`queue NAME on IF bandwidth …`, `queue NAME parent P …`) with
// `set queue` in the rules (ToQueues), or both (ToBoth). It produces
// edits on the original bytes (internal/edit), never a reprint, so every
// line it does not need to touch stays byte-identical, and notes for
// everything the translation cannot carry over (for priorities:
// bandwidth, borrowing, service curves, qlimit; for queues: RED/ECN, CBQ
// priorities, tbrsize), with their positions.
//
// It reads the ruleset through the model (internal/model): it never
// re-derives queue trees or bandwidth on its own. It does not decide where
// output goes; the command line does.
//
// # Equivalence: what Prove proves and assumes
//
// Prove checks a translation's output with the packet engine
// (internal/engine): for every packet class, the translated ruleset
// passes and blocks what the original did, and gives each passed packet
// the image of its original class under the printed mapping.
//
// What is compared. The original is read as its ALTQ release (the
// loader's ReadAs), the output as the target. Both engines are made
// Joint, the interfaces of the altq lines and of the new queue trees
// named in both (so that a class on em0 is never mixed with every other
// interface), and engine.Compare splits the whole header space
// (interface, direction, family, protocol, addresses, ports, ICMP type
// and code, TCP flags, tag) by both rulesets' outcomes, the unknowns
// kept apart. For each part Prove asks two things:
//
//   - The verdict: the same action (pass or block). A difference is an
//     error.
//   - For passed packets, the class on each interface where it can apply.
//     A class is not a property of one packet at one interface: pf keeps
//     what the rules assign on the packet (the mbuf's queue id and
//     priority) and on the state, and applies it to every later packet
//     of the connection, replies included, in both directions. A packet
//     that comes in on em1 leaves by whatever interface the route says;
//     its replies leave by em1. A packet that goes out on em0 leaves by
//     em0; its replies come in on em0 and leave by whatever interface
//     the route says. Nothing in pf.conf says which routes exist, so
//     whatever the direction, every interface may carry packets of the
//     class: Prove looks at each ALTQ interface, each interface with a
//     new queue tree, and every other interface (one group: they are
//     alike), for every class.
//
// On one interface I, the original class is what ALTQ does there: on an
// interface with an altq line, the assigned queue (or, for the ACK and
// lowdelay packets, the second queue of a pair) when I has a queue of
// that name, else I's default queue, where ALTQ puts a packet whose queue
// the interface lacks; on an interface without altq, the priority the
// original's own set prio rules give (ALTQ ignored it on its
// interfaces). Its image is the translation's fate of that queue on I
// (Result.Trees): set prio N under the mapping, or the queue of the same
// name in OpenBSD's queues. The translated class on I is the queue the
// output assigns when I has a queue tree (a name I lacks falls into its
// default queue, as in ALTQ), else the set prio it assigns, which travels
// with the packet and its state to every interface. A rule that assigns
// nothing leaves the packet as it was: no queue in the original matches
// no priority, or the image of the default queue (prio 3), in the output.
//
// A difference on an interface that has the queue the original assigned
// (or where the original assigned none) is an error: the translation
// could have kept it. A difference on an interface that lacks the
// queue is not: ALTQ's queue existed only there, while a set prio
// applies everywhere, and no ruleset can say "prio 6 on em0 only" for a
// packet that may leave by em1. Those are notes, one per interface,
// naming the classes affected.
//
// What is assumed: the engine's semantics (internal/engine/doc.go, with
// its sources), including what it leaves out — state is not modelled
// (replies and later packets follow the state their first packet
// created, which is why a class is checked on every interface),
// fragments, route-to, the ruleset optimizer. The unknowns (tables
// loaded from files, interface groups and addresses, …) are kept apart:
// a difference under an assumption is reported with it. A part the
// engine could not split finely enough (engine.MaxPieces) is not proven
// and is reported as such; so is a ruleset whose output does not load on
// the target. What ALTQ and the new queues do inside a queue (bandwidth,
// borrowing, service curves, RED) is not compared: the translation's
// notes say what is lost.
package translate
