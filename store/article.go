package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
)

// TermFreq is a term of a passage with its frequency.
type TermFreq struct {
	Term string
	Freq int
}

// Doc is a passage ready to be stored: its text, its terms and its vector.
type Doc struct {
	Passage peyvand.Passage
	Len     int        // length in tokens, for BM25
	Terms   []TermFreq // distinct terms
	Vector  []float32
}

// Item is one article to store with everything derived from it.
type Item struct {
	Article peyvand.Article
	// Hash identifies the article's content and the settings its docs were
	// derived with: an unchanged hash means there is nothing to do.
	Hash  string
	Docs  []Doc
	Facts []peyvand.Fact
	// Instructions counts the article's instruction-like sentences, kept in
	// its text and blanked out of its passages (persian.Instruction).
	Instructions int
}

// Outcome says what Put did with an item.
type Outcome int

// Outcomes of Put.
const (
	Added Outcome = iota
	Updated
	Unchanged
)

// Indexed is a stored passage as the in-memory index needs it.
type Indexed struct {
	Num        uint32 // passage number
	ArticleNum uint32
	Len        int
	Terms      []TermFreq
	Vector     Quantized
}

// Change lists what a Put added and removed, so the caller can update its
// in-memory index after the commit.
type Change struct {
	Added   []Indexed
	Removed []uint32
}

// articleRec is the stored form of an article.
type articleRec struct {
	peyvand.Article
	Num      uint32
	Hash     string
	Passages []uint32
	Added    time.Time
	// Instructions, at a record's end when not zero: an older record has none.
	Instructions int
}

func (r *articleRec) encode() []byte {
	var e enc
	long := len(r.ID) > maxKeyID
	if long {
		e.uint(4) // record version 4: the id follows the passages
	} else {
		e.uint(3) // record version 3: the id is the key
	}
	e.uint(uint64(r.Num))
	e.str(r.Hash)
	e.str(r.URL)
	e.str(r.Title)
	e.time(r.Date)
	e.str(r.Source)
	e.str(r.NewsCode)
	e.text(r.Text)
	e.time(r.Added)
	e.uint(uint64(len(r.Passages)))
	for _, p := range r.Passages {
		e.uint(uint64(p))
	}
	if long {
		e.str(r.ID)
	}
	if r.Instructions > 0 {
		e.uint(uint64(r.Instructions))
	}
	return e.b
}

// maxKeyID is the longest id used as its own key: bbolt's key limit less
// the five bytes a fact's key adds. Every id an older version could store
// keeps its key; a longer one (a 40 KB id stopped an ingest) is keyed by its
// hash and kept whole in the record.
const maxKeyID = bolt.MaxKeySize - 5

// hashedPrefix starts the key of a long id: 0xff begins no UTF-8 text, so
// no id of its own can look like it.
const hashedPrefix = "\xffsha256:"

func hashedKey(k []byte) bool { return bytes.HasPrefix(k, []byte(hashedPrefix)) }

// idKey is the key of an article id in the articles bucket and the prefix
// of its facts' keys.
func idKey(id string) []byte {
	if len(id) <= maxKeyID {
		return []byte(id)
	}
	sum := sha256.Sum256([]byte(id))
	return append([]byte(hashedPrefix), hex.EncodeToString(sum[:])...)
}

func decodeArticle(id string, b []byte, withText bool) (articleRec, error) {
	limit := 0
	if withText {
		limit = -1
	}
	return decodeArticleText(id, b, limit)
}

// decodeArticleText decodes an article record with the first limit bytes
// of its text (all of it for a negative limit).
func decodeArticleText(id string, b []byte, limit int) (articleRec, error) {
	d := dec{b: b}
	var r articleRec
	// Versions 1 and 2 (schema 3 and before) keep the text raw, 3 and 4
	// in either encoding of enc.text; 2 and 4 keep a long id at the end.
	version := d.uint()
	if (version < 1 || version > 4) && d.err == nil {
		return r, fmt.Errorf("article %s: record version %d: %w", id, version, errCorrupt)
	}
	r.ID = id
	r.Num = uint32(d.uint())
	r.Hash = d.str()
	r.URL = d.str()
	r.Title = d.str()
	r.Date = d.time()
	r.Source = d.str()
	r.NewsCode = d.str()
	if version <= 2 {
		r.Text = d.str()
		if limit >= 0 && limit < len(r.Text) {
			r.Text = r.Text[:limit]
		}
	} else {
		r.Text = d.text(limit)
	}
	r.Added = d.time()
	n := d.uint()
	if n > uint64(len(d.b)) {
		return r, fmt.Errorf("article %s: %w", id, errCorrupt)
	}
	r.Passages = make([]uint32, 0, n)
	for i := uint64(0); i < n; i++ {
		r.Passages = append(r.Passages, uint32(d.uint()))
	}
	if version == 2 || version == 4 {
		r.ID = d.str() // the key was its hash
	}
	if len(d.b) > 0 {
		r.Instructions = int(d.uint())
	}
	if d.err != nil {
		return r, fmt.Errorf("article %s: %w", id, d.err)
	}
	return r, nil
}

