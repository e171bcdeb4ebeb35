package question

import (
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

func names(rs []Ref) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Place.Name)
	}
	return out
}

func TestRead(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		q        string
		intent   Intent
		iranian  []string
		foreign  []string
		within   string
		rel      peyvand.Relation
		want     Want
		talkKind string
	}{
		{q: "کدام شهرها با اصفهان خواهرخوانده هستند؟", intent: Partners, iranian: []string{"اصفهان"}, rel: peyvand.RelSisterCity},
		{q: "كدوم شهرای خارجی با اصفهان خواهر خونده ان؟", intent: Partners, iranian: []string{"اصفهان"}, rel: peyvand.RelSisterCity},
		{q: "بوشهر با کجاها همکاری خارجی داره؟", intent: Partners, iranian: []string{"بوشهر"}},
		{q: "شهرهای خواهرخوانده شیراز", intent: Partners, iranian: []string{"شیراز"}, rel: peyvand.RelSisterCity},
		{q: "همکاریهای تبریز با شهرها و استانهای خارجی", intent: Partners, iranian: []string{"تبریز"}},
		{q: "اصفهان با کدام شهر روسیه خواهرخوانده شده؟", intent: Partners, iranian: []string{"اصفهان"}, within: "روسیه", rel: peyvand.RelSisterCity},
		{q: "کدام شهرهای ایران با کازان خواهرخوانده‌اند؟", intent: Partners, foreign: []string{"کازان"}, rel: peyvand.RelSisterCity},
		{q: "Which cities are twinned with Mashhad?", intent: Partners, iranian: []string{"مشهد"}, rel: peyvand.RelSisterCity},
		{q: "Esfahan sister cities", intent: Partners, iranian: []string{"اصفهان"}, rel: peyvand.RelSisterCity},
		{q: "Ghazvin partners", intent: Partners, iranian: []string{"قزوین"}},
		{q: "Esfehan sister cities", intent: Partners, iranian: []string{"اصفهان"}, rel: peyvand.RelSisterCity},
		{q: "booshehr partners", intent: Partners, iranian: []string{"بوشهر"}},
		{q: "ghom partners", intent: Partners, iranian: []string{"قم"}},
		{q: "which iranian cities are twinned with ghazan?", intent: Partners, foreign: []string{"کازان"}, rel: peyvand.RelSisterCity},
		{q: "Which Russian city is Tabriz twinned with?", intent: Partners, iranian: []string{"تبریز"}, within: "روسیه", rel: peyvand.RelSisterCity},
		{q: "What did Khuzestan and Basra agree on?", intent: Pair, iranian: []string{"استان خوزستان"}, foreign: []string{"بصره"}},
		{q: "ایلام و واسط عراق چه همکاری‌ای با هم دارند؟", intent: Pair, iranian: []string{"ایلام"}, foreign: []string{"واسط"}}, // «عراق» says where Wasit is,
		{q: "خلاصه‌ای از روابط خارجی استان گلستان بده", intent: Brief, iranian: []string{"استان گلستان"}},
		{q: "Brief me on Kermanshah's foreign ties", intent: Brief, iranian: []string{"کرمانشاه"}},
		{q: "خلاصه همکاری‌های یزد و شارجه را بگو", intent: Pair, iranian: []string{"یزد"}, foreign: []string{"شارجه"}},
		{q: "خلاصه همکاری‌های یزد با امارات را بگو", intent: Brief, iranian: []string{"یزد"}, foreign: []string{"امارات متحده عربی"}},
		{q: "نخستین تفاهم‌نامه هرمزگان و مسندم چه سالی و در چند بند امضا شد؟", intent: Fact, want: WantNumber, rel: peyvand.RelMOU},
		{q: "نمایشگاه گلستان در عشق‌آباد کی برگزار میشه؟", intent: Fact, want: WantDate, rel: peyvand.RelExhibition},
		{q: "در کدام شهر استان خراسان رضوی دفتر تجاری افغانستان افتتاح شد؟", intent: Fact, want: WantPlace},
		{q: "کدام اتاق بازرگانی میزبان هیئت عراقی بود؟", intent: Fact, want: WantOrg},
		{q: "When will Kerman's pistachio exhibition in Moscow be held?", intent: Fact, want: WantDate, rel: peyvand.RelExhibition},
		{q: "سلام", intent: SmallTalk, talkKind: "greet"},
		{q: "ممنون", intent: SmallTalk, talkKind: "thanks"},
		{q: "what can you do?", intent: SmallTalk, talkKind: "help"},
		{q: "asdf", intent: Nonsense},
		{q: "ککک", intent: Nonsense},
		{q: "شسیبل", intent: Nonsense},
		// Thanks or a greeting among stop words, how-are-yous.
		{q: "مرسی واقعاً خیلی کمک کرد", intent: SmallTalk, talkKind: "thanks"},
		{q: "سلام، حالت چطوره؟", intent: SmallTalk, talkKind: "greet"},
		{q: "how are you today?", intent: SmallTalk, talkKind: "greet"},
		// Real words that ask nothing: no place, no question, no tie.
		{q: "ماه آبی روی درخت سیب نشست", intent: Nonsense},
		{q: "green elephants dance under the bridge", intent: Nonsense},
	} {
		q := r.Read(tc.q, nil)
		if q.Intent != tc.intent || tc.talkKind != "" && q.Talk != tc.talkKind {
			t.Errorf("%q: intent %s/%s; want %s/%s", tc.q, q.Intent, q.Talk, tc.intent, tc.talkKind)
		}
		if tc.iranian != nil && !slices.Equal(names(q.Iranian), tc.iranian) || tc.foreign != nil && !slices.Equal(names(q.Foreign), tc.foreign) {
			t.Errorf("%q: sides %v / %v; want %v / %v", tc.q, names(q.Iranian), names(q.Foreign), tc.iranian, tc.foreign)
		}
		if w := ""; q.Within != nil {
			w = q.Within.Name
			if w != tc.within {
				t.Errorf("%q: within %q; want %q", tc.q, w, tc.within)
			}
		} else if tc.within != "" {
			t.Errorf("%q: no filter; want %q", tc.q, tc.within)
		}
		if tc.rel != "" && !slices.Contains(q.Relations, tc.rel) {
			t.Errorf("%q: relations %v; want %s", tc.q, q.Relations, tc.rel)
		}
		if tc.want != "" && q.Want != tc.want {
			t.Errorf("%q: answer type %q; want %q", tc.q, q.Want, tc.want)
		}
		if tc.q == "asdf" && q.English != true || tc.q == "سلام" && q.English {
			t.Errorf("%q: English %v", tc.q, q.English)
		}
	}
}

