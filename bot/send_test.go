package bot

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// TestSend covers the proactive path the alert sender uses: one try per
// part, errors that say what to do next, a supergroup's new id followed
// for the rest of the message, refused HTML resent as plain text.
func TestSend(t *testing.T) {
	api := tgtest.New(t)
	b, err := New(context.Background(), testConfig(api, &logBuf{}, &sleeps{}), &echo{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	alertMsg := reply.Message{Text: "🔔 خواهرخواندگی: اصفهان ↔ کازان (روسیه)", Buttons: [][]reply.Button{{{Text: "لغو اشتراک «اصفهان»", Data: "unsub:اصفهان"}}}}

	type failure interface {
		RetryIn() time.Duration
		Gone() bool
		Temporary() bool
	}
	cases := []struct {
		name                  string
		answer                tgtest.Answer
		retryIn               time.Duration
		gone, temporary, sent bool
	}{
		{"429", tgtest.Refuse(http.StatusTooManyRequests, "Too Many Requests: retry after 7", 7), 7 * time.Second, false, true, false},
		{"403", tgtest.Refuse(http.StatusForbidden, "Forbidden: bot was blocked by the user", 0), 0, true, false, false},
		{"no rights", tgtest.Refuse(http.StatusBadRequest, "Bad Request: not enough rights to send text messages to the chat", 0), 0, true, false, false},
		{"502 page", tgtest.Raw(http.StatusBadGateway, "<html>Bad Gateway</html>"), 0, false, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			api.Fault("sendMessage", 1, c.answer)
			before := len(api.CallsTo("sendMessage"))
			err := b.Send(ctx, 42, alertMsg)
			var f failure
			if !errors.As(err, &f) {
				t.Fatalf("Send = %v, want an error saying what to do", err)
			}
			if f.RetryIn() != c.retryIn || f.Gone() != c.gone || f.Temporary() != c.temporary {
				t.Errorf("RetryIn %v Gone %v Temporary %v, want %v %v %v", f.RetryIn(), f.Gone(), f.Temporary(), c.retryIn, c.gone, c.temporary)
			}
			if n := len(api.CallsTo("sendMessage")) - before; n != 1 {
				t.Errorf("%d calls, want one try", n)
			}
		})
	}

	// A group that became a supergroup: every part goes to the new id.
	api.Fault("sendMessage", 1, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234}}`))
	})
	long := reply.Message{Text: strings.Repeat("تفاهم‌نامهٔ همکاری اتاق‌های بازرگانی تبریز و باکو امضا شد. ", 150)}
	if err := b.Send(ctx, -55, long); err != nil {
		t.Fatal(err)
	}
	if n := len(api.SentTo(-1001234)); n < 2 {
		t.Errorf("%d parts went to the supergroup, want all of them (≥ 2)", n)
	}

	// Refused HTML is resent as plain text.
	api.Fault("sendMessage", 1, tgtest.Refuse(http.StatusBadRequest, "Bad Request: can't parse entities: unsupported start tag", 0))
	if err := b.Send(ctx, 43, alertMsg); err != nil {
		t.Fatal(err)
	}
	sent := api.SentTo(43)
	if len(sent) != 2 || sent[1].Params.Get("parse_mode") != "" {
		t.Errorf("after refused HTML: %d calls, last parse_mode %q; want a plain retry", len(sent), sent[len(sent)-1].Params.Get("parse_mode"))
	}
}
