"""Comparing two versions of a document: units, their alignment and the words that changed."""
