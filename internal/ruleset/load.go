package ruleset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
	"unsafe"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// StdinName is how standard input is named in messages, as pfctl names it.
const StdinName = "stdin"

// Ruleset is one ruleset as pfshape read it.
type Ruleset struct {
	// Name is the file's name in messages ("stdin" for standard input).
	Name string
	// Target is the release the ruleset must load on; ReadAs the release
	// File was read for: Target, --from, or the release it was inferred
	// to be written for (Inferred). When no release reads the file,
	// translate's File (InferAny) is the reading with the fewest errors,
	// the first furthest in.
	Target, ReadAs target.Target
	Inferred       bool
	// File is the parsed ruleset (includes in place), read for ReadAs;
	// Model is built from it.
	File  *grammar.File
	Model *model.Model
	// TargetErrors are the grammar's errors of reading the file for
	// Target (nil when it was not read for Target: --from given).
	TargetErrors grammar.ErrorList
	// Anchors are the files `load anchor` statements name, read for
	// ReadAs.
	Anchors map[*grammar.Statement]*Anchor
	// Loads are the anchors in the order pfctl loads them (a later load
	// of a name replaces an earlier one).
	Loads []*Anchor
	// Reads are the releases the file was parsed for, in order: what
	// loading cost.
	Reads []target.Target

	opts      Options
	loadErrs  grammar.ErrorList
	anchorErr grammar.ErrorList
	sources   map[string]*grammar.Source
}

// Anchor is a file named by `load anchor NAME from FILE`.
type Anchor struct {
	Name string
	// Path is the file's path, relative to the folder of the file that
	// names it.
	Path string
	// File is nil when the file could not be read (the error is in the
	// ruleset's errors); Model is built from it.
	File  *grammar.File
	Model *model.Model
}

// Load reads the ruleset named name ("-" is standard input) with opts. The
// error is an I/O error of reading the named file itself; everything
// pfctl would report is in the Ruleset.
func Load(name string, stdin io.Reader, opts Options) (*Ruleset, error) {
	var src []byte
	var err error
	switch {
	case name == "-":
		src, err = readBounded(stdin, StdinName, 0)
	case opts.ReadFile != nil:
		// The reader's bytes may be shared (an editor's buffer):
		// LoadBytes copies them.
		if src, err = opts.ReadFile(name); err == nil {
			return LoadBytes(DisplayName(name), src, opts), nil
		}
	default:
		src, err = readNamed(name)
	}
	if err != nil {
		return nil, err
	}
	if cap(src) > len(src)+len(src)/8+512 {
		// Read from a pipe, the buffer grew past the file: a copy is
		// smaller to keep.
		return LoadBytes(DisplayName(name), src, opts), nil
	}
	// src was read here and nothing else holds it: the ruleset keeps it
	// as the file's text without a copy.
	return loadText(DisplayName(name), unsafe.String(unsafe.SliceData(src), len(src)), opts), nil
}

// maxNamedBytes bounds the file named on the command line, or standard
// input: far above any real ruleset (the largest file of the corpus is
// 64 KB), and what the grammar allows an included file.
const maxNamedBytes = 64 << 20

// readNamed reads the file named on the command line. Unlike an included
// file, it may be a named pipe (the shell's <(…)) or a device: the user
// chose it; its size is bounded all the same.
func readNamed(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
		}
		if fi.Mode().IsRegular() && fi.Size() <= maxNamedBytes {
			size = int(fi.Size())
		}
	}
	return readBounded(f, name, size)
}

// NamedSize is how many bytes Load will read of the file named on the
// command line, when its size says so before it is read: a regular file
// within maxNamedBytes, or standard input ("-") when stdin is such a
// file. It is 0 for anything else (a pipe, a folder, a file that cannot
// be read or is too large, whose Load fails).
func NamedSize(name string, stdin io.Reader) int64 {
	var fi os.FileInfo
	var err error
	if name == "-" {
		f, ok := stdin.(*os.File)
		if !ok {
			return 0
		}
		fi, err = f.Stat()
	} else {
		fi, err = os.Stat(name)
	}
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxNamedBytes {
		return 0
	}
	return fi.Size()
}

