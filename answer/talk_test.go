package answer

import (
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/ties"
)

// bushehrQatar is a report of a pair's memoranda, for the tests below.
var bushehrQatar = peyvand.Article{ID: "bushehr-qatar", Title: "پیگیری تفاهم‌نامه‌های بوشهر و قطر",
	Date: time.Date(2025, 5, 4, 0, 0, 0, 0, time.UTC),
	Text: "نشست کمیسیون پیگیری تفاهم‌نامه‌های استان بوشهر و قطر در بندر بوشهر برگزار شد.\n\n" +
		"معاون استاندار بوشهر گفت: دومین تفاهم‌نامه بوشهر و قطر در سال ۲۰۱۵ میلادی امضا شد و صادرات مصالح ساختمانی را در بر می‌گیرد.\n\n" +
		"وی افزود: نخستین سند همکاری دو طرف در سال 88 و در ۱۰ بند امضا شد و موضوع آن خط کشتیرانی و صادرات میوه بود."}

// TestOffTopicGetsAHint: a question that names no place, no tie and no
// word of trade is told what peyvand answers, with no report cited; one
// about trade is answered from the reports.
func TestOffTopicGetsAHint(t *testing.T) {
	for _, q := range []string{"قیمت طلا امروز چنده؟", "چرا آسمان آبی است؟"} {
		ans, read := askOver(t, bushehrQatar, q)
		if read.Intent != question.Nonsense || ans.Mode != ModeChat || len(ans.Citations) > 0 || !ans.Abstained || !strings.Contains(ans.Text, "مربوط نیست") {
			t.Errorf("%q: %s, mode %s, %d citations:\n%s\nwant the off-topic hint", q, read.Intent, ans.Mode, len(ans.Citations), ans.Text)
		}
	}
	if ans, read := askOver(t, bushehrQatar, "صادرات مصالح ساختمانی چه زمانی شروع شد؟"); read.Intent == question.Nonsense || ans.Mode == ModeChat {
		t.Errorf("a trade question without a place read as off topic: %s, %s", read.Intent, ans.Mode)
	}
}

// TestEmojiAreRead: emoji alone are small talk or a hint, not a refusal.
func TestEmojiAreRead(t *testing.T) {
	svc := &Service{}
	for msg, want := range map[string]question.Intent{"👍🙏": question.SmallTalk, "🤷": question.Nonsense} {
		if err := CheckQuestion(msg); err != nil {
			t.Errorf("%q refused: %v", msg, err)
		}
		if q := svc.Read(msg, nil); q.Intent != want {
			t.Errorf("%q: %s; want %s", msg, q.Intent, want)
		}
	}
	if err := CheckQuestion("؟!…"); err == nil {
		t.Error("punctuation alone accepted")
	}
}

// TestOrdinalPicksItsSentence: «نخستین/اولیش» is answered by the sentence
// about the first, not by one about the second; «سال 88» is a date.
func TestOrdinalPicksItsSentence(t *testing.T) {
	ans, _ := askOver(t, bushehrQatar, "اولین تفاهم‌نامه بوشهر و قطر کی امضا شد؟")
	first, second := strings.Index(ans.Text, "سال 88"), strings.Index(ans.Text, "۲۰۱۵")
	if first < 0 || second >= 0 && second < first {
		t.Errorf("answer:\n%s\nwant the first memorandum's sentence to lead", ans.Text)
	}
}

// TestTiesAskedNeedATradeReport: «آیا خوی با وان همکاری دارد؟» is not
// answered by an earthquake felt in both.
func TestTiesAskedNeedATradeReport(t *testing.T) {
	quake := peyvand.Article{ID: "quake", Title: "زمین‌لرزه در وان ترکیه", Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC),
		Text: "زمین‌لرزه‌ای به بزرگی ۵ ریشتر بامداد امروز استان وان ترکیه را لرزاند و در خوی و ماکو نیز احساس شد.\n\n" +
			"به گفته هلال احمر، خسارتی در خوی گزارش نشده است."}
	if ans, _ := askOver(t, quake, "آیا خوی با وان همکاری دارد؟"); !ans.Abstained {
		t.Errorf("answered from an earthquake report:\n%s", ans.Text)
	}
}

// TestPairWithoutAStatedTieAbstains: two places named in one sentence,
// but tied to a third, have no ties to report.
func TestPairWithoutAStatedTieAbstains(t *testing.T) {
	list := peyvand.Article{ID: "shiraz-list", Title: "خواهرخوانده‌های شیراز", Date: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Text: "شهردار شیراز گفت: شیراز پیش از این با وایمار آلمان، دوشنبه، مالاکا در مالزی و حتی رامسر پیوند خواهرخواندگی و همکاری تجاری برقرار کرده است."}
	// «دوشنبه» is Dushanbe after «با» and a place, not Monday.
	for _, q := range []string{"همکاری‌های رامسر و وایمار", "آیا رامسر با وایمار همکاری تجاری دارد؟", "آیا رامسر با دوشنبه همکاری تجاری دارد؟"} {
		if ans, read := askOver(t, list, q); read.Intent != question.Pair || !ans.Abstained || ans.Mode != peyvand.ModeGraph {
			t.Errorf("%q: %s, abstained %v, mode %q:\n%s", q, read.Intent, ans.Abstained, ans.Mode, ans.Text)
		}
	}
	if ans, _ := askOver(t, list, "همکاری‌های شیراز و وایمار"); ans.Abstained {
		t.Errorf("the stated pair abstained:\n%s", ans.Text)
	}
}

