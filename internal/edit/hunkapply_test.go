package edit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// This file is a strict, test-only reader of the diffs Unified writes. It
// applies a diff to the old text exactly where the hunk headers say (no
// fuzz, no offset search), and checks on the way the shape diff -u gives a
// diff, so that a diff it accepts is both correct and well-formed.

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// parsedHunk is one hunk as read back: its header and its lines, each with
// its kind and its text ("\n" removed when a no-newline marker follows).
type parsedHunk struct {
	oldStart, oldCount, newStart, newCount int
	lines                                  []lineOp
}

// applyUnified applies diff, written with the headers wantOld and wantNew,
// to old and returns the new text, or an error saying what in the diff is
// wrong.
func applyUnified(old []byte, diff, wantOld, wantNew string) ([]byte, error) {
	if diff == "" {
		return old, nil
	}
	if !strings.HasSuffix(diff, "\n") {
		return nil, fmt.Errorf("diff does not end in a newline")
	}
	rows := strings.SplitAfter(diff, "\n")
	rows = rows[:len(rows)-1]
	if len(rows) < 3 || rows[0] != "--- "+wantOld+"\n" || rows[1] != "+++ "+wantNew+"\n" {
		return nil, fmt.Errorf("bad file headers %q", rows[:min(2, len(rows))])
	}
	hunks, err := parseHunks(rows[2:])
	if err != nil {
		return nil, err
	}
	oldLines := splitLines(string(old))
	var out []string
	cursor := 0 // old lines consumed
	for k, h := range hunks {
		if err := h.checkShape(k == 0, len(oldLines)); err != nil {
			return nil, fmt.Errorf("hunk %d: %v", k+1, err)
		}
		pos := h.oldStart - 1 // index of the hunk's first old line
		if h.oldCount == 0 {
			pos = h.oldStart
		}
		if k > 0 && pos <= cursor {
			return nil, fmt.Errorf("hunk %d starts at old line %d, not after the previous hunk (line %d) with a line between", k+1, pos+1, cursor)
		}
		if pos < cursor || pos+h.oldCount > len(oldLines) {
			return nil, fmt.Errorf("hunk %d: old lines %d+%d outside the %d-line text", k+1, pos, h.oldCount, len(oldLines))
		}
		out = append(out, oldLines[cursor:pos]...)
		wantNewPos := h.newStart - 1
		if h.newCount == 0 {
			wantNewPos = h.newStart
		}
		if len(out) != wantNewPos {
			return nil, fmt.Errorf("hunk %d: new side starts at line %d, header says %d", k+1, len(out)+1, wantNewPos+1)
		}
		i := pos
		for _, l := range h.lines {
			switch l.kind {
			case opEqual, opDelete:
				if oldLines[i] != l.line {
					return nil, fmt.Errorf("hunk %d: old line %d is %q, diff says %q", k+1, i+1, oldLines[i], l.line)
				}
				i++
				if l.kind == opEqual {
					out = append(out, l.line)
				}
			case opInsert:
				out = append(out, l.line)
			}
		}
		cursor = i
	}
	out = append(out, oldLines[cursor:]...)
	return []byte(strings.Join(out, "")), nil
}

// parseHunks reads the hunks after the file headers, checking each hunk's
// line counts against its header.
func parseHunks(rows []string) ([]parsedHunk, error) {
	var hunks []parsedHunk
	for len(rows) > 0 {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(rows[0], "\n"))
		if m == nil {
			return nil, fmt.Errorf("expected a hunk header, got %q", rows[0])
		}
		h := parsedHunk{oldStart: atoi(m[1]), oldCount: 1, newStart: atoi(m[3]), newCount: 1}
		if m[2] != "" {
			h.oldCount = atoi(m[2])
			if h.oldCount == 1 {
				return nil, fmt.Errorf("%q: diff writes a count of 1 as no count", rows[0])
			}
		}
		if m[4] != "" {
			h.newCount = atoi(m[4])
			if h.newCount == 1 {
				return nil, fmt.Errorf("%q: diff writes a count of 1 as no count", rows[0])
			}
		}
		rows = rows[1:]
		oldN, newN := 0, 0
		for len(rows) > 0 && (oldN < h.oldCount || newN < h.newCount || strings.HasPrefix(rows[0], `\`)) {
			row := rows[0]
			rows = rows[1:]
			if strings.HasPrefix(row, `\`) {
				if row != noNewline || len(h.lines) == 0 || !strings.HasSuffix(h.lines[len(h.lines)-1].line, "\n") {
					return nil, fmt.Errorf("misplaced %q", row)
				}
				last := &h.lines[len(h.lines)-1]
				last.line = strings.TrimSuffix(last.line, "\n")
				continue
			}
			kind := opKind(row[0])
			switch kind {
			case opEqual:
				oldN++
				newN++
			case opDelete:
				oldN++
			case opInsert:
				newN++
			default:
				return nil, fmt.Errorf("bad hunk line %q", row)
			}
			h.lines = append(h.lines, lineOp{kind, row[1:]})
		}
		if oldN != h.oldCount || newN != h.newCount {
			return nil, fmt.Errorf("hunk -%d,%d +%d,%d has %d old and %d new lines", h.oldStart, h.oldCount, h.newStart, h.newCount, oldN, newN)
		}
		hunks = append(hunks, h)
	}
	if len(hunks) == 0 {
		return nil, fmt.Errorf("no hunks")
	}
	return hunks, nil
}

// checkShape checks what diff -u promises about a hunk: it changes
// something, it has contextLines lines of context on each side unless the
// file ends first, and no run of more than 2*contextLines unchanged lines
// inside it (such a run would have split it in two).
func (h parsedHunk) checkShape(first bool, oldTotal int) error {
	lead, trail, run := 0, 0, 0
	changed := false
	for _, l := range h.lines {
		if l.kind == opEqual {
			run++
			if changed && run > 2*contextLines {
				return fmt.Errorf("%d unchanged lines inside the hunk", run)
			}
			continue
		}
		if !changed {
			lead = run
		}
		changed, run = true, 0
	}
	trail = run
	if !changed {
		return fmt.Errorf("hunk changes nothing")
	}
	start := h.oldStart - 1
	if h.oldCount == 0 {
		start = h.oldStart
	}
	if lead > contextLines || (lead < contextLines && (!first || start != 0)) {
		return fmt.Errorf("%d lines of leading context", lead)
	}
	if trail > contextLines || (trail < contextLines && start+h.oldCount != oldTotal) {
		return fmt.Errorf("%d lines of trailing context", trail)
	}
	return nil
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err) // the header regexp only lets digits through
	}
	return n
}
