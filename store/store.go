// Package store keeps peyvand's data in a single bbolt file: articles, their
// passages, the passages' vectors, the inverted index and the ties facts.
//
// Layout (bucket: key → value):
//
//	meta:     "schema" | "embedder" | "dim" | "ranking" → settings the file was written with
//	articles: article id → article record (number, content hash, metadata, deflated text, passage numbers)
//	passages: u32 passage number → passage record (article, length, range of the article's text, segment)
//	vectors:  u32 passage number → float32 scale, then one int8 per dimension
//	postings: u32 segment, term → per passage: uvarint delta<<1|1, or delta<<1 and uvarint frequency
//	facts:    article id 0x00 u32 n → tie fact record
//	subscriptions: u64 chat id (sign flipped) place → JSON {digest, paused, muted, relations, created}
//	feedback: u64 sequence → JSON peyvand.Feedback
//	feedback_by_message: u64 chat id (sign flipped), u64 message id → its feedback's u64 sequence
//	feeds:    feed URL → the feed poller's JSON state
//	events:   u64 event id → the alert planner's JSON event
//	outbox:   u64 event id, u64 chat id → JSON pending Delivery
//	delivered: u64 event id, u64 chat id → 1 sent | 2 dropped
//
// Numbers are fixed-width big-endian so byte order is numeric order. Each Put
// call is one transaction and writes one postings segment per term, so an
// ingest never rewrites the long posting lists of common terms; removing a
// passage rewrites only the lists of its segment, one range of keys. Text is
// kept once: a passage is a range of its article's text (its own text only
// where it differs, a blanked instruction), and its terms are only in the
// postings. Passages, vectors and postings are written in key order and fill
// their pages (appendFill). A process killed during an
// ingest leaves the last committed batch; re-running the ingest skips what is
// already stored and completes the rest.
package store

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version this code writes. A file written by a
// newer version is refused rather than misread. Version 2 added a fact's
// status and read (unlisted) foreign place; version 3 articles keyed by an
// id's hash (ids over bbolt's key limit) and instruction counts; version 4
// the compact layout (layoutVersion). A file of version 3 or before that
// holds articles needs a reindex; an empty one is marked with this version
// when opened for writing.
const SchemaVersion = 4

// layoutVersion is the first schema of the present layout: passages as
// ranges of their article's text, without their terms; int8 vectors;
// postings keyed by segment first; article text compressed. Files before
// it are rebuilt by reindex, which reads only their articles.
const layoutVersion = 4

// ErrOldLayout is returned, within an EIncompatible error that names
// «peyvand reindex», when a file written before layoutVersion is opened
// for use, or when a file opened with Options.OldLayout is asked for its
// passages, vectors or postings.
var ErrOldLayout = errors.New("database layout older than schema 4: reindex")

var (
	bucketMeta     = []byte("meta")
	bucketArticles = []byte("articles")
	bucketPassages = []byte("passages")
	bucketVectors  = []byte("vectors")
	bucketPostings = []byte("postings")
	bucketFacts    = []byte("facts")
	// Conversation data: subscriptions and answer feedback.
	bucketSubscriptions = []byte("subscriptions")
	bucketFeedback      = []byte("feedback")
	bucketFeedbackIndex = []byte("feedback_by_message")
	bucketFeeds         = []byte("feeds")
	// Alerts: events, pending deliveries, finished deliveries.
	bucketEvents    = []byte("events")
	bucketOutbox    = []byte("outbox")
	bucketDelivered = []byte("delivered")

	allBuckets = [][]byte{bucketMeta, bucketArticles, bucketPassages, bucketVectors, bucketPostings, bucketFacts,
		bucketSubscriptions, bucketFeedback, bucketFeedbackIndex, bucketFeeds, bucketEvents, bucketOutbox, bucketDelivered}

	keySchema   = []byte("schema")
	keyEmbedder = []byte("embedder")
	keyDim      = []byte("dim")
	keyLastPut  = []byte("last_put")
	keyRanking  = []byte("ranking")
	// keyInstructions holds the totals of instruction-like sentences and
	// of the articles holding them.
	keyInstructions = []byte("instructions")
)

// Options configure Open.
type Options struct {
	// Embedder and Dim name the embedder whose vectors the file holds. A new
	// file records them; an existing file written with another embedder is
	// refused with an EIncompatible error.
	Embedder string
	Dim      int
	// Ranking describes the weights the file's passages are ranked with in
	// a hybrid search (retrieval.Fusion's String); recorded, replacing the
	// last, so a database says what its answers were ranked by (Stats).
	Ranking string
	// Timeout bounds the wait for another process's lock on the file.
	Timeout time.Duration
	// ReadOnly opens the file shared, for readers such as backup and check.
	ReadOnly bool
	// Verify walks every page of an existing file before anything is
	// written (bbolt's own check): a damaged file is refused with an
	// EDamaged error rather than written to. Writers set it; it costs a
	// read of the whole file.
	Verify bool
	// OldLayout opens a file written before schema 4 as it is, to read its
	// articles and user data (reindex, backup, check): its passages,
	// vectors and postings are refused with ErrOldLayout, and it is not
	// marked with this schema. Without it such a file is refused.
	OldLayout bool
}

