// Package shapediff says what changed in the traffic shaping between two
// versions of a ruleset: queues added and removed, priorities, bandwidths
// (resolved to bit/s, so `30%` of a changed interface speed counts),
// flags and limits, and rules whose class (queue or priority) changed. It
// is what a reviewer of a pull request that touches pf.conf wants to know,
// in words, where a text diff shows only lines.
//
// It compares two models (internal/model); it does not parse, and it says
// nothing about filtering changes that do not touch shaping.
package shapediff