// passageRec is the stored form of a passage. Its text is its article's
// text from Start to End, and is kept only where it differs (a blanked
// instruction): a passage is a range, not a copy. Its terms are in the
// postings of its segment, and nowhere else.
type passageRec struct {
	ArticleNum uint32
	ArticleID  string
	Index      int
	Start, End int
	Len        int
	Segment    uint32 // the postings segment holding its terms
	// Text is set when it is not the article's text[Start:End].
	Text    string
	HasText bool
}

// Passage record versions: 1 (schema 3 and before) held the text and the
// terms; 2 holds neither.
const passageVersion = 2

func (r *passageRec) encode() []byte {
	var e enc
	e.uint(passageVersion)
	e.uint(uint64(r.ArticleNum))
	e.uint(uint64(r.Len))
	e.str(r.ArticleID)
	e.uint(uint64(r.Index))
	e.uint(uint64(r.Start))
	e.uint(uint64(r.End))
	e.uint(uint64(r.Segment))
	if r.HasText {
		e.str(r.Text)
	}
	return e.b
}

// decodePassage decodes a passage record; header-only stops after the
// article number and length, which is all the index loader needs.
func decodePassage(b []byte, headerOnly bool) (passageRec, error) {
	d := dec{b: b}
	var r passageRec
	if v := d.uint(); v != passageVersion && d.err == nil {
		return r, fmt.Errorf("passage record version %d: %w", v, errCorrupt)
	}
	r.ArticleNum = uint32(d.uint())
	r.Len = int(d.uint())
	if headerOnly {
		return r, d.err
	}
	r.ArticleID = d.str()
	r.Index = int(d.uint())
	r.Start = int(d.uint())
	r.End = int(d.uint())
	r.Segment = uint32(d.uint())
	if len(d.b) > 0 {
		r.Text, r.HasText = d.str(), true
	}
	if d.err == nil && r.Start > r.End {
		d.err = errCorrupt
	}
	return r, d.err
}

// textOf returns a passage's text: its own, or its article's range.
func (r *passageRec) textOf(article string) (string, error) {
	if r.HasText {
		return r.Text, nil
	}
	if r.End > len(article) {
		return "", fmt.Errorf("passage of %s: range %d..%d beyond its article's %d bytes: %w", r.ArticleID, r.Start, r.End, len(article), errCorrupt)
	}
	return article[r.Start:r.End], nil
}

// Hashes returns the stored content hash of each of the given article ids
// that exists, so a caller can skip the costly derivation of unchanged ones.
func (db *DB) Hashes(ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		for _, id := range ids {
			v := b.Get(idKey(id))
			if v == nil {
				continue
			}
			r, err := decodeArticle(id, v, false)
			if err != nil {
				return err
			}
			out[id] = r.Hash
		}
		return nil
	})
	return out, err
}

// Put stores items in one transaction. An item whose hash is unchanged is
// left alone; a changed one replaces its old passages, vectors, postings and
// facts. The returned Change describes the committed result.
func (db *DB) Put(items []Item) ([]Outcome, Change, error) {
	if err := db.layout(); err != nil {
		return nil, Change{}, err
	}
	outcomes := make([]Outcome, len(items))
	var ch Change
	err := db.update(func(tx *bolt.Tx) error {
		ch = Change{}
		w := newWriter(tx)
		for i := range items {
			o, err := w.put(&items[i], &ch)
			if err != nil {
				return fmt.Errorf("put %s: %w", items[i].Article.ID, err)
			}
			outcomes[i] = o
			if db.hook != nil && o != Unchanged {
				if err := db.hook(&Tx{tx}, &items[i], o); err != nil {
					return fmt.Errorf("put %s: %w", items[i].Article.ID, err)
				}
			}
		}
		if err := w.flushPostings(); err != nil {
			return err
		}
		var e enc
		e.time(time.Now())
		return tx.Bucket(bucketMeta).Put(keyLastPut, e.b)
	})
	if err != nil {
		return nil, Change{}, err
	}
	db.gen.Add(1)
	return outcomes, ch, nil
}