func TestFollowUps(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		first, then string
		intent      Intent
		iranian     []string
		foreign     []string
		within      string
		rel         peyvand.Relation
	}{
		{"کدام شهرها با اصفهان خواهرخوانده هستند؟", "و شیراز چطور؟", Partners, []string{"شیراز"}, nil, "", peyvand.RelSisterCity},
		{"Which cities are twinned with Isfahan?", "and Shiraz?", Partners, []string{"شیراز"}, nil, "", peyvand.RelSisterCity},
		{"اصفهان با کدام شهرهای روسیه خواهرخوانده است؟", "و با آلمان؟", Partners, []string{"اصفهان"}, nil, "آلمان", peyvand.RelSisterCity},
		{"Which Russian city is Tabriz twinned with?", "and Shahrekord?", Partners, []string{"شهرکرد"}, nil, "روسیه", peyvand.RelSisterCity},
		{"ایلام و واسط عراق چه همکاری‌ای با هم دارند؟", "میسان چی؟", Pair, []string{"ایلام"}, []string{"میسان"}, "", ""},
		{"نمایشگاه گلستان در عشق‌آباد کی برگزار میشه؟", "و نمایشگاه اردبیل تو باکو؟", Fact, []string{"اردبیل"}, []string{"باکو"}, "", peyvand.RelExhibition},
		{"کدام شهرها با قزوین خواهرخوانده‌اند؟", "برای یزد هم بگو", Partners, []string{"یزد"}, nil, "", peyvand.RelSisterCity},
		{"کدوم شهرا با تبریز خواهرخونده‌ان؟", "اصفهانم؟", Partners, []string{"اصفهان"}, nil, "", peyvand.RelSisterCity},
		{"کدوم شهرا با تبریز خواهرخونده‌ان؟", "واسه اصفهان؟", Partners, []string{"اصفهان"}, nil, "", peyvand.RelSisterCity},
		{"Which cities are twinned with Tabriz?", "isfahan too?", Partners, []string{"اصفهان"}, nil, "", peyvand.RelSisterCity},
		{"شرکای خارجی گیلان کدامند؟", "latest news?", Brief, []string{"استان گیلان"}, nil, "", ""},
		{"شرکای خارجی گیلان کدامند؟", "خلاصه بگو", Brief, []string{"استان گیلان"}, nil, "", ""},
	} {
		prev := r.Read(tc.first, nil)
		q := r.Read(tc.then, &prev)
		if q.Intent != tc.intent || !q.FollowUp {
			t.Errorf("%q after %q: intent %s, follow-up %v; want %s", tc.then, tc.first, q.Intent, q.FollowUp, tc.intent)
		}
		if !slices.Equal(names(q.Iranian), tc.iranian) || tc.foreign != nil && !slices.Equal(names(q.Foreign), tc.foreign) {
			t.Errorf("%q after %q: sides %v / %v; want %v / %v", tc.then, tc.first, names(q.Iranian), names(q.Foreign), tc.iranian, tc.foreign)
		}
		if got := ""; q.Within != nil || tc.within != "" {
			if q.Within != nil {
				got = q.Within.Name
			}
			if got != tc.within {
				t.Errorf("%q after %q: within %q; want %q", tc.then, tc.first, got, tc.within)
			}
		}
		if tc.rel != "" && !slices.Contains(q.Relations, tc.rel) {
			t.Errorf("%q after %q: relations %v; want %s", tc.then, tc.first, q.Relations, tc.rel)
		}
	}
	// After a question, a short reply that asks nothing is no follow-up;
	// goodbyes and "who made you?" are small talk.
	gilan := r.Read("شرکای خارجی گیلان کدامند؟", nil)
	for msg, want := range map[string]Intent{"نه": Nonsense, "test": Nonsense, "you are useless": Nonsense,
		"خدافظ": SmallTalk, "who made you?": SmallTalk, "the MoUs": Partners, "کی؟": Fact,
		"چی؟": Nonsense, "what?": Nonsense, "دیگه سوالی ندارم": SmallTalk, "thanks, that's all": SmallTalk, "نفهمیدم": SmallTalk,
		"عالیه ولی صادرات چقدر بود؟": Fact, "جزئیات": Partners, "more details": Partners} {
		if q := r.Read(msg, &gilan); q.Intent != want {
			t.Errorf("%q after a partner question: %s; want %s", msg, q.Intent, want)
		}
	}
	// Small talk and nonsense never inherit, and a question after them
	// does not build on them.
	prev := r.Read("خوزستان با کدام استان‌های عراق همکاری دارد؟", nil)
	for _, msg := range []string{"ممنون", "asdf qwer", "دمت گرم، خیلی کمک کرد", "چطوری رفیق؟ خوبی؟"} {
		q := r.Read(msg, &prev)
		if q.FollowUp || len(q.Iranian)+len(q.Foreign) > 0 {
			t.Errorf("%q after a question inherited %+v", msg, q)
		}
	}
}

// TestWhichAsksForAFact: «کدام» before anything but a kind of place asks
// for a fact, not a list of partners.
func TestWhichAsksForAFact(t *testing.T) {
	r := Default()
	for _, q := range []string{
		"صادرات بوشهر به قطر از کدام بندر انجام می‌شود؟",
		"تفاهم‌نامه در کدام سال امضا شد؟",
		"کدام مقام سفر کرد؟",
	} {
		if got := r.Read(q, nil); got.Intent != Fact {
			t.Errorf("%q: intent %s; want fact", q, got.Intent)
		}
	}
}

// TestReadCommonPitfalls: words that look like places or question words
// but are not, in questions people type.
func TestReadCommonPitfalls(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		q      string
		intent Intent
		no     string // a place that must not be read
	}{
		{"همکاری‌های بازرگانی تبریز با ترکیه", Pair, "بازرگان"},
		{"Which cities did the Tabriz delegation visit?", Partners, "واسط"},
		{"When did the trade start?", Fact, ""},
		{"کمک به صادرکنندگان چیست؟", Fact, ""},
		{"قزوین با کی کار میکنه؟", Partners, ""},
	} {
		q := r.Read(tc.q, nil)
		if q.Intent != tc.intent {
			t.Errorf("%q: intent %s; want %s", tc.q, q.Intent, tc.intent)
		}
		for _, p := range q.Places() {
			if tc.no != "" && p.Place.Name == tc.no {
				t.Errorf("%q: read the place %s", tc.q, tc.no)
			}
		}
	}
	prev := r.Read("کدام شهرها با اصفهان خواهرخوانده هستند؟", nil)
	if q := r.Read("what about Tabriz?", &prev); !q.FollowUp || q.Intent != Partners || len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "تبریز" {
		t.Errorf("\"what about Tabriz?\" after Isfahan's sister cities: %+v", q)
	}
	for _, msg := range []string{"کدام استان‌ها خواهرخوانده دارند؟", "آمار صادرات کل کشور در سال گذشته چقدر بوده است؟"} {
		if q := r.Read(msg, &prev); len(q.Iranian)+len(q.Foreign) > 0 {
			t.Errorf("%q after a question about Isfahan took its places: %+v", msg, q.Places())
		}
	}
}

// TestMixedPersianAndEnglish: a Persian question with English words and
// the colloquial copula on a city at its end («شیرازه») reads its places,
// and its English words are searched and checked in Persian.
func TestMixedPersianAndEnglish(t *testing.T) {
	q := Default().Read("مشهد چندمین sister city کازانه؟", nil)
	names := []string{}
	for _, r := range q.Places() {
		names = append(names, r.Place.Name)
	}
	if !slices.Contains(names, "کازان") || !slices.Contains(names, "مشهد") {
		t.Errorf("places %v; want Mashhad and Kazan", names)
	}
	if s := q.Persian(); strings.Contains(s, "sister") || !strings.Contains(s, "خواهرخوانده") {
		t.Errorf("search text %q; want the English words in Persian", s)
	}
	q = Default().Read("نانجینگ هشتمین خواهرخوانده شیرازه؟", nil)
	if ps := q.Places(); len(ps) != 2 {
		t.Errorf("«شیرازه» at the end: places %v; want Nanjing and Shiraz", ps)
	}
	// Not before the end: «شیرازه» there is not the copula.
	q = Default().Read("شیرازه کار از دست رفت", nil)
	if ps := q.Places(); len(ps) != 0 {
		t.Errorf("«شیرازه» mid-sentence read as %v", ps)
	}
}

// TestTellMeIsNoFollowUp: «… بگو» ends a new question as often as a
// follow-up; only «… هم بگو» is one.
func TestTellMeIsNoFollowUp(t *testing.T) {
	r := Default()
	prev := r.Read("صادرات اصفهان به عراق چقدر بود؟", nil)
	if q := r.Read("از روابط تبریز و باکو بگو", &prev); q.FollowUp || q.Intent != Pair {
		t.Errorf("a new pair question read as %s (follow-up %v)", q.Intent, q.FollowUp)
	}
}

