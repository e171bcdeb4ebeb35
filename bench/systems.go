package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/philippgille/chromem-go"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// embDim is the offline embedder's dimension, for peyvand and chromem-go alike.
const embDim = 256

// Backend is one system under test: it builds an index over docs and offers
// one or more ways to search it.
type Backend interface {
	Name() string
	Build(ctx context.Context, docs []Doc, dir string) error
	Searchers() []Searcher
	// DiskBytes is what the built index occupies on disk.
	DiskBytes() int64
	Close() error
}

// ColdStarter is a backend that can be closed and opened again from disk,
// as a restarted process opens it: ColdStart reopens it and answers q once,
// and returns how long both took.
type ColdStarter interface {
	ColdStart(ctx context.Context, q string) (time.Duration, error)
}

// Searcher runs one kind of query. Search returns up to k distinct doc ids,
// best first.
type Searcher struct {
	Name   string
	Kind   string // keyword, dense or hybrid: which peyvand mode it compares with
	Search func(ctx context.Context, q string, k int) ([]string, error)
}

// passage is a peer's unit: one peyvand passage of a doc, title in front
// (the text peyvand embeds).
type passage struct {
	docID string
	id    string
	text  string
}

// splitDocs splits docs as peyvand's engine does (persian.Passages, a
// headline-only item becoming one empty passage).
func splitDocs(docs []Doc) []passage {
	var out []passage
	for _, d := range docs {
		spans := persian.Passages(d.Text)
		if len(spans) == 0 && strings.TrimSpace(d.Title) != "" {
			out = append(out, passage{docID: d.ID, id: d.ID + "#0", text: d.Title + "\n"})
			continue
		}
		for i, s := range spans {
			out = append(out, passage{docID: d.ID, id: d.ID + "#" + strconv.Itoa(i), text: d.Title + "\n" + d.Text[s.Start:s.End]})
		}
	}
	return out
}

// docOf maps a passage id back to its doc id.
func docOf(passageID string) string {
	if i := strings.LastIndexByte(passageID, '#'); i >= 0 {
		return passageID[:i]
	}
	return passageID
}

// distinct keeps the first k distinct doc ids of passage ids.
func distinct(passageIDs []string, k int) []string {
	out := make([]string, 0, k)
	seen := make(map[string]bool, k)
	for _, p := range passageIDs {
		d := docOf(p)
		if seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, d)
		if len(out) == k {
			break
		}
	}
	return out
}

// ---- peyvand ----

type peyvandBackend struct {
	db   *store.DB
	eng  *retrieval.Engine
	path string
	// denseWeights add a hybrid row for each weight, beside the default's:
	// the sweep that chooses Fusion.Dense (-dense-weights).
	denseWeights []float64
	// embedder, when set, replaces the offline HashEmbedder(256) (-embed-*).
	embedder retrieval.Embedder
}

func (p *peyvandBackend) Name() string { return "peyvand" }

func (p *peyvandBackend) Build(ctx context.Context, docs []Doc, dir string) error {
	var emb retrieval.Embedder = retrieval.NewHashEmbedder(embDim)
	if p.embedder != nil {
		emb = p.embedder
	}
	p.path = filepath.Join(dir, "peyvand.db")
	db, err := store.Open(p.path, store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		return err
	}
	p.db = db
	eng, err := retrieval.Open(db, emb)
	if err != nil {
		return err
	}
	p.eng = eng
	arts := make([]peyvand.Article, len(docs))
	for i, d := range docs {
		arts[i] = peyvand.Article{ID: d.ID, Title: d.Title, Text: d.Text}
	}
	_, err = eng.Ingest(ctx, arts, nil)
	return err
}

func (p *peyvandBackend) Searchers() []Searcher {
	mk := func(name, kind string, mode retrieval.Mode, fu *retrieval.Fusion) Searcher {
		return Searcher{Name: name, Kind: kind, Search: func(ctx context.Context, q string, k int) ([]string, error) {
			// One passage per article: the results are k distinct articles.
			rs, err := p.eng.Search(ctx, retrieval.Query{Text: q, K: k, Mode: mode, PerArticle: 1, Fusion: fu})
			if err != nil {
				return nil, err
			}
			out := make([]string, len(rs))
			for i, r := range rs {
				out[i] = r.Article.ID
			}
			return out, nil
		}}
	}
	out := []Searcher{
		mk("peyvand keyword (BM25)", "keyword", retrieval.KeywordOnly, nil),
		mk("peyvand dense", "dense", retrieval.DenseOnly, nil),
		mk("peyvand hybrid", "hybrid", retrieval.Hybrid, nil),
	}
	for _, w := range p.denseWeights {
		fu := p.eng.Fusion
		fu.Dense = w
		out = append(out, mk(fmt.Sprintf("peyvand hybrid, dense weight %g", w), "hybrid sweep", retrieval.Hybrid, &fu))
	}
	return out
}

func (p *peyvandBackend) DiskBytes() int64 { return fileBytes(p.path) }