// Delete removes an article with its passages, vectors, postings and facts.
// It returns the removed passage numbers; deleting a missing id is an
// ENotFound error.
func (db *DB) Delete(id string) ([]uint32, error) {
	if err := db.layout(); err != nil {
		return nil, err
	}
	var removed []uint32
	err := db.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		v := tx.Bucket(bucketArticles).Get(idKey(id))
		if v == nil {
			return peyvand.Errorf(peyvand.ENotFound, "خبری با شناسهٔ «%s» در پایگاه داده نیست.", id)
		}
		old, err := decodeArticle(id, v, false)
		if err != nil {
			return err
		}
		if err := w.removePassages(old.Passages); err != nil {
			return err
		}
		if err := w.flushPostings(); err != nil {
			return err
		}
		if err := deleteFacts(tx, id); err != nil {
			return err
		}
		removed = old.Passages
		if err := countInstructions(tx, old.Instructions, 0); err != nil {
			return err
		}
		return tx.Bucket(bucketArticles).Delete(idKey(id))
	})
	db.gen.Add(1)
	return removed, err
}

// writer carries the state of one Put transaction: the segment its new
// postings go to, those postings grouped by term, and the passages removed
// from each older segment, whose postings are rewritten once at the end.
type writer struct {
	tx       *bolt.Tx
	segment  uint32
	postings map[string][]byte // term → postings (appendPosting) in passage order
	last     map[string]uint32 // term → last passage number appended
	gone     map[uint32]map[uint32]bool
}

// appendFill is the fill of the pages of buckets whose keys are written in
// increasing order (passages, vectors, postings by segment): bbolt's default
// half splits leave such pages half empty for good.
const appendFill = 1.0

// articleFill is the fill of the articles' pages. Their keys (ids) come in
// no particular order, so a page split leaves room for the inserts between;
// but records are large (a compressed text), a few to a page, and bbolt's
// half-full split leaves a third of the bucket empty.
const articleFill = 0.9

func newWriter(tx *bolt.Tx) *writer {
	for _, name := range [][]byte{bucketPassages, bucketVectors, bucketPostings} {
		tx.Bucket(name).FillPercent = appendFill
	}
	tx.Bucket(bucketArticles).FillPercent = articleFill
	return &writer{tx: tx, postings: map[string][]byte{}, last: map[string]uint32{}, gone: map[uint32]map[uint32]bool{}}
}

func (w *writer) put(it *Item, ch *Change) (Outcome, error) {
	arts := w.tx.Bucket(bucketArticles)
	id := it.Article.ID
	if id == "" {
		return 0, fmt.Errorf("article without id")
	}
	rec := articleRec{Article: it.Article, Hash: it.Hash, Added: time.Now().UTC(), Instructions: it.Instructions}
	outcome := Added
	before := 0
	if v := arts.Get(idKey(id)); v != nil {
		old, err := decodeArticle(id, v, false)
		if err != nil {
			return 0, err
		}
		if old.Hash == it.Hash {
			return Unchanged, nil
		}
		if err := w.removePassages(old.Passages); err != nil {
			return 0, err
		}
		if err := deleteFacts(w.tx, id); err != nil {
			return 0, err
		}
		ch.Removed = append(ch.Removed, old.Passages...)
		rec.Num = old.Num
		outcome = Updated
		before = old.Instructions
	} else {
		n, err := arts.NextSequence()
		if err != nil {
			return 0, err
		}
		rec.Num = uint32(n)
	}
	if w.segment == 0 && len(it.Docs) > 0 {
		n, err := w.tx.Bucket(bucketPostings).NextSequence()
		if err != nil {
			return 0, err
		}
		w.segment = uint32(n)
	}
	pass, vecs := w.tx.Bucket(bucketPassages), w.tx.Bucket(bucketVectors)
	for _, doc := range it.Docs {
		n, err := pass.NextSequence()
		if err != nil {
			return 0, err
		}
		num := uint32(n)
		terms := append([]TermFreq(nil), doc.Terms...)
		sort.Slice(terms, func(i, j int) bool { return terms[i].Term < terms[j].Term })
		p := doc.Passage
		pr := passageRec{ArticleNum: rec.Num, ArticleID: id, Index: p.Index,
			Start: p.Start, End: p.End, Len: doc.Len, Segment: w.segment}
		if p.Start < 0 || p.Start > p.End || p.End > len(it.Article.Text) || it.Article.Text[p.Start:p.End] != p.Text {
			pr.Start, pr.End = max(p.Start, 0), max(p.Start, p.End, 0)
			pr.Text, pr.HasText = p.Text, true
		}
		if err := pass.Put(u32(num), pr.encode()); err != nil {
			return 0, err
		}
		vec := Quantize(doc.Vector)
		if vec.Scale != 0 {
			if err := vecs.Put(u32(num), putVector(vec)); err != nil {
				return 0, err
			}
		}
		for _, t := range terms {
			w.addPosting(t.Term, num, t.Freq)
		}
		rec.Passages = append(rec.Passages, num)
		ch.Added = append(ch.Added, Indexed{Num: num, ArticleNum: rec.Num, Len: doc.Len, Terms: terms, Vector: vec})
	}
	if err := putFacts(w.tx, id, it.Facts); err != nil {
		return 0, err
	}
	if err := countInstructions(w.tx, before, it.Instructions); err != nil {
		return 0, err
	}
	return outcome, arts.Put(idKey(id), rec.encode())
}

