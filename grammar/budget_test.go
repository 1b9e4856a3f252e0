package grammar_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
)

// The bound for every hostile ruleset: it ends within 2 s and 200
// MB, with a clear message or as pfctl would. The bounds are measured on
// a child process (CPU time and peak resident memory, which a loaded
// machine does not inflate the way it does wall time), so that a parse
// that ran out of memory or hung is a failure here, not a dead test run.
const (
	budgetMaxCPU = 2 * time.Second
	budgetMaxRSS = 200 << 20
)

// budgetCases write a ruleset of a few generated lines, and its includes,
// into a folder; main is the file to lint.
var budgetCases = []struct {
	name  string
	write func(t *testing.T, dir string) (main string)
	// want must be in the messages: the budget or the refusal that
	// stopped the input.
	want string
}{
	{
		// 1.4 KB: a macro doubled 18 times (512 KiB), then used by 100
		// macros, each under the 1 MiB cap of one statement.
		name: "macro doubled then used by 100 macros",
		write: func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString("a0 = x\n")
			for i := 1; i <= 18; i++ {
				fmt.Fprintf(&b, "a%d = $a%d $a%d\n", i, i-1, i-1)
			}
			for i := 1; i <= 100; i++ {
				fmt.Fprintf(&b, "m%d = $a18\n", i)
			}
			return writeFiles(t, dir, map[string]string{"pf.conf": b.String()})
		},
		want: "the macros of this ruleset expand to more than",
	},
	{
		name: "macro chain of 10,000",
		write: func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString("m0 = x\n")
			for i := 1; i <= 10_000; i++ {
				fmt.Fprintf(&b, "m%d = $m%d x\n", i, i-1)
			}
			return writeFiles(t, dir, map[string]string{"pf.conf": b.String()})
		},
		want: "the macros of this ruleset expand to more than",
	},
	{
		name: "include fan-out 300 by 300",
		write: func(t *testing.T, dir string) string {
			return writeFiles(t, dir, map[string]string{
				"pf.conf": strings.Repeat("include \"b.conf\"\n", 300),
				"b.conf":  strings.Repeat("include \"c.conf\"\n", 300),
				"c.conf":  "pass\n",
			})
		},
		want: "more than 4096 includes in this ruleset",
	},
	{
		name: "include diamond 18 deep",
		write: func(t *testing.T, dir string) string {
			files := map[string]string{"pf.conf": "include \"d1a.conf\"\ninclude \"d1b.conf\"\n"}
			for i := 1; i < 18; i++ {
				for _, s := range []string{"a", "b"} {
					files[fmt.Sprintf("d%d%s.conf", i, s)] = fmt.Sprintf("include \"d%da.conf\"\ninclude \"d%db.conf\"\n", i+1, i+1)
				}
			}
			files["d18a.conf"], files["d18b.conf"] = "pass\n", "block\n"
			return writeFiles(t, dir, files)
		},
		want: "more than 4096 includes in this ruleset",
	},
	{
		// A file of 2,000 statements included 300 times.
		name: "include of a large file many times",
		write: func(t *testing.T, dir string) string {
			return writeFiles(t, dir, map[string]string{
				"pf.conf":  strings.Repeat("include \"big.conf\"\n", 300),
				"big.conf": strings.Repeat("pass in on em0\n", 2_000),
			})
		},
		want: "more than 50000 statements read again through includes",
	},
	{
		name: "include of a named pipe",
		write: func(t *testing.T, dir string) string {
			if err := syscall.Mkfifo(filepath.Join(dir, "fifo.conf"), 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return writeFiles(t, dir, map[string]string{"pf.conf": "include \"fifo.conf\"\npass\n"})
		},
		want: "cannot open the include file fifo.conf: not a regular file (a named pipe)",
	},
	{
		name: "include of /dev/zero",
		write: func(t *testing.T, dir string) string {
			return writeFiles(t, dir, map[string]string{"pf.conf": "include \"/dev/zero\"\n"})
		},
		want: "cannot open the include file /dev/zero: not a regular file (a character device)",
	},
	{
		name: "include of a symbolic link to /dev/zero",
		write: func(t *testing.T, dir string) string {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.conf")); err != nil {
				t.Skipf("symlink: %v", err)
			}
			return writeFiles(t, dir, map[string]string{"pf.conf": "include \"zero.conf\"\n"})
		},
		want: "cannot open the include file zero.conf: not a regular file (a character device)",
	},
	{
		name: "include of a folder",
		write: func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "sub.conf"), 0o755)
			return writeFiles(t, dir, map[string]string{"pf.conf": "include \"sub.conf\"\n"})
		},
		want: "cannot open the include file sub.conf: not a regular file (a folder)",
	},
}

func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "pf.conf")
}

// TestBudgets lints each hostile ruleset in a child process, from the real
// file system with the default reader (no include root: the special files
// must be refused on their own). Every command and the language server
// parse through grammar.Parse, where the budgets are.
func TestBudgets(t *testing.T) {
	if os.Getenv("PFSHAPE_BUDGET_CHILD") != "" {
		t.Skip("the child runs TestBudgetChild")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range budgetCases {
		t.Run(tc.name, func(t *testing.T) {
			main := tc.write(t, t.TempDir())
			ctx, cancel := context.WithTimeout(context.Background(), hostileWatchdog)
			defer cancel()
			cmd := exec.CommandContext(ctx, exe, "-test.run=^TestBudgetChild$", "-test.v")
			cmd.Env = append(os.Environ(), "PFSHAPE_BUDGET_CHILD="+main, "GOMAXPROCS=2")
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("no result after %v: the parse hangs", hostileWatchdog)
			}
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			// The child's own peak: Maxrss of wait4 keeps this process's
			// peak across the fork and exec.
			var rss int64
			if _, after, ok := strings.Cut(string(out), "VmHWM:"); ok {
				fmt.Sscanf(after, "%d", &rss)
				rss <<= 10
			} else {
				t.Skip("no VmHWM in /proc/self/status: cannot measure the peak memory here")
			}
			t.Logf("%v CPU, %d MiB peak", cpu.Round(time.Millisecond), rss>>20)
			if cpu > budgetMaxCPU {
				t.Errorf("took %v of CPU, more than %v", cpu, budgetMaxCPU)
			}
			if rss > int64(budgetMaxRSS) {
				t.Errorf("peak memory %d MiB, more than %d MiB", rss>>20, budgetMaxRSS>>20)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("want a message %q; got\n%.3000s", tc.want, out)
			}
		})
	}
}

// TestBudgetChild is the child of TestBudgets: it lints the file named by
// PFSHAPE_BUDGET_CHILD, the heaviest of what the commands and the
// language server do with a ruleset (a parse, the model, every rule), and
// prints the messages and its peak memory.
func TestBudgetChild(t *testing.T) {
	main := os.Getenv("PFSHAPE_BUDGET_CHILD")
	if main == "" {
		t.Skip("run by TestBudgets")
	}
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	// Any folder: the budgets and the regular-file check are under test,
	// not the include root.
	res := lint.Lint(main, src, lint.Config{Target: target.MustParse("openbsd"), IncludeRoots: []string{"/"}})
	for i, d := range res.Diagnostics {
		if i < 20 {
			fmt.Println(d.Message)
		}
	}
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(b)) {
			if strings.HasPrefix(line, "VmHWM:") {
				fmt.Print(line)
			}
		}
	}
}