// ColdStart opens the file as `peyvand ask` does (bbolt's page check
// included), loads the index and answers one hybrid query.
func (p *peyvandBackend) ColdStart(ctx context.Context, q string) (time.Duration, error) {
	emb := p.eng.Embedder()
	if err := p.db.Close(); err != nil {
		return 0, err
	}
	p.db = nil
	start := time.Now()
	db, err := store.Open(p.path, store.Options{Embedder: emb.Name(), Dim: emb.Dim(), Verify: true})
	if err != nil {
		return 0, err
	}
	p.db = db
	if p.eng, err = retrieval.Open(db, emb); err != nil {
		return 0, err
	}
	_, err = p.eng.Search(ctx, retrieval.Query{Text: q, K: 10, PerArticle: 1})
	return time.Since(start), err
}

func (p *peyvandBackend) Close() error {
	if p.db == nil {
		return nil
	}
	return p.db.Close()
}

// ---- Bleve ----

type bleveBackend struct {
	ix   bleve.Index
	path string
}

func (b *bleveBackend) Name() string { return "bleve" }

func (b *bleveBackend) Build(ctx context.Context, docs []Doc, dir string) error {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = fa.AnalyzerName
	im.ScoringModel = bleveindex.BM25Scoring
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = fa.AnalyzerName
	fm.Store = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	fm.DocValues = false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", fm)
	im.DefaultMapping = dm
	b.path = filepath.Join(dir, "bleve")
	ix, err := bleve.New(b.path, im)
	if err != nil {
		return err
	}
	b.ix = ix
	batch := ix.NewBatch()
	for _, p := range splitDocs(docs) {
		if err := batch.Index(p.id, map[string]any{"text": p.text}); err != nil {
			return err
		}
		if batch.Size() >= 1000 {
			if err := ix.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
		}
	}
	return ix.Batch(batch)
}

func (b *bleveBackend) Searchers() []Searcher {
	return []Searcher{{Name: "Bleve v2 fa (BM25)", Kind: "keyword", Search: func(ctx context.Context, q string, k int) ([]string, error) {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		mq.Analyzer = fa.AnalyzerName
		req := bleve.NewSearchRequestOptions(mq, 4*k, 0, false)
		res, err := b.ix.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return distinct(ids, k), nil
	}}}
}

func (b *bleveBackend) DiskBytes() int64 { return dirBytes(b.path) }

// ColdStart reopens the index directory and answers one query.
func (b *bleveBackend) ColdStart(ctx context.Context, q string) (time.Duration, error) {
	if err := b.ix.Close(); err != nil {
		return 0, err
	}
	b.ix = nil
	start := time.Now()
	ix, err := bleve.Open(b.path)
	if err != nil {
		return 0, err
	}
	b.ix = ix
	_, err = b.Searchers()[0].Search(ctx, q, 10)
	return time.Since(start), err
}

func (b *bleveBackend) Close() error {
	if b.ix == nil {
		return nil
	}
	return b.ix.Close()
}

// ---- chromem-go ----

type chromemBackend struct {
	db   *chromem.DB
	col  *chromem.Collection
	dir  string
	disk int64
}

func (c *chromemBackend) Name() string { return "chromem-go" }

func (c *chromemBackend) Build(ctx context.Context, docs []Doc, dir string) error {
	emb := retrieval.NewHashEmbedder(embDim)
	embed := func(_ context.Context, text string) ([]float32, error) {
		return emb.Vector(text, nil), nil
	}
	c.db = chromem.NewDB()
	col, err := c.db.CreateCollection("bench", nil, embed)
	if err != nil {
		return err
	}
	c.col = col
	ps := splitDocs(docs)
	cds := make([]chromem.Document, len(ps))
	for i, p := range ps {
		cds[i] = chromem.Document{ID: p.id, Content: p.text}
	}
	if err := col.AddDocuments(ctx, cds, runtime.GOMAXPROCS(0)); err != nil {
		return err
	}
	c.dir = dir
	return nil
}

// exportSize writes the collection as chromem-go persists it (gob, not
// compressed) and returns the file's size; chromem-go indexes in memory.
func (c *chromemBackend) exportSize() int64 {
	path := filepath.Join(c.dir, "chromem.gob")
	if err := c.db.ExportToFile(path, false, ""); err != nil {
		return -1
	}
	defer os.Remove(path)
	return fileBytes(path)
}

func (c *chromemBackend) Searchers() []Searcher {
	return []Searcher{{Name: "chromem-go (exact cosine)", Kind: "dense", Search: func(ctx context.Context, q string, k int) ([]string, error) {
		n := min(4*k, c.col.Count())
		res, err := c.col.Query(ctx, q, n, nil, nil)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(res))
		for i, r := range res {
			ids[i] = r.ID
		}
		return distinct(ids, k), nil
	}}}
}

func (c *chromemBackend) DiskBytes() int64 {
	if c.disk == 0 {
		c.disk = c.exportSize()
	}
	return c.disk
}

func (c *chromemBackend) Close() error { return nil }

func fileBytes(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return st.Size()
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

func newBackends(names []string, opt Options) ([]Backend, error) {
	var out []Backend
	for _, n := range names {
		switch n {
		case "peyvand":
			out = append(out, &peyvandBackend{denseWeights: opt.DenseWeights, embedder: opt.Embedder})
		case "bleve":
			out = append(out, &bleveBackend{})
		case "chromem":
			out = append(out, &chromemBackend{})
		default:
			return nil, fmt.Errorf("unknown system %q (peyvand, bleve, chromem)", n)
		}
	}
	return out, nil
}
