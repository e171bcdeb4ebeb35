package alert_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/internal/tielabels"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/source"
)

func TestWorthy(t *testing.T) {
	p := &alert.Planner{}
	fact := func(ir, fo string, rel peyvand.Relation, conf float64) peyvand.Fact {
		return peyvand.Fact{ArticleID: "a", Iranian: ir, Foreign: fo, Relation: rel, Confidence: conf, Status: peyvand.StatusSigned}
	}
	withStatus := func(f peyvand.Fact, s peyvand.Status) peyvand.Fact { f.Status = s; return f }
	cases := []struct {
		name  string
		facts []peyvand.Fact
		want  []alert.TieKey
	}{
		{"sister city", []peyvand.Fact{fact("اصفهان", "کازان", peyvand.RelSisterCity, 0.9)},
			[]alert.TieKey{{"اصفهان", "کازان", peyvand.RelSisterCity}}},
		{"memorandum, trade office and joint chamber", []peyvand.Fact{
			fact("تبریز", "باکو", peyvand.RelMOU, 0.8),
			fact("استان گیلان", "روسیه", peyvand.RelTradeOffice, 0.8),
			fact("استان گیلان", "روسیه", peyvand.RelJointChamber, 0.75)},
			[]alert.TieKey{{"تبریز", "باکو", peyvand.RelMOU}, {"استان گیلان", "روسیه", peyvand.RelTradeOffice},
				{"استان گیلان", "روسیه", peyvand.RelJointChamber}}},
		{"delegation to a named country", []peyvand.Fact{fact("استان خراسان شمالی", "مجارستان", peyvand.RelTradeDelegation, 0.9)},
			[]alert.TieKey{{"استان خراسان شمالی", "مجارستان", peyvand.RelTradeDelegation}}},
		{"delegation to a place the gazetteer does not know", []peyvand.Fact{fact("شیراز", "ناکجاآباد", peyvand.RelTradeDelegation, 0.9)}, nil},
		{"exhibition with an Iranian 'partner'", []peyvand.Fact{fact("شیراز", "تهران", peyvand.RelExhibition, 0.9)}, nil},
		{"other, investment: not agreements", []peyvand.Fact{fact("شیراز", "ایتالیا", peyvand.RelOther, 0.9),
			fact("شیراز", "چین", peyvand.RelInvestment, 0.9)}, nil},
		{"a guess: the article's only place", []peyvand.Fact{fact("شیراز", "ایتالیا", peyvand.RelMOU, extract.ConfSole)}, nil},
		{"only proposed", []peyvand.Fact{withStatus(fact("شیراز", "ایتالیا", peyvand.RelMOU, 0.9), peyvand.StatusProposed)}, nil},
		{"only talked about", []peyvand.Fact{withStatus(fact("شیراز", "ایتالیا", peyvand.RelSisterCity, 0.9), peyvand.StatusTalks)}, nil},
		{"agreed", []peyvand.Fact{withStatus(fact("شیراز", "ایتالیا", peyvand.RelMOU, 0.9), peyvand.StatusAgreed)},
			[]alert.TieKey{{"شیراز", "ایتالیا", peyvand.RelMOU}}},
		{"a fact stored before statuses", []peyvand.Fact{withStatus(fact("شیراز", "ایتالیا", peyvand.RelMOU, 0.9), "")}, nil},
		{"the country folds under its city", []peyvand.Fact{fact("اصفهان", "روسیه", peyvand.RelSisterCity, 0.9),
			fact("اصفهان", "کازان", peyvand.RelSisterCity, 0.9), fact("اصفهان", "کازان", peyvand.RelSisterCity, 0.7)},
			[]alert.TieKey{{"اصفهان", "کازان", peyvand.RelSisterCity}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := p.Worthy(c.facts); !slices.Equal(got, c.want) {
				t.Errorf("Worthy = %v, want %v", got, c.want)
			}
		})
	}
}

