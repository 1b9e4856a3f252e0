package edit

import (
	"bytes"
	"strconv"
	"strings"
)

// contextLines is how many unchanged lines surround each change, as in
// diff -u and git diff. Changes with up to twice as many unchanged lines
// between them share a hunk.
const contextLines = 3

// noNewline follows a diff line whose text did not end in a newline; diff,
// git and patch all spell it this way.
const noNewline = "\\ No newline at end of file\n"

// Unified returns the unified diff from old to new, with oldName and newName
// in the --- and +++ headers, or "" when old and new are equal.
//
// The names are written as given, so pass the prefixes (for git's style,
// "a/pf.conf" and "b/pf.conf"; "/dev/null" for a side that does not exist)
// and they are quoted, when needed, as git quotes them. The diff is computed
// line by line and is minimal; lines are printed byte for byte, CRLF endings
// included, and a last line without a newline is marked as diff marks it.
func Unified(oldName, newName string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	ops := lineDiff(string(old), string(new))
	var b strings.Builder
	writeFileHeader(&b, "--- ", oldName)
	writeFileHeader(&b, "+++ ", newName)
	for _, h := range findHunks(ops) {
		h.write(&b, ops)
	}
	return b.String()
}

// hunk is a run of ops shown together: ops[first:end], starting after
// oldBefore lines of the old text and newBefore lines of the new.
type hunk struct {
	first, end           int
	oldBefore, newBefore int
	oldLines, newLines   int
}

// findHunks groups the changes of ops into hunks with up to contextLines
// unchanged lines around them. Changes separated by at most 2*contextLines
// unchanged lines share a hunk, as in diff -u, so hunks never overlap or
// touch.
func findHunks(ops []lineOp) []hunk {
	var hunks []hunk
	oldBefore, newBefore := 0, 0 // lines before ops[i]
	prevEnd := 0
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			oldBefore++
			newBefore++
			i++
			continue
		}
		lead := min(contextLines, i-prevEnd)
		h := hunk{first: i - lead, oldBefore: oldBefore - lead, newBefore: newBefore - lead}
		last := i // the last change in the hunk
		// Scan on until more than 2*contextLines unchanged lines follow the
		// last change.
		for j := i; j < len(ops) && j-last <= 2*contextLines+1; j++ {
			if ops[j].kind != opEqual {
				last = j
			}
		}
		h.end = min(last+1+contextLines, len(ops))
		for _, op := range ops[h.first:h.end] {
			if op.kind != opInsert {
				h.oldLines++
			}
			if op.kind != opDelete {
				h.newLines++
			}
		}
		hunks = append(hunks, h)
		oldBefore, newBefore = h.oldBefore+h.oldLines, h.newBefore+h.newLines
		i, prevEnd = h.end, h.end
	}
	return hunks
}

// write prints the hunk's header and lines.
func (h hunk) write(b *strings.Builder, ops []lineOp) {
	b.WriteString("@@ -")
	b.WriteString(hunkRange(h.oldBefore, h.oldLines))
	b.WriteString(" +")
	b.WriteString(hunkRange(h.newBefore, h.newLines))
	b.WriteString(" @@\n")
	for _, op := range ops[h.first:h.end] {
		b.WriteByte(byte(op.kind))
		b.WriteString(op.line)
		if !strings.HasSuffix(op.line, "\n") {
			b.WriteString("\n")
			b.WriteString(noNewline)
		}
	}
}

// hunkRange spells one side of a hunk header as diff and git do: "start,count",
// the count left out when it is 1, and an empty side named by the line it
// follows ("0,0" at the top of the file).
func hunkRange(before, lines int) string {
	switch lines {
	case 0:
		return strconv.Itoa(before) + ",0"
	case 1:
		return strconv.Itoa(before + 1)
	default:
		return strconv.Itoa(before+1) + "," + strconv.Itoa(lines)
	}
}
