// Package msgcheck is a vet-style check, run as a test, that no code of
// the module decides anything on the words of a message: errors and
// findings carry codes (grammar.Code), subjects and fixes for that, and
// a message may be reworded at any time.
//
// It parses every non-test .go file of the module and reports a message
// (a field selected as Msg or Message, a variable assigned from one, or
// a parameter named msg or message)
// used as an argument of a strings function that looks into text
// (Contains, HasPrefix, Cut, Index, Split, …) or of a regexp method, as
// an operand of ==, !=, <, <=, > or >=, or as a switch tag. A line that
// must do so anyway (sorting findings, say) says why in a comment
// containing "msgcheck:ok". It also reports a code given to an error as a
// string literal instead of a constant of the code files (CodeFiles).
package msgcheck
