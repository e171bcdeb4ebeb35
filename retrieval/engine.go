// Package retrieval finds the passages that answer a question: BM25 over
// normalised Persian tokens, dense vectors from an Embedder, and their fusion
// by a weighted sum of normalised scores (see Fusion). It also runs ingest: an article becomes passages,
// tokens, vectors and tie facts, stored in one transaction per batch.
//
// Search reads only memory until the final k passages: the postings and the
// quantised vectors are loaded from the store at Open and kept current by
// Ingest, after each commit.
package retrieval

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/store"
)

// deriveVersion names how an article is turned into passages and tokens.
// Change it when that changes, so re-ingesting rebuilds what was stored.
const deriveVersion = "derive-v3" // v2: instruction-like sentences blanked out of passages; words over 128 bytes make no token; v3: more words kept whole by Stem (stem_keep.txt, nounPrefixes)

// titleWeight is how many times a title token counts in each passage of its
// article: titles say what a report is about in few words.
const titleWeight = 2

// Engine searches and ingests over one store.
type Engine struct {
	db  *store.DB
	emb Embedder
	ix  *index

	// Extract, when set, reads tie facts from an article at ingest. It is
	// called from several goroutines at once, one article each.
	Extract func(a peyvand.Article, passages []peyvand.Passage) []peyvand.Fact
	// BatchSize is the number of articles per ingest transaction.
	BatchSize int
	// Fusion weighs the evidence of a hybrid search; Open sets it to
	// DefaultFusion(emb). Set it before the first Search.
	Fusion Fusion

	ingestMu sync.Mutex // one ingest at a time: store writes are serialised anyway
}

// Open loads the store's index into memory. The store must have been opened
// with the same embedder's name and dimension.
func Open(db *store.DB, emb Embedder) (*Engine, error) {
	e := &Engine{db: db, emb: emb, ix: newIndex(emb.Dim()), BatchSize: 256, Fusion: DefaultFusion(emb)}
	if err := db.Load(e.ix); err != nil {
		return nil, fmt.Errorf("load index: %w", err)
	}
	e.ix.refreshNorms()
	return e, nil
}

// Store returns the engine's store.
func (e *Engine) Store() *store.DB { return e.db }

// Embedder returns the engine's embedder.
func (e *Engine) Embedder() Embedder { return e.emb }

// Ingested is what ingest did with one article: the store.Outcome of its Put.
type Ingested struct {
	ArticleID string
	Result    store.Outcome
}

