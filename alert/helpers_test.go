package alert_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// today is the tests' "now": reports dated on it are fresh news.
var today = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// Reports of events, as outlets write them. Kazan's sister-city deal is
// told three times: by IRNA, copied nearly word for word by a second
// outlet, and retold in other words by a third.
var (
	kazanIRNA = peyvand.Article{ID: "irna-1", URL: "https://www.irna.ir/news/1001", Source: "ایرنا",
		Title: "امضای سند خواهرخواندگی اصفهان و کازان",
		Text: "شهردار اصفهان و شهردار کازان روز دوشنبه در مراسمی سند خواهرخواندگی دو شهر را امضا کردند. " +
			"به گفتهٔ شهردار اصفهان، این سند زمینهٔ همکاری‌های گردشگری، فرهنگی و اقتصادی دو شهر را فراهم می‌کند. " +
			"هیئتی از کازان به ریاست شهردار این شهر برای امضای این سند به اصفهان سفر کرده بود. " +
			"دو طرف همچنین دربارهٔ برقراری پرواز مستقیم میان دو شهر گفت‌وگو کردند."}
	kazanCopy = peyvand.Article{ID: "isna-7", URL: "https://www.isna.ir/news/7007", Source: "ایسنا",
		Title: "امضای سند خواهرخواندگی اصفهان و کازان",
		Text: "به گزارش ایسنا، شهردار اصفهان و شهردار کازان روز دوشنبه در مراسمی سند خواهرخواندگی دو شهر را امضا کردند. " +
			"به گفتهٔ شهردار اصفهان، این سند زمینهٔ همکاری‌های گردشگری، فرهنگی و اقتصادی دو شهر را فراهم می‌کند. " +
			"هیئتی از کازان به ریاست شهردار این شهر برای امضای این سند به اصفهان سفر کرده بود. " +
			"دو طرف همچنین دربارهٔ برقراری پرواز مستقیم میان دو شهر گفت‌وگو کردند."}
	kazanRetold = peyvand.Article{ID: "imna-3", URL: "https://www.imna.ir/news/303", Source: "ایمنا",
		Title: "کازان روسیه خواهرخواندهٔ اصفهان شد",
		Text: "با حضور مدیران شهری دو طرف، اصفهان و کازان رسماً خواهرخوانده شدند. " +
			"مدیریت شهری اصفهان می‌گوید توسعهٔ گردشگری و تبادل فرهنگی از نخستین برنامه‌های این پیوند است."}
	tabrizMOU = peyvand.Article{ID: "irna-2", URL: "https://www.irna.ir/news/1002", Source: "ایرنا",
		Title: "تفاهم‌نامهٔ همکاری تجاری تبریز و باکو امضا شد",
		Text: "اتاق بازرگانی تبریز و اتاق بازرگانی باکو تفاهم‌نامهٔ همکاری تجاری امضا کردند. " +
			"بر پایهٔ این تفاهم‌نامه، دو اتاق هیئت‌های تجاری مبادله می‌کنند و نمایشگاه مشترک برگزار می‌شود."}
	shirazOther = peyvand.Article{ID: "irna-3", URL: "https://www.irna.ir/news/1003", Source: "ایرنا",
		Title: "نشست فرهنگی شیراز با حضور استادان ایتالیایی",
		Text:  "نشستی دربارهٔ ادبیات فارسی با حضور استادانی از ایتالیا در دانشگاه شیراز برگزار شد و شرکت‌کنندگان دربارهٔ ترجمهٔ شعر حافظ گفت‌وگو کردند."}
)

// dated returns a with its date set.
func dated(a peyvand.Article, d time.Time) peyvand.Article {
	a.Date = d
	return a
}

// env is a database with an engine that extracts ties and a planner
// hooked into its writes.
type env struct {
	db      *store.DB
	engine  *retrieval.Engine
	planner *alert.Planner
	path    string
	closed  bool
}

func newEnv(tb testing.TB, path string, now func() time.Time) *env {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "alerts.db")
	}
	emb := retrieval.NewHashEmbedder(64)
	db, err := store.Open(path, store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		tb.Fatal(err)
	}
	e := &env{db: db, path: path}
	tb.Cleanup(func() { e.close(tb) })
	if e.engine, err = retrieval.Open(db, emb); err != nil {
		tb.Fatal(err)
	}
	e.engine.Extract = extract.Default().Func()
	e.planner = &alert.Planner{Now: now, DigestHour: 8}
	db.SetPutHook(e.planner.Hook)
	return e
}

// close checks the database and closes it, once.
func (e *env) close(tb testing.TB) {
	if e.closed {
		return
	}
	e.closed = true
	if errs := e.db.Check(); len(errs) > 0 {
		tb.Errorf("check: %v", errs)
	}
	if err := e.db.Close(); err != nil {
		tb.Error(err)
	}
}

func (e *env) ingest(tb testing.TB, arts ...peyvand.Article) {
	tb.Helper()
	if _, err := e.engine.Ingest(context.Background(), arts, nil); err != nil {
		tb.Fatal(err)
	}
}

func (e *env) subscribe(tb testing.TB, chatID int64, place string, digest bool) {
	tb.Helper()
	if _, err := e.db.Subscribe(peyvand.Subscription{ChatID: chatID, Place: place, Digest: digest, Created: today}); err != nil {
		tb.Fatal(err)
	}
}

// outbox returns the pending deliveries by chat.
func (e *env) outbox(tb testing.TB) map[int64][]store.Delivery {
	tb.Helper()
	out := map[int64][]store.Delivery{}
	if err := e.db.Outbox(func(d store.Delivery) error {
		out[d.ChatID] = append(out[d.ChatID], d)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return out
}

func (e *env) events(tb testing.TB) []alert.Story {
	tb.Helper()
	var out []alert.Story
	if err := e.db.Events(func(id uint64, data []byte) error {
		ev, err := alert.DecodeStory(id, data)
		out = append(out, ev)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	return out
}

// shirazMOU is a memorandum between Shiraz and a foreign city, one of a
// series written from the same template.
func shirazMOU(id, city string) peyvand.Article {
	return peyvand.Article{ID: id, URL: "https://www.irna.ir/news/" + id, Source: "ایرنا",
		Title: "تفاهم‌نامهٔ همکاری شیراز و " + city + " امضا شد",
		Text: "شهردار شیراز و شهردار " + city + " تفاهم‌نامهٔ همکاری اقتصادی و گردشگری دو شهر را امضا کردند. " +
			"بر پایهٔ این تفاهم‌نامه، هیئت‌های تجاری دو شهر هر سال دیدار می‌کنند."}
}

var tabrizFair = peyvand.Article{ID: "fair-1", URL: "https://www.irna.ir/news/1004", Source: "ایرنا",
	Title: "نمایشگاه اختصاصی تبریز در استانبول گشایش یافت",
	Text:  "نمایشگاه اختصاصی توانمندی‌های صادراتی تبریز با حضور ۴۰ شرکت در استانبول ترکیه گشایش یافت."}
