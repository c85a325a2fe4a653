"""The Whoosh schema. Bump SCHEMA_VERSION whenever fields or analysis change:
an index with another version is rebuilt from the database on open."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from workbench.search.analysis import BigramTokenizer, KiwiTokenizer

SCHEMA_VERSION = 4

MORPH_BOOST = 2.0
BIGRAM_BOOST = 1.0


def build_schema() -> Schema:
    morph = KiwiTokenizer()
    bigram = BigramTokenizer()
    return Schema(
        pid=ID(stored=True, unique=True),  # "<doc_id>:<passage seq>"
        doc=ID(stored=True),  # document id, for doc: filters and deletes
        doc_key=ID(stored=True),  # "<doc_id>:<text hash>", to find stale documents
        docname=ID(stored=True),  # lower-cased file name, for doc:NAME filters
        title=TEXT(analyzer=morph, phrase=True),
        section=TEXT(analyzer=morph, phrase=True, stored=True),
        start=STORED(),
        end=STORED(),
        morph=TEXT(analyzer=morph, phrase=True, chars=True),
        # Canonical names and types of the entities in the passage, for entity:/type: filters.
        entity=KEYWORD(commas=True, lowercase=True),
        etype=KEYWORD(commas=True, lowercase=True),
        # No stored character offsets here: bigram highlights are recomputed from
        # the passage text (a regex, no Kiwi), and the offsets were a third of
        # the writer's work.
        bigram=TEXT(analyzer=bigram, phrase=True),
    )