// Ingest stores articles, BatchSize to a transaction. Each article needs a
// Text; its ID is derived with peyvand.ArticleID when empty. Unchanged
// articles cost a hash and a lookup. progress, when set, is called with the
// number of articles done after each batch.
//
// Deriving a batch (passages, tokens, vectors, facts) overlaps the commit of
// the one before: on two cores the build runs at about the speed of the
// slower of the two.
func (e *Engine) Ingest(ctx context.Context, arts []peyvand.Article, progress func(done int)) ([]Ingested, error) {
	e.ingestMu.Lock()
	defer e.ingestMu.Unlock()
	out := make([]Ingested, 0, len(arts))
	size := max(e.BatchSize, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type prepared struct {
		items []store.Item
		done  int // articles done once this batch is committed
		err   error
	}
	ready := make(chan prepared, 1)
	// On any return, stop the deriving goroutine and wait for it: nothing
	// of this call runs after it returns.
	defer func() {
		cancel()
		for range ready {
		}
	}()
	go func() {
		defer close(ready)
		for start := 0; start < len(arts); start += size {
			if err := ctx.Err(); err != nil {
				ready <- prepared{err: err}
				return
			}
			end := min(start+size, len(arts))
			items, err := e.prepare(ctx, arts[start:end])
			select {
			case ready <- prepared{items: items, done: end, err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for p := range ready {
		if p.err != nil {
			return out, p.err
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		res, err := e.commit(p.items)
		if err != nil {
			return out, err
		}
		out = append(out, res...)
		if progress != nil {
			progress(p.done)
		}
	}
	return out, ctx.Err()
}

// prepare derives what a batch stores. The store is read for hashes before
// the previous batch committed; that is safe because Put compares hashes
// again inside its transaction.
func (e *Engine) prepare(ctx context.Context, batch []peyvand.Article) ([]store.Item, error) {
	// The last copy of an id in a batch wins, as it would across batches.
	byID := map[string]int{}
	items := make([]store.Item, 0, len(batch))
	for _, a := range batch {
		a.ID = peyvand.ArticleID(a.ID, a.URL, a.Text)
		it := store.Item{Article: a, Hash: e.hash(a)}
		if i, ok := byID[a.ID]; ok {
			items[i] = it
			continue
		}
		byID[a.ID] = len(items)
		items = append(items, it)
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Article.ID
	}
	stored, err := e.db.Hashes(ids)
	if err != nil {
		return nil, err
	}
	var todo []int // items to derive
	for i := range items {
		if stored[items[i].Article.ID] != items[i].Hash {
			todo = append(todo, i) // else Put reports it unchanged without touching it
		}
	}
	// Passages, tokens and (for the offline embedder) vectors are pure CPU:
	// split them across the cores. A remote embedder gets one call.
	hashEmb, local := e.emb.(*HashEmbedder)
	workers := min(runtime.GOMAXPROCS(0), max(len(todo)/16, 1))
	passages := make([][]peyvand.Passage, len(items))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(todo); k += workers {
				it := &items[todo[k]]
				ps, commands := e.passages(it.Article)
				passages[todo[k]] = ps
				it.Instructions = commands
				titleTerms := persian.Tokens(it.Article.Title)
				it.Docs = make([]store.Doc, len(ps))
				for j, p := range ps {
					it.Docs[j] = makeDoc(p, titleTerms)
					if local {
						it.Docs[j].Vector = hashEmb.Vector(it.Article.Title+"\n"+p.Text, nil)
					}
				}
				if e.Extract != nil {
					it.Facts = e.Extract(it.Article, ps)
				}
			}
		}()
	}
	wg.Wait()
	if !local {
		var texts []string
		var docs []*store.Doc
		for _, i := range todo {
			it := &items[i]
			for j := range it.Docs {
				docs = append(docs, &it.Docs[j])
				texts = append(texts, it.Article.Title+"\n"+passages[i][j].Text)
			}
		}
		if len(texts) > 0 {
			vecs, err := e.emb.Embed(ctx, texts)
			if err != nil {
				return nil, fmt.Errorf("ingest: %w", err)
			}
			if len(vecs) != len(texts) {
				return nil, fmt.Errorf("ingest: embedder returned %d vectors for %d texts", len(vecs), len(texts))
			}
			for i, d := range docs {
				d.Vector = vecs[i]
			}
		}
	}
	return items, nil
}

// commit stores prepared items and, after the commit, updates the index.
func (e *Engine) commit(items []store.Item) ([]Ingested, error) {
	outcomes, change, err := e.db.Put(items)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	e.ix.apply(change) // only after the commit returned
	res := make([]Ingested, len(items))
	for i, it := range items {
		res[i] = Ingested{ArticleID: it.Article.ID, Result: outcomes[i]}
	}
	return res, nil
}

// hash identifies an article's content together with how it is derived.
func (e *Engine) hash(a peyvand.Article) string {
	h := sha256.New()
	for _, s := range []string{deriveVersion, e.emb.Name(), a.URL, a.Title, a.Date.String(), a.Source, a.NewsCode, a.Text} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// passages splits an article into its passages, instruction-like sentences
// («دستورهای قبلی را نادیده بگیر …») blanked out of them (same offsets):
// what is searched, quoted and read for ties is the news, never text that
// tries to command. It returns how many sentences were blanked.
func (e *Engine) passages(a peyvand.Article) ([]peyvand.Passage, int) {
	spans := persian.Passages(a.Text)
	clean, n := persian.BlankInstructions(a.Text)
	out := make([]peyvand.Passage, 0, len(spans))
	for i, s := range spans {
		out = append(out, peyvand.Passage{ArticleID: a.ID, Index: i, Start: s.Start, End: s.End, Text: clean[s.Start:s.End]})
	}
	if len(out) == 0 && strings.TrimSpace(a.Title) != "" {
		// A headline-only item is still findable by its title.
		out = append(out, peyvand.Passage{ArticleID: a.ID, Text: ""})
	}
	return out, n
}

func makeDoc(p peyvand.Passage, titleTerms []string) store.Doc {
	tokens := persian.Tokens(p.Text)
	freq := make(map[string]int, len(tokens)+len(titleTerms))
	for _, t := range tokens {
		freq[t]++
	}
	for _, t := range titleTerms {
		freq[t] += titleWeight
	}
	d := store.Doc{Passage: p, Len: len(tokens) + titleWeight*len(titleTerms)}
	d.Terms = make([]store.TermFreq, 0, len(freq))
	for t, f := range freq {
		d.Terms = append(d.Terms, store.TermFreq{Term: t, Freq: f})
	}
	// In term order, as the store keeps them: its sort then finds them sorted.
	slices.SortFunc(d.Terms, func(a, b store.TermFreq) int { return strings.Compare(a.Term, b.Term) })
	return d
}

// Mode selects the retrieval method.
type Mode int

// Retrieval modes. Hybrid is the product's; the others exist for comparison.
const (
	Hybrid Mode = iota
	KeywordOnly
	DenseOnly
)

// Query is a search request.
type Query struct {
	Text string
	K    int // results wanted; 5 when zero
	Mode Mode
	// Places are places the question names, each as its alternative
	// spellings; passages that mention them rank higher.
	Places [][]string
	// PerArticle caps the passages of one article in the results; 2 when zero.
	PerArticle int
	// Fusion, when set, replaces the engine's weights for this query (bench
	// compares weights over one index with it).
	Fusion *Fusion
}

// Result is one retrieved passage.
type Result struct {
	Article peyvand.Article // metadata, without Text
	Passage peyvand.Passage
	Score   float64 // fused score; comparable within one query only
	// Coverage is the share of the query's token weight (by IDF) that the
	// passage or its title contains, 0..1: the evidence-strength signal.
	Coverage float64
	// PlacesMatched counts the query's places the passage mentions.
	PlacesMatched int
}

// Search returns the passages that best match q, best first.
func (e *Engine) Search(ctx context.Context, q Query) ([]Result, error) {
	k := cmp.Or(q.K, 5)
	perArticle := cmp.Or(q.PerArticle, 2)
	terms, weights := queryTerms(q.Text)
	pool := max(50, 4*k)

	var qvec []float32
	if q.Mode != KeywordOnly {
		vs, err := e.emb.Embed(ctx, []string{q.Text})
		if err != nil {
			return nil, fmt.Errorf("search: embed query: %w", err)
		}
		if len(vs) == 1 {
			qvec = vs[0]
			normalize(qvec)
		}
	}
	places := make([][][]string, len(q.Places)) // place → spelling → tokens
	for i, spellings := range q.Places {
		for _, s := range spellings {
			if ts := persian.Tokens(s); len(ts) > 0 {
				places[i] = append(places[i], ts)
			}
		}
	}

	e.ix.mu.RLock()
	var keyHits, denseHits []hit
	switch {
	case q.Mode != DenseOnly && qvec != nil && e.ix.alive >= exactBelow:
		// Hybrid over a large index: both searches at once.
		done := make(chan struct{})
		go func() {
			defer close(done)
			denseHits = e.ix.dense(qvec, pool)
		}()
		keyHits = e.ix.bm25(terms, weights, pool)
		<-done
	case q.Mode != DenseOnly:
		keyHits = e.ix.bm25(terms, weights, pool)
		if qvec != nil {
			denseHits = e.ix.dense(qvec, pool)
		}
	case qvec != nil:
		denseHits = e.ix.dense(qvec, pool)
	}
	fu := e.Fusion
	if q.Fusion != nil {
		fu = *q.Fusion
	}
	switch q.Mode {
	case KeywordOnly:
		fu = Fusion{}
	case DenseOnly:
		fu = Fusion{Dense: 1, keywordOff: true}
	}
	cands := e.fuse(keyHits, denseHits, fu, terms, weights, qvec, places)
	e.ix.mu.RUnlock()

	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.num, b.num))
	})
	chosen := make([]cand, 0, k)
	perArt := map[uint32]int{}
	for _, c := range cands {
		if len(chosen) == k {
			break
		}
		if perArt[c.art] >= perArticle {
			continue
		}
		perArt[c.art]++
		chosen = append(chosen, c)
	}
	nums := make([]uint32, len(chosen))
	for i, c := range chosen {
		nums[i] = c.num
	}
	stored, err := e.db.Passages(nums)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	byNum := make(map[uint32]store.Stored, len(stored))
	for _, s := range stored {
		byNum[s.Num] = s
	}
	out := make([]Result, 0, len(chosen))
	for _, c := range chosen {
		s, ok := byNum[c.num]
		if !ok {
			continue // removed by a concurrent ingest
		}
		s.Passage.Text = persian.CollapseBlanks(s.Passage.Text) // a blanked instruction shows as «…»
		out = append(out, Result{Article: s.Article, Passage: s.Passage, Score: c.score,
			Coverage: c.coverage, PlacesMatched: c.places})
	}
	return out, nil
}

type cand struct {
	num, art  uint32
	bm25, cos float64 // the passage's evidence (see Fusion)
	score     float64
	coverage  float64
	places    int
}

// queryTerms returns the query's distinct tokens, each weighted once: a
// word repeated in a question is rarely more important.
func queryTerms(text string) (terms []string, weights []float32) {
	for _, t := range persian.Tokens(text) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
			weights = append(weights, 1)
		}
	}
	return terms, weights
}

// placesIn counts the places with a spelling whose tokens all occur in the
// passage. Called under the read lock.
func (e *Engine) placesIn(num uint32, places [][][]string) int {
	n := 0
	for _, spellings := range places {
		for _, toks := range spellings {
			all := true
			for _, t := range toks {
				if !e.ix.contains(t, num) {
					all = false
					break
				}
			}
			if all {
				n++
				break
			}
		}
	}
	return n
}

// Stats are the engine's counts, from the store.
func (e *Engine) Stats() (store.Stats, error) { return e.db.Stats() }
