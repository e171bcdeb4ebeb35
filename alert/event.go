// Package alert tells subscribers about new agreements: one alert per news
// event, however many outlets report it, queued durably with the article
// that reports it and sent within Telegram's rate limits.
//
// The Planner runs inside the store's ingest transaction (a store.PutHook):
// it picks the alert-worthy ties from the facts the places extractor read,
// matches the report to a recent event (near-duplicate text, or the same
// place pair and relation within a few days), and queues one delivery per
// matching subscriber. The Sender drains the queue after the commit; a
// delivery leaves the queue only once Telegram accepted it, so a restart
// resends what was not confirmed and nothing that was.
package alert

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/neardup"
)

// Story is one news event that alerts, however many outlets report it: the
// ties it reports and each outlet's report, first report first. It is kept
// as an event of the store's outbox. (ties.Event is another thing: one
// dated tie of a briefing.)
type Story struct {
	ID      uint64    `json:"-"`
	Created time.Time `json:"created"` // when peyvand first read of it
	Ties    []TieKey  `json:"ties"`
	Reports []Report  `json:"reports"`
}

// TieKey is one alert-worthy tie of a story, by canonical place names: the
// key stories are matched on (peyvand.Tie is the merged tie of the graph).
type TieKey struct {
	Iranian  string           `json:"iranian"`
	Foreign  string           `json:"foreign"`
	Relation peyvand.Relation `json:"relation"`
}

// Report is one outlet's article about an event.
type Report struct {
	ArticleID string    `json:"article"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	Date      time.Time `json:"date"` // the article's date, or when it was read if undated
	// Excerpt is the sentence stating the tie, as the article wrote it.
	Excerpt string          `json:"excerpt,omitempty"`
	Sketch  neardup.MinHash `json:"sketch"`
}

// Date is the event's date: its first report's.
func (e *Story) Date() time.Time {
	if len(e.Reports) == 0 {
		return e.Created
	}
	return e.Reports[0].Date
}

func (e *Story) report(articleID string) int {
	return slices.IndexFunc(e.Reports, func(r Report) bool { return r.ArticleID == articleID })
}

func (e *Story) encode() ([]byte, error) { return json.Marshal(e) }

// DecodeStory decodes a stored event.
func DecodeStory(id uint64, data []byte) (Story, error) {
	var e Story
	if err := json.Unmarshal(data, &e); err != nil {
		return Story{}, fmt.Errorf("event %d: %w", id, err)
	}
	e.ID = id
	return e, nil
}
