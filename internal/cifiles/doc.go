// Package cifiles holds the tests of the files at the repository root that
// other tools run pfshape from: the GitHub Action (action.yml) and the
// pre-commit hooks (.pre-commit-hooks.yaml). The tests parse them as YAML,
// check the keys those tools require, and run their commands the way the
// tools would, against a pfshape built from this checkout. The package
// has no code of its own.
package cifiles