// readBounded reads r to its end, up to maxNamedBytes. size is what the
// file's size says, or 0: reading into a buffer of that size (and a
// little more, for the read that finds the end) spares io.ReadAll's
// copies as its buffer doubles from 512 bytes.
func readBounded(r io.Reader, name string, size int) ([]byte, error) {
	b := make([]byte, 0, size+512)
	lr := io.LimitReader(r, maxNamedBytes+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(b) > maxNamedBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("longer than %d bytes; not read", maxNamedBytes)}
	}
	return b, nil
}

// DisplayName is the name a file named on the command line has in
// messages.
func DisplayName(name string) string {
	if name == "-" {
		return StdinName
	}
	return name
}

// LoadBytes reads a ruleset from bytes, under the name name. The ruleset
// keeps a copy of them: the caller may change src afterwards.
func LoadBytes(name string, src []byte, opts Options) *Ruleset {
	return loadText(name, string(src), opts)
}

// loadText is LoadBytes of the file's text as a string, which every
// reading of the file shares.
func loadText(name, text string, opts Options) *Ruleset {
	src := unsafe.Slice(unsafe.StringData(text), len(text)) // read-only
	rs := &Ruleset{Name: name, Target: opts.Target, opts: opts}
	read := map[target.Target]*grammar.File{} // each release is read once
	parse := func(t target.Target) *grammar.File {
		if f := read[t]; f != nil {
			return f
		}
		rs.Reads = append(rs.Reads, t)
		defer trace.StartRegion(context.Background(), "parse").End()
		f, _ := grammar.ParseText(name, text, rs.grammarOptions(t))
		read[t] = f
		return f
	}
	if opts.From != nil {
		// What the target says of the file is wanted unless the file is
		// to be translated for it (translate reads the file once).
		if *opts.From != opts.Target && opts.Infer != InferAny {
			rs.TargetErrors = parse(opts.Target).Errors
			letGo(read, opts.Target)
		}
		rs.File, rs.ReadAs = parse(*opts.From), *opts.From
		if *opts.From == opts.Target {
			rs.TargetErrors = rs.File.Errors
		}
	} else if alt := rs.altqFirst(src, parse); alt != nil {
		rs.File, rs.ReadAs, rs.Inferred = alt, alt.Target, true
	} else {
		rs.File, rs.ReadAs = parse(opts.Target), opts.Target
		rs.TargetErrors = rs.File.Errors
		if alt, m := rs.infer(read, parse); alt != nil {
			rs.File, rs.ReadAs, rs.Inferred, rs.Model = alt, alt.Target, true, m
		} else if opts.Infer == InferAny && len(rs.TargetErrors) > 0 {
			// No release reads it: keep the reading whose errors say most.
			rs.File = bestReading(read, opts.Target)
			rs.ReadAs = rs.File.Target
		} else if rs.File = read[opts.Target]; rs.File == nil {
			// The ALTQ releases did not read it either: read it for the
			// target again (infer let go of that reading).
			rs.File = parse(opts.Target)
		}
	}
	if rs.Model == nil {
		rs.Model = rs.build(rs.File)
	}
	region := trace.StartRegion(context.Background(), "check")
	rs.loadErrs = rs.Model.Check(rs.ReadAs)
	region.End()
	rs.loadAnchors()
	return rs
}

// altqFirst reads a file that is to be translated (InferAny) for the ALTQ
// release it was written for without reading it for the target first,
// when its text has ALTQ statements and the target has no ALTQ: the
// target cannot load it, and what the target would say is not wanted.
// It returns nil when the file has none, or parses for no ALTQ release
// (the reading then goes on as for any file, the target first).
func (rs *Ruleset) altqFirst(src []byte, parse func(target.Target) *grammar.File) *grammar.File {
	if rs.opts.Infer != InferAny || rs.opts.Target.HasALTQ() || !hasALTQStatement(src) {
		return nil
	}
	for _, c := range candidates {
		if !c.HasALTQ() {
			continue
		}
		if f := parse(c); len(f.Errors) == 0 {
			return f
		}
	}
	return nil
}

