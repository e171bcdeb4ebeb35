//go:build !race && corpus

package retrieval

const raceEnabled = false
