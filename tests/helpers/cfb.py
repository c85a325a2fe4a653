"""A small writer of OLE compound files (CFB v3), to build real HWP 5.0 test files.

olefile only reads; no maintained library writes CFB. This writer follows
[MS-CFB]: 512-byte sectors, a mini stream (64-byte sectors) for streams under
4096 bytes, one level of storages, siblings as a sorted right-leaning chain
(valid, if not balanced).
"""

from __future__ import annotations

import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _sort_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data
        self.children: list[_Entry] = []
        self.left = self.right = self.child = NOSTREAM
        self.start, self.size = END, 0
        self.id = 0


def build_cfb(streams: dict[str, bytes]) -> bytes:
    root = _Entry("Root Entry", 5)
    storages: dict[str, _Entry] = {}
    for path, data in streams.items():
        parent = root
        *dirs, leaf = path.split("/")
        for d in dirs:
            if d not in storages:
                storages[d] = _Entry(d, 1)
                parent.children.append(storages[d])
            parent = storages[d]
        parent.children.append(_Entry(leaf, 2, data))

    entries: list[_Entry] = []

    def number(entry: _Entry) -> None:
        entry.id = len(entries)
        entries.append(entry)
        for child in entry.children:
            number(child)

    number(root)
    for entry in entries:
        kids = sorted(entry.children, key=lambda e: _sort_key(e.name))
        if kids:
            entry.child = kids[0].id
            for a, b in zip(kids, kids[1:]):
                a.right = b.id

    # Mini stream for small streams.
    mini_data = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            entry.start = END
        elif entry.size < CUTOFF:
            count = -(-entry.size // MINI)
            entry.start = len(minifat)
            minifat.extend(range(entry.start + 1, entry.start + count))
            minifat.append(END)
            mini_data += entry.data + b"\0" * (count * MINI - entry.size)
        else:
            big.append(entry)

    def sectors(n_bytes: int) -> int:
        return -(-n_bytes // SECTOR)

    dir_sectors = sectors(len(entries) * 128)
    minifat_sectors = sectors(len(minifat) * 4)
    mini_sectors = sectors(len(mini_data))
    big_sectors = [sectors(len(e.data)) for e in big]
    payload = dir_sectors + minifat_sectors + mini_sectors + sum(big_sectors)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + payload:
        fat_sectors += 1
    assert fat_sectors <= 109, "test files stay small"

    fat: list[int] = [FATSECT] * fat_sectors
    next_sector = fat_sectors

    def chain(count: int) -> int:
        nonlocal next_sector
        if count == 0:
            return END
        start = next_sector
        fat.extend(range(start + 1, start + count))
        fat.append(END)
        next_sector += count
        return start

    dir_start = chain(dir_sectors)
    minifat_start = chain(minifat_sectors)
    root.start = chain(mini_sectors)
    root.size = len(mini_data)
    for entry, count in zip(big, big_sectors):
        entry.start = chain(count)
    fat.extend([FREE] * (fat_sectors * (SECTOR // 4) - len(fat)))

    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, fat_sectors, dir_start, 0, CUTOFF,
                     minifat_start if minifat_sectors else END, minifat_sectors, END, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 76, *difat)

    def pad(data: bytes, count: int) -> bytes:
        return bytes(data) + b"\0" * (count * SECTOR - len(data))

    directory = bytearray()
    for entry in entries:
        raw = bytearray(128)
        name = entry.name.encode("utf-16-le")
        raw[0 : len(name)] = name
        struct.pack_into("<HBB", raw, 64, len(name) + 2, entry.kind, 1)
        struct.pack_into("<III", raw, 68, entry.left, entry.right, entry.child)
        struct.pack_into("<IQ", raw, 116, entry.start if entry.kind != 1 else 0,
                         entry.size if entry.kind != 1 else 0)
        directory += raw
    # Unused directory slots are empty entries with NOSTREAM links.
    while len(directory) % SECTOR:
        raw = bytearray(128)
        struct.pack_into("<III", raw, 68, NOSTREAM, NOSTREAM, NOSTREAM)
        directory += raw

    out = bytearray(header)
    out += struct.pack(f"<{len(fat)}I", *fat)
    out += pad(directory, dir_sectors)
    out += pad(struct.pack(f"<{len(minifat)}I", *minifat), minifat_sectors)
    out += pad(mini_data, mini_sectors)
    for entry, count in zip(big, big_sectors):
        out += pad(entry.data, count)
    return bytes(out)
