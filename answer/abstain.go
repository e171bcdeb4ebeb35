package answer

import (
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// MinCoverage is the least share of the question's token weight that the
// best passage must contain for an answer to be attempted when the question
// names no place. Below it the evidence is about something else, and peyvand
// says so instead of guessing.
const MinCoverage = 0.45

// MinPlaceCoverage is the same floor when the best passages mention the
// places the question names: the places carry most of the meaning, and the
// rest of the question is often phrasing ("کدامند", "خلاصه ... رو بگو").
const MinPlaceCoverage = 0.2

// Weak reports whether the evidence is too weak to answer from: nothing was
// retrieved; the question names places (Iran itself aside: all the news is
// Iranian) and no top passage, nor its report's title, mentions them
// together (up to two of them); or the best passages cover too little of
// the question. It is decided here, before any model sees the evidence.
func Weak(req Request) bool {
	if len(req.Evidence) == 0 {
		return true
	}
	top := req.Evidence[:min(3, len(req.Evidence))]
	best, matched := 0.0, 0
	for _, ev := range top {
		best = max(best, ev.Coverage)
		// A title that names the places speaks for its paragraphs: «سفر
		// استاندار خراسان رضوی … به هرات» over «وی افزود: …».
		matched = max(matched, ev.PlacesMatched, titled(req, scored{}, ev.Article.Title))
	}
	named := 0
	for _, p := range req.Places {
		if p != peyvand.Iran {
			named++
		}
	}
	if named == 0 {
		return best < MinCoverage
	}
	return matched < min(named, 2) || best < MinPlaceCoverage
}

// AbstainText is the standard Persian reply when the news at hand does not
// answer a question. subject names what was asked about: the places, or the
// question itself.
func AbstainText(subject string) string {
	subject = strings.TrimSpace(subject)
	if subject == "" {
		return "در خبرهایی که در اختیار دارم پاسخی برای این پرسش نیافتم."
	}
	return "در خبرهایی که در اختیار دارم پاسخی دربارهٔ «" + subject + "» نیافتم."
}

// subjectOf is what an abstention names: the question's places, else the
// question, shortened.
func subjectOf(req Request) string {
	if len(req.Places) > 0 {
		return strings.Join(req.Places, "، ")
	}
	q := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(req.Question), "؟?!."))
	return persian.Clip(q, 60)
}
