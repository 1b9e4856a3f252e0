//go:build !pfshape_reword

package grammar

// Reword returns a message as it is. In a build with -tags pfshape_reword
// it rewords it instead, to prove that no behaviour depends on the words
// (see reword_on.go).
func Reword(msg string) string { return msg }