// DB is an open peyvand database.
type DB struct {
	bolt *bolt.DB
	path string
	gen  atomic.Uint64 // counts this process's writes of articles
	hook PutHook
	// old is the schema of a file opened with Options.OldLayout that
	// needs a reindex, else 0.
	old uint64
}

// Generation changes whenever this process writes or deletes articles (and
// so facts): a cache of derived data is fresh while it holds.
func (db *DB) Generation() uint64 { return db.gen.Load() }

// Open opens or creates the database at path (mode 0600).
func Open(path string, opt Options) (*DB, error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	b, err := openBolt(path, opt)
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, &peyvand.Error{Code: peyvand.EUnavailable,
			Message: fmt.Sprintf("پایگاه داده %s در دست برنامهٔ دیگری است؛ آن را ببندید یا کمی بعد دوباره امتحان کنید.", path),
			Err:     fmt.Errorf("open %s: locked by another process: %w", path, err)}
	case errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum):
		return nil, damaged(path, err)
	case peyvand.ErrorCode(err) == peyvand.EDamaged:
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{bolt: b, path: path}
	if opt.Verify {
		if err := db.verify(); err != nil {
			b.Close()
			return nil, err
		}
	}
	if err := db.init(opt); err != nil {
		b.Close()
		return nil, err
	}
	return db, nil
}

// openBolt opens the file, a panic on a damaged meta page made an error.
func openBolt(path string, opt Options) (b *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, damaged(path, fmt.Errorf("%v", r))
		}
	}()
	b, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly})
	if err == nil {
		b.AllocSize = allocSize
	}
	return b, err
}

// allocSize is how far the file grows beyond what a commit needs. bbolt's
// 16 MB is up to half of a small file: 34 MB for 18 MB of pages with the
// 17k pooled public passages. At 4 MB a 100k-passage ingest grows the file
// (a truncate and a sync) about once every four commits.
const allocSize = 4 << 20

// verify runs bbolt's page check, an error or a panic making the file
// damaged.
func (db *DB) verify() error {
	err := db.view(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() {
			// Read to the end: the checker's goroutine walks the mmap and
			// must be done before the transaction closes.
			if first == nil {
				first = err
			}
		}
		return first
	})
	if err != nil && peyvand.ErrorCode(err) != peyvand.EDamaged {
		err = damaged(db.path, err)
	}
	return err
}

// view and update run a bbolt transaction, turning a panic bbolt raises on a
// damaged page into an EDamaged error: an update then rolls back, so a
// damaged file is never written, and no command crashes on one.
func (db *DB) view(fn func(*bolt.Tx) error) (err error) {
	defer db.recoverDamage(&err)
	return db.bolt.View(fn)
}

func (db *DB) update(fn func(*bolt.Tx) error) (err error) {
	defer db.recoverDamage(&err)
	return db.bolt.Update(fn)
}

func (db *DB) recoverDamage(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if !fromBolt(debug.Stack()) {
		panic(r) // a bug in the caller's code, not a damaged file
	}
	*err = damaged(db.path, fmt.Errorf("%v", r))
}

// fromBolt reports whether the panic a stack shows was raised inside bbolt
// (its page assertions): the first frame after the runtime's panic.
func fromBolt(stack []byte) bool {
	s := string(stack)
	i := strings.Index(s, "panic(")
	if i < 0 {
		return false
	}
	for _, line := range strings.Split(s[i:], "\n")[1:] {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "/") || strings.HasPrefix(line, "runtime.") {
			continue // a file:line, or the runtime's own frames
		}
		return strings.HasPrefix(line, "go.etcd.io/bbolt")
	}
	return false
}

// damaged is the error of a file bbolt cannot read.
func damaged(path string, cause error) error {
	return &peyvand.Error{Code: peyvand.EDamaged,
		Message: fmt.Sprintf("پایگاه داده %s آسیب دیده است و پیوند در آن چیزی نمی‌نویسد. «peyvand check» آسیب را گزارش می‌کند؛ آخرین پشتیبان را با «peyvand restore» برگردانید، یا خبرها را از نو با ingest در پایگاه تازه‌ای بیفزایید.", path),
		Err:     fmt.Errorf("%s is damaged: %w", path, cause)}
}

