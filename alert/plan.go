package alert

import (
	"log/slog"
	"slices"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/neardup"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/store"
)

// Defaults of a Planner.
const (
	// DefaultMaxAge: a report dated longer ago is old news (a backlog, an
	// archive being ingested), not an alert. Dates are often days only,
	// so this is three days rather than hours.
	DefaultMaxAge = 72 * time.Hour
	// DefaultWindow: reports of the same place pair and relation this
	// close in date are one event.
	DefaultWindow = 72 * time.Hour
	// DefaultMinConfidence keeps the readings an alert can stand on: both
	// sides and a cue in one sentence, or the headline's side with a word
	// saying the deal was made (extract.ConfHeadline). A weak cue with a
	// guessed status, an anaphora or the article's only place is not enough.
	DefaultMinConfidence = 0.75
)

// iranZone is Iran Standard Time, +03:30 all year since 2022: the digest
// hour is Iranian, and the runtime image carries no time zone database.
var iranZone = time.FixedZone("IRST", 3*3600+1800)

// Planner decides what a stored article alerts, inside the transaction
// that stores it. Use Hook as the store's PutHook.
type Planner struct {
	Places        *places.Gazetteer // places.Default() when nil
	MaxAge        time.Duration     // DefaultMaxAge when zero
	Window        time.Duration     // DefaultWindow when zero
	MinConfidence float64           // DefaultMinConfidence when zero
	// Statuses alert; signed and agreed when nil. A tie only proposed or
	// talked about is news a subscriber may choose to follow one day, not
	// an alert by default.
	Statuses   []peyvand.Status
	DigestHour int // hour of day, Iran time, when digests go out
	// Wake is called after a commit that queued deliveries: the sender's
	// Wake.
	Wake func()
	Now  func() time.Time // time.Now when nil
	Log  *slog.Logger     // slog.Default() when nil
}

// alertRelations alert whatever the foreign side: agreements and standing
// institutions.
var alertRelations = []peyvand.Relation{peyvand.RelSisterCity, peyvand.RelMOU, peyvand.RelTradeOffice, peyvand.RelJointChamber}

// visitRelations alert only with a named foreign partner.
var visitRelations = []peyvand.Relation{peyvand.RelTradeDelegation, peyvand.RelExhibition}

// Worthy returns the alert-worthy ties among an article's facts, each
// once: agreements, trade offices and joint chambers, and trade
// delegations and exhibitions with a named foreign place, each signed or
// agreed (Statuses) and surely read (MinConfidence).
func (p *Planner) Worthy(facts []peyvand.Fact) []TieKey {
	gz := p.gazetteer()
	minConf := p.MinConfidence
	if minConf == 0 {
		minConf = DefaultMinConfidence
	}
	var out []TieKey
	for _, f := range facts {
		if f.Iranian == "" || f.Foreign == "" || f.Foreign == peyvand.Iran || f.Confidence < minConf || !p.follows(f.Status) {
			continue
		}
		switch {
		case slices.Contains(alertRelations, f.Relation):
		case slices.Contains(visitRelations, f.Relation):
			if fp, ok := gz.Place(f.Foreign); !ok || fp.Iranian() {
				continue
			}
		default:
			continue
		}
		out = p.addTie(out, TieKey{Iranian: f.Iranian, Foreign: f.Foreign, Relation: f.Relation})
	}
	return out
}

// excerpt is the sentence an alert quotes: the evidence of the surest
// fact behind one of the ties.
func excerpt(facts []peyvand.Fact, ties []TieKey) string {
	best, conf := "", -1.0
	for _, f := range facts {
		if f.Evidence == "" || f.Confidence <= conf {
			continue
		}
		for _, t := range ties {
			if t.Relation == f.Relation && t.Iranian == f.Iranian && t.Foreign == f.Foreign {
				best, conf = f.Evidence, f.Confidence
				break
			}
		}
	}
	return best
}

// follows reports whether a tie of this status alerts.
func (p *Planner) follows(s peyvand.Status) bool {
	if p.Statuses == nil {
		return s.Done()
	}
	return slices.Contains(p.Statuses, s)
}

// addTie adds t to ts unless a tie of the same relation between the same
// or nested places is there; a more specific t replaces the broader ones
// ("اصفهان ↔ کازان" replaces "اصفهان ↔ روسیه").
func (p *Planner) addTie(ts []TieKey, t TieKey) []TieKey {
	gz := p.gazetteer()
	ti, tf := gz.Named(t.Iranian), gz.Named(t.Foreign)
	for i, u := range ts {
		if u.Relation != t.Relation || !p.related(u.Iranian, t.Iranian) || !p.related(u.Foreign, t.Foreign) {
			continue
		}
		ui, uf := gz.Named(u.Iranian), gz.Named(u.Foreign)
		if u != t && gz.Within(ti, ui) && gz.Within(tf, uf) {
			ts[i] = t // t is more specific
		}
		return ts
	}
	return append(ts, t)
}