// TestFollowUpKeepsWhatWasAsked: a fact follow-up that swaps a place asks
// the last question's question of it, so its words go with it.
func TestFollowUpKeepsWhatWasAsked(t *testing.T) {
	r := Default()
	prev := r.Read("هزینه سفر هر عضو هیئت تجاری یزد به دبی چقدر است؟", nil)
	q := r.Read("واسه مسقط چی؟", &prev)
	if !q.FollowUp || q.Intent != Fact || !slices.Contains(names(q.Foreign), "مسقط") {
		t.Fatalf("follow-up read as %s (follow-up %v), foreign %v", q.Intent, q.FollowUp, names(q.Foreign))
	}
	if !slices.Contains(q.Words, "هزینه") || !slices.Contains(q.Words, "عضو") {
		t.Errorf("follow-up words %v; want the last question's («هزینه»، «عضو»)", q.Words)
	}
	// «چند تا شرکت میرن؟», naming no place, asks about the same exhibition.
	prev = r.Read("نمایشگاه فرش یزد در دوحه کی برگزار میشه؟", nil)
	if q := r.Read("چند تا شرکت میرن؟", &prev); !q.FollowUp || !slices.Contains(q.Words, "نمایشگاه") {
		t.Errorf("follow-up (%v) words %v; want the exhibition's («نمایشگاه»)", q.FollowUp, q.Words)
	}
	// A partner list's follow-up needs no words: the graph answers it.
	prev = r.Read("کدام شهرها با اصفهان خواهرخوانده هستند؟", nil)
	if q := r.Read("و شیراز چطور؟", &prev); slices.Contains(q.Words, "خواهرخوانده") {
		t.Errorf("a partner follow-up inherited words %v", q.Words)
	}
}

// TestPersianSearchesTheWrittenForm: a colloquial question is searched in
// the words the news write too.
func TestPersianSearchesTheWrittenForm(t *testing.T) {
	r := Default()
	q := r.Read("یزد با کدوم شهرا خواهرخونده س؟", nil)
	got := q.Persian()
	for _, w := range []string{"خواهرخونده", "خواهرخوانده", "شهرها"} {
		if !strings.Contains(got, w) {
			t.Errorf("Persian() = %q; want %q in it", got, w)
		}
	}
	if q := r.Read("یزد با کدام شهرها خواهرخوانده است؟", nil); q.Persian() != q.Text {
		t.Errorf("a formal question is searched as %q, not as written", q.Persian())
	}
}

// TestAkin: a question's verb is compared with the words reports use for
// the same act.
func TestAkin(t *testing.T) {
	r := Default()
	for w, want := range map[string]string{"بسازن": "تاسیس", "سازند": "احداث", "بفروشن": "صادرات", "افتتاح": "گشایش"} {
		if got := r.Akin(w); !slices.Contains(got, want) {
			t.Errorf("Akin(%q) = %v; want %q among them", w, got, want)
		}
	}
	for _, w := range []string{"بسازید", "بخرید"} {
		if r.Akin(w) == nil {
			t.Errorf("Akin(%q) = nil; the «ید» ending is a verb's", w)
		}
	}
	if got := r.Akin("خرد"); got != nil {
		t.Errorf("Akin(«خرد») = %v: a two-letter stem needs its prefix («بخرد»)", got)
	}
	if got := r.Akin("راه"); got != nil {
		t.Errorf("Akin(«راه») = %v: a phrase's common first word is no synonym", got)
	}
}

// TestFinglishWordsAreNoPlaces: a Finglish word with a vowel more than a
// place's name is no variant of it: «rabete» (رابطه) is no Rabat.
func TestFinglishWordsAreNoPlaces(t *testing.T) {
	q := Default().Read("rabete shiraz va zangbar chie?", nil)
	for _, p := range q.Places() {
		if p.Place.English == "Rabat" {
			t.Errorf("«rabete» read as %s", p.Place.Name)
		}
	}
}

// TestEnglishWordsAreNoPlaces: common English words that fold like a
// place's name are not read as it.
func TestEnglishWordsAreNoPlaces(t *testing.T) {
	for _, q := range []string{"Any river shipping with Iraq?"} {
		for _, p := range Default().Read(q, nil).Places() {
			if p.Place.Name != "عراق" {
				t.Errorf("%q read %s", q, p.Place.Name)
			}
		}
	}
}

// TestSixthSetPhrasings: what the bot is for, «آخرین خبر …», and a
// where-question asked of several places.
func TestSixthSetPhrasings(t *testing.T) {
	r := Default()
	for msg, want := range map[string]Intent{
		"سلام! تو اصلاً به چه دردی می‌خوری؟":                  SmallTalk,
		"hey, what kind of stuff can I ask you?":              SmallTalk,
		"این ربات را چه کسی ساخته؟":                           SmallTalk,
		"آخرین خبر درباره همکاری‌های خارجی استان یزد چیست؟":   Brief,
		"استان یزد امسال در کدام شهرهای خارجی نمایشگاه دارد؟": Partners,
		"صادرات یزد به قطر از کدام بندر انجام می‌شود؟":        Fact,
	} {
		if q := r.Read(msg, nil); q.Intent != want {
			t.Errorf("%q: %s; want %s", msg, q.Intent, want)
		}
	}
}

// TestDateAskedAsANoun: "exhibition date", «تاریخ نمایشگاه» ask a date.
func TestDateAskedAsANoun(t *testing.T) {
	for _, m := range []string{"Kerman Russia exhibition date", "تاریخ نمایشگاه کرمان در مسکو"} {
		if q := Default().Read(m, nil); q.Intent != Fact || q.Want != WantDate {
			t.Errorf("%q: %s wanting %s; want a fact, a date", m, q.Intent, q.Want)
		}
	}
}

// TestMoreSmallTalk: greetings, thanks, goodbyes and questions about the
// bot in the forms people type.
func TestMoreSmallTalk(t *testing.T) {
	r := Default()
	prev := r.Read("شرکای خارجی گیلان کدامند؟", nil)
	for _, m := range []string{"سلام، وقتتون بخیر", "thank u", "cheers", "see ya", "شب خوش", "آفرین",
		"what are your sources?", "تو از کجا خبر داری؟", "کی تو رو ساخته؟", "are you a bot?", "اونجایی؟"} {
		if q := r.Read(m, &prev); q.Intent != SmallTalk || q.FollowUp {
			t.Errorf("%q after a question: %s (follow-up %v); want small talk", m, q.Intent, q.FollowUp)
		}
	}
}

// TestReviewedReadings: a where-question followed by any plural is no
// list; dates the fruit and "to date" ask no date; «شیراز رو بگو» is a
// follow-up.
func TestReviewedReadings(t *testing.T) {
	r := Default()
	for m, want := range map[string]Intent{"Where does Yazd export its tiles?": Fact, "یزد کجا محصولات خود را عرضه کرد؟": Fact,
		"Bushehr dates to Qatar": Pair, "what ties does Kerman have with Russia to date?": Pair} {
		if q := r.Read(m, nil); q.Intent != want || q.Want == WantDate {
			t.Errorf("%q: %s wanting %q; want %s", m, q.Intent, q.Want, want)
		}
	}
	prev := r.Read("صادرات اصفهان به عراق چقدر بود؟", nil)
	if q := r.Read("شیراز رو بگو", &prev); !q.FollowUp || !slices.Contains(names(q.Iranian), "شیراز") {
		t.Errorf("«شیراز رو بگو» after a question: follow-up %v, %v", q.FollowUp, names(q.Iranian))
	}
}

