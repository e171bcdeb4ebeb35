package persian

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	jalaali "github.com/jalaali/go-jalaali"
)

// Month names, in match form (Normalize), to month numbers.
var (
	// iranianMonths are the solar months as Iran names them.
	iranianMonths = map[string]int{
		"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5,
		"شهریور": 6, "مهر": 7, "ابان": 8, "اذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
	}
	// afghanMonths are the same solar months as Afghan (Dari) news names
	// them. Most are ordinary words too (میزان "amount", اسد "lion"), so
	// they are read only inside a full date.
	afghanMonths = map[string]int{
		"حمل": 1, "ثور": 2, "جوزا": 3, "سرطان": 4, "اسد": 5, "سنبله": 6,
		"میزان": 7, "عقرب": 8, "قوس": 9, "جدی": 10, "دلو": 11, "حوت": 12,
	}
	gregorianMonths = map[string]int{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
		"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
		"ژانویه": 1, "ژانویه ی": 1, "فوریه": 2, "مارس": 3, "اوریل": 4, "مه": 5, "می": 5,
		"ژوین": 6, "ژوءن": 6, "ژوییه": 7, "جولای": 7, "اوت": 8, "اگوست": 8, "اگوست ": 8,
		"سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
	}
	weekdays = map[string]bool{
		"شنبه": true, "یکشنبه": true, "دوشنبه": true, "سه شنبه": true, "سهشنبه": true,
		"چهارشنبه": true, "پنجشنبه": true, "پنج شنبه": true, "جمعه": true, "یک شنبه": true,
		"دو شنبه": true, "چهار شنبه": true,
		"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
		"saturday": true, "sunday": true, "mon": true, "tue": true, "wed": true, "thu": true,
		"fri": true, "sat": true, "sun": true,
	}
)

// Month is a month of the Jalali (solar) or the Gregorian calendar.
type Month struct {
	Number int // 1–12
	Jalali bool
}

// MonthNamed returns the month a single word in match form (Normalize)
// names in running text: an Iranian solar month, or a Gregorian month as
// Persian or English news writes it. Words that are more often something
// else are left out: the Afghan month names (میزان, اسد, …), and "may" and
// «می». ParseDate still reads all of them inside a full date.
func MonthNamed(word string) (Month, bool) {
	if word == "may" || word == "می" {
		return Month{}, false
	}
	if n, ok := iranianMonths[word]; ok {
		return Month{n, true}, true
	}
	if n, ok := gregorianMonths[word]; ok {
		return Month{n, false}, true
	}
	return Month{}, false
}

// ParseDate parses one date as Persian news writes it and returns midnight
// UTC of that day: "۹ مهر ۱۴۰۳", "یکشنبه ۱۰ مرداد ۱۴۰۰", "1403/07/09",
// "۱۴۰۳-۰۷-۰۹", "2025-11-30", "25 September 2024", "September 25, 2024",
// "سرطان ۶, ۱۳۹۳" (Afghan month names) and RFC 3339. A weekday before the
// date and a time of day after it ("ساعت 8:13", "- ۰۸:۳۷:۳۹") are allowed.
// Numeric dates are Jalali when the year is 1200–1499 and Gregorian when it
// is 1800–2199. ok is false when s is not a date or not a valid day.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if len(s) >= 10 && s[4] == '-' {
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
			if pt, err := time.Parse(layout, s); err == nil {
				return midnight(pt.Year(), pt.Month(), pt.Day()), true
			}
		}
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822} {
		if pt, err := time.Parse(layout, s); err == nil {
			return midnight(pt.Year(), pt.Month(), pt.Day()), true
		}
	}
	toks := dateTokens(Normalize(s))
	i := 0
	if len(toks) > 0 {
		isWeekday(toks, &i) // a leading weekday is allowed and stepped over
	}
	d, n, ok := matchDate(toks[i:])
	if !ok {
		return time.Time{}, false
	}
	if !timeTail(toks[i+n:]) {
		return time.Time{}, false
	}
	return d, true
}

