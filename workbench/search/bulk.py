"""A Whoosh writer for postings we analysed ourselves, built for bulk loads.

Profiled on a 10 MB corpus, Whoosh's stock writer spent 92 s on 3.5 million
postings: analysers and ``word_values`` building them one token object at a
time, the posting pool pickling every posting to a temporary file and back
(17 s) and merging the runs through a heap (13 s), and the segment writer
looking up each posting's field length in a column file (11 s) and adding
postings one call at a time. This writer keeps what Whoosh writes — the same
codec, segments, formats and files, so the index opens and searches as any
Whoosh index — and skips that work:

* fields take :class:`Terms` values: a passage's occurrences already grouped
  by term (see ``search/doc_analysis.py``), encoded here exactly as Whoosh's
  ``Positions`` / ``Characters`` formats encode them;
* postings wait in memory compactly (per term: arrays and one byte buffer,
  ~30 bytes a posting against ~200 for Whoosh's tuples) and are written in
  term order when the segment is flushed, a block of postings at a time, with
  the field lengths we already know. The caller commits a segment every few
  million postings (:attr:`BulkWriter.postings`) to bound memory.

Merging other segments in (Whoosh's merge policy) still works: their
postings come through :meth:`CompactPool.add` like any other.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from pickle import dumps

from whoosh.codec.whoosh3 import W3Codec
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

# Blocks are compressed with zlib level 1: level 3 (Whoosh's default) cost a
# fifth of all writing time for an index a few percent smaller.
COMPRESSION = 1
BLOCK_POSTINGS = 128  # Whoosh's default; 256 wrote no faster


_ONE_POSITION = [pack_uint(1) + dumps([p], 2) for p in range(4096)]


def encode_positions(positions: list[int]) -> bytes:
    """What ``whoosh.formats.Positions.encode`` writes: the count, then the
    pickled position deltas."""
    if len(positions) == 1:
        p = positions[0]
        return _ONE_POSITION[p] if p < 4096 else pack_uint(1) + dumps(positions, 2)
    return pack_uint(len(positions)) + dumps([b - a for a, b in zip([0, *positions], positions)], 2)


def encode_characters(occurrences: list[tuple[int, int, int]]) -> bytes:
    """What ``whoosh.formats.Characters.encode`` writes for (position, start,
    end) occurrences: the count, then pickled (position delta, start minus the
    previous end, length) triples."""
    if len(occurrences) == 1:
        pos, start, end = occurrences[0]
        return pack_uint(1) + dumps([(pos, start, end - start)], 2)
    deltas = []
    posbase = charbase = 0
    for pos, start, end in occurrences:
        deltas.append((pos - posbase, start - charbase, end - start))
        posbase, charbase = pos, end
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class Terms:
    """A field value already analysed: term → its occurrences in the passage
    (positions, or (position, start, end)), the encoder of the field's format,
    and the field length (tokens, stacked ones included)."""

    __slots__ = ("groups", "encode", "length")

    def __init__(self, groups: dict[str, list], encode: Callable[[list], bytes], length: int) -> None:
        self.groups = groups
        self.encode = encode
        self.length = length


def _no_value(occurrences) -> bytes:
    return b""


def identifier(value: str) -> Terms:
    """An ID field's value as :class:`Terms`: one term, no position, no length
    (what Whoosh's ``ID`` field indexes, without its tokenizer)."""
    return Terms({value: (0,)}, _no_value, 0)


class CompactPool:
    """Postings in memory, per field and term: document numbers and weights in
    arrays, encoded values in one byte buffer with their end offsets."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[str, list]] = {}
        self.postings = 0

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def add_terms(self, fieldname: str, docnum: int, value: Terms) -> None:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        encode = value.encode
        get = terms.get
        for term, occurrences in value.groups.items():
            entry = get(term)
            if entry is None:
                entry = terms[term] = [array("I"), array("f"), bytearray(), array("I")]
            ids, weights, buf, ends = entry
            ids.append(docnum)
            weights.append(len(occurrences))
            buf += encode(occurrences)
            ends.append(len(buf))
        self.postings += len(value.groups)

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting as Whoosh's pool takes it (documents merged in, plain fields)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.fields.setdefault(fieldname, {})
        term = tbytes.decode("utf-8")
        entry = terms.get(term)
        if entry is None:
            entry = terms[term] = [array("I"), array("f"), bytearray(), array("I")]
        entry[0].append(docnum)
        entry[1].append(weight)
        if vbytes:
            entry[2] += vbytes
        entry[3].append(len(entry[2]))
        self.postings += 1

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """All postings in (field, term, document) order, as Whoosh's pool gives them."""
        for fieldname in sorted(self.fields):
            for term, (ids, weights, buf, ends) in sorted(self.fields[fieldname].items()):
                tbytes, data, start = term.encode("utf-8"), bytes(buf), 0
                for i, docnum in enumerate(ids):
                    yield fieldname, tbytes, docnum, weights[i], data[start:ends[i]]
                    start = ends[i]

    def cleanup(self) -> None:
        self.fields.clear()


class BulkWriter(SegmentWriter):
    """Whoosh's segment writer taking :class:`Terms` values, with
    :class:`CompactPool` and a flush that writes whole blocks."""

    def __init__(self, ix, **kwargs) -> None:
        kwargs.setdefault("codec", W3Codec(blocklimit=BLOCK_POSTINGS, compression=COMPRESSION))
        # Separate files per segment, not Whoosh's compound file: a reader of a
        # compound segment copies each part into memory (BytesIO over the
        # mmap), ~270 MB for a 50 MB corpus's index; plain files are read
        # through the OS cache, at the same search speed (measured).
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()
        self._lengths: dict[str, array] = {}

    @property
    def postings(self) -> int:
        """Postings waiting in memory (commit a segment when this grows large)."""
        return self.pool.postings

    def add_document(self, **fields) -> None:
        """Whoosh's ``add_document`` for our schema: :class:`Terms` go straight
        to the pool; other values are indexed by their field as usual.
        ``_stored_<name>`` gives the stored value of a :class:`Terms` field."""
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        perdoc.start_doc(docnum)
        try:
            for fieldname, value in fields.items():
                if fieldname[0] == "_":
                    continue
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if isinstance(value, Terms):
                    length = value.length
                    self.pool.add_terms(fieldname, docnum, value)
                    lengths = self._lengths.get(fieldname)
                    if lengths is None:
                        lengths = self._lengths[fieldname] = array("I")
                    while len(lengths) < docnum:
                        lengths.append(0)
                    lengths.append(length)
                    stored = fields.get("_stored_" + fieldname)
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        self.pool.add((fieldname, tbytes, docnum, weight, vbytes))
                    stored = fields.get("_stored_" + fieldname, value)
                else:
                    stored = fields.get("_stored_" + fieldname, value)
                perdoc.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(stored))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader() if self.codec.length_stats else None
        writer = self.fieldwriter
        try:
            for fieldname in sorted(self.pool.fields):
                known = self._lengths.get(fieldname, array("I"))

                def lengths_of(docnums: array, fieldname=fieldname, known=known) -> list[int]:
                    if docnums[-1] < len(known):  # docnums ascend: all added here
                        return [known[d] for d in docnums]
                    # Some documents were merged in from another segment.
                    return [known[d] if d < len(known) else
                            (lengths_reader.doc_field_length(d, fieldname) if lengths_reader else 0)
                            for d in docnums]

                writer.start_field(fieldname, self.schema[fieldname])
                for term, entry in sorted(self.pool.fields[fieldname].items()):
                    writer.start_term(term.encode("utf-8"))
                    _write_postings(writer, entry, lengths_of)
                    writer.finish_term()
                writer.finish_field()
            writer.close()
        finally:
            if lengths_reader is not None:
                lengths_reader.close()


def _write_postings(writer, entry: list, lengths_of: Callable[[array], list[int]]) -> None:
    """One term's postings, a block at a time: the block buffer of Whoosh's
    postings writer is filled directly (what its ``add_posting`` builds one
    posting at a time), then written by its own code."""
    ids, weights, buf, ends = entry
    data = bytes(buf)
    post = writer._postwriter
    limit = post._blocklimit
    count = len(ids)
    start = 0
    for first in range(0, count, limit):
        last = min(first + limit, count)
        block_ids = ids[first:last]
        block_weights = weights[first:last]
        values = []
        for end in ends[first:last]:
            values.append(data[start:end])
            start = end
        lengths = lengths_of(block_ids)
        post._ids = block_ids
        post._weights = block_weights
        post._values = values
        post._maxweight = max(block_weights)
        # As add_posting keeps them: the least non-zero length (None if none), the largest.
        post._minlength = min((n for n in lengths if n), default=None)
        post._maxlength = max(lengths)
        if last < count:
            post._write_block()  # the last block is written by finish_postings