// addTies adds the ties an event does not have yet, or more specific
// ones, and reports whether its ties changed: a change may concern
// subscribers the event did not concern before.
func (p *Planner) addTies(ev *Story, ts []TieKey) bool {
	old := slices.Clone(ev.Ties)
	for _, t := range ts {
		ev.Ties = p.addTie(ev.Ties, t)
	}
	return !slices.Equal(old, ev.Ties)
}

// Hook is the store.PutHook: it records the article's report of an
// event and queues the event's alert for every subscriber it concerns
// and has not had it. What it writes commits with the article.
func (p *Planner) Hook(tx *store.Tx, it *store.Item, o store.Outcome) error {
	ties := p.Worthy(it.Facts)
	if len(ties) == 0 {
		return nil
	}
	now := p.now()
	rep := Report{ArticleID: it.Article.ID, URL: it.Article.URL, Title: it.Article.Title,
		Source: it.Article.Source, Date: it.Article.Date, Sketch: neardup.Fingerprint(it.Article),
		Excerpt: excerpt(it.Facts, ties)}
	if rep.Date.IsZero() || rep.Date.After(now) {
		rep.Date = now
	}
	ev, found, err := p.match(tx, rep, ties, now)
	if err != nil {
		return err
	}
	switch {
	case found && ev.report(rep.ArticleID) >= 0:
		// The article changed since: keep its report current, alert nothing new.
		ev.Reports[ev.report(rep.ArticleID)] = rep
		if !p.addTies(&ev, ties) {
			return p.put(tx, &ev)
		}
	case found:
		ev.Reports = append(ev.Reports, rep)
		if !p.addTies(&ev, ties) {
			return p.put(tx, &ev) // one more outlet: a citation, not an alert
		}
	case o == store.Updated:
		return nil // a correction of an article that alerted nothing, or long ago
	default:
		if now.Sub(rep.Date) > p.maxAge() {
			return nil // old news
		}
		ev = Story{Created: now, Ties: ties, Reports: []Report{rep}}
	}
	if err := p.put(tx, &ev); err != nil {
		return err
	}
	n, err := p.fanOut(tx, &ev, now)
	if err != nil || n == 0 {
		return err
	}
	metrics.Alerts.WithLabelValues("queued").Add(float64(n))
	if p.Wake != nil {
		tx.OnCommit(p.Wake)
	}
	return nil
}

func (p *Planner) put(tx *store.Tx, ev *Story) error {
	data, err := ev.encode()
	if err != nil {
		return err
	}
	ev.ID, err = tx.PutEvent(ev.ID, data)
	return err
}

// copyDistance is the MinHash distance of a copy (the same text with an
// outlet's byline): such a report is the event's whatever ties the
// extractor read from it.
const copyDistance = 16

// match finds the recent event a report belongs to: the one already
// holding the article; else the newest one that has a copy of it, or
// shares a tie with it (the same relation between the same or nested
// places) and either has a near-duplicate of it or is dated within the
// window. Events are read newest first, back to twice the window.
func (p *Planner) match(tx *store.Tx, rep Report, ties []TieKey, now time.Time) (Story, bool, error) {
	window := p.window()
	var (
		out   Story
		found bool
	)
	err := tx.Events(func(id uint64, data []byte) (bool, error) {
		ev, err := DecodeStory(id, data)
		if err != nil {
			// A record this code cannot read must not stop ingest.
			p.log().Error("alert event unreadable; skipped", "event", id, "err", err)
			return true, nil
		}
		if now.Sub(ev.Created) > 2*window+p.maxAge() {
			return false, nil
		}
		if ev.report(rep.ArticleID) >= 0 {
			out, found = ev, true
			return false, nil
		}
		if !found && p.sameEvent(&ev, rep, ties, window) {
			out, found = ev, true // keep looking for the article itself
		}
		return true, nil
	})
	return out, found, err
}

func (p *Planner) sameEvent(ev *Story, rep Report, ties []TieKey, window time.Duration) bool {
	near := false
	for _, r := range ev.Reports {
		if r.Sketch.Empty() {
			continue
		}
		switch d := r.Sketch.Distance(rep.Sketch); {
		case d <= copyDistance:
			return true
		case d <= neardup.MaxDistance:
			near = true
		}
	}
	if d := ev.Date().Sub(rep.Date); !near && (d > window || d < -window) {
		return false
	}
	// Two agreements written from one template are near too: the ties
	// must agree.
	for _, a := range ev.Ties {
		for _, b := range ties {
			if a.Relation == b.Relation && p.related(a.Iranian, b.Iranian) && p.related(a.Foreign, b.Foreign) {
				return true
			}
		}
	}
	return false
}

