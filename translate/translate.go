package translate

import (
	"fmt"
	"sort"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Options say what to translate to.
type Options struct {
	// Target is the release the output must load on.
	Target target.Target
	// To is what to translate to: priorities (the default), OpenBSD's
	// queues, or both (see Mode).
	To Mode
	// IfSpeed gives the speed in bit/s of interfaces whose altq line has
	// no absolute bandwidth (pfctl takes it from the kernel). Only the
	// queue translation needs it.
	IfSpeed map[string]uint64
}

// Note is something the translation could not carry over, or left in
// place, with where it is written.
type Note struct {
	Pos grammar.Position
	Msg string
	// Interface is the interface whose queueing the note is about, when
	// it is about one: consumers find notes by it, never by Msg.
	Interface string
	// Left is set when the text was left in place untranslated: the
	// output still needs a person's decision.
	Left bool
}

func (n Note) String() string { return fmt.Sprintf("%s: note: %s", n.Pos, n.Msg) }

// Result is a translation: edits on each file's original bytes, notes, and
// the priority each queue became.
type Result struct {
	// Edits by source file name; a file with no edits has no entry.
	Edits    map[string][]edit.Edit
	Sources  map[string]*grammar.Source
	Notes    []Note
	Mappings []*Mapping
	// Trees are what each ALTQ interface and its queues became.
	Trees []*TreeFate
}

// LeftBehind reports whether something was left untranslated.
func (r *Result) LeftBehind() bool {
	for _, n := range r.Notes {
		if n.Left {
			return true
		}
	}
	return false
}

// Output applies the edits of one file to its original bytes.
func (r *Result) Output(src *grammar.Source) ([]byte, error) {
	return edit.Apply(src.Bytes, r.Edits[src.Name])
}

type translator struct {
	opts   Options
	file   *grammar.File
	model  *model.Model
	res    *Result
	byName map[string][]*Mapping // queue name → the mappings of the interfaces that have it
	// deletions are the lines of queue definitions to delete, by file.
	deletions map[string][]grammar.Span
	sources   map[string]*grammar.Source
	// unmapped are queues of interfaces that could not be mapped.
	unmapped map[string]string
	// queues is the state of the queue translation (--to queues|both).
	queues *queueState
	// unit is the index in rateUnits notes write rates in, -1 until
	// noteUnit decides it.
	unit int
}

// Translate translates the ALTQ queueing of a parsed file. The model must
// be built from the same file.
func Translate(f *grammar.File, m *model.Model, opts Options) *Result {
	tr := &translator{opts: opts, file: f, model: m, unit: -1,
		res:    &Result{Edits: map[string][]edit.Edit{}, Sources: map[string]*grammar.Source{}},
		byName: map[string][]*Mapping{}, unmapped: map[string]string{}}
	if opts.To.shapes() {
		tr.translateQueues()
	} else {
		tr.mapInterfaces()
		tr.removeDefinitions()
		eachRule(f.Statements, tr.rule)
	}
	tr.res.Trees = tr.fates()
	sort.SliceStable(tr.res.Notes, func(i, j int) bool {
		a, b := tr.res.Notes[i].Pos, tr.res.Notes[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Offset < b.Offset
	})
	return tr.res
}

// note adds a note and returns it, to set its Interface.
func (tr *translator) note(pos grammar.Position, left bool, format string, args ...any) *Note {
	tr.res.Notes = append(tr.res.Notes, Note{Pos: pos, Msg: fmt.Sprintf(format, args...), Left: left})
	return &tr.res.Notes[len(tr.res.Notes)-1]
}

func (tr *translator) edit(src *grammar.Source, e edit.Edit) {
	tr.res.Sources[src.Name] = src
	tr.res.Edits[src.Name] = append(tr.res.Edits[src.Name], e)
}

// mapInterfaces computes the priority mapping of every ALTQ interface.
func (tr *translator) mapInterfaces() {
	assigned := map[string]bool{}
	for _, r := range tr.model.Rules {
		if r.Queue != nil {
			assigned[r.Queue.Name] = true
			assigned[r.Queue.Ack] = true
		}
	}
	for _, iface := range tr.model.Interfaces {
		mp, err := mapInterface(iface, assigned)
		if err != nil {
			tr.note(iface.Pos, true, "%v; rules that assign its queues are left as they are", err).Interface = iface.Name
			for _, q := range iface.Queues {
				tr.unmapped[q.Name] = iface.Name
			}
			continue
		}
		tr.res.Mappings = append(tr.res.Mappings, mp)
		for _, e := range mp.Entries {
			tr.byName[e.Queue] = append(tr.byName[e.Queue], mp)
		}
	}
}
