package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
)

// carries reports whether a sentence holds the type of answer a question
// expects: a number for «چند»، a date or a time for «کی»، a person's title
// for «چه کسی»، an organisation for «کدام نهاد»، a place other than the
// question's own for «کجا»، a cause for «چرا». Any sentence carries "no
// type" and "a thing". A rank («چندمین») is answered by an ordinal, and
// only a rank: «نهمین شهر خواهرخوانده قازان» says not how many Tabriz has.
func carries(g *places.Gazetteer, w question.Want, sentence string, asked []string, rank bool) bool {
	words := persian.Words(persian.Normalize(sentence))
	switch w {
	case question.WantNumber:
		// A figure, not a date's day or year: «۲۷ بهمن» counts nothing.
		for i, s := range words {
			switch {
			case ordinal(s):
				if rank {
					return true
				}
			case countWords[s]:
				return true
			case digits(s) && !year(s) && !(i+1 < len(words) && isTime(words[i+1])) && !(i > 0 && isTime(words[i-1])):
				return true
			}
		}
		return false
	case question.WantDate:
		if _, ok := persian.FindDate(sentence); ok {
			return true
		}
		for i, s := range words[:max(len(words)-1, 0)] {
			// «در سال 87»: a year in two digits, as reports write the 1380s.
			if s == "سال" && digits(words[i+1]) && utf8.RuneCountInString(words[i+1]) == 2 {
				return true
			}
		}
		return anyWord(words, func(s string) bool {
			return isTime(s) || year(s)
		})
	case question.WantPerson:
		return anyWord(words, func(s string) bool { return personWords[s] })
	case question.WantOrg:
		return anyWord(words, func(s string) bool { return orgWords[s] })
	case question.WantPlace:
		for _, m := range g.Find(sentence) {
			if m.Place.Name != peyvand.Iran && !containsName(asked, m.Place.Name) {
				return true
			}
		}
		return anyWord(words, func(s string) bool { return siteWords[s] })
	case question.WantReason:
		return anyWord(words, func(s string) bool { return reasonWords[s] })
	}
	return true
}

// isTime reports a word of time: a month («بهمن»، «بهمن‌ماه» glued), a day,
// a season, «آینده» …
func isTime(s string) bool {
	return timeWords[s] || strings.HasSuffix(s, "ماه") && timeWords[strings.TrimSuffix(s, "ماه")]
}

func anyWord(ws []string, f func(string) bool) bool {
	for _, w := range ws {
		if f(w) {
			return true
		}
	}
	return false
}

func containsName(names []string, n string) bool {
	for _, m := range names {
		if m == n {
			return true
		}
	}
	return false
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// year reports whether s is a year of the Jalali or Gregorian calendars
// news use.
func year(s string) bool {
	return digits(s) && len(s) == 4 && (s[:2] == "13" || s[:2] == "14" || s[:2] == "19" || s[:2] == "20")
}

// ordinal reports an ordinal: «نهمین»، «دومین»، «نخستین».
func ordinal(s string) bool {
	return strings.HasSuffix(s, "مین") && len([]rune(s)) > 4 || s == "نخستین" || s == "اولین"
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[persian.Normalize(w)] = true
	}
	return m
}

var (
	// «یک» and «دو» are left out: «دو کشور» and «یک هیئت» count nothing asked.
	countWords = set(`سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده بیست سی چهل پنجاه شصت هفتاد هشتاد نود صد دویست سیصد چهارصد پانصد هزار میلیون میلیارد نیم دهها صدها هزاران درصد`)
	timeWords  = set(`فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر
		امروز دیروز فردا امسال پارسال آینده گذشته بعد قبل پیش اخیر هفته ماه سال روز بهار تابستان پاییز زمستان شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه
		ماهه سالانه هفتگی روزانه نوروز هنگام زمان`)
	personWords = set(`آقای خانم دکتر مهندس قائم سرپرست دبیرکل کاردار رئیس استاندار شهردار سفیر معاون وزیر مدیرکل سرکنسول کنسول والی نماینده دبیر مدیرعامل رایزن فرماندار بخشدار نایب سخنگو مشاور عضو شیخ امیر`)
	orgWords    = set(`اتاق شرکت شرکتهای سازمان بانک دانشگاه وزارت وزارتخانه گروه موسسه شهرداری استانداری گمرک هلدینگ کنسرسیوم انجمن اتحادیه بنیاد صندوق فرمانداری کنسولگری سفارت`)
	siteWords   = set(`شهر بندر مرز بازارچه گذرگاه پایانه ساختمان عمارت کاخ باغ تالار موزه محل سالن مرکز منطقه کشور استان ولایت ایالت اسکله فرودگاه هتل محل‌برگزاری`)
	reasonWords = set(`زیرا چون چرا به‌دلیل دلیل علت خاطر برای تا هدف منظور راستای نیاز لزوم باعث سبب`)
)
