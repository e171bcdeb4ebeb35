package ops

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/store"
)

func newServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "ops.db"), store.Options{Embedder: "e", Dim: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Subscribe(peyvand.Subscription{ChatID: 5, Place: "تبریز"})
	s := &Server{DB: db, Telegram: &Beat{}, BackupToken: "s3cret"}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealthz(t *testing.T) {
	s, ts := newServer(t)
	if code, body := get(t, ts.URL+"/healthz", ""); code != 503 || !strings.Contains(body, "not yet seen") {
		t.Errorf("before the first Bot API call: %d %s; want 503", code, body)
	}
	s.Telegram.Mark(time.Now())
	if code, body := get(t, ts.URL+"/healthz", ""); code != 200 || !strings.Contains(body, `"ok":true`) {
		t.Errorf("healthy: %d %s", code, body)
	}
	s.Telegram.Mark(time.Now().Add(-time.Hour))
	if code, body := get(t, ts.URL+"/healthz", ""); code != 503 || !strings.Contains(body, "last seen") {
		t.Errorf("stale Telegram: %d %s; want 503", code, body)
	}
}

func TestMetrics(t *testing.T) {
	_, ts := newServer(t)
	metrics.Answers.WithLabelValues(peyvand.ModeGraph, "false").Inc()
	code, body := get(t, ts.URL+"/metrics", "")
	if code != 200 || !strings.Contains(body, `peyvand_answers_total{abstained="false",mode="graph"}`) ||
		!strings.Contains(body, "peyvand_answer_seconds_bucket") {
		t.Errorf("metrics: %d\n%s", code, body)
	}
}

func TestBackup(t *testing.T) {
	_, ts := newServer(t)
	for _, token := range []string{"", "wrong"} {
		if code, _ := get(t, ts.URL+"/backup", token); code != 401 {
			t.Errorf("backup with token %q: %d; want 401", token, code)
		}
	}
	// The bare token, without "Bearer ", is refused too.
	req, _ := http.NewRequest("GET", ts.URL+"/backup", nil)
	req.Header.Set("Authorization", "s3cret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("backup with a bare token: %v %v; want 401", resp.Status, err)
	} else {
		resp.Body.Close()
	}
	code, body := get(t, ts.URL+"/backup", "s3cret")
	if code != 200 {
		t.Fatalf("backup: %d", code)
	}
	path := filepath.Join(t.TempDir(), "b.db")
	os.WriteFile(path, []byte(body), 0o600)
	if err := store.Verify(path); err != nil {
		t.Fatal(err)
	}
	db, _ := store.Open(path, store.Options{ReadOnly: true})
	defer db.Close()
	if subs, _ := db.Subscriptions(5); len(subs) != 1 {
		t.Errorf("backup lost the subscription: %v", subs)
	}
	// Without a configured token the route does not exist.
	s2 := &Server{DB: db}
	ts2 := httptest.NewServer(s2.Handler())
	defer ts2.Close()
	if code, _ := get(t, ts2.URL+"/backup", "s3cret"); code != 404 {
		t.Errorf("backup without a token configured: %d; want 404", code)
	}
}
