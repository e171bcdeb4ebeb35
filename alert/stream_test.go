//go:build corpus

package alert_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/internal/tielabels"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/source"
)

// TestUnrelatedStream measures false alerts on a realistic stream: the 14.7k
// pooled paragraphs (old Fars News, Wikipedia; ../shared, behind the corpus
// tag) ingested at once, all dated today, with a subscriber to every place.
// An event is a false alert unless one of its ties is, by the hand labels
// (testdata/ties/pooled_labels.jsonl, made from the text alone), a signed or
// agreed tie of a relation that alerts; an event on a paragraph nobody
// labelled fails the test, naming it. Target: at most 1 false alert per
// 1,000 paragraphs.
//
//	go test -tags corpus ./alert/ -run TestUnrelatedStream -v
func TestUnrelatedStream(t *testing.T) {
	labels, err := tielabels.Load(filepath.Join("..", "testdata", "ties", "pooled_labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "public", "pooled", "pooled.passages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e := newEnv(t, "", func() time.Time { return today })
	e.subscribe(t, 1, peyvand.AllPlaces, false)
	var batch []peyvand.Article
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec source.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		a, err := source.FromRecord(rec)
		if err != nil {
			continue // empty: ingest skips it too
		}
		a.Date = today
		batch = append(batch, a)
		n++
		if len(batch) == 500 {
			e.ingest(t, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		e.ingest(t, batch...)
	}
	gz := places.Default()
	var falseAlerts []string
	var unlabelled []string
	events := e.events(t)
	for _, ev := range events {
		right, labelled := false, false
		for _, r := range ev.Reports {
			l, ok := labels[r.ArticleID]
			if !ok {
				continue
			}
			labelled = true
			for _, tie := range ev.Ties {
				right = right || alertable(gz, peyvand.Fact{Iranian: tie.Iranian, Foreign: tie.Foreign, Relation: tie.Relation}, l)
			}
		}
		switch {
		case !labelled:
			unlabelled = append(unlabelled, ev.Reports[0].ArticleID)
		case !right:
			falseAlerts = append(falseAlerts, ev.Reports[0].ArticleID+" "+tiesText(ev.Ties))
		}
	}
	perK := 1000 * float64(len(falseAlerts)) / float64(max(n, 1))
	t.Logf("%d paragraphs, %d events, %d false alerts (%.2f per 1,000)", n, len(events), len(falseAlerts), perK)
	for _, fa := range falseAlerts {
		t.Logf("false alert: %s", fa)
	}
	if len(unlabelled) > 0 {
		slices.Sort(unlabelled)
		t.Errorf("alerts on paragraphs nobody labelled; label them blind (testdata/ties/README.md): %s", strings.Join(unlabelled, " "))
	}
	if perK > 1 {
		t.Errorf("%.2f false alerts per 1,000 unrelated paragraphs; want ≤ 1", perK)
	}
}

func tiesText(ts []alert.TieKey) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Iranian+"↔"+t.Foreign+" "+string(t.Relation))
	}
	return strings.Join(out, ", ")
}