// infer returns the file read for the release it was written for, and
// its model, when the options ask for inference and the target does not
// read it; nil otherwise.
//
// For lint (InferForALTQ) only the errors of the target's reading are
// wanted once the file is read for an ALTQ release: that reading is let go
// of (letGo; rs.File was its only other reference).
func (rs *Ruleset) infer(read map[target.Target]*grammar.File, parse func(target.Target) *grammar.File) (*grammar.File, *model.Model) {
	opts := rs.opts
	if len(rs.TargetErrors) == 0 {
		return nil, nil
	}
	switch opts.Infer {
	case ReadAsTarget:
		return nil, nil
	case InferForALTQ:
		if opts.Target.HasALTQ() || !usesALTQ(rs.TargetErrors) {
			return nil, nil
		}
		rs.File = nil
		letGo(read, opts.Target)
	}
	for _, c := range candidates {
		if c == opts.Target {
			continue
		}
		f := parse(c)
		if len(f.Errors) > 0 {
			continue
		}
		if opts.Infer != InferForALTQ {
			return f, nil
		}
		// The model is the one the ruleset keeps, so it is built as
		// LoadBytes would build it.
		if m := rs.build(f); len(m.Interfaces) > 0 {
			return f, m
		}
	}
	return nil, nil
}

// letGo lets go of the reading of a file for t, of which only the errors
// are wanted: it leaves read, so that the collector can take back its
// tree while the file is read for another release, instead of the two
// trees being held at once. The caller holds no other reference.
func letGo(read map[target.Target]*grammar.File, t target.Target) {
	f := read[t]
	delete(read, t)
	if f != nil {
		// `pfshape lint` of 100,000 lines written for OpenBSD 5.4, for
		// the latest OpenBSD: peak 460–550 MB → 383 MB.
		LetGo(len(f.Source.Bytes))
	}
}

// LetGo is called when the caller has just let go of the reading of a
// file of size bytes (its tree, its model) before reading another: from
// 1 MiB up, it collects at once. Most of the heap is that tree
// then, so collecting costs little, and the next reading reuses its
// memory instead of the heap growing to hold both. Below it, the tree is
// small next to what a long-running caller (the language server) holds,
// and the collector's own pace is right.
func LetGo(size int) {
	if size >= 1<<20 {
		runtime.GC()
	}
}

// build makes the model of f, with the filter view alongside when the
// caller asked for it (Options.Filter).
func (rs *Ruleset) build(f *grammar.File) *model.Model {
	defer trace.StartRegion(context.Background(), "model").End()
	if rs.opts.Filter {
		m, _ := model.BuildWithFilter(f)
		return m
	}
	m, _ := model.Build(f)
	return m
}

// bestReading is, of the readings of a file that no release reads, the
// one that reads it best: the fewest errors, then the first error
// furthest in. Its errors are the ones worth showing (a file written for
// 5.4 with one typo has eleven "ALTQ was removed" errors on 7.8 and one
// on 5.4).
func bestReading(read map[target.Target]*grammar.File, first target.Target) *grammar.File {
	best := read[first]
	for _, c := range candidates {
		if f := read[c]; f != nil && readsBetter(f.Errors, best.Errors) {
			best = f
		}
	}
	return best
}

// readsBetter reports whether a release's errors show it reads a file
// better than another's: fewer errors, then a first error further in.
func readsBetter(a, b grammar.ErrorList) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return firstErrorOffset(a) > firstErrorOffset(b)
}

func firstErrorOffset(l grammar.ErrorList) int {
	first := -1
	for _, e := range l {
		if first < 0 || e.Pos.Offset < first {
			first = e.Pos.Offset
		}
	}
	return first
}

// grammarOptions are the grammar's options for reading the ruleset for t.
func (rs *Ruleset) grammarOptions(t target.Target) grammar.Options {
	o := grammar.Options{Target: t, Defines: rs.opts.Defines, IncludeRoots: rs.opts.roots(rs.Name)}
	o.ReadFile = rs.opts.ReadFile
	return o
}

// readFile reads a file through the options' reader, or from the disk.
func readFile(opts Options, path string) ([]byte, error) {
	if opts.ReadFile != nil {
		return opts.ReadFile(path)
	}
	return grammar.ReadIncludeFile(path)
}

