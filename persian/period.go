package persian

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	compactPeriod = regexp.MustCompile(`^(\d+)\s*(d|w|mo|y)$`)
	wordPeriod    = regexp.MustCompile(`^(\d+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|دوازده)\s+(روز|هفته|ماه|سال)(\s+(اخیر|گذشته))?$`)
)

// ParsePeriod reads how far back a briefing goes: "90d", "12w", "6mo",
// "1y", a Go duration ("720h"), or Persian words ("۳ ماه", "یک سال اخیر",
// "۲ هفته گذشته"). It returns the start of the period before now; ok is
// false when s is not a period.
func ParsePeriod(s string, now time.Time) (since time.Time, ok bool) {
	s = Normalize(s)
	if s == "" {
		return time.Time{}, false
	}
	var n int
	var unit string
	if m := compactPeriod.FindStringSubmatch(s); m != nil {
		n, _ = strconv.Atoi(m[1])
		unit = map[string]string{"d": "روز", "w": "هفته", "mo": "ماه", "y": "سال"}[m[2]]
	} else if m := wordPeriod.FindStringSubmatch(s); m != nil {
		if v, end, _ := NumberWords([]string{m[1]}, 0); end == 1 {
			n = int(v)
		} else {
			n, _ = strconv.Atoi(m[1])
		}
		unit = m[2]
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), true
	} else {
		return time.Time{}, false
	}
	if n <= 0 || n > 100*366 {
		return time.Time{}, false
	}
	switch unit {
	case "روز":
		return now.AddDate(0, 0, -n), true
	case "هفته":
		return now.AddDate(0, 0, -7*n), true
	case "ماه":
		return now.AddDate(0, -n, 0), true
	}
	return now.AddDate(-n, 0, 0), true
}

// SplitPeriod splits "/brief" arguments into the place and the period that
// may follow it ("آذربایجان شرقی ۶ ماه").
func SplitPeriod(args string, now time.Time) (place string, since time.Time) {
	words := strings.Fields(args)
	for k := min(4, len(words)-1); k >= 1; k-- {
		if t, ok := ParsePeriod(strings.Join(words[len(words)-k:], " "), now); ok {
			return strings.Join(words[:len(words)-k], " "), t
		}
	}
	return strings.Join(words, " "), time.Time{}
}
