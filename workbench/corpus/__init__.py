"""From files to clean text with structure: readers, decoding, normalisation."""
