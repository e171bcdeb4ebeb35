package bot

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// secretHeader carries the webhook's secret token in Telegram's requests.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateSize bounds a webhook request body; updates are a few KB.
const maxUpdateSize = 1 << 20

// ServeHTTP is the webhook: Telegram POSTs one update per request. A
// request without the secret token gets 401, with a wrong one 403, a body
// that is not an update 400; while the bot is not taking updates (before
// Run, during shutdown) 503, so Telegram delivers it again later. An
// accepted update is answered 200 as soon as it is queued.
func (b *Bot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get(secretHeader)
	if got == "" {
		b.log.Warn("webhook: request without the secret token", "remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(b.cfg.SecretToken)) != 1 || b.cfg.SecretToken == "" {
		b.log.Warn("webhook: wrong secret token", "remote", r.RemoteAddr)
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if !b.serving.Load() {
		http.Error(w, "not taking updates", http.StatusServiceUnavailable)
		return
	}
	var u tgbotapi.Update
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxUpdateSize))
	if err := dec.Decode(&u); err != nil || u.UpdateID == 0 {
		b.log.Warn("webhook: not an update", "remote", r.RemoteAddr)
		http.Error(w, "bad update", http.StatusBadRequest)
		return
	}
	if err := b.dispatch(r.Context(), u); err != nil {
		status := http.StatusServiceUnavailable
		if !errors.Is(err, errClosed) {
			status = http.StatusRequestTimeout
		}
		http.Error(w, "not taken", status)
		return
	}
	w.WriteHeader(http.StatusOK)
}