func (w *writer) addPosting(term string, num uint32, freq int) {
	b := w.postings[term]
	b = appendPosting(b, num-w.last[term], uint64(freq))
	w.postings[term] = b
	w.last[term] = num
}

// flushPostings rewrites the older segments that lost passages, then
// writes this transaction's segment of every term touched.
func (w *writer) flushPostings() error {
	b := w.tx.Bucket(bucketPostings)
	for seg, gone := range w.gone {
		if seg == w.segment && w.segment != 0 {
			// Passages added earlier in this same transaction: their
			// postings are still in memory.
			w.filterPending(gone)
			continue
		}
		if err := rewriteSegment(b, seg, gone); err != nil {
			return err
		}
	}
	for term, p := range w.postings {
		if err := b.Put(postingKey(term, w.segment), p); err != nil {
			return err
		}
	}
	return nil
}

// postingKey is a segment's key of a term: segment first, so a segment is
// one range of keys and each Put appends its own.
func postingKey(term string, seg uint32) []byte {
	k := make([]byte, 0, len(term)+4)
	k = append(k, u32(seg)...)
	return append(k, term...)
}

// postingTerm splits a postings key into its segment and term.
func postingTerm(k []byte) (seg uint32, term []byte, ok bool) {
	if len(k) < 5 {
		return 0, nil, false
	}
	return binary.BigEndian.Uint32(k), k[4:], true
}

// removePassages deletes passages and their vectors, and marks them for
// removal from their segments' postings at the end of the transaction.
func (w *writer) removePassages(nums []uint32) error {
	pass, vecs := w.tx.Bucket(bucketPassages), w.tx.Bucket(bucketVectors)
	for _, num := range nums {
		v := pass.Get(u32(num))
		if v == nil {
			continue
		}
		r, err := decodePassage(v, false)
		if err != nil {
			return fmt.Errorf("passage %d: %w", num, err)
		}
		g := w.gone[r.Segment]
		if g == nil {
			g = map[uint32]bool{}
			w.gone[r.Segment] = g
		}
		g[num] = true
		if err := pass.Delete(u32(num)); err != nil {
			return err
		}
		if err := vecs.Delete(u32(num)); err != nil {
			return err
		}
	}
	return nil
}

// filterPending drops removed passages from the unflushed postings.
func (w *writer) filterPending(gone map[uint32]bool) {
	for term, p := range w.postings {
		out, last, _ := filterPostings(p, gone) // our own encoding: cannot be corrupt
		if len(out) == 0 {
			delete(w.postings, term)
			delete(w.last, term)
			continue
		}
		w.postings[term], w.last[term] = out, last
	}
}

