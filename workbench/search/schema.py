"""The Whoosh schema. Bump SCHEMA_VERSION whenever fields or analysis change:
an index with another version is rebuilt from the database on open."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from workbench.search.analysis import BigramTokenizer, KiwiTokenizer

SCHEMA_VERSION = 5

MORPH_BOOST = 2.0
BIGRAM_BOOST = 1.0


def build_schema() -> Schema:
    """Every field costs postings on every passage, which is most of indexing
    time: titles and file names are matched from the database instead (see
    ``compile``), a section is one term (its path, squashed), and a document's
    key sits on its first passage only."""
    morph = KiwiTokenizer()
    bigram = BigramTokenizer()
    return Schema(
        pid=STORED(),  # "<doc_id>:<passage seq>"
        doc=ID(),  # document id: doc: filters, deletes, charts (read it from pid)
        doc_key=ID(),  # "<doc_id>:<text hash>:<entities hash>" on the first passage: finds stale documents
        # The section path, squashed (name_key), as one term: section: filters match
        # the terms that contain the query. The stored value is the path as written.
        section=ID(stored=True),
        start=STORED(),
        end=STORED(),
        morph=TEXT(analyzer=morph, phrase=True, chars=True),
        # Canonical names and types of the entities in the passage, for entity:/type: filters.
        entity=KEYWORD(commas=True, lowercase=True),
        etype=KEYWORD(commas=True, lowercase=True),
        # No character offsets here: a bigram match's position is mapped to the
        # passage text by re-running the bigram regex (no Kiwi), and storing the
        # offsets was a third of the writer's work.
        bigram=TEXT(analyzer=bigram, phrase=True),
    )