// TestWorthyDev measures alerts on the dev items and the extra items
// against their hand labels (testdata/ties, made from the text alone), read
// as ingest reads a .jsonl: an alert is
// right when a labelled tie has its places (or nested ones) and is a signed
// or agreed tie of a relation that alerts. Items whose labels hold such a tie should alert. Both
// figures are printed for the labels tuned on and for the third held out.
//
//	go test ./alert/ -run TestWorthyDev -v
func TestWorthyDev(t *testing.T) {
	p := &alert.Planner{}
	gz := places.Default()
	x := extract.New(gz)
	type score struct{ alerts, right, worthy, alerted int }
	var tune, held score
	for _, set := range []struct{ items, labels string }{
		{filepath.Join("..", "testdata", "dev", "items.jsonl"), "dev_labels.jsonl"},
		{filepath.Join("..", "testdata", "ties", "extra_items.jsonl"), "extra_labels.jsonl"},
	} {
		labels, err := tielabels.Load(filepath.Join("..", "testdata", "ties", set.labels))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(set.items)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec source.Record
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			a, err := source.FromRecord(rec)
			if err != nil {
				t.Fatal(err)
			}
			var ps []peyvand.Passage
			for k, sp := range persian.Passages(a.Text) {
				ps = append(ps, peyvand.Passage{ArticleID: a.ID, Index: k, Start: sp.Start, End: sp.End, Text: a.Text[sp.Start:sp.End]})
			}
			s := &tune
			if tielabels.HeldOut(a.ID) {
				s = &held
			}
			ties := p.Worthy(x.Extract(a, ps))
			for _, tie := range ties {
				s.alerts++
				fact := peyvand.Fact{Iranian: tie.Iranian, Foreign: tie.Foreign, Relation: tie.Relation}
				if alertable(gz, fact, labels[a.ID]) {
					s.right++
				} else if s == &tune {
					t.Logf("wrong alert: %s %v", a.ID, tie)
				}
			}
			if slices.ContainsFunc(labels[a.ID].Ties, func(lt tielabels.Tie) bool {
				return isAlertRelation(lt.Relation) && (lt.Status == "signed" || lt.Status == "agreed")
			}) {
				s.worthy++
				if len(ties) > 0 {
					s.alerted++
				}
			}
		}
	}
	// Floors just below what is reached (the target is 0.97). The
	// held-out floor only guards against regressions: it was never tuned to.
	for _, c := range []struct {
		name  string
		s     score
		floor float64
	}{{"tuned-on", tune, 0.94}, {"held-out", held, 0.55}} {
		prec := float64(c.s.right) / float64(max(c.s.alerts, 1))
		t.Logf("%s: alerts right %d/%d (%.3f); items with a signed or agreed alert-worthy tie alerted %d/%d",
			c.name, c.s.right, c.s.alerts, prec, c.s.alerted, c.s.worthy)
		if prec < c.floor {
			t.Errorf("%s: alerts right %.3f, want ≥ %.2f", c.name, prec, c.floor)
		}
	}
}

// isAlertRelation reports whether a relation may alert (see Worthy).
func isAlertRelation(rel string) bool {
	switch peyvand.Relation(rel) {
	case peyvand.RelSisterCity, peyvand.RelMOU, peyvand.RelTradeOffice, peyvand.RelJointChamber,
		peyvand.RelTradeDelegation, peyvand.RelExhibition:
		return true
	}
	return false
}

// alertable reports whether l labels the places of f as a signed or agreed
// tie of a relation that alerts. The relation itself may differ (a joint
// chamber's office read as a trade office): the subscriber is told of the
// right agreement either way.
func alertable(g *places.Gazetteer, f peyvand.Fact, l tielabels.Label) bool {
	for _, lt := range l.Ties {
		one := tielabels.Label{Ties: []tielabels.Tie{lt}}
		if tielabels.Judge(g, f, one).Pair && isAlertRelation(lt.Relation) && (lt.Status == "signed" || lt.Status == "agreed") {
			return true
		}
	}
	return false
}

