// Package edit changes text by edits on the original bytes and shows the
// change as a unified diff.
//
// Every producer of text changes in pfshape (a lint fix, a translation, an
// LSP code action) describes its change as []Edit on the bytes it read. Apply
// turns those edits into the new bytes, refusing edits that overlap or fall
// outside the text instead of guessing what was meant, and Unified renders
// old and new bytes as the minimal line diff that git apply, patch and
// review tools accept. Because the output is the original bytes with edits
// applied, never a reprint, lines nobody touched stay byte-identical: line
// endings, trailing blanks, bytes that are not UTF-8 and a missing final
// newline included.
//
// What the package is not for: it knows nothing of pf or of any syntax; it
// does not decide what to change, only carries changes out and shows them;
// it does not write files. It holds no global state and does not panic on
// any input.
package edit
