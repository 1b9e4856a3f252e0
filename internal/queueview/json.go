package queueview

import (
	"encoding/json"
	"io"
)

// JSON writes the view as data: the trees with their queues nested, rates
// in bit/s (known false where the kernel's interface speed decides).
func JSON(w io.Writer, v *View) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
