package model

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// ifnameMax is the longest interface name pfctl takes: its if_item copies
// the name into a buffer of IFNAMSIZ (16) bytes, the terminating NUL
// included.
const ifnameMax = 15

// ifnameChecked reports whether pfctl refuses a longer name before it
// looks at the machine: OpenBSD's if_item from parse.y 1.554 (4.5) on,
// where the interface's lookup no longer fails first, and FreeBSD 12 and
// later (12.1's parse.y). The earlier OpenBSD releases read have the
// lookup first ("unknown interface …"), which pfshape leaves to pfctl;
// the releases between 3.3 and 4.4 may have the same order as 4.5, but
// none of their parse.y was at hand, so they are not checked.
func ifnameChecked(t target.Target) bool {
	return openbsdAtLeast(t, 4, 5) || freebsdAtLeast(t, 12)
}

// ifnamesFit reports, for the `on` interfaces of a statement, the first
// name longer than pfctl's buffer ("interface name too long"), which ends
// the statement in pfctl's parser; true when every name fits.
func (b *builder) ifnamesFit(s *grammar.Statement, on *grammar.Interface) bool {
	if on == nil || !ifnameChecked(b.t) {
		return true
	}
	for _, it := range on.Items {
		if it.Name != nil && len(it.Name.Text()) > ifnameMax {
			b.parseErr(IfnameTooLong, s.Position(it.Pos), "interface name too long")
			return false
		}
	}
	return true
}

// altqIfnamesFit is ifnamesFit for an altq line, whose names the grammar
// keeps as words.
func (b *builder) altqIfnamesFit(s *grammar.Statement) bool {
	if !ifnameChecked(b.t) {
		return true
	}
	var names []string
	for _, n := range s.Altq.Ifaces {
		names = append(names, n.Text())
		if len(n.Text()) > ifnameMax {
			// Where the name is, found only for the message.
			b.parseErr(IfnameTooLong, namesRange(s, s.Span.Start, names).Pos, "interface name too long")
			return false
		}
	}
	return true
}

// queueIfnamesFit is ifnamesFit for the `on` of a queue definition.
func (b *builder) queueIfnamesFit(s *grammar.Statement) bool {
	for _, o := range s.Queue.Opts {
		if !b.ifnamesFit(s, o.On) {
			return false
		}
	}
	return true
}
