package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
)

// hostileNames are queue names, and parts of a file name, that would
// speak to a terminal or to the GitHub Actions runner if written raw.
var hostileNames = []string{
	"\x1b]0;PWNED\x07",             // retitles an xterm
	"q\r::error::owned by a queue", // CR: a new line for the runner
	"##[add-mask]secret",           // the runner's older command form
	"::warning::at the start",      // a command if a line starts with it
	"csi\u009b31m",                 // C1 CSI
	"del\x7f",
}

// hostileRuleset uses every name as an undefined queue, which lint
// reports by name.
func hostileRuleset() []byte {
	var b strings.Builder
	b.WriteString("altq on em0 cbq bandwidth 10Mb queue { std }\nqueue std bandwidth 100% cbq(default)\n")
	for _, n := range hostileNames {
		fmt.Fprintf(&b, "pass out on em0 queue \"%s\"\n", n)
	}
	return []byte(b.String())
}

// githubCommand is the one form of line the github format may write.
var githubCommand = regexp.MustCompile(`^::(error|warning|notice) file=[^:\r\n]*,line=\d+,col=\d+[^:]*::[^\r\n]*$`)

// TestHostileNames feeds every format the findings of a ruleset whose
// queue names and file name hold control characters, CR/LF, "::" and
// "##[", and checks that no line of any output can start a workflow
// command or hold a raw control character.
func TestHostileNames(t *testing.T) {
	file := "dir/pf\n::error file=x::owned by a file name ##[set-env]\x1b[2J.conf"
	res := lint.Lint(file, hostileRuleset(), lint.Config{Target: target.MustParse("openbsd-4.6")})
	var raw strings.Builder
	for _, d := range res.Diagnostics {
		raw.WriteString(d.Range.Start.File + " " + d.Message + "\n")
	}
	// The test means something only if the names reach the findings raw.
	for _, n := range hostileNames {
		if !strings.Contains(raw.String(), n) {
			t.Fatalf("no finding names the queue %q:\n%q", n, raw.String())
		}
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			out := write(t, format, res.Diagnostics)
			// The runner reads a line up to CR or LF.
			for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
				trimmed := strings.TrimLeft(line, " \t")
				switch {
				case format == "github" && !githubCommand.MatchString(line):
					t.Errorf("a line that is not one annotation: %q", line)
				case format != "github" && strings.HasPrefix(trimmed, "::"):
					t.Errorf("a line starts a workflow command: %q", line)
				case strings.Contains(line, "##["):
					t.Errorf("a line holds ##[: %q", line)
				}
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
					t.Errorf("a raw control character %U in:\n%s", r, out)
					break
				}
			}
			if format == "github" && strings.Contains(out, "\r") {
				t.Errorf("a raw CR in github output")
			}
			// The structured formats still parse, the names intact.
			switch format {
			case "json", "sarif":
				var v any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Errorf("not JSON: %v", err)
				} else if b, _ := json.Marshal(v); !strings.Contains(string(b), `PWNED`) {
					t.Errorf("the names are lost")
				}
				roundTrip(t, out)
			case "rdjsonl":
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					if !json.Valid([]byte(line)) {
						t.Errorf("not a JSON line: %q", line)
					}
				}
				roundTrip(t, out)
			case "checkstyle":
				if err := xml.Unmarshal([]byte(out), new(checkstyleDoc)); err != nil {
					t.Errorf("not XML: %v", err)
				}
			}
		})
	}
}

// roundTrip checks that the JSON strings of out hold every hostile name
// exactly: the escapes are JSON escapes.
func roundTrip(t *testing.T, out string) {
	t.Helper()
	var all strings.Builder
	dec := json.NewDecoder(bytes.NewReader([]byte(out)))
	for dec.More() {
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Errorf("decode: %v", err)
			return
		}
		collectStrings(v, &all)
	}
	for _, n := range hostileNames {
		if !strings.Contains(all.String(), n) {
			t.Errorf("the name %q does not survive the JSON round trip", n)
		}
	}
}

func collectStrings(v any, b *strings.Builder) {
	switch v := v.(type) {
	case string:
		b.WriteString(v + "\n")
	case []any:
		for _, e := range v {
			collectStrings(e, b)
		}
	case map[string]any:
		for _, e := range v {
			collectStrings(e, b)
		}
	}
}