// TestUnreadEnglishIsNotAnswered: an English question none of whose words
// the glossary reads is not answered by a sentence that only names its
// place.
func TestUnreadEnglishIsNotAnswered(t *testing.T) {
	festival := peyvand.Article{ID: "festival", Title: "جشنواره فیلم کودکان در اصفهان", Date: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
		Text: "دبیر جشنواره گفت: در بخش بین‌الملل ۸۰ فیلم از ۳۰ کشور از جمله ایتالیا، فرانسه و هند در سینماهای اصفهان اکران می‌شود."}
	if ans, read := askOver(t, festival, "What is the capital of France?"); !read.Unread || !ans.Abstained {
		t.Errorf("unread %v, answered:\n%s", read.Unread, ans.Text)
	}
}

// TestListOfOneIsTheFocus: after a list of one partner, «این تفاهم‌نامه»
// asks about that partner's memorandum, and the sentence naming it answers.
func TestListOfOneIsTheFocus(t *testing.T) {
	a := peyvand.Article{ID: "ardabil-baku", Title: "تفاهم‌نامه اتاق‌های اردبیل و باکو", Date: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		Text: "رئیس اتاق بازرگانی اردبیل گفت: اتاق‌های بازرگانی اردبیل و باکو بر سر متن تفاهم‌نامه همکاری به توافق رسیده‌اند و این سند در ۱۲ تیر ۱۴۰۴ امضا خواهد شد.\n\n" +
			"بنای تاریخی شیخ صفی در اردبیل میزبان گردشگران بود."}
	e := enginetest.New(t)
	enginetest.Ingest(t, e, []peyvand.Article{a})
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	_, list, err := svc.Ask(t.Context(), "اردبیل با کدام شهرها تفاهم‌نامه دارد؟", AskOptions{})
	if err != nil || list.Intent != question.Partners || len(list.Focus) != 1 {
		t.Fatalf("list: %s, focus %v (%v)", list.Intent, list.Focus, err)
	}
	ans, q, err := svc.Ask(t.Context(), "این تفاهم‌نامه در چه تاریخی امضا می‌شود؟", AskOptions{Previous: &list})
	if err != nil || len(q.Foreign) != 1 || !strings.Contains(ans.Text, "۱۲ تیر ۱۴۰۴") {
		t.Errorf("foreign %v, answer:\n%s (%v)", q.Foreign, ans.Text, err)
	}
}

// TestYesNoOfOnePlaceListsItsTies: "has X got a sister city?" is answered
// by X's partners of that kind with their status, and the sentence that
// says so.
func TestYesNoOfOnePlaceListsItsTies(t *testing.T) {
	a := peyvand.Article{ID: "yazd-herat", Title: "پیشنهاد خواهرخواندگی یزد و هرات", Date: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Text: "شهردار یزد گفت: پیشنهاد خواهرخوانده شدن یزد و هرات افغانستان از سوی کنسول این کشور مطرح شده و به زودی در شورای شهر بررسی می‌شود تا همکاری‌های اقتصادی و تجاری دو شهر گسترش یابد.\n\n" +
			"بافت تاریخی یزد امسال میزبان گردشگران خارجی بسیاری بود."}
	for _, q := range []string{"آیا یزد خواهرخوانده دارد؟", "Has Yazd got a sister city yet?"} {
		ans, read := askOver(t, a, q)
		if !read.YesNo || ans.Mode != peyvand.ModeGraph || !strings.Contains(ans.Text, "هرات") ||
			!strings.Contains(ans.Text, pick(read.English, "پیشنهادی", "proposed")) || !strings.Contains(ans.Text, "شورای شهر بررسی") {
			t.Errorf("%q: yes/no %v, mode %s:\n%s\nwant the proposed partner and its sentence", q, read.YesNo, ans.Mode, ans.Text)
		}
	}
}

// TestNewsOfTiesWithoutAPlace: news of ties asked with no place named is
// the country's newest ties, cited; not the off-topic hint.
func TestNewsOfTiesWithoutAPlace(t *testing.T) {
	for _, q := range []string{"چه خبر از همکاری‌های خارجی؟", "latest news on foreign trade ties"} {
		ans, read := askOver(t, bushehrQatar, q)
		if read.Intent != question.Brief || ans.Mode != peyvand.ModeGraph || ans.Abstained || len(ans.Citations) == 0 ||
			!strings.Contains(ans.Text, pick(read.English, "قطر", "Qatar")) {
			t.Errorf("%q: %s, mode %s, abstained %v:\n%s", q, read.Intent, ans.Mode, ans.Abstained, ans.Text)
		}
	}
}