// filterPostings returns encoded postings without the passages in gone, and
// the last passage number kept.
func filterPostings(v []byte, gone map[uint32]bool) ([]byte, uint32, error) {
	var out []byte
	var num, last uint32
	d := dec{b: v}
	for len(d.b) > 0 && d.err == nil {
		delta, freq := d.posting()
		num += delta
		if gone[num] {
			continue
		}
		out = appendPosting(out, num-last, freq)
		last = num
	}
	return out, last, d.err
}

// rewriteSegment drops the passages in gone from every posting list of a
// segment: the changed lists are collected first, then written, never
// while the cursor walks.
func rewriteSegment(post *bolt.Bucket, seg uint32, gone map[uint32]bool) error {
	type change struct{ key, val []byte }
	var changes []change
	prefix := u32(seg)
	c := post.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		out, _, err := filterPostings(v, gone)
		if err != nil {
			return fmt.Errorf("postings %q: %w", k, err)
		}
		if len(out) != len(v) {
			changes = append(changes, change{bytes.Clone(k), out})
		}
	}
	for _, ch := range changes {
		var err error
		if len(ch.val) == 0 {
			err = post.Delete(ch.key)
		} else {
			err = post.Put(ch.key, ch.val)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Stored is a passage read back with its article's metadata.
type Stored struct {
	Num     uint32
	Article peyvand.Article // without Text
	Passage peyvand.Passage
}

// Passages reads the given passages with their articles' metadata; numbers
// that no longer exist are skipped.
func (db *DB) Passages(nums []uint32) ([]Stored, error) {
	if err := db.layout(); err != nil {
		return nil, err
	}
	out := make([]Stored, 0, len(nums))
	err := db.view(func(tx *bolt.Tx) error {
		pass, arts := tx.Bucket(bucketPassages), tx.Bucket(bucketArticles)
		recs := make([]passageRec, 0, len(nums))
		found := make([]uint32, 0, len(nums))
		upTo := map[string]int{} // article → how much of its text its passages need
		for _, num := range nums {
			v := pass.Get(u32(num))
			if v == nil {
				continue
			}
			r, err := decodePassage(v, false)
			if err != nil {
				return fmt.Errorf("passage %d: %w", num, err)
			}
			recs, found = append(recs, r), append(found, num)
			if r.HasText {
				upTo[r.ArticleID] = max(upTo[r.ArticleID], 0)
			} else {
				upTo[r.ArticleID] = max(upTo[r.ArticleID], r.End)
			}
		}
		cache := make(map[string]peyvand.Article, len(upTo))
		for id, n := range upTo {
			av := arts.Get(idKey(id))
			if av == nil {
				return fmt.Errorf("passage of %s: article missing: %w", id, errCorrupt)
			}
			ar, err := decodeArticleText(id, av, n)
			if err != nil {
				return err
			}
			cache[id] = ar.Article
		}
		for i, r := range recs {
			a := cache[r.ArticleID]
			text, err := r.textOf(a.Text)
			if err != nil {
				return fmt.Errorf("passage %d: %w", found[i], err)
			}
			a.Text = ""
			out = append(out, Stored{Num: found[i], Article: a, Passage: peyvand.Passage{
				ArticleID: r.ArticleID, Index: r.Index, Start: r.Start, End: r.End, Text: text}})
		}
		return nil
	})
	return out, err
}

// Article returns the stored article with its text.
func (db *DB) Article(id string) (peyvand.Article, error) {
	var a peyvand.Article
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArticles).Get(idKey(id))
		if v == nil {
			return peyvand.Errorf(peyvand.ENotFound, "خبری با شناسهٔ «%s» در پایگاه داده نیست.", id)
		}
		r, err := decodeArticle(id, v, true)
		a = r.Article
		return err
	})
	return a, err
}

// Articles calls fn for every stored article, with its text, in id order.
func (db *DB) Articles(fn func(peyvand.Article) error) error {
	return db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			r, err := decodeArticle(string(k), v, true)
			if err != nil {
				return err
			}
			return fn(r.Article)
		})
	})
}

// Loader receives the stored index at start-up.
type Loader interface {
	// LoadDoc is called once per passage, in passage-number order.
	// vector.Q is reused after the call returns.
	LoadDoc(num, articleNum uint32, length int, vector Quantized)
	// LoadPostings is called for each term's postings segment, in segment
	// then term order: a term's segments come in passage order. nums and
	// freqs are reused after the call returns.
	LoadPostings(term string, nums []uint32, freqs []uint32)
}

