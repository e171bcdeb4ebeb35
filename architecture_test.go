package peyvand_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/peyvand/peyvand"

// imports is each package's imports inside the module, tests excluded,
// with the module path cut ("peyvand" for the root).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	short := func(p string) string {
		if p == module {
			return "peyvand"
		}
		return strings.TrimPrefix(p, module+"/")
	}
	graph := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var ours []string
		for _, imp := range f[1:] {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				ours = append(ours, short(imp))
			}
		}
		if len(ours) > 0 {
			slices.Sort(ours)
			graph[short(f[0])] = ours
		}
	}
	return graph
}

// documented is the dependency block of ARCHITECTURE.md.
func documented(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok1 := strings.Cut(string(b), "<!-- deps:begin -->")
	block, _, ok2 := strings.Cut(rest, "<!-- deps:end -->")
	if !ok1 || !ok2 {
		t.Fatal("ARCHITECTURE.md has no deps:begin/deps:end block")
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(block, "\n") {
		pkg, deps, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "```") {
			continue
		}
		ds := strings.Fields(deps)
		slices.Sort(ds)
		graph[strings.TrimSpace(pkg)] = ds
	}
	return graph
}

// TestArchitecture holds ARCHITECTURE.md's import graph to the code, and
// the code to the layering rules, so neither drifts.
func TestArchitecture(t *testing.T) {
	got, doc := imports(t), documented(t)
	for pkg, deps := range got {
		if !slices.Equal(deps, doc[pkg]) {
			t.Errorf("%s imports %v; ARCHITECTURE.md says %v", pkg, deps, doc[pkg])
		}
	}
	for pkg := range doc {
		if _, ok := got[pkg]; !ok {
			t.Errorf("ARCHITECTURE.md lists %s, which imports nothing of ours (or is gone)", pkg)
		}
	}

	// Closure: what a package pulls in through its imports.
	var reach func(pkg string, seen map[string]bool)
	reach = func(pkg string, seen map[string]bool) {
		for _, d := range got[pkg] {
			if !seen[d] {
				seen[d] = true
				reach(d, seen)
			}
		}
	}
	rules := []struct {
		pkg    string
		forbid []string // "*": everything but the root and allow
		allow  []string
		why    string
	}{
		{"peyvand", []string{"*"}, nil, "the root holds nouns only"},
		{"persian", []string{"*"}, nil, "text handling stands alone"},
		{"store", []string{"*"}, nil, "persistence knows only the nouns"},
		{"reply", []string{"*"}, []string{"persian"}, "the reply shape sits under every sender"},
		{"alert", []string{"chat", "answer", "retrieval", "bot"}, nil, "the sender needs the outbox and a send function only"},
		{"chat", []string{"bot"}, nil, "the core is transport-free"},
		{"answer", []string{"chat", "bot", "alert"}, nil, "answering knows no conversation"},
	}
	for _, r := range rules {
		seen := map[string]bool{}
		reach(r.pkg, seen)
		for d := range seen {
			if d == "peyvand" && r.pkg != "peyvand" || slices.Contains(r.allow, d) {
				continue
			}
			if slices.Contains(r.forbid, "*") || slices.Contains(r.forbid, d) {
				t.Errorf("%s depends on %s: %s", r.pkg, d, r.why)
			}
		}
	}
	for pkg, deps := range got {
		if slices.Contains(deps, "cmd/peyvand") {
			t.Errorf("%s imports cmd/peyvand: the command line only wires", pkg)
		}
	}
}
