package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestReindexEquivalence(t *testing.T) {
	dir := t.TempDir()
	query := []string{"search", "--json", "-k", "8", "هیئت تجاری اصفهان در روسیه"}
	before, errOut, code := run(t, dir, query...)
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	run(t, dir, "feedback") // the file exists; feedback is empty
	if _, errOut, code := run(t, dir, "reindex"); code != 0 {
		t.Fatalf("reindex: %d %s", code, errOut)
	}
	after, _, _ := run(t, dir, query...)
	if before != after {
		t.Errorf("search differs after reindex:\n%s\n%s", before, after)
	}
	if out, _, code := run(t, dir, "check", "--json"); code != 0 || !strings.Contains(out, `"ok":true`) {
		t.Errorf("check after reindex: %d %s", code, out)
	}
}

func TestDeleteLeavesNoOrphans(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "partners", "گرگان") // creates the sample database
	var p partnersJSON
	out, _, _ := run(t, dir, "partners", "--json", "گرگان")
	if err := json.Unmarshal([]byte(out), &p); err != nil || len(p.Partners) == 0 {
		t.Fatalf("partners before delete: %v %s", err, out)
	}
	id := p.Partners[0].Citations[0].ArticleID
	if _, errOut, code := run(t, dir, "delete", id); code != 0 {
		t.Fatalf("delete: %d %s", code, errOut)
	}
	out, _, code := run(t, dir, "check", "--json")
	var c struct {
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil || !c.OK || code != 0 {
		t.Fatalf("check after delete: %d %s", code, out)
	}
	out, _, _ = run(t, dir, "partners", "--json", "گرگان")
	if strings.Contains(out, id) {
		t.Errorf("partners still cite the deleted article %s: %s", id, out)
	}
	if _, errOut, code := run(t, dir, "delete", id); code != 1 || !strings.Contains(errOut, "نیست") {
		t.Errorf("deleting again: %d %q; want a not-found error", code, errOut)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "ask", "روابط اصفهان و مسقط")
	backup := filepath.Join(dir, "snap.db")
	if out, errOut, code := run(t, dir, "backup", backup); code != 0 || !strings.Contains(out, "وارسی") {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	out, _, _ := run(t, dir, "check", "--json")
	run(t, dir, "delete", "sample/000_1a8b584e1f4b7ca4")
	if _, errOut, code := run(t, dir, "restore", backup); code != 0 {
		t.Fatalf("restore: %d %s", code, errOut)
	}
	if got, _, _ := run(t, dir, "check", "--json"); got != out {
		t.Errorf("after restore: %s; want %s", got, out)
	}
	if _, errOut, code := run(t, dir, "restore", filepath.Join(dir, "nope.db")); code != 1 || errOut == "" {
		t.Errorf("restore from a missing file: %d %q", code, errOut)
	}
}