// Load streams every passage, vector and posting to l, in one read
// transaction.
func (db *DB) Load(l Loader) error {
	if err := db.layout(); err != nil {
		return err
	}
	return db.view(func(tx *bolt.Tx) error {
		vc := tx.Bucket(bucketVectors).Cursor()
		vk, vv := vc.First()
		var buf []int8
		err := tx.Bucket(bucketPassages).ForEach(func(k, v []byte) error {
			r, err := decodePassage(v, true)
			if err != nil {
				return fmt.Errorf("passage %x: %w", k, err)
			}
			for vk != nil && bytes.Compare(vk, k) < 0 {
				vk, vv = vc.Next()
			}
			var vec Quantized
			if vk != nil && bytes.Equal(vk, k) {
				if vec, err = getVector(buf, vv); err != nil {
					return fmt.Errorf("vector %x: %w", k, err)
				}
				buf = vec.Q
			}
			l.LoadDoc(binary.BigEndian.Uint32(k), r.ArticleNum, r.Len, vec)
			return nil
		})
		if err != nil {
			return err
		}
		var nums, freqs []uint32
		return tx.Bucket(bucketPostings).ForEach(func(k, v []byte) error {
			_, term, ok := postingTerm(k)
			if !ok {
				return fmt.Errorf("postings key %q: %w", k, errCorrupt)
			}
			nums, freqs = nums[:0], freqs[:0]
			d := dec{b: v}
			var num uint32
			for len(d.b) > 0 && d.err == nil {
				delta, freq := d.posting()
				num += delta
				nums = append(nums, num)
				freqs = append(freqs, uint32(freq))
			}
			if d.err != nil {
				return fmt.Errorf("postings %q: %w", term, d.err)
			}
			l.LoadPostings(string(term), nums, freqs)
			return nil
		})
	})
}

// Stats are the database's counts.
type Stats struct {
	Articles, Passages, Facts int
	// Instructions counts instruction-like sentences stored, in
	// InstructionArticles articles (see Item.Instructions).
	Instructions, InstructionArticles int
	LastIngest                        time.Time
	Bytes                             int64 // file size
	// Ranking is the hybrid search's weights last recorded (Options.Ranking).
	Ranking string
}

// Stats counts what the database holds.
func (db *DB) Stats() (Stats, error) {
	var s Stats
	err := db.view(func(tx *bolt.Tx) error {
		s.Articles = tx.Bucket(bucketArticles).Stats().KeyN
		s.Passages = tx.Bucket(bucketPassages).Stats().KeyN
		s.Facts = tx.Bucket(bucketFacts).Stats().KeyN
		d := dec{b: tx.Bucket(bucketMeta).Get(keyLastPut)}
		if len(d.b) > 0 {
			s.LastIngest = d.time()
		}
		s.Bytes = tx.Size()
		s.Ranking = string(tx.Bucket(bucketMeta).Get(keyRanking))
		s.Instructions, s.InstructionArticles = instructionCounts(tx)
		return nil
	})
	return s, err
}

// instructionCounts reads the running totals of instruction-like sentences
// and of the articles holding them (kept in meta: /healthz reads Stats).
func instructionCounts(tx *bolt.Tx) (sentences, articles int) {
	d := dec{b: tx.Bucket(bucketMeta).Get(keyInstructions)}
	if len(d.b) == 0 {
		return 0, 0
	}
	sentences, articles = int(d.uint()), int(d.uint())
	if d.err != nil {
		return 0, 0
	}
	return sentences, articles
}

// countInstructions moves the totals by one article's count going from
// before to after.
func countInstructions(tx *bolt.Tx, before, after int) error {
	if before == after {
		return nil
	}
	s, a := instructionCounts(tx)
	s += after - before
	a += b2i(after > 0) - b2i(before > 0)
	var e enc
	e.uint(uint64(max(s, 0)))
	e.uint(uint64(max(a, 0)))
	return tx.Bucket(bucketMeta).Put(keyInstructions, e.b)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ArticleMeta returns the stored articles with these ids, without their
// text: what a citation needs. Unknown ids are absent from the map.
func (db *DB) ArticleMeta(ids []string) (map[string]peyvand.Article, error) {
	out := make(map[string]peyvand.Article, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			v := b.Get(idKey(id))
			if v == nil {
				continue
			}
			r, err := decodeArticle(id, v, false)
			if err != nil {
				return err
			}
			out[id] = r.Article
		}
		return nil
	})
	return out, err
}
