package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

func filterOf(t *testing.T, tgt, src string) *Filter {
	t.Helper()
	tg := target.MustParse(tgt)
	f, err := grammar.Parse("pf.conf", []byte(src), grammar.Options{Target: tg})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	m, _ := Build(f)
	return m.Filter()
}

// describeRule is a rule of the filter view in one line.
func describeRule(r *FilterRule) string {
	var w []string
	w = append(w, fmt.Sprintf("%d:%s", r.Pos.Line, r.Action))
	if r.Dir != "" {
		w = append(w, r.Dir)
	}
	if r.Quick {
		w = append(w, "quick")
	}
	for _, i := range r.Ifaces {
		n := i.Name
		if i.Not {
			n = "!" + n
		}
		w = append(w, "on="+n)
	}
	if r.AF != 0 {
		w = append(w, fmt.Sprintf("af=%d", r.AF))
	}
	for _, p := range r.Protos {
		w = append(w, fmt.Sprintf("proto=%d", p.Num))
	}
	end := func(side string, e FilterEnd) {
		for _, h := range e.Hosts {
			s := side + "="
			if h.Not {
				s += "!"
			}
			switch h.Kind {
			case HostNet:
				s += h.Lo.String() + "-" + h.Hi.String()
			default:
				s += h.Text
			}
			w = append(w, s)
		}
		for _, p := range e.Ports {
			w = append(w, fmt.Sprintf("%s-port%s%d,%d", side, p.Op, p.A, p.B))
		}
	}
	end("from", r.Src)
	end("to", r.Dst)
	if r.Flags != nil {
		w = append(w, fmt.Sprintf("flags=%d/%d", r.Flags.Set, r.Flags.Mask))
	}
	if r.KeepState {
		w = append(w, "state")
	}
	if r.Return != "" {
		w = append(w, r.Return)
	}
	if r.Tag != "" {
		w = append(w, "tag="+r.Tag)
	}
	if r.Tagged != "" {
		w = append(w, fmt.Sprintf("tagged=%v%s", !r.NotTagged, r.Tagged))
	}
	if r.Prio != nil {
		w = append(w, fmt.Sprintf("prio=%v", r.Prio))
	}
	if r.Queue != nil {
		w = append(w, "queue="+r.Queue.Name+","+r.Queue.Ack)
	}
	if len(r.Unknowns) > 0 {
		w = append(w, "unknown="+strings.Join(r.Unknowns, ","))
	}
	if r.Anchor != nil {
		w = append(w, fmt.Sprintf("anchor=%q inline=%v rules=%d", r.Anchor.Name, r.Anchor.Inline, len(r.Anchor.Rules)))
	}
	return strings.Join(w, " ")
}

