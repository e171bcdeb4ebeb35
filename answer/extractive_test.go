package answer

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/ties"
)

// evidenceOf makes a request's evidence: one passage an article, each
// naming every place asked (as retrieval reports it).
func evidenceOf(places int, texts ...string) []Evidence {
	var out []Evidence
	for i, t := range texts {
		id := "e" + string(rune('1'+i))
		out = append(out, Evidence{
			Article:  peyvand.Article{ID: id, Title: "خبر " + id, Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
			Passage:  peyvand.Passage{ArticleID: id, Text: t},
			Coverage: 0.8, PlacesMatched: places,
		})
	}
	return out
}

func TestExtractiveLeadsWithTheSentenceThatAnswers(t *testing.T) {
	hormozgan := "کمیسیون پیگیری تفاهم‌نامه‌های دو استان هرمزگان و مسندم در محل استانداری هرمزگان تشکیل جلسه داد. " +
		"مشاور استاندار هرمزگان گفت: تاکنون سه تفاهم‌نامه میان هرمزگان و مسندم عمان به امضا رسیده است. " +
		"وی افزود: نخستین سند در سال ۸۷ و در ۱۴ بند امضا شد و موضوعات مهمی را در بر می‌گرفت."
	r := question.Default()
	for _, tc := range []struct {
		q, want string
	}{
		// The year and the clauses are in a sentence that names neither
		// place: its passage does.
		{"نخستین تفاهم‌نامه هرمزگان و مسندم چه سالی و در چند بند امضا شد؟", "۱۴ بند"},
		{"هرمزگان و مسندم چند تفاهم‌نامه امضا کرده‌اند؟", "سه تفاهم‌نامه"},
	} {
		q := r.Read(tc.q, nil)
		req := Request{Question: tc.q, Places: []string{"استان هرمزگان", "مسندم"}, Want: q.Want, Wants: q.Wants,
			Relations: q.Relations, Words: q.Words, Evidence: evidenceOf(2, hormozgan)}
		ans, _ := Extractive{}.Compose(context.Background(), req)
		first, _, _ := strings.Cut(ans.Text, "\n")
		if ans.Abstained || !strings.Contains(first, tc.want) {
			t.Errorf("%q: answer %q; want it to lead with %q", tc.q, ans.Text, tc.want)
		}
		if n := strings.Count(ans.Text, "\n") + 1; n > 2 {
			t.Errorf("%q: %d sentences; want the answer and at most one more", tc.q, n)
		}
	}
}

func TestExtractiveAbstainsOffTarget(t *testing.T) {
	r := question.Default()
	volleyball := "رئیس هیئت والیبال استان گلستان از سفر ۱۴ بازیکن و مربی تیم نوجوانان استان به شهر سائوپائولو برزیل خبر داد."
	balkan := "پیوندهای گلستان و بالکان در زمینه‌های فرهنگی و بازرگانی در سال‌های گذشته وضع خوبی داشته است."
	for _, tc := range []struct {
		q        string
		places   []string
		matched  int
		passages []string
	}{
		// A sports board is no trade delegation.
		{"هیئت تجاری گلستان کی به برزیل رفت؟", []string{"استان گلستان", "برزیل"}, 2, []string{volleyball}},
		// Two places asked, a passage about one of them and another.
		{"گلستان و برزیل چه زمانی تفاهم‌نامه امضا کردند؟", []string{"استان گلستان", "برزیل"}, 1, []string{balkan}},
	} {
		q := r.Read(tc.q, nil)
		req := Request{Question: tc.q, Places: tc.places, Want: q.Want, Wants: q.Wants, Relations: q.Relations,
			Words: q.Words, Evidence: evidenceOf(tc.matched, tc.passages...)}
		if ans, _ := (Extractive{}).Compose(context.Background(), req); !ans.Abstained {
			t.Errorf("%q: answered %q; want an abstention", tc.q, ans.Text)
		}
	}
	// A figure asked and none given: said so, as an abstention.
	q := r.Read("نمایشگاه گلستان در عشق‌آباد چند شرکت داشت؟", nil)
	req := Request{Question: q.Text, Places: []string{"استان گلستان", "عشق‌آباد"}, Want: q.Want, Wants: q.Wants, Relations: q.Relations,
		Words: q.Words, Evidence: evidenceOf(2, "نمایشگاه اختصاصی توانمندی‌های استان گلستان در عشق‌آباد با حضور شرکت‌های صادرکننده و فعالان اقتصادی برگزار شد.")}
	ans, _ := Extractive{}.Compose(context.Background(), req)
	if !ans.Abstained || !strings.Contains(ans.Text, "رقم دقیقی") {
		t.Errorf("no figure in the reports: %+v", ans)
	}
}

// TestWantedTypesAreNotDates: a day or a year is no figure, and the date
// of a report does not answer when something is to come.
func TestWantedTypesAreNotDates(t *testing.T) {
	if carries(places.Default(), question.WantNumber, "هیئت تجاری عراق روز ۲۷ بهمن‌ماه سال ۱۴۰۲ به کرمانشاه سفر کرد.", nil, false) {
		t.Error("a date's day and year counted as the figure asked")
	}
	if !carries(places.Default(), question.WantNumber, "هیئت ۲۰ نفره تجار عراقی به کرمانشاه سفر کرد.", nil, false) {
		t.Error("«۲۰ نفره» is the figure")
	}
	r := question.Default()
	q := r.Read("نمایشگاه گلستان در عشق‌آباد کی برگزار میشه؟", nil)
	req := Request{Question: q.Text, Places: []string{"استان گلستان", "عشق‌آباد"}, Want: q.Want, Wants: q.Wants,
		Relations: q.Relations, Words: q.Words,
		Evidence: evidenceOf(2, "نمایشگاه اختصاصی توانمندی‌های استان گلستان در عشق‌آباد با حضور شرکت‌های صادرکننده برپا خواهد شد.")}
	if ans, _ := (Extractive{}).Compose(context.Background(), req); !ans.Abstained || strings.Contains(ans.Text, "تاریخ خبر") {
		t.Errorf("a future event answered by the report's date: %q", ans.Text)
	}
}

// TestPairNeedsATie: two places named together at a mourning ceremony or
// in an earthquake report are no tie, asked in English (no content word
// left once "ties" is read) or in Persian; a page stating a memorandum is.
func TestPairNeedsATie(t *testing.T) {
	// The dev items: a mourning ceremony names Zanjan and Lebanon (x060),
	// other pages name Zanjan with trade words.
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e}
	for _, q := range []string{"zanjan lebanon ties?", "روابط زنجان و لبنان چگونه است؟",
		// An earthquake felt in Khoy and in Van (x056) is no trade.
		"آیا خوی با استان وان ترکیه تجارت دارد؟"} {
		ans, _, err := svc.Ask(context.Background(), q, AskOptions{})
		if err != nil || !ans.Abstained {
			t.Errorf("%q: answered %q (%v); want an abstention", q, ans.Text, err)
		}
	}
	mou := peyvand.Article{ID: "irna-9", Title: "امضای تفاهم‌نامه همکاری اقتصادی زنجان و لبنان",
		Text: "استاندار زنجان و سفیر لبنان تفاهم‌نامه همکاری اقتصادی و بازرگانی میان استان زنجان و لبنان را امضا کردند."}
	enginetest.Ingest(t, e, []peyvand.Article{mou})
	ans, _, err := svc.Ask(context.Background(), "zanjan lebanon ties?", AskOptions{})
	if err != nil || ans.Abstained || !strings.Contains(ans.Text, "تفاهم") {
		t.Errorf("with a memorandum stored: %q (%v)", ans.Text, err)
	}
}

