module github.com/pfshape/pfshape

go 1.26.8

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/owenrumney/go-sarif/v2 v2.3.3
	github.com/sergi/go-diff v1.4.0
	github.com/sourcegraph/jsonrpc2 v0.2.0
	github.com/spf13/pflag v1.1.0
	github.com/tliron/glsp v0.2.2
	gopkg.in/yaml.v3 v3.0.1
)
