package translate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
)

// removeDefinitions deletes every `altq on` line and every ALTQ queue
// definition, and notes what each carried that a priority cannot say.
func (tr *translator) removeDefinitions() {
	seen := map[*grammar.Statement]bool{}
	for _, iface := range tr.model.Interfaces {
		if iface.Stmt != nil && !seen[iface.Stmt] {
			seen[iface.Stmt] = true
			tr.deleteStatement(iface.Stmt)
			tr.noteInterfaceLosses(iface)
		}
	}
	for _, def := range tr.model.QueueDefs {
		if def.Stmt != nil && !seen[def.Stmt] {
			seen[def.Stmt] = true
			tr.deleteStatement(def.Stmt)
			tr.noteQueueLosses(def)
		}
	}
	tr.flushDeletions()
}

// flushDeletions turns the deleted lines into edits. Adjacent deletions are
// joined, and where a deleted block stood between two blank lines one of
// them goes too, so the block leaves no double blank line behind.
func (tr *translator) flushDeletions() {
	for name, spans := range tr.deletions {
		src := tr.sources[name]
		b := src.Bytes
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		var merged []grammar.Span
		for _, sp := range spans {
			if n := len(merged); n > 0 && sp.Start <= merged[n-1].End {
				merged[n-1].End = max(merged[n-1].End, sp.End)
				continue
			}
			merged = append(merged, sp)
		}
		for _, sp := range merged {
			blankBefore := sp.Start == 0 || (sp.Start >= 2 && b[sp.Start-1] == '\n' && b[sp.Start-2] == '\n') || sp.Start == 1 && b[0] == '\n'
			if blankBefore && sp.End < len(b) && b[sp.End] == '\n' && (sp.End == 0 || b[sp.End-1] == '\n') {
				sp.End++
			}
			tr.edit(src, edit.Edit{Start: sp.Start, End: sp.End})
		}
	}
}

// deleteStatement removes a statement's lines: from the start of its first
// line, when only blanks stand before it, through the newline that ends its
// last line. A comment on the statement's last line goes with it; the lines
// around it are untouched.
func (tr *translator) deleteStatement(s *grammar.Statement) {
	b := s.Source.Bytes
	start, end := s.Span.Start, s.Span.End
	lineStart := start
	for lineStart > 0 && (b[lineStart-1] == ' ' || b[lineStart-1] == '\t') {
		lineStart--
	}
	if lineStart == 0 || b[lineStart-1] == '\n' {
		start, end = lineStart, logicalLineEnd(b, end)
	}
	if tr.deletions == nil {
		tr.deletions = map[string][]grammar.Span{}
		tr.sources = map[string]*grammar.Source{}
	}
	tr.sources[s.Source.Name] = s.Source
	tr.deletions[s.Source.Name] = append(tr.deletions[s.Source.Name], grammar.Span{Start: start, End: end})
}

// logicalLineEnd is the offset just past the newline that ends the line
// at i, as pfctl reads lines: a newline after an odd number of
// backslashes continues the line (a trailing comment included, so
// `# note \` swallows the next line), and that next line goes with it.
func logicalLineEnd(b []byte, i int) int {
	for i < len(b) {
		if b[i] != '\n' {
			i++
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
	return i
}

func (tr *translator) noteInterfaceLosses(iface *model.Interface) {
	lost := "is lost"
	if iface.Bandwidth != nil {
		lost = "and its bandwidth " + iface.Bandwidth.Text + " are lost"
	}
	// --to queues keeps bandwidth, but not PRIQ's (see notePriqQueues).
	hint := " (translate --to queues keeps bandwidth in OpenBSD's queues)"
	if iface.Scheduler == model.PRIQ {
		hint = ""
	}
	tr.note(iface.Pos, false, "altq on %s: %s scheduling %s: set prio orders traffic but cannot limit it%s",
		ifaceWord(iface.Name), iface.Scheduler, lost, hint)
}

func (tr *translator) noteQueueLosses(def *model.QueueDef) {
	lost := tr.prioLosses(def)
	if len(lost) == 0 {
		return
	}
	tr.note(def.Pos, false, "queue %s: %s lost: set prio orders traffic but cannot shape it", def.Name, strings.Join(lost, ", "))
}

// prioLosses is what a queue definition carries that set prio cannot say.
func (tr *translator) prioLosses(def *model.QueueDef) []string {
	var lost []string
	if def.Bandwidth != nil {
		lost = append(lost, "bandwidth "+def.Bandwidth.Text+tr.instanceRates(def))
	}
	if def.Flags.Borrow {
		lost = append(lost, "borrow")
	}
	if def.Flags.RED {
		lost = append(lost, "red")
	}
	if def.Flags.ECN {
		lost = append(lost, "ecn")
	}
	if def.Flags.RIO {
		lost = append(lost, "rio")
	}
	if def.Flags.CoDel {
		lost = append(lost, "codel")
	}
	for _, c := range []struct {
		name  string
		curve *model.ServiceCurve
	}{{"realtime", def.Realtime}, {"linkshare", def.Linkshare}, {"upperlimit", def.Upperlimit}} {
		if c.curve != nil {
			lost = append(lost, c.name+" curve")
		}
	}
	if def.Qlimit != 50 {
		lost = append(lost, fmt.Sprintf("qlimit %d", def.Qlimit))
	}
	return lost
}

// instanceRates says what a queue's bandwidth resolved to on each
// interface, when that adds anything to what is written.
func (tr *translator) instanceRates(def *model.QueueDef) string {
	if def.Bandwidth == nil || !def.Bandwidth.IsPercent {
		return ""
	}
	var parts []string
	for _, q := range def.Instances {
		parts = append(parts, fmt.Sprintf("%s on %s", tr.rate(q.Rate), q.Interface.Name))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func (tr *translator) rate(r model.Rate) string {
	if !r.Known {
		return "the interface's speed"
	}
	return noteRate(r.Bits, tr.noteUnit())
}

// rateUnits are the units notes write rates in.
var rateUnits = []struct {
	div  uint64
	name string
}{{1_000_000_000, "G"}, {1_000_000, "M"}, {1_000, "K"}, {1, ""}}

// noteUnit is the one unit the notes of a run write rates in: the
// largest that the smallest rate they show reaches, so that rates side
// by side read alike (115.2Kb/s beside 64Kb/s, not 115200b/s beside
// 64Kb/s; 1200Kb/s beside 900Kb/s).
func (tr *translator) noteUnit() int {
	if tr.unit >= 0 {
		return tr.unit
	}
	var least uint64
	for _, def := range tr.model.QueueDefs {
		if def.Bandwidth == nil || !def.Bandwidth.IsPercent {
			continue
		}
		for _, q := range def.Instances {
			if q.Rate.Known && q.Rate.Bits > 0 && (least == 0 || q.Rate.Bits < least) {
				least = q.Rate.Bits
			}
		}
	}
	tr.unit = len(rateUnits) - 1
	for i, u := range rateUnits {
		if least >= u.div {
			tr.unit = i
			break
		}
	}
	return tr.unit
}

// noteRate writes a rate in bit/s in the given unit, with the decimals it
// needs.
func noteRate(v uint64, unit int) string {
	u := rateUnits[unit]
	return strconv.FormatFloat(float64(v)/float64(u.div), 'f', -1, 64) + u.name + "b/s"
}

// ifaceWord is an interface name as a note shows it: quoted when it is
// empty or would not read as one word, as the altq line had to write it.
func ifaceWord(name string) string {
	if name != "" && !strings.ContainsAny(name, "\"' \t\n\\#$") {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `\"`) + `"`
}
