package grammar

import (
	"fmt"

	"github.com/pfshape/pfshape/internal/target"
)

func mustTarget(s string) target.Target { return target.MustParse(s) }

// readInput is a file some test reads for a target: generated, a fuzz
// seed, or a corpus file.
type readInput struct {
	name string
	src  []byte
	tg   target.Target
}

// seedInputs are the fuzz seeds, each for every fuzz target.
func seedInputs() []readInput {
	var out []readInput
	for i, s := range fuzzSeeds {
		for _, tg := range fuzzTargets {
			out = append(out, readInput{fmt.Sprintf("seed%d.conf", i), []byte(s), tg})
		}
	}
	return out
}
