package ties

import (
	"slices"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
)

func TestMerge(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	facts := []peyvand.Fact{
		{ArticleID: "a1", PassageID: "a1#0", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelOther, Date: day(5), Confidence: 0.7},
		{ArticleID: "a2", PassageID: "a2#1", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity, Date: day(9), Confidence: 0.9},
		{ArticleID: "a3", PassageID: "a3#0", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelMOU, Date: day(2), Confidence: 0.6},
		{ArticleID: "a2", PassageID: "a2#1", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity, Date: day(9), Confidence: 0.9},
		{ArticleID: "a4", PassageID: "a4#0", Iranian: "اصفهان", Foreign: "مسقط", Relation: peyvand.RelOther, Confidence: 0.45},
		{ArticleID: "a5", PassageID: "a5#0", Iranian: "استان گلستان", Foreign: "بالکان", Relation: peyvand.RelMOU, Date: day(1), Confidence: 0.9},
		{ArticleID: "a6", PassageID: "a6#0", Iranian: "روستای نو", Foreign: "جایی دور", Relation: peyvand.RelOther, Confidence: 0.45},
	}
	ties := Merge(nil, facts)
	tests := []struct {
		ir, fo      string
		rels        []peyvand.Relation
		first, last time.Time
		articles    []string // facts' articles, newest first
		foKind      peyvand.PlaceKind
	}{
		// By Iranian name (byte order), then newest last seen.
		{"استان گلستان", "بالکان", []peyvand.Relation{peyvand.RelMOU}, day(1), day(1), []string{"a5"}, peyvand.KindProvince},
		{"اصفهان", "کازان", []peyvand.Relation{peyvand.RelSisterCity, peyvand.RelMOU}, day(2), day(9), []string{"a2", "a1", "a3"}, peyvand.KindCity},
		{"اصفهان", "مسقط", []peyvand.Relation{peyvand.RelOther}, time.Time{}, time.Time{}, []string{"a4"}, peyvand.KindCity},
		{"روستای نو", "جایی دور", []peyvand.Relation{peyvand.RelOther}, time.Time{}, time.Time{}, []string{"a6"}, ""},
	}
	if len(ties) != len(tests) {
		t.Fatalf("Merge made %d ties; want %d: %+v", len(ties), len(tests), ties)
	}
	for i, tt := range tests {
		tie := ties[i]
		var arts []string
		for _, f := range tie.Facts {
			arts = append(arts, f.ArticleID)
		}
		if tie.Iranian.Name != tt.ir || tie.Foreign.Name != tt.fo || !slices.Equal(tie.Relations, tt.rels) ||
			!tie.FirstSeen.Equal(tt.first) || !tie.LastSeen.Equal(tt.last) || !slices.Equal(arts, tt.articles) ||
			tie.Foreign.Kind != tt.foKind {
			t.Errorf("tie %d = %s→%s %v %v..%v %v %s; want %s→%s %v %v..%v %v %s", i,
				tie.Iranian.Name, tie.Foreign.Name, tie.Relations, tie.FirstSeen, tie.LastSeen, arts, tie.Foreign.Kind,
				tt.ir, tt.fo, tt.rels, tt.first, tt.last, tt.articles, tt.foKind)
		}
		if !tie.Iranian.Iranian() {
			t.Errorf("tie %d: Iranian side %+v not in Iran", i, tie.Iranian)
		}
	}
}
