package grammar

import "github.com/pfshape/pfshape/internal/target"

func mustTarget(s string) target.Target { return target.MustParse(s) }