func TestFilterView(t *testing.T) {
	for _, c := range []struct {
		name, target, src string
		want              []string
	}{
		{"lists stay lists", "openbsd",
			"pass in on { em0, ! em1 } inet proto { tcp, udp } from { 10/8, ! 192.0.2.1 } port { 22, 1000:2000 } to any port > 1023\n",
			[]string{"1:pass in on=em0 on=!em1 af=4 proto=6 proto=17 from=10.0.0.0-10.255.255.255 from=!192.0.2.1-192.0.2.1 from-port=22,0 from-port:1000,2000 to-port>1023,0 flags=2/18 state"}},
		{"a list with any is any", "openbsd", "block from { 10.0.0.1, any }\n", []string{"1:block drop"}},
		{"no state, no default flags", "openbsd", "pass all no state\n", []string{"1:pass"}},
		{"flags given", "openbsd", "pass proto tcp all flags SA/SA\n", []string{"1:pass proto=6 flags=18/18 state"}},
		{"block policy after set", "openbsd", "block all\nset block-policy return\nblock all\nblock drop all\n",
			[]string{"1:block drop", "3:block return", "4:block drop"}},
		{"machine addresses", "openbsd", "pass from (em0) to self\npass to <t> tagged T tag U\n",
			[]string{"1:pass from=(em0) to=self flags=2/18 state", "2:pass to=<t> flags=2/18 state tag=U tagged=trueT"}},
		{"unknown criteria", "openbsd", "pass proto tcp all user 1000 probability 50% once\n",
			[]string{"1:pass proto=6 flags=2/18 state unknown=user,probability 50%,once"}},
		{"set prio and queue", "openbsd", "queue rq on em0 bandwidth 10M\nqueue q1 parent rq bandwidth 5M default\nmatch out set prio (2, 5) set queue q1\n",
			[]string{"3:match out prio=[2 5] queue=q1,"}},
		{"inline anchors nest", "openbsd", "anchor \"a\" in {\n pass all\n anchor {\n  block all\n }\n}\nanchor \"ext/*\"\n",
			[]string{"1:anchor in anchor=\"a\" inline=true rules=2", "7:anchor anchor=\"ext/*\" inline=false rules=0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := filterOf(t, c.target, c.src)
			var got []string
			for _, r := range f.Rules {
				got = append(got, describeRule(r))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestFilterTablesAndOptions(t *testing.T) {
	f := filterOf(t, "freebsd", "set skip on { lo0, epair }\ntable <k> { 10/8, !10.1.2.3 }\ntable <f> file \"/etc/f\"\n"+
		"nat on em0 from 10.0.0.0/8 -> 192.0.2.1\nno rdr on em0 proto tcp to port 80\npass all\n")
	if strings.Join(f.Skip, ",") != "lo0,epair" {
		t.Errorf("skip = %v", f.Skip)
	}
	if k := f.Tables["k"]; k == nil || !k.Known || len(k.Entries) != 2 || !k.Entries[1].Not {
		t.Errorf("table k = %+v", k)
	}
	if u := f.Tables["f"]; u == nil || u.Known {
		t.Errorf("table f = %+v", u)
	}
	if len(f.Translations) != 2 || f.Translations[0].Kind != "nat" || f.Translations[0].To.Addr.String() != "192.0.2.1" ||
		!f.Translations[1].No || f.Translations[1].Kind != "rdr" {
		t.Errorf("translations = %+v", f.Translations)
	}
}

// TestFilterParallel: the view built in chunks equals the one built in
// one pass, the block policy carried from chunk to chunk.
func TestFilterParallel(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3*filterChunk; i++ {
		if i == filterChunk+7 {
			b.WriteString("set block-policy return\n")
		}
		fmt.Fprintf(&b, "block in on em%d proto tcp from 10.%d.%d.0/24 to any port %d\n", i%4, i/256%256, i%256, i%65536)
	}
	tg := target.MustParse("openbsd")
	f, err := grammar.Parse("big.conf", []byte(b.String()), grammar.Options{Target: tg})
	if err != nil {
		t.Fatal(err)
	}
	one := buildFilter(f.Statements, tg, 1)
	// Four cores: a chunk each; two: more chunks than workers.
	for _, cores := range []int{4, 2} {
		four := buildFilter(f.Statements, tg, cores)
		if len(one.Rules) != 3*filterChunk || len(four.Rules) != len(one.Rules) {
			t.Fatalf("rules: %d and %d", len(one.Rules), len(four.Rules))
		}
		for i := range one.Rules {
			if a, b := describeRule(one.Rules[i]), describeRule(four.Rules[i]); a != b {
				t.Fatalf("%d cores: rule %d: %s\nin chunks: %s", cores, i, a, b)
			}
		}
	}
	if one.Rules[filterChunk].Return != "drop" || one.Rules[len(one.Rules)-1].Return != "return" {
		t.Errorf("block policy: %s … %s", one.Rules[filterChunk].Return, one.Rules[len(one.Rules)-1].Return)
	}
}

func TestFilterAntispoof(t *testing.T) {
	f := filterOf(t, "openbsd", "antispoof quick for { lo0, em0 } inet\n")
	var got []string
	for _, r := range f.Rules {
		got = append(got, describeRule(r))
	}
	want := []string{
		"1:block in quick on=!lo0 af=4 from=lo0:network drop",
		"1:block in quick on=!em0 af=4 from=em0:network drop",
		"1:block in quick af=4 from=em0 drop",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
