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

// checkTos reports a tos value pfctl refuses: a name it does not know, or
// a number (decimal or 0x hex) above 255.
func (fp *fileParser) checkTos(pos Position, v Str) {
	s := v.Text()
	if tosNames[s] {
		return
	}
	if n, err := strconv.ParseUint(s, 0, 64); err == nil && n <= 255 {
		return
	}
	fp.errs.Add(TosInvalid, pos, fmt.Sprintf("illegal tos value %s", s))
}
