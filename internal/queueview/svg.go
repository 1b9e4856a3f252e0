package queueview

import "io"

func SVG(w io.Writer, v *View) error { return nil }
