package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// commandHelp is one command's part of the usage: its lines under
// "Commands:" (a command may have two forms, as ingest does), with the
// global flags.
func commandHelp(name string) (string, bool) {
	_, commands, _ := strings.Cut(usageText, "\nCommands:\n")
	commands, flags, _ := strings.Cut(commands, "\nFlags:\n")
	var lines []string
	in := false
	for _, line := range strings.Split(commands, "\n") {
		fields := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && len(fields) > 0:
			in = fields[0] == name
		case strings.TrimSpace(line) == "":
			in = false
		}
		if in {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return "", false
	}
	return fmt.Sprintf("Usage:\n  peyvand [--db PATH] [--config FILE] %s\n\n%s\n\nFlags:\n%s", name,
		strings.Join(lines, "\n"), flags), true
}

// versionText is the module's version and the VCS revision and time the
// binary was built from, as the Go toolchain recorded them.
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "peyvand (no build information)"
	}
	v := "peyvand " + info.Main.Version
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		v += " revision " + rev
		if settings["vcs.modified"] == "true" {
			v += " (modified)"
		}
		if t := settings["vcs.time"]; t != "" {
			v += " " + t
		}
	}
	return v + " " + info.GoVersion
}
