package persian

// corpusDir is the shared corpus, relative to this package's directory.
const corpusDir = "../../shared/corpus"
