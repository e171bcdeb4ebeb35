package retrieval_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/retrieval"
)

// embeddingsServer speaks the OpenAI REST embeddings protocol. fail, when
// set, answers a request instead of the normal handler (return false to
// answer normally).
func embeddingsServer(t *testing.T, dim int, fail func(w http.ResponseWriter, n int64) bool) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bearer sk-test-secret" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"message":"bad key","type":"invalid_request_error"}}`)
			return
		}
		if fail != nil && fail(w, n) {
			return
		}
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: req.Model}
		for i, in := range req.Input {
			v := make([]float32, dim)
			v[len([]rune(in))%dim] = 1
			resp.Data = append(resp.Data, item{Object: "embedding", Index: i, Embedding: v})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func newOpenAI(t *testing.T, url string, dim int) *retrieval.OpenAIEmbedder {
	t.Helper()
	emb, err := retrieval.NewOpenAIEmbedder(retrieval.OpenAIConfig{BaseURL: url + "/v1", APIKey: "sk-test-secret",
		Model: "text-embedding-3-small", Dim: dim, BatchSize: 2, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return emb
}

func TestOpenAIEmbedder(t *testing.T) {
	texts := []string{"اصفهان", "مسکو", "سن پترزبورگ"}
	t.Run("Batches", func(t *testing.T) {
		srv, calls := embeddingsServer(t, 8, nil)
		vs, err := newOpenAI(t, srv.URL, 8).Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 3 || calls.Load() != 2 {
			t.Fatalf("%d vectors in %d calls; want 3 in 2 batches", len(vs), calls.Load())
		}
	})
	t.Run("429ThenSuccess", func(t *testing.T) {
		srv, calls := embeddingsServer(t, 8, func(w http.ResponseWriter, n int64) bool {
			if n == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, `{"error":{"message":"Rate limit reached","type":"requests"}}`)
				return true
			}
			return false
		})
		vs, err := newOpenAI(t, srv.URL, 8).Embed(context.Background(), texts[:1])
		if err != nil || len(vs) != 1 || calls.Load() != 2 {
			t.Fatalf("got %d vectors, %v after %d calls; want success on the retry", len(vs), err, calls.Load())
		}
	})
	t.Run("5xxExhausted", func(t *testing.T) {
		srv, _ := embeddingsServer(t, 8, func(w http.ResponseWriter, n int64) bool {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, "<html><body>502 Bad Gateway</body></html>")
			return true
		})
		_, err := newOpenAI(t, srv.URL, 8).Embed(context.Background(), texts[:1])
		if peyvand.ErrorCode(err) != peyvand.EUnavailable {
			t.Fatalf("error = %v; want EUnavailable", err)
		}
		if strings.Contains(err.Error(), "sk-test-secret") {
			t.Fatal("the API key leaked into an error")
		}
	})
	t.Run("WrongDimension", func(t *testing.T) {
		srv, _ := embeddingsServer(t, 4, nil)
		_, err := newOpenAI(t, srv.URL, 8).Embed(context.Background(), texts[:1])
		if peyvand.ErrorCode(err) != peyvand.EIncompatible {
			t.Fatalf("error = %v; want EIncompatible", err)
		}
	})
	t.Run("MalformedBody", func(t *testing.T) {
		srv, _ := embeddingsServer(t, 8, func(w http.ResponseWriter, n int64) bool {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"data": [`)
			return true
		})
		if _, err := newOpenAI(t, srv.URL, 8).Embed(context.Background(), texts[:1]); err == nil {
			t.Fatal("a truncated body was accepted")
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		srv, _ := embeddingsServer(t, 8, func(w http.ResponseWriter, n int64) bool {
			time.Sleep(2 * time.Second)
			return false
		})
		emb, _ := retrieval.NewOpenAIEmbedder(retrieval.OpenAIConfig{BaseURL: srv.URL + "/v1", APIKey: "sk-test-secret",
			Model: "m", Dim: 8, Timeout: 200 * time.Millisecond, MaxRetries: -1})
		start := time.Now()
		_, err := emb.Embed(context.Background(), texts[:1])
		if err == nil || time.Since(start) > 1500*time.Millisecond {
			t.Fatalf("slow server: err %v after %v; want an error within the timeout", err, time.Since(start))
		}
	})
}
