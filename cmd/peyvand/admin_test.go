package main

import (
	"errors"
	"os"
	"syscall"

	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
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

func TestIngestFeedAndURL(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>تفاهم‌نامه همکاری تبریز و باکو امضا شد</title></head><body>
<article><h1>تفاهم‌نامه همکاری تبریز و باکو امضا شد</h1>
<p>استاندار آذربایجان شرقی روز دوشنبه در سفر به باکو گفت تفاهم‌نامه همکاری اقتصادی میان تبریز و باکو در زمینه‌های تجارت، گردشگری و حمل‌ونقل امضا شد و دو طرف بر گسترش مبادلات مرزی تأکید کردند.</p>
<p>به گفته او، اتاق بازرگانی تبریز و اتاق بازرگانی باکو نیز قرار است دفتر نمایندگی مشترکی در باکو راه‌اندازی کنند تا صادرکنندگان استان آسان‌تر به بازار جمهوری آذربایجان دسترسی یابند.</p>
<script>alert("x")</script></article></body></html>`
	var srvURL string
	mux := http.NewServeMux()
	mux.HandleFunc("/news/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>خبر</title>
<item><title>تفاهم‌نامه همکاری تبریز و باکو امضا شد</title><link>%s/news/1</link><guid>%s/news/1</guid>
<pubDate>Mon, 30 Sep 2024 08:00:00 +0330</pubDate></item></channel></rss>`, srvURL, srvURL)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>not a feed") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL
	dir := t.TempDir()
	run(t, dir, "ask", "روابط اصفهان و مسقط") // the sample database
	// The test server is on loopback: refused unless the operator allows it.
	out, _, _ := run(t, dir, "ingest", "--json", "--feed", srv.URL+"/rss")
	if !strings.Contains(out, `"added":0`) || !strings.Contains(out, "not a public address") {
		t.Errorf("ingest --feed from loopback without %s: %s", EnvAllowPrivateFetch, out)
	}
	allow := map[string]string{EnvAllowPrivateFetch: "1"}
	run := func(t *testing.T, dir string, args ...string) (string, string, int) {
		return runEnv(t, dir, allow, args...)
	}
	out, errOut, code := run(t, dir, "ingest", "--json", "--feed", srv.URL+"/rss")
	if code != 0 || !strings.Contains(out, `"added":1`) {
		t.Fatalf("ingest --feed: %d %s %s", code, out, errOut)
	}
	out, _, _ = run(t, dir, "ingest", "--json", "--url", srv.URL+"/news/1")
	if !strings.Contains(out, `"added":0`) {
		t.Errorf("the page from its feed and by URL should be one article (the URL is its id): %s", out)
	}
	out, _, _ = run(t, dir, "partners", "--json", "تبریز")
	if !strings.Contains(out, "باکو") || !strings.Contains(out, srv.URL+"/news/1") {
		t.Errorf("the fed article's tie is not listed with its link: %s", out)
	}
	out, _, code = run(t, dir, "ingest", "--json", "--feed", srv.URL+"/broken")
	if !strings.Contains(out, `"failed":[{`) {
		t.Errorf("a malformed feed: %d %s; want it in failed", code, out)
	}
}

// TestNoSpaceMessage: a full disk during reindex is told in Persian with
// the room needed; other errors pass unchanged.
func TestNoSpaceMessage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "peyvand.db")
	if err := os.WriteFile(path, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	m := &Main{dbPath: path}
	err := m.noSpace(fmt.Errorf("reindex: write: %w", syscall.ENOSPC))
	if msg := peyvand.ErrorMessage(err); !strings.Contains(msg, "دیسک پر شد") || !strings.Contains(msg, "۴ مگابایت") {
		t.Errorf("full disk: %q", msg)
	}
	other := errors.New("boom")
	if m.noSpace(other) != other {
		t.Error("another error was rewritten")
	}
}

// TestReindexOldLayout: a file of the layout before schema 4 is refused by
// the commands that use it, with the Persian advice to run reindex; reindex
// rebuilds it, keeps the old file beside it, and the rebuilt one
// answers and checks out.
func TestReindexOldLayout(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join("..", "..", "store", "testdata", "schema2.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "peyvand.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	query := []string{"search", "--json", "-k", "1", "تفاهم‌نامه تبریز باکو"}
	if _, errOut, code := run(t, dir, query...); code == 0 || !strings.Contains(errOut, "peyvand reindex") {
		t.Fatalf("search over the old layout: exit %d, %q; want a failure naming peyvand reindex", code, errOut)
	}
	if _, errOut, code := run(t, dir, "reindex"); code != 0 {
		t.Fatalf("reindex: %d %s", code, errOut)
	}
	if kept, err := os.ReadFile(path + ".before-reindex"); err != nil || len(kept) == 0 {
		t.Fatalf("the old file was not kept: %v", err)
	}
	out, errOut, code := run(t, dir, query...)
	if code != 0 || !strings.Contains(out, "example.ir") {
		t.Errorf("search after reindex: %d %s %s", code, out, errOut)
	}
	if out, _, code := run(t, dir, "check", "--json"); code != 0 || !strings.Contains(out, `"ok":true`) {
		t.Errorf("check after reindex: %d %s", code, out)
	}
}
