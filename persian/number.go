package persian

// NumberWords reads a Persian number written in words from words[i], words
// being in match form (Normalize):
// "بیست و پنج", "هزار و دویست", "دو میلیون". It returns the value, the index
// after it, and whether it joined more than one word.
func NumberWords(words []string, i int) (val float64, end int, compound bool) {
	var group float64
	end = i
	for end < len(words) {
		w := words[end]
		if n, ok := numberWords[w]; ok {
			group += n
			end++
		} else if m := multiplier[w]; m > 0 && (end > i || w == "هزار") {
			val += max(group, 1) * m
			group = 0
			end++
		} else {
			break
		}
		if end+1 < len(words) && words[end] == "و" && (numberWords[words[end+1]] > 0 || multiplier[words[end+1]] > 0) {
			end++ // "بیست و پنج"
		}
	}
	return val + group, end, end-i > 1
}

var numberWords = map[string]float64{
	"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10,
	"یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "شانزده": 16, "هفده": 17,
	"هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60,
	"هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300,
	"چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}

// multiplier scales the number before it: "دو میلیون".
var multiplier = map[string]float64{"هزار": 1e3, "میلیون": 1e6, "میلیارد": 1e9, "هزارمیلیارد": 1e12}

// Multiplier returns what a word such as «هزار» or «میلیون» multiplies the
// number before it by, or 0 for any other word.
func Multiplier(word string) float64 { return multiplier[word] }
