package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/ties"
)

// ModeChat is the mode of a reply that is not an answer from the news:
// small talk, or a hint after a message peyvand could not read.
const ModeChat = "chat"

// smallTalk answers a greeting, thanks, goodbye or "what can you do" in a
// line or two, with examples of what to ask drawn from the database.
func (s *Service) smallTalk(q question.Question) peyvand.Answer {
	en := q.English
	var head string
	switch q.Talk {
	case "thanks":
		head = pick(en, "خواهش می‌کنم! اگر پرسش دیگری دارید بپرسید.", "You're welcome! Ask me anything else.")
	case "bye":
		return peyvand.Answer{Mode: ModeChat, Text: pick(en, "خدانگهدار! هر وقت خواستید دوباره بپرسید.", "Goodbye! Come back whenever you like.")}
	case "help":
		head = pick(en, "من «پیوند» هستم: از روی خبرها به پرسش‌ها دربارهٔ پیوندهای خارجی استان‌ها و شهرهای ایران پاسخ می‌دهم (خواهرخواندگی، تفاهم‌نامه، هیئت تجاری، نمایشگاه، دفتر تجاری) و هر پاسخ منبعش را دارد.",
			"I am Peyvand: I answer questions about the foreign ties of Iran's provinces and cities (sister cities, memoranda, trade delegations, exhibitions, trade offices) from the news, and every answer cites its source.")
	default:
		head = pick(en, "سلام! من «پیوند» هستم و از روی خبرها به پرسش‌ها دربارهٔ پیوندهای خارجی استان‌ها و شهرهای ایران پاسخ می‌دهم.",
			"Hello! I am Peyvand: I answer questions about the foreign ties of Iran's provinces and cities from the news.")
	}
	return peyvand.Answer{Mode: ModeChat, Text: withExamples(head, s.Examples(en, 3), en)}
}

// nonsense answers a message peyvand could not read with a hint.
// An off-topic question is told what peyvand covers instead.
func (s *Service) nonsense(q question.Question) peyvand.Answer {
	head := pick(q.English, "متوجه پیامتان نشدم. دربارهٔ پیوندهای خارجی یک استان یا شهر ایران بپرسید.",
		"I did not understand that. Ask about the foreign ties of an Iranian province or city.")
	if q.Talk == offTopicTalk {
		// No answer from the news, as an abstention is: Abstained says so.
		head = pick(q.English, "برای این پرسش در خبرها پاسخی نیافتم؛ به پیوندهای خارجی جایی در ایران مربوط نیست. من از روی خبرها دربارهٔ خواهرخواندگی، تفاهم‌نامه، هیئت تجاری، نمایشگاه و دفتر تجاری استان‌ها و شهرهای ایران پاسخ می‌دهم؛ نام استان یا شهر را هم بنویسید.",
			"I found no answer to this in the news: it is not about the foreign ties of a place in Iran. I answer from the news about the sister cities, memoranda, trade delegations, exhibitions and trade offices of Iran's provinces and cities; name the province or city too.")
	}
	return peyvand.Answer{Mode: ModeChat, Abstained: q.Talk == offTopicTalk, Text: withExamples(head, s.Examples(q.English, 2), q.English)}
}

// offTopicTalk marks a question read as nonsense because it asks nothing of
// foreign ties.
const offTopicTalk = "offtopic"

// offTopic reports a question that asks nothing of foreign ties: no place,
// no kind of tie nor ties in general, not a follow-up, and no word of trade or ties in it
// («سیب‌زمینی‌های بنفش چرا شب‌ها آواز می‌خوانند؟»، «قیمت طلا چنده؟»). It
// gets a hint, not the nearest reports.
func offTopic(q question.Question) bool {
	if q.Intent != question.Fact || q.FollowUp || len(q.Places()) > 0 || q.Within != nil || len(q.Relations) > 0 || q.Ties {
		return false
	}
	text := q.Persian()
	return extract.Default().Relevance(peyvand.Article{Text: text}, []peyvand.Passage{{Text: text}}).Econ == 0
}

func withExamples(head string, examples []string, en bool) string {
	if len(examples) == 0 {
		return head + "\n\n" + pick(en, "هنوز خبری در پایگاه داده نیست؛ مدیران با /ingest یا فرمان ingest خبر می‌افزایند.",
			"The database holds no news yet; admins add news with /ingest or the ingest command.")
	}
	var b strings.Builder
	b.WriteString(head + "\n\n" + pick(en, "برای نمونه بپرسید:", "For example, ask:"))
	for _, e := range examples {
		b.WriteString("\n- " + e)
	}
	return b.String()
}

func pick(en bool, fa, english string) string {
	if en {
		return english
	}
	return fa
}

// Examples returns up to n questions the database can answer, written from
// the ties it holds: the Iranian place with the most sister cities, the
// pair most reported, the place with the most partners. None when the
// graph is empty.
func (s *Service) Examples(en bool, n int) []string {
	if s.Graph == nil || n <= 0 {
		return nil
	}
	ts, err := s.Graph.Ties(ties.Query{})
	if err != nil || len(ts) == 0 {
		return nil
	}
	var out []string
	add := func(q string) {
		if len(out) < n && q != "" && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	if p, ok := topIranian(ts, peyvand.RelSisterCity, ""); ok {
		add(pick(en, fmt.Sprintf("کدام شهرها با %s خواهرخوانده هستند؟", p.Name), fmt.Sprintf("Which cities are twinned with %s?", placeName(p, true))))
	}
	if t, ok := topPair(ts); ok {
		add(pick(en, fmt.Sprintf("خلاصه همکاری‌های %s با %s", t.Iranian.Name, t.Foreign.Name),
			fmt.Sprintf("What ties do %s and %s have?", placeName(t.Iranian, true), placeName(t.Foreign, true))))
	}
	skip := ""
	if len(out) > 0 {
		if p, ok := topIranian(ts, peyvand.RelSisterCity, ""); ok {
			skip = p.Name
		}
	}
	if p, ok := topIranian(ts, "", skip); ok {
		add(pick(en, fmt.Sprintf("شرکای خارجی %s کدامند؟", p.Name), fmt.Sprintf("Who are %s's foreign partners?", placeName(p, true))))
	}
	return out
}

// topIranian is the Iranian place with the most partners of a relation
// (any when rel is ""), skipping one name; ties broken by name.
func topIranian(ts []peyvand.Tie, rel peyvand.Relation, skip string) (peyvand.Place, bool) {
	count := map[string]int{}
	byName := map[string]peyvand.Place{}
	for _, t := range ts {
		if t.Iranian.Name == skip || t.Iranian.Name == peyvand.Iran || rel != "" && !slices.Contains(t.Relations, rel) || !t.Status.Done() && t.Status != "" {
			continue
		}
		count[t.Iranian.Name]++
		byName[t.Iranian.Name] = t.Iranian
	}
	best := ""
	for name, c := range count {
		if best == "" || c > count[best] || c == count[best] && name < best {
			best = name
		}
	}
	return byName[best], best != ""
}

// topPair is the tie most reported (by facts), ties broken by names.
func topPair(ts []peyvand.Tie) (peyvand.Tie, bool) {
	if len(ts) == 0 {
		return peyvand.Tie{}, false
	}
	best := slices.MaxFunc(ts, func(a, b peyvand.Tie) int {
		return cmp.Or(cmp.Compare(len(a.Facts), len(b.Facts)), cmp.Compare(b.Iranian.Name+b.Foreign.Name, a.Iranian.Name+a.Foreign.Name))
	})
	return best, true
}
