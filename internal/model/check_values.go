package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// The value checks below are the range checks of pfctl's grammar actions
// on numbers and names, made while a statement is read (the first one
// ends the statement). They are decided here, once, for every command:
// `check`, `lint` and `print` all see them (print runs the model's checks
// before printing). Sources: OpenBSD parse.y 1.715 (2023) and FreeBSD
// sbin/pfctl/parse.y (main, 01c44736); where their words differ the
// target decides.

// Name sizes of pfvar.h: PF_TABLE_NAME_SIZE 32, PF_QNAME_SIZE 64.
const (
	tableNameMax = 31
	queueNameMax = 63
)

// isNumberToken reports whether s is what pfctl's lexer returns as a
// NUMBER: an optional '-' and digits (an operand is one token, so the
// character after it already ends a number).
func isNumberToken(s string) bool {
	t := strings.TrimPrefix(s, "-")
	return t != "" && strings.Trim(t, "0123456789") == ""
}

// atoul is pfctl's atoul: strtoul in any C base; a leading '-' wraps
// around as strtoul does. ok is false when s is not a whole number.
func atoul(s string) (uint64, bool) {
	neg := strings.HasPrefix(s, "-")
	t := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if t == "" || t[0] < '0' || t[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseUint(t, 0, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return 0, false // ERANGE with ULONG_MAX: atoul fails
		}
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// portValue is getservice on one port of a `port` list (parseport splits
// a range at ':'): a number above 65535 is "illegal port value %lu"; a
// word that is no number and can be no service name (it looks like a
// number: 1.5, 0x1g) is "unknown port %s". Other names are the machine's
// /etc/services and are left alone.
func portValue(s string) string {
	if s == "*" {
		return ""
	}
	if n, ok := atoul(s); ok {
		if n > 65535 {
			return fmt.Sprintf("illegal port value %d", n)
		}
		return ""
	}
	if s != "" && strings.Trim(s, "0123456789.-+") == "" {
		return "unknown port " + s
	}
	return ""
}

// PortMessage is pfctl's message on the numbers of one `port` item, ""
// when they are in range: the one place check and print decide it.
func PortMessage(it *grammar.PortItem) string { return portItemValues(it) }

// IcmpMessage is pfctl's message on the numbers of an icmp-type (v6:
// icmp6-type) list, "" when they are in range.
func IcmpMessage(spec *grammar.IcmpSpec, v6 bool) string { return icmpValues(spec, v6) }

// ProbabilityMessage is pfctl's message on a probability, "" when it
// is one.
func ProbabilityMessage(t target.Target, s string) string { return probabilityValue(t, s) }

// portItemValues checks the numbers of one `port` item.
func portItemValues(it *grammar.PortItem) string {
	vals := []string{it.From.Text()}
	if it.To != nil {
		vals = append(vals, it.To.Text())
	}
	for _, v := range vals {
		parts := []string{v}
		if a, b, ok := strings.Cut(v, ":"); ok {
			parts = []string{a, b}
		}
		for _, p := range parts {
			if msg := portValue(p); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// icmpValues is icmptype/icmp6type and icmp_item's `code NUMBER`: a
// number above 255 is "illegal icmp-type %lu" ("illegal icmp6-type")
// and "illegal icmp-code %lu" (for both families).
func icmpValues(spec *grammar.IcmpSpec, v6 bool) string {
	kind := "icmp-type"
	if v6 {
		kind = "icmp6-type"
	}
	for _, it := range spec.Items {
		if t := it.Type.Text(); isNumberToken(t) {
			if n, err := strconv.ParseInt(t, 10, 64); err != nil || n < 0 || n > 255 {
				return fmt.Sprintf("illegal %s %s", kind, t)
			}
		}
		if it.Code != nil {
			if c := it.Code.Text(); isNumberToken(c) {
				if n, err := strconv.ParseInt(c, 10, 64); err != nil || n < 0 || n > 255 {
					return "illegal icmp-code " + c
				}
			}
		}
	}
	return ""
}

// stateNumberOpts are the state options followed by a NUMBER in
// state_opt_item; `max-src-conn-rate` takes NUMBER '/' NUMBER.
var stateNumberOpts = map[string]bool{
	"max": true, "max-src-states": true, "max-src-conn": true, "max-src-nodes": true,
}

// stateValues is state_opt_item: a number option takes a NUMBER (a word
// there is a syntax error) from 0 to UINT_MAX ("only positive values
// permitted"); a timeout is `name NUMBER` with the same range; the
// overload table name holds 31 characters ("table name '%s' too long").
// It returns the message and the operand it is about.
func stateValues(st *grammar.StateSpec) (string, *grammar.OptionArg) {
	args := st.Opts
	word := func(i int) string {
		if i < len(args) && args[i].Value != nil {
			return args[i].Value.Text()
		}
		return ""
	}
	inRange := func(s string) bool {
		n, err := strconv.ParseInt(s, 10, 64)
		return err == nil && n >= 0 && n <= math.MaxUint32
	}
	for i := 0; i < len(args); i++ {
		w := word(i)
		switch {
		case stateNumberOpts[w] || strings.Contains(w, "."):
			if i+1 >= len(args) || args[i+1].Value == nil || !isNumberToken(word(i+1)) {
				if i+1 < len(args) {
					return "syntax error", args[i+1]
				}
				return "syntax error", args[i]
			}
			if !inRange(word(i + 1)) {
				return "only positive values permitted", args[i+1]
			}
			i++
		case w == "max-src-conn-rate":
			// NUMBER '/' NUMBER, as one operand or three
			rate := word(i + 1)
			if word(i+2) == "/" {
				rate += "/" + word(i+3)
			}
			a, b, _ := strings.Cut(rate, "/")
			if isNumberToken(a) && isNumberToken(b) && (!inRange(a) || !inRange(b)) {
				return "only positive values permitted", args[i+1]
			}
		case w == "overload" && i+1 < len(args) && args[i+1].Table != nil:
			if name := args[i+1].Table.Text(); len(name) > tableNameMax {
				return fmt.Sprintf("table name '%s' too long", name), args[i+1]
			}
		}
	}
	return "", nil
}

// probabilityValue is the probability production and filter_opt's range
// check: a word other than a number with an optional '%' is "invalid
// probability: %s"; a probability above 1 (100%) is "invalid
// probability:" with OpenBSD's "%g%%" of the percentage, FreeBSD's "%lf"
// of the scaled 32-bit value.
func probabilityValue(t target.Target, s string) string {
	num := strings.TrimSuffix(s, "%")
	p, err := strconv.ParseFloat(num, 64)
	if err != nil && !isNumberToken(num) {
		return "invalid probability: " + s
	}
	if strings.HasSuffix(s, "%") {
		p *= 0.01
	}
	scaled := math.Floor(p*math.MaxUint32 + 0.5)
	if scaled >= 0 && scaled <= math.MaxUint32 {
		return ""
	}
	if t.OS == target.FreeBSD {
		return fmt.Sprintf("invalid probability: %f", scaled)
	}
	return "invalid probability: " + cFormatG(p*100) + "%"
}

// cFormatG is C's %g: six significant digits, the shorter of %e and %f,
// trailing zeros removed, a two-digit exponent at least.
func cFormatG(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if i := strings.IndexAny(s, "e"); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		sign := exp[0]
		digits := exp[1:]
		if len(digits) < 2 {
			digits = "0" + digits
		}
		return mant + "e" + string(sign) + digits
	}
	return s
}

// setOptionValues are timeout_spec and limit_spec: `set timeout NAME
// NUMBER` and `set limit NAME NUMBER` take a NUMBER (a word there is a
// syntax error) from 0 to UINT_MAX ("only positive values permitted").
func (b *builder) setOptionValues(s *grammar.Statement) {
	o := s.Option
	if o.Name != "timeout" && o.Name != "limit" {
		return
	}
	args := o.Args
	for _, a := range args {
		if a.Comma || a.Not {
			return // the grammar's error (validateOption, rejectNot)
		}
	}
	if len(args) == 1 && args[0].List != nil {
		args = args[0].List
	}
	for i := 0; i+1 < len(args); i += 2 {
		v := args[i+1]
		if v.Value == nil || !isNumberToken(v.Value.Text()) {
			b.parseErr(OptionValueInvalid, s.Position(v.Pos), "syntax error")
			return
		}
		n, err := strconv.ParseInt(v.Value.Text(), 10, 64)
		if err != nil || n < 0 || n > math.MaxUint32 {
			b.parseErr(OptionValueInvalid, s.Position(v.Pos), "only positive values permitted")
			return
		}
	}
}

// tableNameValue is tabledef's "table name too long, max %d chars".
func (b *builder) tableNameValue(s *grammar.Statement) bool {
	if name := s.Table.Name.Text(); len(name) > tableNameMax {
		b.parseErr(TableNameTooLong, s.Position(s.Table.Pos), "table name too long, max %d chars", tableNameMax)
		return false
	}
	return true
}

// queueNameValues are the queue name sizes of queuespec ("queue name too
// long (max %d chars)") and of qassign_item, the names in a `{ … }` list
// ("queue name '%s' too long (max %d chars)"), which are read first.
func (b *builder) queueNameValues(s *grammar.Statement, name *grammar.Str, children *grammar.QueueList) bool {
	if children != nil {
		for _, c := range children.Names {
			if len(c.Text()) > queueNameMax {
				b.parseErr(QueueNameTooLong, b.at(s, children.Pos), "queue name '%s' too long (max %d chars)", c.Text(), queueNameMax)
				return false
			}
		}
	}
	if name != nil && len(name.Text()) > queueNameMax {
		b.parseErr(QueueNameTooLong, reportPos(s), "queue name too long (max %d chars)", queueNameMax)
		return false
	}
	return true
}

// ruleQueueValue is the rule's copy of an assigned queue's name into
// r.qname and r.pqname: "rule qname too long (max %d chars)" ("rule
// pqname …" for the second).
func ruleQueueValue(q *grammar.QueueRef) string {
	if q == nil {
		return ""
	}
	names := q.Pair
	if q.Name != nil {
		names = []grammar.Str{*q.Name}
	}
	for i, n := range names {
		if len(n.Text()) > queueNameMax {
			if i == 0 {
				return fmt.Sprintf("rule qname too long (max %d chars)", queueNameMax)
			}
			return fmt.Sprintf("rule pqname too long (max %d chars)", queueNameMax)
		}
	}
	return ""
}
