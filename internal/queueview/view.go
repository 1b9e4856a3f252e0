package queueview

import (
	"sort"

	"github.com/pfshape/pfshape/translate"
)

// View is the queue trees of one ruleset.
type View struct {
	// File is the ruleset's name as messages give it.
	File string `json:"file"`
	// To is the translation shown beside each queue ("" for none).
	To    translate.Mode `json:"to,omitempty"`
	Trees []*Tree        `json:"trees"`
}

// Tree is the queueing of one interface: an `altq on IF` line and its
// queues, or one root of OpenBSD's queues (`queue NAME on IF …`).
type Tree struct {
	// Kind is "altq" or "queue" (OpenBSD's queues).
	Kind      string `json:"kind"`
	Interface string `json:"interface"`
	// Scheduler is the ALTQ scheduler (cbq, priq, hfsc, fairq, codelq);
	// "" for OpenBSD's queues.
	Scheduler string `json:"scheduler,omitempty"`
	// Bandwidth is the altq line's bandwidth (nil for OpenBSD's queues,
	// whose root is the first node).
	Bandwidth *Rate    `json:"bandwidth,omitempty"`
	Qlimit    int      `json:"qlimit,omitempty"`
	Tbrsize   int      `json:"tbrsize,omitempty"`
	Flags     []string `json:"flags,omitempty"`
	Pos       string   `json:"pos"`
	// Queues are the top-level queues: pfctl's root_IF for CBQ, HFSC and
	// FAIRQ, the listed queues for PRIQ and CODEL, the root queue for
	// OpenBSD's queues.
	Queues   []*Node   `json:"queues"`
	Warnings []Finding `json:"warnings,omitempty"`
	// Becomes is what the translation makes of the interface.
	Becomes *TreeBecomes `json:"becomes,omitempty"`
}

// Node is one queue.
type Node struct {
	Name string `json:"name"`
	// Hidden is set for pfctl's root_IF, which no line defines.
	Hidden    bool   `json:"hidden,omitempty"`
	Scheduler string `json:"scheduler,omitempty"`
	// Priority is nil where the queueing has none (OpenBSD's queues).
	Priority  *int     `json:"priority,omitempty"`
	Bandwidth *Rate    `json:"bandwidth,omitempty"`
	Curves    []Curve  `json:"curves,omitempty"`
	Qlimit    int      `json:"qlimit,omitempty"`
	Flags     []string `json:"flags,omitempty"`
	Default   bool     `json:"default,omitempty"`
	// Rules assign the queue for data; Ack for TCP ACKs and lowdelay
	// (the second name of `queue (q, ack)`).
	Rules    []string  `json:"rules,omitempty"`
	Ack      []string  `json:"ack,omitempty"`
	Warnings []Finding `json:"warnings,omitempty"`
	Becomes  *Becomes  `json:"becomes,omitempty"`
	Pos      string    `json:"pos,omitempty"`
	Children []*Node   `json:"children,omitempty"`
}

// Rate is a bandwidth as written and as pfctl resolves it.
type Rate struct {
	// Written is the value as the file writes it, macros expanded; ""
	// when not written (100% of the parent).
	Written string `json:"written,omitempty"`
	// Bits is the rate in bit/s; Known is false when it depends on the
	// interface speed the kernel reports.
	Bits  uint64 `json:"bits"`
	Known bool   `json:"known"`
}

// Curve is a service curve: Name (real-time, link-share, upper-limit for
// HFSC; bandwidth, min, max for OpenBSD's queues) gives M1 bit/s for the
// first D ms, then M2 bit/s (M1 and D zero for a one-piece curve).
type Curve struct {
	Name    string `json:"name"`
	Written string `json:"written,omitempty"`
	M1      uint64 `json:"m1,omitempty"`
	D       uint64 `json:"d,omitempty"`
	M2      uint64 `json:"m2"`
	Known   bool   `json:"known"`
}

// Finding is a lint finding on a queue's or an altq line's statement.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Becomes is what the translation makes of one queue.
type Becomes struct {
	Prio  *int     `json:"prio,omitempty"`
	Queue string   `json:"queue,omitempty"`
	Lost  []string `json:"lost,omitempty"`
}

// TreeBecomes is what the translation makes of one interface.
type TreeBecomes struct {
	// To is prio or queues; "" when the tree is left in place.
	To   translate.Mode `json:"to,omitempty"`
	Left string         `json:"left,omitempty"`
	Lost []string       `json:"lost,omitempty"`
}

// Walk visits every node of the view depth first, with its depth (0 for
// a tree's top-level queues).
func (v *View) Walk(visit func(t *Tree, n *Node, depth int)) {
	var walk func(t *Tree, ns []*Node, depth int)
	walk = func(t *Tree, ns []*Node, depth int) {
		for _, n := range ns {
			visit(t, n, depth)
			walk(t, n.Children, depth+1)
		}
	}
	for _, t := range v.Trees {
		walk(t, t.Queues, 0)
	}
}

// Names are the queue names of the view, sorted, each once.
func (v *View) Names() []string {
	seen := map[string]bool{}
	var out []string
	v.Walk(func(_ *Tree, n *Node, _ int) {
		if !seen[n.Name] {
			seen[n.Name] = true
			out = append(out, n.Name)
		}
	})
	sort.Strings(out)
	return out
}
