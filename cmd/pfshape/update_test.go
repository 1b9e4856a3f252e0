package main

import "flag"

// update rewrites the package's generated files (the pictures under docs/,
// the golden trace outputs under testdata/trace) instead of comparing
// with them; review the diff before committing.
var update = flag.Bool("update", false, "rewrite the generated pictures under docs/ and the golden outputs under testdata/trace")
