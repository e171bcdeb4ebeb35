// Package feed ingests news from RSS and Atom feeds: it polls them, reads
// each new item's page into a peyvand.Article, and fingerprints articles so
// that the same story from several outlets can be told apart from a new one.
//
// # Polling
//
// A Poller polls its feeds on an interval with conditional GETs (ETag and
// Last-Modified; a 304 is a cheap poll). A failing feed backs off
// exponentially and is disabled, with a call to OnDisable, after
// MaxFailures failures in a row. What a feed's polls have learnt — its
// validators, failures, the items already read and the items still pending
// — is a Record, plain data kept in a State by feed URL; the poller stores
// it only after Handle has taken the poll's articles, so a crash repeats a
// poll's articles rather than losing them (article IDs make the repeat
// harmless).
//
// An item whose page fails (404, timeout, too little text) stands in with
// its own text when the feed carried enough of it; otherwise it stays
// pending in the Record and is retried on every poll, even when the feed
// answers 304, until MaxItemAttempts.
//
// # Pages
//
// Fetch and Extract read one news page: bounded in time and size, decoded
// from its declared or sniffed charset (windows-1256 included), its main
// text chosen by go-readability and cleaned by persian.CleanHTML, its
// headline, date and news code read from the page.
package feed
