package answer

import (
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// The words of an answer around its evidence, in Persian or in English
// for a question written in English. The quoted evidence stays Persian.

// relationName names a relation.
func relationName(r peyvand.Relation, en bool) string {
	if !en {
		return r.Persian()
	}
	switch r {
	case peyvand.RelSisterCity:
		return "sister city"
	case peyvand.RelMOU:
		return "memorandum of understanding"
	case peyvand.RelTradeOffice:
		return "trade office"
	case peyvand.RelTradeDelegation:
		return "trade delegation"
	case peyvand.RelJointChamber:
		return "joint chamber"
	case peyvand.RelExhibition:
		return "exhibition"
	case peyvand.RelInvestment:
		return "investment"
	}
	return "cooperation"
}

// statusName names a status, "" for an unknown one.
func statusName(s peyvand.Status, en bool) string {
	if !en {
		return s.Persian()
	}
	switch s {
	case peyvand.StatusSigned:
		return "done"
	case peyvand.StatusAgreed:
		return "agreed"
	case peyvand.StatusProposed:
		return "proposed"
	case peyvand.StatusTalks:
		return "in talks"
	}
	return ""
}

// dateText writes a date: Jalali in Persian, ISO in English; "" for zero.
func dateText(t time.Time, en bool) string {
	if t.IsZero() {
		return ""
	}
	if en {
		return t.Format("2006-01-02")
	}
	return persian.FormatJalali(t)
}

// placeName is a place's name: English where the gazetteer has one.
func placeName(p peyvand.Place, en bool) string {
	if en && p.English != "" {
		return p.English
	}
	return p.Name
}

func listSep(en bool) string {
	if en {
		return ", "
	}
	return "، "
}
