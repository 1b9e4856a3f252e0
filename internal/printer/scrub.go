package printer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// scrubRule is a standalone `scrub` rule (FreeBSD; OpenBSD before 4.6).
func (p *printer) scrubRule(sr *grammar.ScrubRule, rs *ruleset) {
	r := &rule{action: "scrub", no: sr.No, onrdomain: -1, rtable: -1, category: "scrub"}
	var l ruleLists
	p.ruleHead(r, &sr.RuleHead, &l)
	var filter []grammar.FilterOpt
	for _, o := range sr.Options {
		switch {
		case o.Flag == "no-df":
			r.nodf = true
		case o.Flag == "random-id":
			r.randomID = true
		case o.Name != "" && o.Value != nil:
			switch o.Name {
			case "min-ttl":
				r.minTTL, _ = strconv.Atoi(o.Value.Text())
			case "max-mss":
				r.maxMSS, _ = strconv.Atoi(o.Value.Text())
			case "set-tos":
				v, _ := tosValue(o.Value.Text())
				r.setTOSScrub, r.hasScrubTos = int(v), true
			}
		case o.Fragment != "":
			r.fragReass = o.Fragment
		case o.Reass != nil:
			r.reassTCP = true
		case o.Paren != nil:
			p.scrubOpts(r, flatArgs(o.Paren))
		case o.Filter != nil:
			filter = append(filter, o.Filter)
		}
	}
	p.filterOpts(r, filter, &l)
	decideAF(l.src, &r.af)
	decideAF(l.dst, &r.af)
	p.expandRule(r, rs, &l)
}

// formatScrub prints a standalone scrub rule: the rule head, then the
// scrub options and the fragment handling, as pfctl's print_rule does.
func (p *printer) formatScrub(r *rule) string {
	var b strings.Builder
	if r.no {
		b.WriteString("no ")
	}
	b.WriteString("scrub")
	switch r.direction {
	case dirIn:
		b.WriteString(" in")
	case dirOut:
		b.WriteString(" out")
	}
	if r.log != 0 {
		b.WriteString(" log")
	}
	if r.quick {
		b.WriteString(" quick")
	}
	b.WriteString(onText(r))
	b.WriteString(p.afProtoFromTo(r))
	if r.no {
		return b.String()
	}
	if r.nodf {
		b.WriteString(" no-df")
	}
	if r.randomID {
		b.WriteString(" random-id")
	}
	if r.minTTL != 0 {
		fmt.Fprintf(&b, " min-ttl %d", r.minTTL)
	}
	if r.maxMSS != 0 {
		fmt.Fprintf(&b, " max-mss %d", r.maxMSS)
	}
	if r.hasScrubTos {
		fmt.Fprintf(&b, " set-tos 0x%2.2x", r.setTOSScrub)
	}
	if r.reassTCP {
		b.WriteString(" reassemble tcp")
	}
	switch r.fragReass {
	case "crop", "drop-ovl":
		b.WriteString(" fragment " + r.fragReass)
	case "no reassemble", "noreassemble":
		b.WriteString(" fragment no reassemble")
	default:
		b.WriteString(" fragment reassemble")
	}
	if r.label != "" {
		b.WriteString(" label \"" + r.label + "\"")
	}
	return b.String()
}