// init creates the buckets of a new file and checks the settings of an old one.
func (db *DB) init(opt Options) error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil // a new file, read-only: nothing to check
		}
		if err := checkMeta(meta, db.path, opt); err != nil {
			return err
		}
		if n := oldLayout(tx); n != 0 {
			if !opt.OldLayout {
				return db.needsReindex(n)
			}
			db.old = n
		}
		return nil
	}
	if opt.ReadOnly {
		return db.view(check)
	}
	return db.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		if err := check(tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keySchema); db.old == 0 && (v == nil || (&dec{b: v}).uint() < SchemaVersion) {
			var e enc
			e.uint(SchemaVersion)
			if err := meta.Put(keySchema, e.b); err != nil {
				return err
			}
		}
		if opt.Ranking != "" && string(meta.Get(keyRanking)) != opt.Ranking {
			if err := meta.Put(keyRanking, []byte(opt.Ranking)); err != nil {
				return err
			}
		}
		if meta.Get(keyEmbedder) == nil && opt.Embedder != "" {
			var e enc
			e.uint(uint64(opt.Dim))
			if err := meta.Put(keyEmbedder, []byte(opt.Embedder)); err != nil {
				return err
			}
			if err := meta.Put(keyDim, e.b); err != nil {
				return err
			}
		}
		return nil
	})
}

// oldLayout returns the schema of a file written before layoutVersion that
// holds articles, or 0: a file without articles has nothing to rebuild.
func oldLayout(tx *bolt.Tx) uint64 {
	v := tx.Bucket(bucketMeta).Get(keySchema)
	n := uint64(1) // the first files kept no version
	if v != nil {
		n = (&dec{b: v}).uint()
	}
	arts := tx.Bucket(bucketArticles)
	if n >= layoutVersion || arts == nil {
		return 0
	}
	if k, _ := arts.Cursor().First(); k == nil {
		return 0
	}
	return n
}

// needsReindex is the error of a file whose layout this version does not
// read: it says, in Persian, to run reindex, which keeps the old file.
func (db *DB) needsReindex(schema uint64) error {
	return &peyvand.Error{Code: peyvand.EIncompatible,
		Message: fmt.Sprintf("پایگاه داده %s را نسخهٔ پیشین پیوند ساخته است و این نسخه باید آن را بازسازی کند. «peyvand reindex» را اجرا کنید: خبرها، اشتراک‌ها و بازخوردها نگه داشته می‌شوند و پروندهٔ پیشین با پسوند .before-reindex کنار آن می‌ماند.", db.path),
		Err:     fmt.Errorf("open %s: schema %d, before layout %d: %w", db.path, schema, layoutVersion, ErrOldLayout)}
}

// layout returns the needsReindex error when the file's passages, vectors
// and postings are of an older layout.
func (db *DB) layout() error {
	if db.old != 0 {
		return db.needsReindex(db.old)
	}
	return nil
}

// OldLayout reports whether the file was opened with Options.OldLayout and
// needs a reindex before use.
func (db *DB) OldLayout() bool { return db.old != 0 }

func checkMeta(meta *bolt.Bucket, path string, opt Options) error {
	if v := meta.Get(keySchema); v != nil {
		d := dec{b: v}
		if n := d.uint(); d.err != nil || n > SchemaVersion {
			return &peyvand.Error{Code: peyvand.EIncompatible,
				Message: fmt.Sprintf("پایگاه داده %s با نسخهٔ تازه‌تری از پیوند ساخته شده است؛ پیوند را به‌روز کنید.", path),
				Err:     fmt.Errorf("open %s: schema version %d is newer than %d", path, n, SchemaVersion)}
		}
	}
	stored := string(meta.Get(keyEmbedder))
	if stored == "" || opt.Embedder == "" {
		return nil
	}
	d := dec{b: meta.Get(keyDim)}
	dim := int(d.uint())
	if stored != opt.Embedder || dim != opt.Dim {
		return &peyvand.Error{Code: peyvand.EIncompatible,
			Message: fmt.Sprintf("پایگاه داده %s با مدل برداری «%s» (%d بعد) ساخته شده و با «%s» (%d بعد) خوانا نیست؛ همان مدل را تنظیم کنید یا با reindex بازسازی کنید.",
				path, stored, dim, opt.Embedder, opt.Dim),
			Err: fmt.Errorf("open %s: written with embedder %s/%d, configured %s/%d", path, stored, dim, opt.Embedder, opt.Dim)}
	}
	return nil
}

// Embedder returns the embedder name and dimension the file was written with.
func (db *DB) Embedder() (name string, dim int, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		name = string(meta.Get(keyEmbedder))
		d := dec{b: meta.Get(keyDim)}
		if name != "" {
			dim = int(d.uint())
		}
		return nil
	})
	return name, dim, err
}

// Path returns the file's path.
func (db *DB) Path() string { return db.path }

// Close closes the file.
func (db *DB) Close() error { return db.bolt.Close() }

// Exists reports whether a database file exists at path.
func Exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
