package edit

import (
	"errors"
	"slices"
	"testing"
)

func TestApply(t *testing.T) {
	const src = "queue std bandwidth 30%\n"
	tests := []struct {
		name  string
		src   string
		edits []Edit
		want  string
		err   error
	}{
		{name: "no edits", src: src, want: src},
		{name: "nil edits on empty text", src: "", want: ""},
		{name: "replace", src: src, edits: []Edit{{20, 23, "3M"}}, want: "queue std bandwidth 3M\n"},
		{name: "delete", src: src, edits: []Edit{{9, 23, ""}}, want: "queue std\n"},
		{name: "delete everything", src: src, edits: []Edit{{0, len(src), ""}}, want: ""},
		{name: "insert at start", src: src, edits: []Edit{{0, 0, "# q\n"}}, want: "# q\n" + src},
		{name: "insert at end", src: src, edits: []Edit{{len(src), len(src), "pass\n"}}, want: src + "pass\n"},
		{name: "insert into empty text", src: "", edits: []Edit{{0, 0, "pass\n"}}, want: "pass\n"},
		{name: "empty edit is a no-op", src: src, edits: []Edit{{4, 4, ""}}, want: src},
		{
			name:  "edits in any order",
			src:   src,
			edits: []Edit{{20, 23, "3M"}, {0, 5, "QUEUE"}, {6, 9, "web"}},
			want:  "QUEUE web bandwidth 3M\n",
		},
		{
			name:  "same-offset insertions keep their order",
			src:   src,
			edits: []Edit{{9, 9, " parent"}, {23, 23, " default"}, {9, 9, " rootq"}},
			want:  "queue std parent rootq bandwidth 30% default\n",
		},
		{
			name:  "insertion before a replacement at the same offset",
			src:   src,
			edits: []Edit{{20, 23, "3M"}, {20, 20, "<"}},
			want:  "queue std bandwidth <3M\n",
		},
		{
			name:  "insertion after a replacement ending there",
			src:   src,
			edits: []Edit{{20, 20 + 3, "3M"}, {23, 23, ">"}},
			want:  "queue std bandwidth 3M>\n",
		},
		{
			name:  "adjacent replacements",
			src:   src,
			edits: []Edit{{6, 9, "web"}, {0, 6, "Q "}, {9, 10, "_"}},
			want:  "Q web_bandwidth 30%\n",
		},
		{name: "overlap", src: src, edits: []Edit{{0, 10, "x"}, {5, 12, "y"}}, err: ErrOverlap},
		{name: "overlap given backwards", src: src, edits: []Edit{{5, 12, "y"}, {0, 10, "x"}}, err: ErrOverlap},
		{name: "same range twice", src: src, edits: []Edit{{0, 5, "x"}, {0, 5, "x"}}, err: ErrOverlap},
		{name: "insertion inside a replacement", src: src, edits: []Edit{{0, 10, "x"}, {4, 4, "y"}}, err: ErrOverlap},
		{name: "nested", src: src, edits: []Edit{{0, 20, "x"}, {5, 6, "y"}, {10, 12, "z"}}, err: ErrOverlap},
		{name: "negative start", src: src, edits: []Edit{{-1, 2, "x"}}, err: ErrOutOfRange},
		{name: "end past the text", src: src, edits: []Edit{{0, len(src) + 1, ""}}, err: ErrOutOfRange},
		{name: "insertion past the text", src: src, edits: []Edit{{len(src) + 1, len(src) + 1, "x"}}, err: ErrOutOfRange},
		{name: "end before start", src: src, edits: []Edit{{5, 4, "x"}}, err: ErrOutOfRange},
		{name: "insertion into empty text past 0", src: "", edits: []Edit{{1, 1, "x"}}, err: ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			edits := slices.Clone(tt.edits)
			got, err := Apply(src, edits)
			if string(src) != tt.src {
				t.Errorf("Apply modified its input: %q", src)
			}
			if !slices.Equal(edits, tt.edits) {
				t.Errorf("Apply modified the edits: %v", edits)
			}
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Apply = %q, %v; want error %v", got, err, tt.err)
				}
				if got != nil {
					t.Errorf("Apply returned %q with its error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
			if got == nil {
				t.Errorf("Apply returned nil, want an empty slice")
			}
		})
	}
}

// The result must never share memory with the input, or a caller writing
// to one would change the other.
func TestApplyReturnsFreshBytes(t *testing.T) {
	src := []byte("pass\n")
	got, err := Apply(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got[0] = 'P'
	if string(src) != "pass\n" {
		t.Errorf("writing to the result changed the input: %q", src)
	}
}

func TestApplyErrorMessages(t *testing.T) {
	tests := []struct {
		edits []Edit
		want  string
	}{
		{[]Edit{{0, 1, ""}, {3, 9, "x"}}, "edit out of range: edit 1 [3,9) in a text of 5 bytes"},
		{[]Edit{{3, 4, ""}, {0, 2, ""}, {1, 3, "x"}}, "edits overlap: edit 1 [0,2) and edit 2 [1,3)"},
	}
	for _, tt := range tests {
		_, err := Apply([]byte("pass\n"), tt.edits)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Apply(%v) error = %v, want %q", tt.edits, err, tt.want)
		}
	}
}
