// Package peyvand holds the domain of peyvand (پیوند, "tie"), a bot that
// answers questions about the foreign trade ties of Iran's provinces and
// cities from a corpus of Persian news.
//
// The package has no I/O. It names the nouns the rest of the program shares
// (Article, Passage, Citation, Answer, Place, Tie) and the interfaces the
// adapters implement. Packages around it are named for what they do:
//
//	persian    Persian text: normalisation, tokens, sentences, cleaning, dates
//	store      bbolt persistence of articles, passages, postings and vectors
//	retrieval  BM25, dense vectors and their fusion; ingest orchestration
//	places     the gazetteer and place recognition
//	extract    reading ties from articles: relevance, statements, status
//	ties       the ties graph: merging facts, partners and briefs
//	answer     composing cited answers (extractive and LLM)
//	prompts    the model prompts, as embedded templates
//	bot        the conversation core's Telegram adapter
//	cmd/peyvand the command line, which only wires the above
//
// Dependencies point one way: bot → answer → retrieval → store → peyvand.
package peyvand
