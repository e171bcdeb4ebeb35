// Package question reads what a user's message asks, before anything is
// retrieved: the intent (a partner list, a pair's ties, a briefing, a fact,
// small talk, or nonsense), the places on each side, the relation wanted, a
// country or province the answer must lie in («کدام شهر روسیه»), and the
// type of answer a fact question expects (a number for «چند», a date for
// «کی/چه سالی», a person for «چه کسی» …). It reads formal and colloquial
// Persian, lost half-spaces and Arabic letters, and English, whose place
// names are matched through the gazetteer's English names and the usual
// transliterations (Esfahan, Ghazvin).
//
// A follow-up («و شیراز چطور؟», "and Qom?") is read against the previous
// question: it keeps that question's intent, relation and filter and swaps
// the place on the side it names. A message that is not a question never
// inherits.
//
// The words are data (data/words.txt, data/colloquial.txt); the decisions
// are rules in Read, so every reading can be explained.
package question
