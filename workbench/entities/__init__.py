"""Named entities in Korean policy text, offline: rules, the shared gazetteer,
Korean cues and Kiwi proper nouns, combined into mentions with offsets, and
the analyst's corrections re-applied on top."""
