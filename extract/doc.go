// Package extract reads the ties a news article states: an Iranian
// province or city, a foreign place, the kind of tie and how far it has come.
//
// A tie is a statement, not two place names that happen to meet. Extract
// reads an article in three steps:
//
//  1. Relevance. An article is read at all only when its vocabulary is that
//     of foreign economic, trade or municipal ties: at least two economic
//     words (data/topics.txt; the headline counts double) and no more
//     sports, religion, history or war words than economic ones. A sentence
//     with more of those than economic words states nothing either. These
//     are rules over editable word lists rather than a trained model: every
//     decision can be explained by the counts, and the statement rules carry
//     the precision. Unrelated news stays searchable; it only feeds neither
//     the graph nor alerts.
//  2. Statements. A sentence states a tie for each relation cue in it
//     (data/cues.txt) that binds both sides within a few words of the cue: a
//     foreign place that is not only the venue of a meeting, and an Iranian
//     province or city that is not "ایران" itself, the host of a foreign
//     mission, a consulate's area, an outlet's dateline, a person's surname
//     («منصور بیجار») or the capital standing for the government. Where the
//     sentence names no Iranian place, the headline's is taken (the headline
//     read with the sentence that states the deal), then the place «این
//     استان» stands for. Weak cues («هیئت»، «سفر»، «همکاری») count only
//     beside an economic word, so «هیئت والیبال» is no delegation. A list of
//     partners is taken whole, and a list that goes on in the next sentence
//     («این شهرها عبارت‌اند از …») keeps the statement's side and relation.
//  3. Status. Each cue's status (signed, agreed, proposed, talks) is read
//     from the nearest marker after it (data/status.txt): Persian puts the
//     verb last, «تفاهم‌نامه … امضا شد», «… امضا می‌شود», «… مذاکره کردند».
//
// Every fact keeps its evidence sentence and passage, so a user asking "why"
// sees the sentence that states it. The data files are plain text, embedded
// at build time; the tests report any line they cannot understand.
package extract