// TestSeventhSetClasses: the classes of reading the seventh set showed
// wrong, in phrasings of their own.
func TestSeventhSetClasses(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		q      string
		intent Intent
		within string
		want   Want
	}{
		// A yes/no question about ties at all is the pair's ties; about
		// one kind of tie, a fact.
		{q: "آیا بین شیراز و شهر وان ترکیه ارتباطی هست؟", intent: Pair},
		{q: "آیا کرمان با امارات همکاری تجاری دارد؟", intent: Pair},
		{q: "آیا شیراز با دوشنبه خواهرخوانده است؟", intent: Fact, want: WantThing},
		// "a city in C" in a yes/no question is a list filtered to C.
		{q: "Does Tabriz have a sister city in Turkey?", intent: Partners, within: "ترکیه"},
		{q: "آیا یزد با شهری در چین تفاهم‌نامه دارد؟", intent: Partners, within: "چین"},
		// The fields of two places' ties are asked of the pair.
		{q: "روابط بوشهر و قطر در چه حوزه‌هایی است؟", intent: Pair},
		// A region's country named beside it is no second side: a pair.
		{q: "روابط بوشهر و مسندم عمان به کجا رسیده؟", intent: Pair},
		{q: "What's up with Shiraz and Dushanbe?", intent: Pair},
		// Recency asked of a place: a briefing.
		{q: "اصفهان اخیراً چه فعالیت اقتصادی خارجی داشته؟", intent: Brief},
		{q: "اخیرا اصفهان با کدام شهرها خواهرخوانده شده؟", intent: Partners},
		// Finglish plural place nouns are a list.
		{q: "kodum shahraye Iran ba Herat hamkari daran?", intent: Partners},
		// «کی بود» after an ordinal asks when, after a role who.
		{q: "آخرین سفر هیئت ترکیه به ارومیه کی بود؟", intent: Fact, want: WantDate},
		{q: "استاندار هرمزگان در سفر به مسقط کی بود؟", intent: Fact, want: WantPerson},
		{q: "رئیس اولین هیئت تجاری فارس به چین کی بود؟", intent: Fact, want: WantPerson},
		// Emoji alone, and Latin letters that are no word.
		{q: "🙏🌹", intent: SmallTalk},
		{q: "🤔", intent: Nonsense},
		{q: "lkjhg poiuq", intent: Nonsense},
	} {
		q := r.Read(tc.q, nil)
		if q.Intent != tc.intent || tc.want != "" && q.Want != tc.want {
			t.Errorf("%q: %s wanting %q; want %s wanting %q", tc.q, q.Intent, q.Want, tc.intent, tc.want)
		}
		if got := ""; q.Within != nil || tc.within != "" {
			if q.Within != nil {
				got = q.Within.Name
			}
			if got != tc.within {
				t.Errorf("%q: within %q; want %q", tc.q, got, tc.within)
			}
		}
	}
	// «میان» is "between" before the end of a question.
	if q := r.Read("آیا میان بندرعباس و مسقط خط کشتیرانی هست؟", nil); slices.Contains(q.Words, "میایند") {
		t.Errorf("«میان» read as a verb: %v", q.Words)
	}
	// «قمم؟» is Qom too; a briefing's follow-up naming a kind of tie lists
	// the partners of that kind; the first one's date is a date.
	prev := r.Read("کرمان با کدوم کشورا کار تجاری می‌کنه؟", nil)
	if q := r.Read("قمم؟", &prev); !q.FollowUp || q.Intent != Partners || !slices.Equal(names(q.Iranian), []string{"قم"}) {
		t.Errorf("«قمم؟» after a partner question: %s, %v, follow-up %v", q.Intent, names(q.Iranian), q.FollowUp)
	}
	brief := r.Read("از شیراز چه خبر؟", nil)
	if q := r.Read("خواهرخوانده‌هاش چی؟", &brief); q.Intent != Partners || !slices.Contains(q.Relations, peyvand.RelSisterCity) {
		t.Errorf("a kind of tie after a briefing: %s %v; want its partners", q.Intent, q.Relations)
	}
	count := r.Read("چند تفاهم‌نامه بین بوشهر و قطر امضا شده؟", nil)
	if q := r.Read("آخریش کی بود؟", &count); q.Want != WantDate || !q.FollowUp || !slices.Contains(q.Relations, peyvand.RelMOU) {
		t.Errorf("«آخریش کی بود؟»: %q %v, follow-up %v; want a date of a memorandum", q.Want, q.Relations, q.FollowUp)
	}
	// «این تفاهم‌نامه» after a list of one partner points at that partner.
	list := r.Read("تفاهم‌نامه‌های اردبیل با کدام شهرهاست؟", nil)
	baku, _ := r.Gazetteer().Lookup("باکو")
	list.Focus = []Ref{{Place: baku}}
	for _, m := range []string{"این تفاهم‌نامه کی امضا شد؟", "when was that MoU signed?"} {
		if q := r.Read(m, &list); !q.FollowUp || !slices.Equal(names(q.Iranian), []string{"اردبیل"}) || !slices.Equal(names(q.Foreign), []string{"باکو"}) {
			t.Errorf("%q after a list of one: %v / %v, follow-up %v", m, names(q.Iranian), names(q.Foreign), q.FollowUp)
		}
	}
	if q := r.Read("چند تفاهم‌نامه امضا کرده؟", &list); len(q.Foreign) > 0 {
		t.Errorf("a question not pointing at the tie took the focus: %v", names(q.Foreign))
	}
	// «این دو استان», "these two" point back at both places.
	pair := r.Read("گیلان و آستاراخان چه همکاری‌ای با هم دارند؟", nil)
	for _, m := range []string{"چند هیئت بین این دو استان رفت و آمد کرده؟", "how many deals have these two signed?"} {
		if q := r.Read(m, &pair); !q.FollowUp || len(q.Iranian) == 0 || len(q.Foreign) == 0 {
			t.Errorf("%q after a pair: %v / %v, follow-up %v", m, names(q.Iranian), names(q.Foreign), q.FollowUp)
		}
	}
}

