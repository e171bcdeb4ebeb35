// Package prompts holds what peyvand sends to a chat model, as text/template
// files embedded in the binary and parsed once at start-up, so a broken
// template stops the program before the first question rather than at it.
//
// Every prompt keeps instructions and data apart: the system prompt carries
// the rules and no data at all; the user prompt lays the numbered passages
// and the question out inside <passages>, <passage id="n"> and <question>
// tags. Everything taken from an article or a user is passed through Quote
// first, which removes the characters a tag is made of, so no passage can
// close its tag and speak as the prompt ("ignore previous instructions…" in
// an article stays a quoted sentence of that article). The golden files in
// testdata pin exactly what a model is sent; run
//
//	go test ./prompts -update
//
// after changing a template, and read the diff.
package prompts
