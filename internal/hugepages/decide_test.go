package hugepages

import "testing"

func TestDecide(t *testing.T) {
	const gib = 1 << 30
	madvise := system{thp: "always [madvise] never\n", overcommit: "0\n", free: 8 * gib, wordBits: 64}
	with := func(f func(*system)) system { s := madvise; f(&s); return s }
	tests := []struct {
		name string
		n    int64
		sys  system
		want int64
		out  Outcome
	}{
		{"madvise", 300 << 20, madvise, 300 << 20, Advised},
		{"too small", minBytes - 1, madvise, 0, TooSmall},
		{"just enough", minBytes, madvise, minBytes, Advised},
		{"half the free memory at most", 6 * gib, madvise, 4 * gib, Advised},
		{"too little free memory", 300 << 20, with(func(s *system) { s.free = minBytes }), 0, TooSmall},
		{"always", 300 << 20, with(func(s *system) { s.thp = "[always] madvise never" }), 0, ModeAlways},
		{"never", 300 << 20, with(func(s *system) { s.thp = "always madvise [never]" }), 0, ModeNever},
		{"32-bit", 300 << 20, with(func(s *system) { s.wordBits = 32 }), 0, Unsupported},
		{"no THP in the kernel", 300 << 20, with(func(s *system) { s.thp = "" }), 0, Unsupported},
		{"strict overcommit", 300 << 20, with(func(s *system) { s.overcommit = "2\n" }), 0, StrictOvercommit},
		{"heuristic overcommit", 300 << 20, with(func(s *system) { s.overcommit = "1\n" }), 300 << 20, Advised},
		{"GODEBUG disablethp", 300 << 20, with(func(s *system) { s.godebug = "madvdontneed=1,disablethp=1" }), 0, Disabled},
		{"GODEBUG disablethp=0", 300 << 20, with(func(s *system) { s.godebug = "disablethp=0" }), 300 << 20, Advised},
		{"GODEBUG last setting wins", 300 << 20, with(func(s *system) { s.godebug = "disablethp=1,disablethp=0" }), 300 << 20, Advised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, out := decide(tt.n, tt.sys)
			if got != tt.want || out != tt.out {
				t.Errorf("decide(%d) = %d, %v; want %d, %v", tt.n, got, out, tt.want, tt.out)
			}
		})
	}
}

func TestThpMode(t *testing.T) {
	for in, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never":   "always",
		"always madvise [never]":   "never",
		"always madvise never":     "",
		"] [":                      "",
		"":                         "",
	} {
		if got := thpMode(in); got != want {
			t.Errorf("thpMode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutcomeString(t *testing.T) {
	seen := map[string]bool{}
	for o := Advised; o <= Failed; o++ {
		s := o.String()
		if s == "unknown" || seen[s] {
			t.Errorf("Outcome(%d) = %q: want a name of its own", o, s)
		}
		seen[s] = true
	}
	if s := Outcome(-1).String(); s != "unknown" {
		t.Errorf("Outcome(-1) = %q", s)
	}
}
