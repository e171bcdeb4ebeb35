package peyvand

import "time"

// PlaceKind says what sort of place a Place is.
type PlaceKind string

// Place kinds.
const (
	KindCity     PlaceKind = "city"
	KindProvince PlaceKind = "province" // an Iranian province, or a foreign region or state
	KindCountry  PlaceKind = "country"
)

// Iran is the country name Iranian places resolve to.
const Iran = "ایران"

// Place is an entry of the gazetteer.
type Place struct {
	Name     string    // canonical Persian name, display form
	English  string    // English name
	Kind     PlaceKind //
	Province string    // for a city: its province or region, when known
	Country  string    // canonical Persian name of its country; a country names itself
}

// Iranian reports whether the place is in Iran.
func (p Place) Iranian() bool { return p.Country == Iran }

// Relation is the kind of a tie between an Iranian and a foreign place.
type Relation string

// Relations, in the order a listing shows them.
const (
	RelSisterCity      Relation = "sister_city"
	RelMOU             Relation = "mou"
	RelTradeOffice     Relation = "trade_office"
	RelTradeDelegation Relation = "trade_delegation"
	RelJointChamber    Relation = "joint_chamber"
	RelExhibition      Relation = "exhibition"
	RelInvestment      Relation = "investment"
	RelOther           Relation = "other"
)

// Relations lists every relation, in display order.
var Relations = []Relation{RelSisterCity, RelMOU, RelTradeOffice, RelTradeDelegation,
	RelJointChamber, RelExhibition, RelInvestment, RelOther}

// Persian returns the relation's Persian label.
func (r Relation) Persian() string {
	switch r {
	case RelSisterCity:
		return "خواهرخواندگی"
	case RelMOU:
		return "تفاهم‌نامه"
	case RelTradeOffice:
		return "دفتر نمایندگی تجاری"
	case RelTradeDelegation:
		return "هیئت تجاری"
	case RelJointChamber:
		return "اتاق مشترک"
	case RelExhibition:
		return "نمایشگاه"
	case RelInvestment:
		return "سرمایه‌گذاری"
	default:
		return "همکاری"
	}
}

// Status says how far a tie has come, as the report states it.
type Status string

// Statuses, most advanced first.
const (
	StatusSigned   Status = "signed"   // signed, opened, held, established, the visit made
	StatusAgreed   Status = "agreed"   // agreed or approved, not yet signed or done
	StatusProposed Status = "proposed" // planned, proposed, requested, to be done
	StatusTalks    Status = "talks"    // discussed, negotiated, being pursued
)

// Statuses lists every status, most advanced first.
var Statuses = []Status{StatusSigned, StatusAgreed, StatusProposed, StatusTalks}

// Rank orders statuses: 4 for signed down to 1 for talks, 0 for an unknown
// or empty status (a fact stored before statuses were read).
func (s Status) Rank() int {
	switch s {
	case StatusSigned:
		return 4
	case StatusAgreed:
		return 3
	case StatusProposed:
		return 2
	case StatusTalks:
		return 1
	}
	return 0
}

// Done reports whether the status is signed or agreed: a tie that exists,
// not one that is only discussed.
func (s Status) Done() bool { return s.Rank() >= StatusAgreed.Rank() }

// Persian returns the status's Persian label, "" for an unknown status.
// "قطعی" (done) rather than "امضاشده": a delegation's visit or an
// exhibition is done, not signed.
func (s Status) Persian() string {
	switch s {
	case StatusSigned:
		return "قطعی"
	case StatusAgreed:
		return "توافق‌شده"
	case StatusProposed:
		return "پیشنهادی"
	case StatusTalks:
		return "در حد مذاکره"
	}
	return ""
}

// Fact is one tie reported by one article: extracted at ingest, rebuilt
// whenever the article is re-ingested.
type Fact struct {
	ArticleID  string
	PassageID  string // the evidence passage
	Iranian    string // canonical name of the Iranian place
	Foreign    string // canonical name of the foreign place
	Relation   Relation
	Date       time.Time // the article's date; zero when unknown
	Confidence float64   // 0..1
	Evidence   string    // the sentence the fact was read from
	Status     Status    // "" for a fact stored before statuses were read
	// ForeignCountry is the country of a foreign place the gazetteer does
	// not know, when the text names it ("شهر X در کشور Y"); ForeignRead is
	// true for such a place: read from the text's patterns, not known.
	ForeignCountry string
	ForeignRead    bool
}

// Tie merges the facts of every article about one (Iranian, foreign) pair.
type Tie struct {
	Iranian   Place
	Foreign   Place
	Relations []Relation
	FirstSeen time.Time
	LastSeen  time.Time
	// Status is the most advanced status of its facts.
	Status Status
	Facts  []Fact
}