// TestRankIsNotACount: «نهمین شهر خواهرخوانده» answers «چندمین» and
// not "how many".
func TestRankIsNotACount(t *testing.T) {
	kazan := "شهردار قازان با اشاره به پیوندهای دیرینه فرهنگی، تبریز را نهمین شهر خواهرخوانده قازان خواند."
	r := question.Default()
	for q, answered := range map[string]bool{
		"تبریز چندمین خواهرخوانده کازان است؟":      true,
		"How many sister cities does Tabriz have?": false,
		"تبریز چند شهر خواهرخوانده دارد؟":          false,
	} {
		read := r.Read(q, nil)
		req := Request{Question: q, Places: []string{"تبریز", "کازان"}, Want: read.Want, Wants: read.Wants, Rank: read.Rank,
			Relations: read.Relations, Words: read.Words, English: read.English, Evidence: evidenceOf(2, kazan)}
		ans, _ := Extractive{}.Compose(context.Background(), req)
		if got := !ans.Abstained && strings.Contains(ans.Text, "نهمین"); got != answered {
			t.Errorf("%q (rank %v): answer %q; want answered %v", q, read.Rank, ans.Text, answered)
		}
	}
}

// TestBriefOfTwoPlacesHasDetails: a summary asked of two places («وضعیت
// همکاری هرمزگان و مسندم») is read as the pair's and gets the sentences
// that tell what they agreed.
func TestBriefOfTwoPlacesHasDetails(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	ans, q, err := svc.Ask(context.Background(), "وضعیت همکاری هرمزگان و مسندم چیست؟", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Intent != question.Pair || !strings.Contains(ans.Text, "از متن خبرها:") {
		t.Errorf("intent %s, answer:\n%s\nwant the pair's brief with its details", q.Intent, ans.Text)
	}
}

// TestExtractiveListsTheFields: «در چه زمینه‌هایی» is answered by the
// sentence that lists them, though it names neither place.
func TestExtractiveListsTheFields(t *testing.T) {
	text := "تفاهم‌نامه همکاری شهرداری یزد و شهرداری شارجه در سفر هیئت شارجه به یزد امضا شد. " +
		"وی گفت: این تفاهمنامه حوزههای بازیافت، آموزش شهروندی و میراث فرهنگی را در بر میگیرد. " +
		"شهردار یزد گفت: قرار است هیئتی از یزد نیز به شارجه سفر کند."
	r := question.Default()
	for _, q := range []string{"تفاهم‌نامه یزد و شارجه در چه زمینه‌هایی است؟", "What areas does the Yazd–Sharjah MoU cover?"} {
		read := r.Read(q, nil)
		req := Request{Question: q, Search: read.Persian(), Places: []string{"یزد", "شارجه"}, Want: read.Want, Wants: read.Wants,
			Relations: read.Relations, Words: read.Words, English: read.English, Evidence: evidenceOf(2, text)}
		ans, _ := Extractive{}.Compose(context.Background(), req)
		lead := strings.TrimPrefix(ans.Text, "From the news (quoted in Persian):\n")
		if ans.Abstained || !strings.HasPrefix(lead, "وی گفت: این تفاهمنامه حوزههای") {
			t.Errorf("%q: answer\n%s\nwant the sentence with the fields first", q, ans.Text)
		}
	}
}

// TestExtractiveReadsAkinWords: «چی بسازن؟» is answered by «برای تأسیس
// یک کارخانه»: the words differ, the act is one.
func TestExtractiveReadsAkinWords(t *testing.T) {
	text := "به گفته وی، شرکت‌های ترکیه آمادگی خود را برای تأسیس یک کارخانه کاشی در یزد اعلام کردند."
	q := "ترکیه‌ایا می‌خوان تو یزد چی بسازن؟"
	read := question.Default().Read(q, nil)
	req := Request{Question: q, Search: read.Persian(), Places: []string{"یزد", "ترکیه"}, Want: read.Want, Wants: read.Wants,
		Relations: read.Relations, Words: read.Words, Evidence: evidenceOf(2, text)}
	if ans, _ := (Extractive{}).Compose(context.Background(), req); ans.Abstained || !strings.Contains(ans.Text, "کارخانه کاشی") {
		t.Errorf("%q (words %v): answer %q; want the factory", q, read.Words, ans.Text)
	}
}

// TestCountedNounLeads: «چند نفر» is answered by the sentence that counts
// people («۶۵ نفره»), not by another figure of the same reports.
func TestCountedNounLeads(t *testing.T) {
	trucks := "وی افزود: روزانه بیش از ۸۰۰ کامیون از پایانه مرزی دوغارون در خراسان رضوی به سمت هرات تردد می‌کنند."
	people := "وی افزود: استاندار خراسان رضوی را یک گروه اقتصادی ۶۵ نفره همراهی می کند که بیشتر اعضای آن از فعالان بخش خصوصی هستند.\n\n" +
		"معصومی فر درباره برنامه های هیئت ایرانی گفت: اعضای هیئت گذشته از دیدار با استاندار هرات، در همایش اقتصادی مشترکی نیز شرکت خواهند کرد."
	msg := "هیئت خراسان رضوی که رفت هرات چند نفر بودن؟"
	q := question.Default().Read(msg, nil)
	req := Request{Question: msg, Places: []string{"استان خراسان رضوی", "هرات"}, Want: q.Want, Wants: q.Wants,
		Words: q.Words, Counted: q.Counted(), Evidence: evidenceOf(2, trucks, people)}
	req.Evidence[1].Article.Title = "سفر استاندار خراسان رضوی با هیئت اقتصادی ۶۵ نفره به هرات"
	ans, _ := Extractive{}.Compose(context.Background(), req)
	if first, _, _ := strings.Cut(ans.Text, "\n"); ans.Abstained || !strings.Contains(first, "۶۵ نفره") {
		t.Errorf("answer %q; want it to lead with «۶۵ نفره»", ans.Text)
	}
}

// TestCountsTheNounOnly: a figure counts the noun asked, with its endings,
// not a longer word that starts with it («بند» is no «بندر»).
func TestCountsTheNounOnly(t *testing.T) {
	for _, c := range []struct {
		sentence, noun string
		want           bool
	}{
		{"تفاهم‌نامه‌ای در ۱۵ بند امضا شد", "بند", true},
		{"سند ۱۵ بندی همکاری", "بند", true},
		{"کالا از ۳ بندر صادر شد", "بند", false},
		{"هیئت ۶۵ نفره به هرات رفت", "نفر", true},
	} {
		if got := counts(c.sentence, persianMatch(c.noun)); got != c.want {
			t.Errorf("counts(%q, %s) = %v, want %v", c.sentence, c.noun, got, c.want)
		}
	}
}

func persianMatch(s string) string {
	if s == "" {
		return ""
	}
	return persian.Words(persian.Normalize(s))[0]
}

// TestTitleNamesTheOtherSide: a paragraph that names one of the two places
// asked answers when its report's title names the other; without such a
// title it does not.
func TestTitleNamesTheOtherSide(t *testing.T) {
	text := "وی افزود: استاندار خراسان رضوی را یک گروه اقتصادی ۶۵ نفره همراهی می کند و اعضای هیئت در همایش اقتصادی مشترک شرکت خواهند کرد."
	msg := "هیئت خراسان رضوی که رفت هرات چند نفر بودن؟"
	q := question.Default().Read(msg, nil)
	for title, answers := range map[string]bool{
		"سفر دو روزه استاندار خراسان رضوی با هیئت اقتصادی ۶۵ نفره به هرات": true,
		"سفر دو روزه استاندار خراسان رضوی با هیئت اقتصادی ۶۵ نفره":         false,
	} {
		req := Request{Question: msg, Places: []string{"استان خراسان رضوی", "هرات"}, Want: q.Want, Wants: q.Wants,
			Relations: q.Relations, Words: q.Words, Evidence: evidenceOf(1, text)}
		req.Evidence[0].Article.Title = title
		if ans, _ := (Extractive{}).Compose(context.Background(), req); ans.Abstained == answers {
			t.Errorf("title %q: abstained %v, answer %q", title, ans.Abstained, ans.Text)
		}
	}
}

// TestPairDetailsGiveTheTerms: a pair's details quote the sentence that
// gives the terms of the agreement («بر اساس این توافق … ۵۰۰ دلار»),
// though it names neither place.
func TestPairDetailsGiveTheTerms(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	ans, q, err := svc.Ask(context.Background(), "ارتباط تجاری‌ای هست بین زاهدان و کویته؟", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Intent != question.Pair || !strings.Contains(ans.Text, "بر اساس این توافق") {
		t.Errorf("intent %s, answer:\n%s\nwant the terms of the Zahedan–Quetta agreement", q.Intent, ans.Text)
	}
	for _, s := range []string{"«این توافق» گفت", "بر اساس این تفاهم‌نامه، دو طرف", "این سند در ۱۵ بند"} {
		if !refersToTie(s) {
			t.Errorf("refersToTie(%q) = false", s)
		}
	}
	if refersToTie("در حاشیه این نشست دیدار کردند") {
		t.Error("a meeting is no agreement")
	}
}

// TestWhoSignedItFollowUp: «کی امضاش کرد؟» after a pair is answered by
// the sentence naming the signers, though a sentence of another report
// about one of the places scores higher and is passed over as off target.
func TestWhoSignedItFollowUp(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	_, prev, err := svc.Ask(context.Background(), "لطفاً روابط همکاری استان خوزستان و استان بصره عراق را شرح دهید.", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ans, _, err := svc.Ask(context.Background(), "کی امضاش کرد؟", AskOptions{Previous: &prev})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || !strings.Contains(ans.Text, "مقتدایی") {
		t.Errorf("answer:\n%s\nwant the signers, «مقتدایی» among them", ans.Text)
	}
}

// TestContinuationIsContext: the sentence that goes on about the answer's
// proposal («… با استقبال از این پیشنهاد گفت: …») is quoted after it: it
// says the twinning waits for the council.
func TestContinuationIsContext(t *testing.T) {
	text := "شهردار وان ترکیه که در رأس هیئتی ۱۰ نفره به ارومیه سفر کرده، در دیدار با شهردار ارومیه پیشنهاد خواهرخواندگی دو شهر را مطرح کرد. " +
		"شهردار ارومیه نیز با استقبال از این پیشنهاد گفت: موضوع برای تصویب به شورای اسلامی شهر ارسال می‌شود. " +
		"رئیس سازمان صمت در این دیدار از صادرات کالا به وان گفت."
	msg := "is urmia already twinned with van?"
	q := question.Default().Read(msg, nil)
	req := Request{Question: msg, Search: q.Persian(), Places: []string{"ارومیه", "وان"}, Want: q.Want, Wants: q.Wants,
		Relations: q.Relations, Words: q.Words, English: true, Unread: q.Unread, Evidence: evidenceOf(2, text)}
	// A quake felt in both outscores the council sentence, and is no
	// context: it speaks of no twinning.
	other := evidenceOf(2, "زمین‌لرزه‌ای به بزرگی ۶ ریشتر بامداد امروز استان وان ترکیه را لرزاند و شدت آن در تبریز، ارومیه و خوی حس شد.")[0]
	other.Article.ID, other.Passage.ArticleID = "e9", "e9"
	req.Evidence = append(req.Evidence, other)
	ans, _ := Extractive{}.Compose(context.Background(), req)
	if ans.Abstained || !strings.Contains(ans.Text, "شورای اسلامی شهر") || strings.Contains(ans.Text, "صمت") || strings.Contains(ans.Text, "زمین") {
		t.Errorf("answer:\n%s\nwant the proposal, then the council sentence only", ans.Text)
	}
}

// TestYesNoBetweenNeedsBoth: «رشت با بلاروس تفاهم‌نامه داره؟» is not
// answered by a sentence about Belarus alone, though its passage names
// Rasht as a venue.
func TestYesNoBetweenNeedsBoth(t *testing.T) {
	text := "نشست ملی صادرات در رشت برگزار شد. وی افزود: روسیه، قزاقستان و بلاروس بیشترین ظرفیت را برای افزایش واردات کالاهای ایرانی و تفاهم‌نامه‌های تجاری دارند."
	msg := "رشت با بلاروس تفاهمنامه داره؟"
	q := question.Default().Read(msg, nil)
	req := Request{Question: msg, Places: []string{"رشت", "بلاروس"}, Want: q.Want, Wants: q.Wants, Relations: q.Relations,
		Words: q.Words, Between: q.YesNo, Evidence: evidenceOf(2, text)}
	if !q.YesNo {
		t.Fatalf("%q not read as yes/no", msg)
	}
	if ans, _ := (Extractive{}).Compose(context.Background(), req); !ans.Abstained {
		t.Errorf("answer %q; want an abstention: no sentence names both", ans.Text)
	}
}

// TestSportIsNoTie: a sentence about a football camp that names Tabriz
// and Antalya answers nothing between them, however economic the rest of
// its passage.
func TestSportIsNoTie(t *testing.T) {
	text := "تیم فوتبال تراکتور تبریز برای برپایی اردوی میان‌فصل راهی آنتالیا در جنوب ترکیه شد. صادرات کالا از تبریز به ترکیه و سرمایه‌گذاری و تجارت دو کشور رشد کرد."
	msg := "تبریز با آنتالیا چه کرده؟"
	q := question.Default().Read(msg, nil)
	req := Request{Question: msg, Places: []string{"تبریز", "آنتالیا"}, Want: q.Want, Wants: q.Wants, Words: q.Words, Evidence: evidenceOf(2, text)}
	if ans, _ := (Extractive{}).Compose(context.Background(), req); strings.Contains(ans.Text, "فوتبال") {
		t.Errorf("answer %q quotes the football camp", ans.Text)
	}
}

// TestPartnerFallbackSpeaksOfTies: a partner list the graph cannot answer
// is not answered with a report on the city's air.
func TestPartnerFallbackSpeaksOfTies(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	_, prev, err := svc.Ask(context.Background(), "کرمان با کدوم شهرای عراق کار میکنه؟", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ans, _, err := svc.Ask(context.Background(), "اراک؟", AskOptions{Previous: &prev})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Text, "کیفیت هوا") {
		t.Errorf("answer:\n%s\nquotes the air quality report", ans.Text)
	}
}