// TestEighthSetClasses: the classes of the eighth set's failures, in
// strings of their own.
func TestEighthSetClasses(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		q      string
		intent Intent
		want   Want
	}{
		// "what's their story" and a yes/no "anything between" ask the
		// pair's ties.
		{q: "بوشهر و قطر ماجراشون چیه؟", intent: Pair},
		{q: "قضیه اردبیل و باکو چیه؟", intent: Pair},
		{q: "Is there anything between Bushehr and Qatar?", intent: Pair},
		// The Iranian side asked of a foreign place: a reverse list.
		{q: "Who on the Iranian side deals with Basra?", intent: Partners},
		{q: "طرف ایرانی نخجوان کیه؟", intent: Partners},
		// Spoken «چقد» asks a figure.
		{q: "پارسال چقد کالا از بوشهر رفته قطر؟", intent: Fact, want: WantNumber},
	} {
		if q := r.Read(tc.q, nil); q.Intent != tc.intent || tc.want != "" && q.Want != tc.want {
			t.Errorf("%q: %s wanting %q; want %s wanting %q", tc.q, q.Intent, q.Want, tc.intent, tc.want)
		}
	}
	// «پارسال» is searched as the news write it.
	if q := r.Read("پارسال چقد کالا از بوشهر رفته قطر؟", nil); !strings.Contains(q.Persian(), "سال گذشته") {
		t.Errorf("«پارسال» not searched as «سال گذشته»: %q", q.Persian())
	}
	// A tie word with a pronoun («نمایشگاهش») is the last place's tie,
	// searched as the tie word; the place the message names joins it.
	brief := r.Read("از بوشهر چه خبر؟", nil)
	q := r.Read("نمایشگاهش تو قطر کی بود؟", &brief)
	if !slices.Equal(names(q.Iranian), []string{"بوشهر"}) || !slices.Equal(names(q.Foreign), []string{"قطر"}) ||
		!slices.Contains(q.Relations, peyvand.RelExhibition) || !slices.Contains(q.Words, "نمایشگاه") {
		t.Errorf("«نمایشگاهش تو قطر»: %v / %v, %v, words %v", names(q.Iranian), names(q.Foreign), q.Relations, q.Words)
	}
	// «همایش» is no «همای» with a pronoun (Bushehr still joins: the
	// subject is left out, subjectLeftOut).
	if q := r.Read("همایش تو قطر کی بود؟", &brief); slices.Contains(q.Words, "همای") || !slices.Contains(q.Words, "همایش") {
		t.Errorf("«همایش» read as a pronoun on a tie word: words %v", q.Words)
	}
	// «دو استان» without «این» points back at both places, but «کدام دو
	// استان» asks anew.
	pair := r.Read("روابط گیلان و آستاراخان چطوره؟", nil)
	if q := r.Read("تفاهم‌نامه دو استان کی امضا شد؟", &pair); len(q.Iranian) == 0 || len(q.Foreign) == 0 {
		t.Errorf("«دو استان» after a pair: %v / %v", names(q.Iranian), names(q.Foreign))
	}
	if q := r.Read("کدام دو استان بیشترین تفاهم‌نامه را دارند؟", &pair); len(q.Iranian)+len(q.Foreign) > 0 {
		t.Errorf("«کدام دو استان» took the last places: %v / %v", names(q.Iranian), names(q.Foreign))
	}
	// A yes/no question is marked so, with «آیا» or without it when a
	// verb ends it; a question word makes it no yes/no.
	for m, yes := range map[string]bool{
		"آیا همدان خواهرخوانده دارد؟":                 true,
		"همدان خواهرخوانده دارد؟":                     true,
		"پیمان خواهرخواندگی یزد و هرات امضا شده است؟": true,
		"یزد و هرات چه تفاهم‌نامه‌ای امضا کرده‌اند؟":  false,
		"یزد با کدام شهرها خواهرخوانده است؟":          false,
		"تفاهم‌نامه یزد و هرات":                       false,
	} {
		if q := r.Read(m, nil); q.YesNo != yes || yes && q.Intent != Fact {
			t.Errorf("%q: yes/no %v, %s; want yes/no %v", m, q.YesNo, q.Intent, yes)
		}
	}
}

// TestProbedPhrasings: phrasings tried by hand, not from a labelled set.
func TestProbedPhrasings(t *testing.T) {
	r := Default()
	for _, tc := range []struct {
		q      string
		intent Intent
		talk   string
	}{
		{q: "یزد با هرات چیکارا کردن؟", intent: Pair},
		{q: "تفاهم‌نامه جدید یزد با کیه؟", intent: Partners},
		{q: "چه خبر؟", intent: SmallTalk, talk: "greet"},
		{q: "سلام چه خبرا", intent: SmallTalk, talk: "greet"},
		{q: "what's up?", intent: SmallTalk, talk: "greet"},
		{q: "چه کارایی از دستت برمیاد؟", intent: SmallTalk, talk: "help"},
		// No place, but news of ties asked: the country's newest ties.
		{q: "چه خبر از همکاری‌های خارجی؟", intent: Brief},
		{q: "همکاری‌های خارجی اخیر چیست؟", intent: Brief},
		{q: "latest news on Iran's foreign trade ties", intent: Brief},
		// A place's: its own.
		{q: "از یزد چه خبر؟", intent: Brief},
	} {
		q := r.Read(tc.q, nil)
		if q.Intent != tc.intent || q.Talk != tc.talk {
			t.Errorf("%q: %s %q; want %s %q", tc.q, q.Intent, q.Talk, tc.intent, tc.talk)
		}
		if tc.intent == Brief && len(q.Iranian) != 1 {
			t.Errorf("%q: briefing of %v", tc.q, names(q.Iranian))
		}
	}
	// A name that is also a word is a place after «با/و» and a place of
	// the other side, and a word elsewhere.
	for m, foreign := range map[string]string{
		"آیا رامسر با دوشنبه همکاری تجاری دارد؟": "دوشنبه",
		"ارومیه و وان چه همکاری‌ای دارند؟":       "وان",
		"هیئت تجاری رامسر دوشنبه کجا رفت؟":       "",
	} {
		if got := strings.Join(names(r.Read(m, nil).Foreign), " "); got != foreign {
			t.Errorf("%q: foreign %q; want %q", m, got, foreign)
		}
	}
	// A misspelt Iranian name («اصفحان») and a colloquial word with a
	// plural glued on («خونده‌های») are read.
	if q := r.Read("خواهر خونده های اصفحان", nil); q.Intent != Partners || !slices.Equal(names(q.Iranian), []string{"اصفهان"}) ||
		!slices.Contains(q.Relations, peyvand.RelSisterCity) {
		t.Errorf("«خواهر خونده های اصفحان»: %s %v %v", q.Intent, names(q.Iranian), q.Relations)
	}
	if q := r.Read("تبریذ با کجاها همکاری داره", nil); !slices.Equal(names(q.Iranian), []string{"تبریز"}) {
		t.Errorf("«تبریذ»: %v", names(q.Iranian))
	}
	if q := r.Read("چه خبر از همکاری‌های خارجی؟", nil); q.Iranian[0].Place.Name != peyvand.Iran {
		t.Errorf("no place named: a briefing of %v, want Iran's", names(q.Iranian))
	}
}

// TestFinglishSplitAndPlural: Finglish typed in two words or with a plural
// glued on is read as the one word it spells, and its pieces are no places.
func TestFinglishSplitAndPlural(t *testing.T) {
	for msg, want := range map[string]string{
		"khahar khandehaye shiraz":               "شیراز",
		"khaharkhoonde haye mashhad kodoomand?":  "مشهد",
		"khahar khande haye tabriz koja ha hast": "تبریز",
	} {
		q := Default().Read(msg, nil)
		if q.Intent != Partners {
			t.Errorf("%q: intent %v, want partners", msg, q.Intent)
		}
		if len(q.Relations) != 1 || q.Relations[0] != peyvand.RelSisterCity {
			t.Errorf("%q: relations %v, want sister city", msg, q.Relations)
		}
		ps := q.Places()
		if len(ps) != 1 || ps[0].Place.Name != want {
			t.Errorf("%q: places %v, want only %s", msg, ps, want)
		}
	}
}

// TestLostSpaceAfterBa: «با» typed onto the question word («باکدوم») is read
// as the two words, and Finglish «akharin khabara» asks for a briefing.
func TestLostSpaceAfterBa(t *testing.T) {
	r := Default()
	if q := r.Read("بصره باکدوم شهرای ایران کارمیکنه", nil); q.Intent != Partners {
		t.Errorf("«باکدوم»: intent %v, want partners", q.Intent)
	}
	if got := splitWords("بصره باکدوم شهرای ایران"); strings.Join(got, " ") != "بصره با کدوم شهرای ایران" {
		t.Errorf("«باکدوم» split as %q", got)
	}
	if got := splitWords("باران بارید"); strings.Join(got, " ") != "باران بارید" {
		t.Errorf("«باران» split as %q", got)
	}
	if q := r.Read("akharin khabara az khorasan shomali", nil); q.Intent != Brief {
		t.Errorf("«akharin khabara»: intent %v, want brief", q.Intent)
	}
	if q := r.Read("tafahomname khuzestan o basre ro ki emza kard", nil); q.Intent != Fact || q.Want != WantPerson {
		t.Errorf("Finglish «ki emza kard»: intent %v want %v, want a fact asking who", q.Intent, q.Want)
	}
	if q := r.Read("tabriz ba che shahrhayi khahar khande ast", nil); q.Intent != Partners {
		t.Errorf("Finglish «che shahrhayi»: intent %v, want partners", q.Intent)
	}
}

