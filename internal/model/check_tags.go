package model

import "github.com/pfshape/pfshape/grammar"

// tagChecks mirrors the length checks pfctl makes when it copies a rule's
// tag, tagged and label strings into the fixed-size fields of struct
// pf_rule (filteropts_to_rule; the rule actions of older releases): tag
// names hold 63 characters ("tag too long, max 63 chars"), labels 63
// ("rule label too long (max 63 chars)"). pfctl checks the tag, then the
// tagged name, then the label, and stops at the first that is too long.
func (b *builder) tagChecks(s *grammar.Statement, opts []grammar.FilterOpt) bool {
	var (
		tag    *grammar.OptTag
		tagged *grammar.OptTagged
		label  *grammar.OptLabel
	)
	for _, o := range opts {
		switch o := o.(type) {
		case *grammar.OptTag:
			tag = o
		case *grammar.OptTagged:
			tagged = o
		case *grammar.OptLabel:
			if label == nil {
				label = o
			}
		}
	}
	if tag != nil && len(tag.Tag.Text()) > tagNameMax {
		b.parseErr(TagTooLong, b.at(s, tag.Pos), "tag too long, max %d chars", tagNameMax)
		return false
	}
	if tagged != nil && len(tagged.Tagged.Text()) > tagNameMax {
		b.parseErr(TagTooLong, b.at(s, tagged.Pos), "tag too long, max %d chars", tagNameMax)
		return false
	}
	if label != nil && len(label.Label.Text()) > labelMax {
		b.parseErr(LabelTooLong, b.at(s, label.Pos), "rule label too long (max %d chars)", labelMax)
		return false
	}
	return true
}