func TestPlanFanOut(t *testing.T) {
	e := newEnv(t, "", func() time.Time { return today })
	e.subscribe(t, 1, "اصفهان", false)         // the city itself
	e.subscribe(t, 2, "روسیه", false)          // Kazan's country
	e.subscribe(t, 3, "تبریز", false)          // another city
	e.subscribe(t, 4, peyvand.AllPlaces, true) // everything, as a daily digest
	e.subscribe(t, 5, "استان اصفهان", false)   // the namesake province
	e.subscribe(t, 6, "اصفهان", false)         // blocked the bot
	if err := e.db.SetPaused(6, true); err != nil {
		t.Fatal(err)
	}
	e.subscribe(t, -100, "اصفهان", true) // a group: digest and per-event...
	e.subscribe(t, -100, "کازان", false) // ...per-event wins
	// Relation filters: sister cities only, memoranda only.
	for id, rel := range map[int64]peyvand.Relation{7: peyvand.RelSisterCity, 8: peyvand.RelMOU} {
		if _, err := e.db.Subscribe(peyvand.Subscription{ChatID: id, Place: "اصفهان", Relations: []peyvand.Relation{rel}}); err != nil {
			t.Fatal(err)
		}
	}
	e.subscribe(t, 9, "اصفهان", false) // muted with /pause
	if _, err := e.db.SetMuted(9, true); err != nil {
		t.Fatal(err)
	}
	e.ingest(t, dated(kazanIRNA, today), dated(shirazOther, today))

	out := e.outbox(t)
	for _, id := range []int64{1, 2, 4, 5, -100, 7} {
		if len(out[id]) != 1 {
			t.Errorf("chat %d: %d deliveries, want 1", id, len(out[id]))
		}
	}
	for _, id := range []int64{3, 6, 8, 9} {
		if len(out[id]) != 0 {
			t.Errorf("chat %d: %d deliveries, want none", id, len(out[id]))
		}
	}
	if d := out[4]; len(d) == 1 {
		want := time.Date(2026, 11, 24, 4, 30, 0, 0, time.UTC) // 08:00 in Tehran, the next morning
		if !d[0].Digest || !d[0].Due.Equal(want) {
			t.Errorf("digest delivery: digest %v due %v, want due %v", d[0].Digest, d[0].Due, want)
		}
	}
	if d := out[-100]; len(d) == 1 && (d[0].Digest || d[0].Place != "کازان") {
		t.Errorf("group delivery = %+v, want per-event with the Kazan subscription's button", d[0])
	}
	evs := e.events(t)
	if len(evs) != 1 || len(evs[0].Reports) != 1 || evs[0].Reports[0].ArticleID != "irna-1" {
		t.Fatalf("events = %+v, want one, from irna-1 (the Shiraz item is not an agreement)", evs)
	}
}

