//go:build pfshape_reword

package grammar

import "strings"

// Reword, in this test build, changes every message (upper case, in «»):
// a finding or a code action that moves or disappears under it was
// decided on a message's words instead of its code. TestFindingsIgnoreMessageText
// runs in this build too.
func Reword(msg string) string { return "«" + strings.ToUpper(msg) + "»" }
