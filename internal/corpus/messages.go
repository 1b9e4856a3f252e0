package corpus

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Message is one message of pfctl's expected output for a failing case:
// `stdin:LINE: text` (File "stdin" or an included file's name), or
// `pfctl: text`, which names no line (Line 0).
type Message struct {
	File string
	Line int
	Text string
}

var lineMessage = regexp.MustCompile(`^([^:\s]+):(\d+): (.*)$`)

// Messages reads the messages of a .ok or .fail file; other lines (the
// rules pfctl printed before it failed) are skipped.
func Messages(path string) ([]Message, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Message
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := lineMessage.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			out = append(out, Message{File: m[1], Line: n, Text: m[3]})
		} else if text, ok := strings.CutPrefix(line, "pfctl: "); ok {
			out = append(out, Message{File: "pfctl", Text: text})
		}
	}
	return out, sc.Err()
}

// InFile reports whether the message is about the file named name (read
// by pfctl from standard input, or under its own name) rather than a file
// it includes or pfctl as a whole.
func (m Message) InFile(name string) bool { return m.File == "stdin" || m.File == name }
