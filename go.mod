module github.com/pfshape/pfshape

go 1.26.8

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/owenrumney/go-sarif/v2 v2.3.3
	github.com/sergi/go-diff v1.4.0
	github.com/spf13/pflag v1.1.0
)
