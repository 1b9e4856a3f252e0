package grammar

import (
	"fmt"
	"strconv"
)

// tosNames are the names pfctl's map_tos knows: the old TOS values and
// the DiffServ code points.
var tosNames = map[string]bool{
	"critical": true, "inetcontrol": true, "lowdelay": true, "netcontrol": true,
	"reliability": true, "throughput": true, "ef": true, "va": true,
	"af11": true, "af12": true, "af13": true, "af21": true, "af22": true, "af23": true,
	"af31": true, "af32": true, "af33": true, "af41": true, "af42": true, "af43": true,
	"cs0": true, "cs1": true, "cs2": true, "cs3": true, "cs4": true, "cs5": true, "cs6": true, "cs7": true,
}

// checkTos reports a tos value pfctl refuses (TosValid).
func (fp *fileParser) checkTos(pos Position, v Str) {
	if !TosValid(v) {
		fp.errs.Add(TosInvalid, pos, fmt.Sprintf("illegal tos value %s", v.Text()))
	}
}

// TosValid reports whether pfctl takes a tos value: a name its map_tos
// knows, or a number (decimal or 0x hex) up to 255. The parser reports
// the others ("illegal tos value"); a reader of the statement's meaning
// stops there, as pfctl does.
func TosValid(v Str) bool {
	s := v.Text()
	if tosNames[s] {
		return true
	}
	n, err := strconv.ParseUint(s, 0, 64)
	return err == nil && n <= 255
}
