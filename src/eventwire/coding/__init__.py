"""The coder: an article's stages in order, the stream over many, explain and evaluate."""