// TestPlanOneEventManyOutlets: a copy of the story and a retelling in
// other words join the first report's event: more citations, no second
// alert. A different agreement is its own event.
func TestPlanOneEventManyOutlets(t *testing.T) {
	now := today
	e := newEnv(t, "", func() time.Time { return now })
	e.subscribe(t, 1, "اصفهان", false)
	e.subscribe(t, 2, "کازان", false)
	e.subscribe(t, 3, peyvand.AllPlaces, false)
	e.ingest(t, dated(kazanIRNA, today))
	first := e.outbox(t)
	now = today.Add(5 * time.Hour)
	e.ingest(t, dated(kazanCopy, today))
	now = today.Add(30 * time.Hour)
	e.ingest(t, dated(kazanRetold, today.AddDate(0, 0, 1)))
	after := e.outbox(t)
	for id, ds := range after {
		if len(ds) != 1 || len(first[id]) != 1 || ds[0] != first[id][0] {
			t.Errorf("chat %d: deliveries %+v after the other outlets, want the first one only (%+v)", id, ds, first[id])
		}
	}
	evs := e.events(t)
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1: %+v", len(evs), evs)
	}
	var ids []string
	for _, r := range evs[0].Reports {
		ids = append(ids, r.ArticleID)
	}
	if !slices.Equal(ids, []string{"irna-1", "isna-7", "imna-3"}) {
		t.Errorf("reports %v, want every outlet in order", ids)
	}
	sister := alert.TieKey{Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity}
	if !slices.Contains(evs[0].Ties, sister) || slices.ContainsFunc(evs[0].Ties, func(t alert.TieKey) bool { return t.Foreign == "روسیه" }) {
		t.Errorf("ties %v, want %v and Russia folded under Kazan", evs[0].Ties, sister)
	}

	// Ingesting the same article again changes nothing; a new agreement
	// alerts those it concerns.
	e.ingest(t, dated(kazanIRNA, today), dated(tabrizMOU, today.AddDate(0, 0, 1)))
	out := e.outbox(t)
	if len(out[3]) != 2 || len(out[1]) != 1 || len(out[2]) != 1 {
		t.Errorf("after the Tabriz memorandum: %d/%d/%d deliveries for chats 1/2/3, want 1/1/2", len(out[1]), len(out[2]), len(out[3]))
	}
}

func TestPlanSkipsOldNews(t *testing.T) {
	e := newEnv(t, "", func() time.Time { return today })
	e.subscribe(t, 1, peyvand.AllPlaces, false)
	e.ingest(t, dated(kazanIRNA, today.AddDate(-1, 0, 0)), dated(tabrizMOU, today.AddDate(0, 0, -4)))
	if out := e.outbox(t); len(out) != 0 {
		t.Errorf("old reports queued alerts: %v", out)
	}
	if evs := e.events(t); len(evs) != 0 {
		t.Errorf("old reports made events: %v", evs)
	}
	// A correction of an old article is not news; an undated article is
	// news when it is first read.
	e.ingest(t, tabrizMOU)
	if out := e.outbox(t); len(out[1]) != 0 {
		t.Errorf("the old article, undated now: %d deliveries, want none", len(out[1]))
	}
	undated := kazanIRNA
	undated.ID = "irna-undated"
	e.ingest(t, undated)
	if out := e.outbox(t); len(out[1]) != 1 {
		t.Errorf("undated report: %d deliveries, want 1", len(out[1]))
	}
}

func TestPlanChangedArticle(t *testing.T) {
	e := newEnv(t, "", func() time.Time { return today })
	e.subscribe(t, 1, "اصفهان", false)
	e.ingest(t, dated(kazanIRNA, today))
	changed := dated(kazanIRNA, today)
	changed.Title += " (به‌روز شد)"
	e.ingest(t, changed)
	if out := e.outbox(t); len(out[1]) != 1 {
		t.Errorf("a corrected article queued again: %d deliveries", len(out[1]))
	}
	evs := e.events(t)
	if len(evs) != 1 || len(evs[0].Reports) != 1 || evs[0].Reports[0].Title != changed.Title {
		t.Errorf("events after the correction: %+v, want one report with the new title", evs)
	}
}

// TestMuteDropsQueued: /pause after an alert was queued (a digest due
// tomorrow) drops it; another chat's stays.
func TestMuteDropsQueued(t *testing.T) {
	e := newEnv(t, "", func() time.Time { return today })
	e.subscribe(t, 1, "اصفهان", true)
	e.subscribe(t, 2, "اصفهان", true)
	e.ingest(t, dated(kazanIRNA, today))
	if out := e.outbox(t); len(out[1]) != 1 || len(out[2]) != 1 {
		t.Fatalf("queued %v; want one digest delivery each", out)
	}
	if _, err := e.db.SetMuted(1, true); err != nil {
		t.Fatal(err)
	}
	if out := e.outbox(t); len(out[1]) != 0 || len(out[2]) != 1 {
		t.Errorf("after chat 1's /pause: %v; want only chat 2's", out)
	}
}
