//go:build pfshape_reword

package lint

import (
	"strings"
	"testing"
)

// TestRewordIsOn checks that the pfshape_reword build rewords the
// messages of pfctl's errors and of findings, so that
// TestFindingsIgnoreMessageText proves something in it.
func TestRewordIsOn(t *testing.T) {
	for _, d := range lintText(t, undefinedMacro.Bad, undefinedMacro.Target) {
		if !strings.HasPrefix(d.Message, "«") || strings.ToUpper(d.Message) != d.Message {
			t.Errorf("not reworded: %s", d.Message)
		}
		return
	}
	t.Fatal("no finding")
}
