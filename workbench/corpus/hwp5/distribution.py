"""배포용 (distribution) documents: read-only HWP files whose body is encrypted.

Hangul's "배포용 문서로 저장" keeps the body in ``ViewText/Section{n}``
instead of ``BodyText``. Each stream starts with a plain
HWPTAG_DISTRIBUTE_DOC_DATA record of 256 bytes; the rest of the stream is
AES-128-ECB encrypted (and, once decrypted, deflate-compressed like any
section). The key is hidden in that record, scrambled with the MSVC ``rand()``
sequence seeded by the record's first four bytes — no password is involved,
so the text is as readable to us as it is to Hangul's viewer.

The scheme was published by Changwoo Ryu on the hwp-foss list; Hancom's
format notes describe the record.
"""

from __future__ import annotations

import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from workbench.corpus.hwp5.records import TAG_DISTRIBUTE_DOC_DATA


class DistributionError(ValueError):
    """The stream does not start with a readable distribution record."""


def _msvc_rand(seed: int):
    while True:
        seed = (seed * 214013 + 2531011) & 0xFFFFFFFF
        yield (seed >> 16) & 0x7FFF


def decode_key(payload: bytes) -> bytes:
    """The AES-128 key hidden in a 256-byte DISTRIBUTE_DOC_DATA payload."""
    if len(payload) != 256:
        raise DistributionError(f"distribution record of {len(payload)} bytes, not 256")
    (seed,) = struct.unpack_from("<I", payload, 0)
    rand = _msvc_rand(seed)
    mask = bytearray(256)
    i = 0
    while i < 256:
        value = next(rand) & 0xFF
        run = (next(rand) & 0x0F) + 1
        for k in range(i, min(i + run, 256)):
            mask[k] = value
        i += run
    decoded = bytes(b ^ m for b, m in zip(payload, mask))
    offset = 4 + (seed & 0x0F)
    return decoded[offset:offset + 16]


def decrypt_section(stream: bytes) -> bytes:
    """The plaintext (still compressed, when the document is) after the
    distribution record of a ``ViewText/Section{n}`` stream."""
    if len(stream) < 4:
        raise DistributionError("the section stream is empty")
    (header,) = struct.unpack_from("<I", stream, 0)
    tag, size = header & 0x3FF, header >> 20
    if tag != TAG_DISTRIBUTE_DOC_DATA or size != 256 or len(stream) < 4 + 256:
        raise DistributionError("the section does not start with a distribution record")
    key = decode_key(stream[4:260])
    tail = stream[260:]
    tail = tail[: len(tail) - len(tail) % 16]  # a cut-off file: decrypt the whole blocks
    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
    return decryptor.update(tail) + decryptor.finalize()
