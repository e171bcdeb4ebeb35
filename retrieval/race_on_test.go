//go:build race && corpus

package retrieval

const raceEnabled = true
