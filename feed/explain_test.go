package feed

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
)

// TestExplainInPersian: a failed fetch reaches its user as a Persian
// message that says what to do, with the Go error kept as the cause.
func TestExplainInPersian(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4")
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	for path, want := range map[string]string{"/missing": "404", "/pdf": "HTML"} {
		_, err := Fetch(context.Background(), NewClient(true), srv.URL+path)
		err = Explain(err)
		if msg := peyvand.ErrorMessage(err); !strings.Contains(msg, want) || !strings.Contains(msg, "صفحه") || peyvand.ErrorCode(err) != peyvand.EUnavailable || !errors.Is(err, ErrNotHTML) && path == "/pdf" {
			t.Errorf("Explain(Fetch(%s)): %q; want a Persian message with %q", path, msg, want)
		}
	}
	// An inside address, as an admin's /ingest would ask for it.
	for _, u := range []string{srv.URL + "/missing", "http://169.254.169.254/latest/meta-data/"} {
		_, err := Fetch(context.Background(), NewClient(false), u)
		err = Explain(err)
		if msg := peyvand.ErrorMessage(err); !strings.Contains(msg, "شبکهٔ داخلی") || !strings.Contains(msg, "PEYVAND_ALLOW_PRIVATE_FETCH") || peyvand.ErrorCode(err) != peyvand.EUnavailable {
			t.Errorf("Explain(Fetch(%s)) with public addresses only: %q; want the Persian refusal", u, msg)
		}
	}
}
