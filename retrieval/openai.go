package retrieval

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/httpretry"
)

// OpenAIConfig configures an embedder served over the OpenAI embeddings API
// (OpenAI itself, Ollama, vLLM, LocalAI…).
type OpenAIConfig struct {
	BaseURL    string // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
	APIKey     string
	Model      string
	Dim        int           // the dimension the model returns; checked on every answer
	BatchSize  int           // inputs per request; 64 when zero
	Timeout    time.Duration // per request, retries included; 60s when zero
	MaxRetries int           // on 429 and 5xx; 4 when zero
	// DenseWeight is how much the model's cosine counts in a hybrid search
	// against the best keyword match (see Fusion); 1 when zero. Choose it
	// with bench on one's own questions.
	DenseWeight float64
	HTTPClient  *http.Client // its Transport is wrapped with retries; tests inject one
}

// OpenAIEmbedder embeds with an OpenAI-compatible /embeddings endpoint.
type OpenAIEmbedder struct {
	cfg    OpenAIConfig
	client *openai.Client
}

// NewOpenAIEmbedder returns an embedder for cfg. Nothing is sent until Embed.
func NewOpenAIEmbedder(cfg OpenAIConfig) (*OpenAIEmbedder, error) {
	if cfg.BaseURL == "" || cfg.Model == "" || cfg.Dim <= 0 {
		return nil, peyvand.Errorf(peyvand.EInvalid, "برای مدل برداری، نشانی سرور، نام مدل و بُعد بردار لازم است.")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 64
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 4
	}
	if cfg.DenseWeight <= 0 {
		cfg.DenseWeight = openAIDenseWeight
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	hc.Transport = &httpretry.Transport{Base: hc.Transport, MaxRetries: cfg.MaxRetries}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = hc
	return &OpenAIEmbedder{cfg: cfg, client: openai.NewClientWithConfig(oc)}, nil
}

// Name implements Embedder: the model and dimension, so a database built
// with another model is refused.
func (o *OpenAIEmbedder) Name() string { return "openai:" + o.cfg.Model }

// Dim implements Embedder.
func (o *OpenAIEmbedder) Dim() int { return o.cfg.Dim }

// Embed implements Embedder, in batches of BatchSize inputs.
func (o *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += o.cfg.BatchSize {
		batch := texts[start:min(start+o.cfg.BatchSize, len(texts))]
		vecs, err := o.embedBatch(ctx, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (o *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, o.cfg.Timeout)
	defer cancel()
	resp, err := o.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input: texts, Model: openai.EmbeddingModel(o.cfg.Model)})
	if err != nil {
		return nil, &peyvand.Error{Code: peyvand.EUnavailable,
			Message: "سرور مدل برداری پاسخ نداد؛ کمی بعد دوباره امتحان کنید.",
			Err:     fmt.Errorf("embed %d texts with %s: %w", len(texts), o.cfg.Model, describe(err))}
	}
	if len(resp.Data) != len(texts) {
		return nil, fmt.Errorf("embed: %d vectors for %d texts", len(resp.Data), len(texts))
	}
	vecs := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || vecs[d.Index] != nil {
			return nil, fmt.Errorf("embed: bad or repeated index %d in answer", d.Index)
		}
		if len(d.Embedding) != o.cfg.Dim {
			return nil, &peyvand.Error{Code: peyvand.EIncompatible,
				Message: fmt.Sprintf("مدل برداری «%s» برداری با %d بعد داد، نه %d بعدِ تنظیم‌شده؛ بُعد را درست کنید.", o.cfg.Model, len(d.Embedding), o.cfg.Dim),
				Err:     fmt.Errorf("embed: model %s returned dimension %d, configured %d", o.cfg.Model, len(d.Embedding), o.cfg.Dim)}
		}
		vecs[d.Index] = d.Embedding
	}
	return vecs, nil
}

// describe keeps the status and the server's message of an API error and
// drops the rest (request bodies may be large; keys are never in them).
func describe(err error) error {
	var api *openai.APIError
	var req *openai.RequestError
	switch {
	case errors.As(err, &api):
		return fmt.Errorf("status %d: %s", api.HTTPStatusCode, api.Message)
	case errors.As(err, &req):
		return fmt.Errorf("status %d: %w", req.HTTPStatusCode, req.Err)
	default:
		return err
	}
}
