package lsp

import (
	"encoding/json"
	"fmt"

	"github.com/pfshape/pfshape/internal/target"
)

// Settings say how the server reads rulesets. They come from the command
// line, then from the client's initializationOptions, then from
// workspace/didChangeConfiguration, each overriding the one before.
type Settings struct {
	// Target is the release the rulesets must load on.
	Target target.Target
	// Defines are -D name=value macros.
	Defines map[string]string
	// UpgradeTarget is the release the "translate to set prio" action
	// translates for when Target still has ALTQ: the latest OpenBSD
	// unless said otherwise.
	UpgradeTarget target.Target
}

// DefaultSettings are the settings without any flag or option.
func DefaultSettings() Settings {
	return Settings{Target: target.Default, UpgradeTarget: target.Default}
}

// clientSettings is what a client may send, as initializationOptions or
// as the settings of workspace/didChangeConfiguration, either bare or
// under a "pfshape" key:
//
//	{"target": "openbsd-5.4", "upgradeTarget": "openbsd", "defines": {"ext_if": "em0"}}
type clientSettings struct {
	Target        *string           `json:"target"`
	UpgradeTarget *string           `json:"upgradeTarget"`
	Defines       map[string]string `json:"defines"`
}

// merge applies the settings a client sent (any JSON value) over s. A
// value that is not an object, or a target pfshape does not know, is an
// error and changes nothing.
func (s Settings) merge(raw any) (Settings, error) {
	if raw == nil {
		return s, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return s, err
	}
	var wrapped struct {
		Pfshape *json.RawMessage `json:"pfshape"`
	}
	if err := json.Unmarshal(b, &wrapped); err != nil {
		return s, fmt.Errorf("settings: want an object, got %s", truncate(string(b), 80))
	}
	if wrapped.Pfshape != nil {
		b = *wrapped.Pfshape
	}
	var cs clientSettings
	if err := json.Unmarshal(b, &cs); err != nil {
		return s, fmt.Errorf("settings: %v", err)
	}
	out := s
	if cs.Target != nil && *cs.Target != "" {
		t, err := target.Parse(*cs.Target)
		if err != nil {
			return s, fmt.Errorf("settings: target: %v", err)
		}
		out.Target = t
	}
	if cs.UpgradeTarget != nil && *cs.UpgradeTarget != "" {
		t, err := target.Parse(*cs.UpgradeTarget)
		if err != nil {
			return s, fmt.Errorf("settings: upgradeTarget: %v", err)
		}
		out.UpgradeTarget = t
	}
	if cs.Defines != nil {
		out.Defines = map[string]string{}
		for k, v := range cs.Defines {
			out.Defines[k] = v
		}
	}
	return out, nil
}

// translationTarget is the release the translation action translates for:
// the target itself when it has no ALTQ, else the upgrade target.
func (s Settings) translationTarget() target.Target {
	if !s.Target.HasALTQ() {
		return s.Target
	}
	return s.UpgradeTarget
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
