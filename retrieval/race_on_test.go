//go:build race

package retrieval

const raceEnabled = true
