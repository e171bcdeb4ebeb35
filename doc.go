// Package peyvand holds the domain of peyvand (پیوند, "tie"), a bot that
// answers questions about the foreign trade ties of Iran's provinces and
// cities from a corpus of Persian news.
//
// The package has no I/O. It names the nouns the rest of the program shares
// (Article, Passage, Citation, Answer, Place, Fact, Tie, Subscription) and
// the coded errors with their Persian messages. Packages around it are named
// for what they do:
//
//	persian     Persian text: normalisation, tokens, sentences, cleaning, dates, instruction-like text
//	store       bbolt persistence of articles, passages, postings, vectors, facts and the outbox
//	retrieval   BM25, dense vectors and their fusion; ingest orchestration
//	places      the gazetteer and place recognition
//	extract     reading ties from articles: relevance, statements, status
//	ties        the ties graph: merging facts, partners and briefs
//	question    reading what a message asks: intent, places, relation, answer type, follow-ups
//	answer      answering a read question: graph answers, cited extractive or LLM answers, small talk
//	prompts     the model prompts, as embedded templates
//	reply       what is sent: messages, buttons, callback data
//	chat        the transport-free conversation core
//	alert       alerts: worthiness, one event per story, the outbox sender
//	feed        RSS/Atom polling and page fetching, public addresses only
//	neardup     near-duplicate sketches of reports
//	bot         the conversation core's Telegram adapter
//	ops         /healthz, /metrics, /backup
//	cmd/peyvand the command line, which only wires the above
//
// Dependencies point one way: bot → chat → answer → question, ties, extract,
// retrieval → store → peyvand; alert → reply, neardup, store. ARCHITECTURE.md
// has the full graph, checked against the code by TestArchitecture, and the
// small interfaces (chat.Store, alert.Outbox, ties.Facts, ops.Store) that
// *store.DB implements for its consumers.
package peyvand
