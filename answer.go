package peyvand

import "time"

// Answer modes, as reported in the command line's JSON.
const (
	ModeExtractive = "extractive" // sentences quoted from the retrieved passages
	ModeLLM        = "llm"        // written by a model, then checked sentence by sentence
	ModeGraph      = "graph"      // listed from the ties graph
)

// Citation is one numbered source of an answer.
type Citation struct {
	N         int // the [n] marker's number, from 1
	ArticleID string
	PassageID string
	Title     string
	URL       string
	Date      time.Time
	Source    string
	Quote     string // the cited passage text
}

// Answer is what peyvand replies to a question.
type Answer struct {
	Question string
	// Text is the answer in Persian; every sentence ends with its [n] marker.
	// When Abstained, it says plainly that the news at hand does not answer.
	Text           string
	Abstained      bool
	Mode           string
	FallbackReason string // why a configured model's answer was not used
	Citations      []Citation
	// Related are the nearest articles offered when the answer abstains.
	Related []Citation
}