// TestUrmiaSpellings: Urmia's other transliterations are the gazetteer's.
func TestUrmiaSpellings(t *testing.T) {
	for _, msg := range []string{"Orumiyeh sister cities", "orumieh & van?"} {
		ps := Default().Read(msg, nil).Places()
		if len(ps) == 0 || ps[0].Place.English != "Urmia" {
			t.Errorf("%q: places %v, want Urmia first", msg, ps)
		}
	}
}

// TestFinglishPlaceNames: a Persian place name typed in Latin letters as
// it is said in Persian, far from its English name, is read in a Finglish
// message: «ونیز» "veniz", «روسیه» "rusiye", «آذربایجان غربی» "azarbayjan
// gharbi" (whose «gharbi» alone reads "west").
func TestFinglishPlaceNames(t *testing.T) {
	r := Default()
	for msg, want := range map[string][]string{
		"esfahan ba veniz khaharkhande hast?":          {"اصفهان", "ونیز"},
		"rusiye ba tabriz che tafahomname dare":        {"تبریز", "روسیه"},
		"gorjestan ba kodum shahra hamkari dare":       {"گرجستان"},
		"eragh ba khuzestan chi emza kardan":           {"استان خوزستان", "عراق"},
		"hamkari haye chin ba kodum ostan ha":          {"چین"},
		"armanestan ba azarbayjan gharbi rabete dare?": {"ارمنستان", "استان آذربایجان غربی"},
	} {
		var got []string
		for _, p := range r.Read(msg, nil).Places() {
			got = append(got, p.Place.Name)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: places %v, want %v", msg, got, want)
		}
	}
}

// TestFinglishNeedsAFinglishWord: English words spell Persian names too
// («سوریه» "sore", «ترکیه» "trace", «غور» "qwer"); without a Finglish
// word in the message they are read as English, and a four-letter word
// needs every letter to be the name's.
func TestFinglishNeedsAFinglishWord(t *testing.T) {
	r := Default()
	for _, msg := range []string{"my sore throat", "trace the deal please", "asdf qwer", "qwer ba"} {
		if ps := r.Read(msg, nil).Places(); len(ps) > 0 {
			t.Errorf("%q read %v", msg, ps)
		}
	}
}

// TestFinglishMatch: the letter-by-letter reading, short vowels typed
// between letters, long ones never left out.
func TestFinglishMatch(t *testing.T) {
	for _, c := range []struct {
		fa, w string
		want  bool
	}{
		{"ونیز", "veniz", true},
		{"روسیه", "rusiye", true},
		{"روسیه", "russia", true},
		{"تبریز", "tabarz", false},
		{"عراق", "eragh", true},
		{"اصفهان", "esfahan", true},
		{"مسکو", "moskow", true},
		{"رباط", "rabete", false},
		{"رباط", "rabat", true},
		{"اذربایجان غربی", "azarbayjan gharbi", true},
	} {
		if got := finglishMatch([]rune(c.fa), c.w, true); got != c.want {
			t.Errorf("finglishMatch(%s, %q) = %v, want %v", c.fa, c.w, got, c.want)
		}
	}
}

// TestLexiconWordsAreNoPlaces: a colloquial or Finglish word the lexicon
// reads as another word names no place, whatever it spells: «استانا» after
// «کدوم» is «استان‌ها», not Astana; «khubi» is «خوبی», not Hubei.
func TestLexiconWordsAreNoPlaces(t *testing.T) {
	r := Default()
	for msg, want := range map[string]Intent{
		"تاجیکستان با کدوم استانا همکاری داره":    Partners,
		"tajikestan ba kodum ostana hamkari dare": Partners,
		"salam khubi?":     SmallTalk,
		"merci az komaket": SmallTalk,
	} {
		q := r.Read(msg, nil)
		if q.Intent != want {
			t.Errorf("%q: intent %v, want %v", msg, q.Intent, want)
		}
		for _, p := range q.Places() {
			if p.Place.Name != "تاجیکستان" {
				t.Errorf("%q read %s", msg, p.Place.Name)
			}
		}
	}
}

// TestWhoAfterAnObject: «کی» after an object marked «را/رو» and before an
// active verb, or before a singular active past verb, reads "who" (and the
// answer may still carry a date); a passive or plural verb keeps "when".
func TestWhoAfterAnObject(t *testing.T) {
	r := Default()
	q := r.Read("هیئت عراقی اهواز رو کی دعوت کرده بود", nil)
	if q.Want != WantPerson || !slices.Contains(q.Wants, WantDate) {
		t.Errorf("«… رو کی دعوت کرده بود»: want %v, wants %v; want person, then date", q.Want, q.Wants)
	}
	if q := r.Read("کی امضاش کرد؟", nil); q.Want != WantPerson || !slices.Contains(q.Wants, WantDate) {
		t.Errorf("«کی امضاش کرد؟»: want %v, wants %v; want person, then date", q.Want, q.Wants)
	}
	for _, msg := range []string{"کی دعوت کرده بود", "سند همکاری رو کی نهایی میشه", "کی امضا کردن؟", "اولیش کی امضا کرد", "استاندار کی سفر کرد؟"} {
		if q := r.Read(msg, nil); q.Want != WantDate {
			t.Errorf("%q: want %v; want date", msg, q.Want)
		}
	}
}

// TestTyposMended: an English question word typed with two letters
// swapped, one left out or one too many is read as the word.
func TestTyposMended(t *testing.T) {
	r := Default()
	for msg, want := range map[string]Want{
		"how mcuh r they investing in bushehr port?": WantNumber,
		"how mnay delegations went to kazan":         WantNumber,
	} {
		if q := r.Read(msg, nil); q.Intent != Fact || q.Want != want {
			t.Errorf("%q: %v, want %v; want fact, %v", msg, q.Intent, q.Want, want)
		}
	}
	if q := r.Read("partnrs of tabriz", nil); q.Intent != Partners {
		t.Errorf("«partnrs»: %v, want partners", q.Intent)
	}
	// A place is no typo of a word: "Kerman" stays Kerman.
	if ps := r.Read("kerman partners", nil).Places(); len(ps) != 1 || ps[0].Place.Name != "کرمان" {
		t.Errorf("kerman: %v", ps)
	}
}

// TestNameAsked: «اسم/نام X چی بود» asks a person or an organisation, as X is.
func TestNameAsked(t *testing.T) {
	r := Default()
	for msg, want := range map[string]Want{
		"اسم رئیس اتاق قندهار که اومده بود چی بود؟": WantPerson,
		"what was the name of the mayor of van?":    WantPerson,
		"نام شرکت چینی سرمایه‌گذار چیست؟":           WantOrg,
		"اسم رئیس اتاق بازرگانی تبریز چیه؟":         WantPerson,
	} {
		if q := r.Read(msg, nil); q.Want != want {
			t.Errorf("%q: %v, want %v", msg, q.Want, want)
		}
	}
}

// TestFinglishSmallTalk: "who are you, human or robot?" typed in Finglish
// or in Persian is small talk.
func TestFinglishSmallTalk(t *testing.T) {
	r := Default()
	for _, msg := range []string{"rasti to ki hasti? adam hasti ya robot?", "shoma ki hastin?", "آدم هستی یا ربات؟", "are you a bot?"} {
		if q := r.Read(msg, nil); q.Intent != SmallTalk {
			t.Errorf("%q: %v, want small talk", msg, q.Intent)
		}
	}
}