// Errors are every error pfctl reports when it reads and loads the
// ruleset on ReadAs without the machine: the grammar's, those of its
// queues and rules, and those of the anchor files it loads, sorted by
// position.
func (rs *Ruleset) Errors() grammar.ErrorList {
	out := append(rs.OwnErrors(), rs.anchorErr...)
	out.Sort()
	return out
}

// OwnErrors are the errors of the ruleset and what it includes, without
// those of the anchor files it loads, sorted by position.
func (rs *Ruleset) OwnErrors() grammar.ErrorList {
	out := append(append(grammar.ErrorList(nil), rs.File.Errors...), rs.loadErrs...)
	out.Sort()
	return out
}

// AsRead is the ruleset judged for the release it was read as, rather
// than the target: the same files and model, with ReadAs as the target.
func (rs *Ruleset) AsRead() *Ruleset {
	c := *rs
	c.Target, c.TargetErrors, c.Inferred = rs.ReadAs, rs.File.Errors, false
	return &c
}

// AnchorErrors are the errors of the anchor files `load anchor` names:
// reading them and parsing them.
func (rs *Ruleset) AnchorErrors() grammar.ErrorList { return rs.anchorErr }

// LoadErrors are the errors of the model (pfctl's parse-time checks in
// the grammar's actions and its load-time checks) for ReadAs.
func (rs *Ruleset) LoadErrors() grammar.ErrorList { return rs.loadErrs }

// Sources are the files read, by name: the ruleset, what it includes,
// and the anchor files.
func (rs *Ruleset) Sources() map[string]*grammar.Source {
	if rs.sources != nil {
		return rs.sources
	}
	rs.sources = map[string]*grammar.Source{}
	files := grammar.Files(rs.File)
	for _, a := range rs.Anchors {
		files = append(files, grammar.Files(a.File)...)
	}
	for _, f := range files {
		rs.sources[f.Source.Name] = f.Source
	}
	return rs.sources
}

// Reload reads the same ruleset, with the same options, with the bytes
// of outputs in place of the files they name (the ruleset itself and what
// it includes): what a rewrite of the files would read as.
func (rs *Ruleset) Reload(outputs map[string][]byte) *Ruleset {
	return rs.reload(outputs, rs.opts)
}

// Verify returns the errors pfctl would report loading the ruleset
// rewritten as outputs on t (nil: it loads).
func (rs *Ruleset) Verify(outputs map[string][]byte, t target.Target) grammar.ErrorList {
	return rs.ReloadFor(outputs, t).Errors()
}

// ReloadFor reads the ruleset rewritten as outputs for t, as Verify does
// (read as t, nothing inferred): what the rewrite is on the target.
func (rs *Ruleset) ReloadFor(outputs map[string][]byte, t target.Target) *Ruleset {
	return rs.ReaderFor(t)(outputs)
}

// ReaderFor is ReloadFor as a function that holds only what reading
// needs (the options, the name, the main file's bytes), not rs: a caller
// that has taken what it needs of rs can let go of its tree before it
// reads the rewrite, instead of holding two trees at once.
func (rs *Ruleset) ReaderFor(t target.Target) func(outputs map[string][]byte) *Ruleset {
	opts := rs.opts
	opts.Target, opts.From, opts.Infer = t, nil, ReadAsTarget
	return rs.reader(opts)
}

func (rs *Ruleset) reload(outputs map[string][]byte, opts Options) *Ruleset {
	return rs.reader(opts)(outputs)
}

// reader reads rewrites of rs with opts.
func (rs *Ruleset) reader(opts Options) func(outputs map[string][]byte) *Ruleset {
	base, name, main, mainSrc := rs.opts, rs.Name, rs.File.Source.Name, rs.File.Source.Bytes
	return func(outputs map[string][]byte) *Ruleset {
		o := opts
		o.ReadFile = func(p string) ([]byte, error) {
			if b, ok := outputs[p]; ok {
				return b, nil
			}
			for name, b := range outputs {
				if filepath.Clean(name) == filepath.Clean(p) {
					return b, nil
				}
			}
			return readFile(base, p)
		}
		src, ok := outputs[main]
		if !ok {
			src = mainSrc
		}
		return LoadBytes(name, src, o)
	}
}

// String names the ruleset and the release it was read as.
func (rs *Ruleset) String() string { return fmt.Sprintf("%s (%s)", rs.Name, rs.ReadAs) }