// FindDate returns the first full date (day, month and year) written in
// text: a Jalali, Afghan or Gregorian month name between a day and a year,
// or a numeric year/month/day (or day/month/year) with a plausible Jalali
// (13xx, 14xx) or Gregorian (19xx, 20xx) year.
func FindDate(text string) (t time.Time, ok bool) {
	toks := dateTokens(Normalize(text))
	for i := range toks {
		if toks[i].kind == tokWord {
			continue
		}
		if d, _, ok := matchDate(toks[i:]); ok {
			if y := d.Year(); y >= 1900 && y < 2100 {
				return d, true
			}
		}
	}
	// month-first forms ("September 25, 2024", "سرطان ۶، ۱۳۹۳")
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		if d, _, ok := matchDate(toks[i:]); ok {
			if y := d.Year(); y >= 1900 && y < 2100 {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// FormatJalali formats t (its calendar day, in its own location) as a
// Persian Jalali date with Persian digits: "۹ مهر ۱۴۰۳". The zero time
// formats as "".
func FormatJalali(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	jy, jm, jd, err := jalaali.ToJalaali(y, m, d)
	if err != nil || jm < 1 || jm > 12 {
		return ""
	}
	return Digits(strconv.Itoa(jd) + " " + jalaliMonthNames[jm-1] + " " + strconv.Itoa(jy))
}

var jalaliMonthNames = [12]string{"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}

func midnight(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

type tokKind uint8

const (
	tokWord tokKind = iota
	tokNum
	tokSep // one of / - .
	tokPunct
)

type dateTok struct {
	kind tokKind
	s    string
	n    int // value of a tokNum
}

// dateTokens splits match-form text into words, numbers and separators.
func dateTokens(s string) []dateTok {
	var toks []dateTok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			v := 0
			if j-i <= 6 {
				v, _ = strconv.Atoi(s[i:j])
			} else {
				v = -1
			}
			toks = append(toks, dateTok{tokNum, s[i:j], v})
			i = j
		case c == '/' || c == '-' || c == '.' || c == '\\':
			toks = append(toks, dateTok{tokSep, s[i : i+1], 0})
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				toks = append(toks, dateTok{tokPunct, s[i : i+n], 0})
				i += n
				continue
			}
			j := i + n
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				j += n
			}
			toks = append(toks, dateTok{tokWord, s[i:j], 0})
			i = j
		}
	}
	return toks
}

// isWeekday skips a weekday name (one or two tokens) and a following comma.
func isWeekday(toks []dateTok, i *int) bool {
	j := *i
	if j+1 < len(toks) && toks[j].kind == tokWord && toks[j+1].kind == tokWord && weekdays[toks[j].s+" "+toks[j+1].s] {
		j += 2
	} else if toks[j].kind == tokWord && weekdays[toks[j].s] {
		j++
	} else {
		return false
	}
	if j < len(toks) && toks[j].kind == tokPunct && (toks[j].s == "," || toks[j].s == "،") {
		j++
	}
	*i = j
	return true
}

// matchDate matches a date at the start of toks and returns it with the
// number of tokens used.
func matchDate(toks []dateTok) (time.Time, int, bool) {
	if len(toks) == 0 {
		return time.Time{}, 0, false
	}
	// numeric: y sep m sep d, or d sep m sep y
	if len(toks) >= 5 && toks[0].kind == tokNum && toks[1].kind == tokSep && toks[2].kind == tokNum &&
		toks[3].kind == tokSep && toks[3].s == toks[1].s && toks[4].kind == tokNum {
		a, b, c := toks[0], toks[2], toks[4]
		if len(a.s) == 4 && len(b.s) <= 2 && len(c.s) <= 2 {
			if t, ok := makeDate(a.n, b.n, c.n); ok {
				return t, 5, true
			}
		}
		if len(c.s) == 4 && len(a.s) <= 2 && len(b.s) <= 2 {
			if t, ok := makeDate(c.n, b.n, a.n); ok {
				return t, 5, true
			}
		}
		return time.Time{}, 0, false
	}
	// day month [ماه] [سال] year
	if toks[0].kind == tokNum && len(toks[0].s) <= 2 && len(toks) >= 3 && toks[1].kind == tokWord {
		j := 1
		m, greg := monthAt(toks, &j)
		if m == 0 {
			return time.Time{}, 0, false
		}
		if j < len(toks) && toks[j].kind == tokPunct && (toks[j].s == "," || toks[j].s == "،") {
			j++
		}
		if j < len(toks) && toks[j].kind == tokWord && toks[j].s == "سال" {
			j++
		}
		if j < len(toks) && toks[j].kind == tokNum && len(toks[j].s) == 4 {
			if t, ok := makeDateCal(toks[j].n, m, toks[0].n, greg); ok {
				return t, j + 1, true
			}
		}
		return time.Time{}, 0, false
	}
	// month day, year
	if toks[0].kind == tokWord {
		j := 0
		m, greg := monthAt(toks, &j)
		if m == 0 || j >= len(toks) || toks[j].kind != tokNum || len(toks[j].s) > 2 {
			return time.Time{}, 0, false
		}
		day := toks[j].n
		j++
		if j < len(toks) && toks[j].kind == tokPunct && (toks[j].s == "," || toks[j].s == "،") {
			j++
		}
		if j < len(toks) && toks[j].kind == tokNum && len(toks[j].s) == 4 {
			if t, ok := makeDateCal(toks[j].n, m, day, greg); ok {
				return t, j + 1, true
			}
		}
	}
	return time.Time{}, 0, false
}

// monthAt reads a month name at toks[*j] (and an optional ماه after it).
func monthAt(toks []dateTok, j *int) (m int, gregorian bool) {
	if *j >= len(toks) || toks[*j].kind != tokWord {
		return 0, false
	}
	w := toks[*j].s
	if v, ok := iranianMonths[w]; ok {
		m = v
	} else if v, ok := afghanMonths[w]; ok {
		m = v
	} else if v, ok := gregorianMonths[w]; ok {
		m, gregorian = v, true
	} else {
		return 0, false
	}
	*j++
	if *j < len(toks) && toks[*j].kind == tokWord && toks[*j].s == "ماه" {
		*j++
	}
	return m, gregorian
}

// makeDateCal builds a date in the calendar the month name implies, then
// checks the year is plausible for it.
func makeDateCal(y, m, d int, gregorian bool) (time.Time, bool) {
	if gregorian {
		if y < 1800 || y >= 2200 {
			return time.Time{}, false
		}
		return gregorianDate(y, m, d)
	}
	if y < 1200 || y >= 1500 {
		return time.Time{}, false
	}
	return jalaliDate(y, m, d)
}

// makeDate builds a numeric date, choosing the calendar by the year.
func makeDate(y, m, d int) (time.Time, bool) {
	switch {
	case y >= 1200 && y < 1500:
		return jalaliDate(y, m, d)
	case y >= 1800 && y < 2200:
		return gregorianDate(y, m, d)
	}
	return time.Time{}, false
}

func gregorianDate(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := midnight(y, time.Month(m), d)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func jalaliDate(y, m, d int) (time.Time, bool) {
	if !jalaali.IsValidDate(y, m, d) {
		return time.Time{}, false
	}
	gy, gm, gd, err := jalaali.ToGregorian(y, jalaali.Month(m), d)
	if err != nil {
		return time.Time{}, false
	}
	return midnight(gy, gm, gd), true
}

// timeTail reports whether toks is empty or only a time of day and its
// decoration: "ساعت 8:13", "- 08:37:39", "| 20:19:33", "، 20:13".
func timeTail(toks []dateTok) bool {
	for _, t := range toks {
		switch t.kind {
		case tokNum, tokSep:
		case tokPunct:
			switch t.s {
			case ":", ",", "،", "|", "(", ")", "[", "]":
			default:
				return false
			}
		case tokWord:
			switch t.s {
			case "ساعت", "am", "pm", "utc", "gmt", "irst", "ق", "ب", "ظ", "ق.ظ", "ب.ظ", "صبح", "عصر", "شب", "بعدازظهر", "ظهر", "t", "z":
			default:
				return false
			}
		}
	}
	return true
}
