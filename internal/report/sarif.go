package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/pfshape/pfshape/lint"
)

// srcRoot is the base the artifact URIs are relative to; GitHub code
// scanning resolves it to the repository's checkout.
const srcRoot = "%SRCROOT%"

// writeSARIF writes a SARIF 2.1.0 log with one run: the whole catalogue
// as the driver's rules (with help text), and one result per finding with
// a relative URI, a region, a partial fingerprint that survives lines
// moving, and the fixes.
func writeSARIF(w io.Writer, diags []lint.Diagnostic, opts Options) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	version := opts.Version
	if version == "" {
		version = "devel"
	}
	driver := sarif.NewVersionedDriver("pfshape", version).WithInformationURI("https://github.com/pfshape/pfshape")
	run := sarif.NewRun(*sarif.NewTool(driver))
	index := map[string]int{}
	for i, r := range lint.All() {
		index[r.ID] = i
		help := fmt.Sprintf("%s\n\n%s\n\nBad:\n\n%s\nGood:\n\n%s", r.Summary, r.Doc, r.Bad, r.Good)
		md := fmt.Sprintf("%s\n\n%s\n\nBad:\n\n```\n%s```\n\nGood:\n\n```\n%s```\n", r.Summary, r.Doc, r.Bad, r.Good)
		driver.AddRule(sarif.NewRule(r.ID).WithName(r.Name).
			WithShortDescription(sarif.NewMultiformatMessageString(r.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString(r.Doc)).
			WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(md)).
			WithHelpURI(docURL(r.ID)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(r.Severity))))
	}
	seen := map[string]int{}
	for _, d := range diags {
		path := relPath(d.Range.Start.File, opts)
		res := sarif.NewRuleResult(d.Rule).
			WithLevel(level(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message)).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(artifact(path)).WithRegion(region(d.Range)))})
		if i, ok := index[d.Rule]; ok {
			res.WithRuleIndex(i)
		}
		if d.Code != "" {
			res.AttachPropertyBag(sarif.NewPropertyBag()) // the code of pfctl's error the finding reports
			res.AddString("pfctlCode", string(d.Code))
		}
		for _, r := range d.Related {
			res.AddRelatedLocation(sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(artifact(relPath(r.Range.Start.File, opts))).WithRegion(region(r.Range))).
				WithMessage(sarif.NewTextMessage(r.Message)))
		}
		key := fingerprint(d.Rule, path, d.Message)
		seen[key]++
		res.WithPartialFingerPrints(map[string]interface{}{"pfshapeFinding/v1": fmt.Sprintf("%s:%d", key, seen[key])})
		for _, f := range d.Fixes {
			fix := sarif.NewFix().WithDescriptionText(f.Message)
			for _, e := range f.Edits {
				rep := sarif.NewReplacement(region(e.Range)).WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText))
				fix.AddArtifactChanges(sarif.NewArtifactChange(artifact(relPath(e.Range.Start.File, opts))).WithReplacement(rep))
			}
			res.AddFix(fix)
		}
		run.AddResult(res)
	}
	run.Results = append([]*sarif.Result{}, run.Results...) // "results": [] when there are none
	log.AddRun(run)
	return log.PrettyWrite(w)
}

func level(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Info:
		return "note"
	}
	return "warning"
}

func artifact(path string) *sarif.ArtifactLocation {
	u := (&url.URL{Path: path}).EscapedPath()
	return sarif.NewArtifactLocation().WithUri(u).WithUriBaseId(srcRoot)
}

func region(r lint.Range) *sarif.Region {
	reg := sarif.NewRegion().WithStartLine(r.Start.Line).WithStartColumn(r.Start.Column)
	if r.End.Line >= r.Start.Line && r.End.Line > 0 {
		reg.WithEndLine(r.End.Line).WithEndColumn(r.End.Column)
	}
	return reg
}

// fingerprint identifies a finding by rule, file and message, not by line,
// so that code scanning keeps tracking it when lines above it move.
func fingerprint(rule, path, msg string) string {
	h := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + msg))
	return hex.EncodeToString(h[:8])
}