// TestCountryAfterAPlaceQualifies: a country or province named right after
// a place in it says where the place is; it is no side of its own.
func TestCountryAfterAPlaceQualifies(t *testing.T) {
	r := Default()
	for msg, want := range map[string][]string{
		"همکاری‌های سیستان و بلوچستان با ایالت بلوچستان پاکستان": {"استان سیستان و بلوچستان", "بلوچستان"},
		"روابط خوی با وان ترکیه":                                 {"خوی", "وان"},
		"is urmia twinned with van, turkey?":                     {"ارومیه", "وان"},
		"مشهد خراسان رضوی با هرات":                               {"مشهد", "هرات"},
		"تبریز با ترکیه":                                         {"تبریز", "ترکیه"},
	} {
		q := r.Read(msg, nil)
		var got []string
		for _, p := range q.Places() {
			got = append(got, p.Place.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: places %v, want %v", msg, got, want)
		}
		if msg == "مشهد خراسان رضوی با هرات" && q.Intent != Pair {
			t.Errorf("%q: %v, want pair: the province's words are the place's", msg, q.Intent)
		}
	}
}

// TestSignedItIsContent: «کی امضاش کرد؟» searches for the signing: the
// verb after «کی» is content, and «ـش» ("it") comes off a lexicon word,
// but not off a tie word, where it points back at a place.
func TestSignedItIsContent(t *testing.T) {
	r := Default()
	if q := r.Read("کی امضاش کرد؟", nil); !slices.Contains(q.Words, "امضا") {
		t.Errorf("«کی امضاش کرد؟»: words %v, want «امضا»", q.Words)
	}
	if q := r.Read("تاریخ افتتاح دفتر تجاری چه روزی بود؟", nil); !slices.Contains(q.Words, "افتتاح") {
		t.Errorf("«تاریخ افتتاح»: words %v, want «افتتاح»", q.Words)
	}
	if q := r.Read("نمایش فیلم ایرانی", nil); slices.Contains(q.Words, "نمای") {
		t.Errorf("«نمایش» read as «نمای»: %v", q.Words)
	}
}

// TestPoliteThanks: thanks or a goodbye that asks nothing is small talk
// however long its courtesy; one that asks a figure is a question.
func TestPoliteThanks(t *testing.T) {
	r := Default()
	for msg, want := range map[string]Intent{
		"از پاسخ‌های دقیق شما سپاسگزارم.":                               SmallTalk,
		"از پاسخ‌های دقیقتان سپاسگزارم، روز خوبی داشته باشید.":          SmallTalk,
		"thanks a lot for the detailed answers, have a nice day":        SmallTalk,
		"سلام، وقت بخیر. شما دقیقاً در چه زمینه‌ای می‌توانید کمک کنید؟": SmallTalk,
		"ممنون، صادرات بوشهر به قطر چقدر بود؟":                          Fact,
		"purple monkey dishwasher 42": Nonsense,
	} {
		if q := r.Read(msg, nil); q.Intent != want {
			t.Errorf("%q: %v, want %v", msg, q.Intent, want)
		}
	}
}

// TestGreetingAndMarkDoNotChangeTheQuestion: a greeting or a courtesy
// before a question, thanks after it, or the question mark left out, read
// the same question; a greeting before gibberish is a greeting.
func TestGreetingAndMarkDoNotChangeTheQuestion(t *testing.T) {
	r := Default()
	for _, msg := range []string{
		"Is Shiraz twinned with Dushanbe?",
		"Does Kermanshah have an MoU with any city in Iraq?",
		"تبریز و آنتالیا خواهرخوانده هستن؟",
		"یزد با فلورانس خواهرخونده است؟",
		"تفاهم‌نامه ایلام و واسط امضا شده؟",
	} {
		base := r.Read(msg, nil)
		for _, v := range []string{"سلام، " + msg, "Hi, " + msg, strings.TrimRight(msg, "؟?"), "please tell me, " + msg, "لطفاً بگید " + msg,
			"یه سوال: " + msg, msg + " ممنون", msg + " thanks"} {
			if q := r.Read(v, nil); q.Intent != base.Intent || q.YesNo != base.YesNo {
				t.Errorf("%q: %v (yes/no %v); %q is %v (yes/no %v)", v, q.Intent, q.YesNo, msg, base.Intent, base.YesNo)
			}
		}
	}
	for msg, want := range map[string]Intent{
		"Can you tell me Shiraz's sister cities?": Partners,
		"can you list mashhad partners":           Partners,
		"لطفاً بگید اردبیل با باکو":               Pair,
		"دیگه سوالی ندارم":                        SmallTalk,
		"please":                                  Nonsense,
	} {
		if q := r.Read(msg, nil); q.Intent != want {
			t.Errorf("%q: %v, want %v", msg, q.Intent, want)
		}
	}
	for _, msg := range []string{"سلام، asdf qwer zxcv", "سلام، ججججج خحخح", "hi, purple monkey dishwasher 42"} {
		if q := r.Read(msg, nil); q.Intent != SmallTalk || q.Talk != "greet" {
			t.Errorf("%q: %v %q, want a greeting", msg, q.Intent, q.Talk)
		}
	}
}

// TestLongWordsAreNoTypos: a Latin word longer than any lexicon word is
// not mended (nor tried: its edits are many), and the reader still reads
// the message around it.
func TestLongWordsAreNoTypos(t *testing.T) {
	r := Default()
	long := strings.Repeat("partnres", 50)
	q := r.Read("tabriz "+long, nil)
	if ps := q.Places(); len(ps) != 1 || ps[0].Place.Name != "تبریز" {
		t.Errorf("places %v, want Tabriz", ps)
	}
	if _, ok := r.lx.oneEdit("mcuh"); !ok {
		t.Error("«mcuh» is one swap from «much»")
	}
	tx := r.lx.read(long)
	r.mendTypos(&tx)
	if tx.raw[0] != long {
		t.Errorf("a %d-letter word was mended to %q", len(long), tx.raw[0])
	}
}

// TestTwelfthSetClasses: a demonym before a place word filters the list
// ("Which Lebanese cities"); «با کدوم شهرای ترکیه کار می‌کنه؟» after a
// question about Zanjan asks Zanjan's partners in Turkey, its subject left
// out; «شامل چه مواردی» asks what two places have; a joke asked for is
// small talk.
func TestTwelfthSetClasses(t *testing.T) {
	r := Default()
	if q := r.Read("Which Lebanese cities is Mashhad partnered with?", nil); q.Intent != Partners || q.Within == nil || q.Within.Name != "لبنان" {
		t.Errorf("Lebanese: %v within %v", q.Intent, q.Within)
	}
	prev := r.Read("زنجان با چین چیکار کرده؟", nil)
	for _, msg := range []string{"با کدوم شهرای ترکیه کار می‌کنه؟", "با ترکیه چی؟ با کدوم شهرای ترکیه کار می‌کنه؟"} {
		q := r.Read(msg, &prev)
		if q.Intent != Partners || len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "زنجان" || q.Within == nil || q.Within.Name != "ترکیه" || len(q.Foreign) > 0 {
			t.Errorf("%q after Zanjan: %v %v / %v within %v", msg, q.Intent, names(q.Iranian), names(q.Foreign), q.Within)
		}
	}
	if q := r.Read("با کدوم شهرای ترکیه کار می‌کنه؟", nil); len(q.Iranian) > 0 {
		t.Errorf("with no question before it the subject is not made up: %v", names(q.Iranian))
	}
	if q := r.Read("روابط خراسان رضوی و هرات مشخصاً شامل چه مواردی است؟", nil); q.Intent != Pair {
		t.Errorf("«شامل چه مواردی»: %v, want pair", q.Intent)
	}
	for _, msg := range []string{"یه جوک بگو 😅", "tell me a joke"} {
		if q := r.Read(msg, nil); q.Intent != SmallTalk {
			t.Errorf("%q: %v, want small talk", msg, q.Intent)
		}
	}
}

// TestLostHalfSpaceInAPhrase: a phrase of two words written as one, as a
// page that lost its half-spaces writes it («سرمایهگذاری»، «سرمایهگذاریای»),
// is the phrase.
func TestLostHalfSpaceInAPhrase(t *testing.T) {
	r := Default()
	for _, msg := range []string{"ژاپن در همدان چه سرمایه‌گذاری‌ای انجام داده است؟", "ژاپن در همدان چه سرمایهگذاریای انجام داده است؟", "ژاپن در همدان چه سرمایهگذاری انجام داده است؟"} {
		if q := r.Read(msg, nil); !slices.Contains(q.Relations, peyvand.RelInvestment) || q.Intent != Pair {
			t.Errorf("%q: %v %v, want a pair about investment", msg, q.Intent, q.Relations)
		}
	}
	if !r.Mentions("شرکت ژاپنی در همدان سرمایهگذاری کرد", []peyvand.Relation{peyvand.RelInvestment}) {
		t.Error("a report's «سرمایهگذاری» not read as investment")
	}
}

// TestTwinTowns: "twin towns" and "twinned cities" ask for a list, as
// "sister cities" does.
func TestTwinTowns(t *testing.T) {
	for _, msg := range []string{"Isfahan's Russian twin towns - which ones are they?", "Isfahan's twinned cities", "mashhad twin towns"} {
		if q := Default().Read(msg, nil); q.Intent != Partners {
			t.Errorf("%q: %v, want partners", msg, q.Intent)
		}
	}
}

// TestThirteenthSetClasses: «با آنتالیا چی؟» after Tabriz's partners asks
// Tabriz with Antalya; «آن» and Finglish «oonja» point back; "who made
// you" in another order is small talk; "any deal with" asks what two have.
func TestThirteenthSetClasses(t *testing.T) {
	r := Default()
	prev := r.Read("تبریز با کجاها کار تجاری داره؟", nil)
	if q := r.Read("با آنتالیا چی؟", &prev); q.Intent != Pair || len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "تبریز" {
		t.Errorf("«با آنتالیا چی؟» after Tabriz's partners: %v %v", q.Intent, q.Places())
	}
	prev = r.Read("خراسان رضوی با افغانستان چه ارتباطی داره؟", nil)
	if q := r.Read("Herat chi? oonja daftar tejari daran?", &prev); len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "استان خراسان رضوی" {
		t.Errorf("«oonja» after Khorasan: %v", q.Places())
	}
	prev = r.Read("چابهار با هند چه همکاری‌ای دارد؟", nil)
	if q := r.Read("کدام شرکت اسکله‌های آن را تجهیز می‌کند؟", &prev); len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "چابهار" {
		t.Errorf("«اسکله‌های آن» after Chabahar: %v", q.Places())
	}
	if q := r.Read("تو رو کی ساخته؟", nil); q.Intent != SmallTalk {
		t.Errorf("«تو رو کی ساخته؟»: %v, want small talk", q.Intent)
	}
	if q := r.Read("Kermanshah — any deal with Sulaymaniyah?", nil); q.Intent != Pair {
		t.Errorf("any deal with: %v, want pair", q.Intent)
	}
}

// TestHowManyIsNoContent: «چندتان»، «چندتاست» are the question word, not
// a word the answer must hold; «چندبنده» keeps its noun.
func TestHowManyIsNoContent(t *testing.T) {
	for w, want := range map[string]bool{"چندتان": true, "چندتاست": true, "چندتا": true, "چند": true, "چندبنده": false, "چندین": false} {
		if got := howMany(w); got != want {
			t.Errorf("howMany(%s) = %v, want %v", w, got, want)
		}
	}
	prev := Default().Read("قزوین با کدوم شهرا خواهرخونده‌ست؟", nil)
	if q := Default().Read("چندتان حالا؟", &prev); q.Want != WantNumber || slices.Contains(q.Words, "چندتان") {
		t.Errorf("«چندتان حالا؟»: want %v, words %v", q.Want, q.Words)
	}
}

// TestTheOneGoingThere: «اونی که میره تاجیکستان …» points back at the last
// question's place, and the colloquial copula «ـه‌ست» is no content.
func TestTheOneGoingThere(t *testing.T) {
	r := Default()
	prev := r.Read("هیئت تجاری سمنان کجاها می‌ره؟", nil)
	q := r.Read("اونی که میره تاجیکستان چند نفره‌ست؟", &prev)
	if len(q.Iranian) != 1 || q.Iranian[0].Place.Name != "سمنان" || q.Want != WantNumber {
		t.Errorf("«اونی که میره تاجیکستان»: %v, want %v", q.Places(), q.Want)
	}
	if slices.Contains(q.Words, "ست") {
		t.Errorf("words %v hold the copula", q.Words)
	}
	if q := r.Read("رشت با آستاراخان خواهرخونده‌ست؟", nil); !q.YesNo || !slices.Contains(q.Relations, peyvand.RelSisterCity) {
		t.Errorf("«خواهرخونده‌ست؟»: yes/no %v, relations %v", q.YesNo, q.Relations)
	}
}

// TestTheXOne: "the Isfahan one" after a question about Tabriz and Kazan
// asks the same of Isfahan and Kazan.
func TestTheXOne(t *testing.T) {
	r := Default()
	prev := r.Read("When will the Tabriz–Kazan sister city deal be signed?", nil)
	q := r.Read("When is the Isfahan one going to be signed?", &prev)
	var got []string
	for _, p := range q.Places() {
		got = append(got, p.Place.Name)
	}
	if !slices.Equal(got, []string{"اصفهان", "کازان"}) {
		t.Errorf("places %v, want Isfahan and Kazan", got)
	}
}

// TestSubjectLeftOut: a fact question naming only a foreign place after a
// question about an Iranian one is about that Iranian place too; a list
// asks anew.
func TestSubjectLeftOut(t *testing.T) {
	r := Default()
	prev := r.Read("استان خراسان شمالی با کدام کشورها و مناطق خارجی ارتباط تجاری دارد؟", nil)
	if q := r.Read("چرا به سفر قزاقستان اعتراض کردن؟", &prev); !slices.Equal(names(q.Iranian), []string{"استان خراسان شمالی"}) {
		t.Errorf("«چرا به سفر قزاقستان اعتراض کردن؟»: %v / %v", names(q.Iranian), names(q.Foreign))
	}
	if q := r.Read("قزاقستان با کدوم شهرای ایران کار می‌کنه؟", &prev); len(q.Iranian) > 0 {
		t.Errorf("a reverse list took the last place: %v", names(q.Iranian))
	}
}

// TestCountedNoun: the noun a «چند» question counts («نفر», «هیئت»,
// «بند» glued), none for «چندمین», «چندان» or «چند» alone.
func TestCountedNoun(t *testing.T) {
	for q, want := range map[string]string{
		"چند نفر بودن؟": "نفر", "چند تا هیئت رفت": "هیئت", "چندبنده؟": "بند", "چندمین خواهرخوانده": "", "چند": "", "چندان مهم نیست": "",
	} {
		if want != "" {
			want = persian.Words(persian.Normalize(want))[0]
		}
		if got := countedNoun(persian.Words(persian.Normalize(q))); got != want {
			t.Errorf("countedNoun(%q) = %q, want %q", q, got, want)
		}
	}
	if got := Default().Read("هیئت خراسان رضوی که رفت هرات چند نفر بودن؟", nil).Counted(); got != "نفر" {
		t.Errorf("Counted() = %q, want «نفر»", got)
	}
}