// related reports whether two place names are the same place, one lies
// in the other, or they are namesakes (the city and province of Isfahan):
// outlets name the same event's places at different levels.
func (p *Planner) related(a, b string) bool {
	if a == b {
		return true
	}
	gz := p.gazetteer()
	pa, pb := gz.Named(a), gz.Named(b)
	if gz.Within(pa, pb) || gz.Within(pb, pa) {
		return true
	}
	n, ok := gz.Namesake(pa)
	return ok && n.Name == pb.Name
}

// fanOut queues the event for every chat with an active subscription it
// concerns, once per chat: per event, unless every matching subscription
// of the chat asked for the daily digest. It returns how many it queued.
func (p *Planner) fanOut(tx *store.Tx, ev *Story, now time.Time) (int, error) {
	gz := p.gazetteer()
	var tiePlaces []peyvand.Place
	for _, t := range ev.Ties {
		tiePlaces = append(tiePlaces, gz.Named(t.Iranian), gz.Named(t.Foreign))
	}
	covers := map[string]bool{} // subscription place → concerned
	concerned := func(place string) bool {
		c, ok := covers[place]
		if !ok {
			c = place == peyvand.AllPlaces || coversAny(gz, gz.Named(place), tiePlaces)
			covers[place] = c
		}
		return c
	}
	queued := 0
	var cur *store.Delivery
	flush := func() error {
		if cur == nil {
			return nil
		}
		if cur.Digest {
			cur.Due = nextDigest(now, p.DigestHour)
		}
		ok, err := tx.Enqueue(*cur)
		if ok {
			queued++
		}
		cur = nil
		return err
	}
	err := tx.Subscriptions(func(s peyvand.Subscription) error {
		if cur != nil && cur.ChatID != s.ChatID {
			if err := flush(); err != nil {
				return err
			}
		}
		if s.Paused || s.Muted || !concerned(s.Place) || !wantsRelation(gz, s, ev.Ties) {
			return nil
		}
		switch {
		case cur == nil:
			cur = &store.Delivery{EventID: ev.ID, ChatID: s.ChatID, Place: s.Place, Digest: s.Digest, Due: now}
		case cur.Digest && !s.Digest: // a per-event subscription wins, with its button
			cur.Digest, cur.Place = false, s.Place
		}
		return nil
	}, func(err error) { p.log().Error("subscription unreadable; skipped", "err", err) })
	if err != nil {
		return queued, err
	}
	return queued, flush()
}

// wantsRelation reports whether a subscription limited to some relations
// is concerned by a tie of one of them: a sister-city subscriber to
// Isfahan is not alerted for a memorandum that a story about Isfahan's
// sister city also reports.
func wantsRelation(gz *places.Gazetteer, s peyvand.Subscription, ties []TieKey) bool {
	if len(s.Relations) == 0 {
		return true
	}
	sub := gz.Named(s.Place)
	for _, t := range ties {
		if !slices.Contains(s.Relations, t.Relation) {
			continue
		}
		if s.Place == peyvand.AllPlaces || coversAny(gz, sub, []peyvand.Place{gz.Named(t.Iranian), gz.Named(t.Foreign)}) {
			return true
		}
	}
	return false
}

// coversAny reports whether a subscription's place concerns any of the
// places: one of them lies in it, or in its namesake.
func coversAny(gz *places.Gazetteer, sub peyvand.Place, ps []peyvand.Place) bool {
	namesake, hasNamesake := gz.Namesake(sub)
	for _, p := range ps {
		if gz.Within(p, sub) || (hasNamesake && gz.Within(p, namesake)) {
			return true
		}
	}
	return false
}

// nextDigest is the first digest hour (Iran time) after now.
func nextDigest(now time.Time, hour int) time.Time {
	t := now.In(iranZone)
	d := time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, iranZone)
	if !d.After(t) {
		d = d.AddDate(0, 0, 1)
	}
	return d.UTC()
}

func (p *Planner) gazetteer() *places.Gazetteer {
	if p.Places == nil {
		return places.Default()
	}
	return p.Places
}

func (p *Planner) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

func (p *Planner) maxAge() time.Duration {
	if p.MaxAge == 0 {
		return DefaultMaxAge
	}
	return p.MaxAge
}

func (p *Planner) window() time.Duration {
	if p.Window == 0 {
		return DefaultWindow
	}
	return p.Window
}

func (p *Planner) log() *slog.Logger {
	if p.Log == nil {
		return slog.Default()
	}
	return p.Log
}
