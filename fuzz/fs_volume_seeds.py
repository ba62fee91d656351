#!/usr/bin/env python3
"""Writes a volume image as the sparse input of fuzz/fs_volume_fuzz.cpp: the device size,
then one record per run of non-zero 512-byte sectors (a fill record where a sector repeats
one byte, literal records of at most 32 KiB otherwise).

usage: fuzz/fs_volume_seeds.py IMAGE OUTPUT
"""
import struct
import sys

SECTOR = 512
MAX_LITERAL = 64 * SECTOR


def encode(image: bytes) -> bytes:
    out = bytearray(struct.pack("<I", len(image)))
    literal_start, literal = None, bytearray()

    def flush():
        nonlocal literal_start, literal
        if literal:
            out.extend(struct.pack("<IHB", literal_start, len(literal), 0) + literal)
        literal_start, literal = None, bytearray()

    for at in range(0, len(image), SECTOR):
        sector = image[at:at + SECTOR]
        if sector.count(sector[0]) == len(sector):
            flush()
            if sector[0] != 0:
                out.extend(struct.pack("<IHBB", at, len(sector), 1, sector[0]))
            continue
        if literal_start is None or len(literal) + len(sector) > MAX_LITERAL:
            flush()
            literal_start = at
        literal.extend(sector)
    flush()
    return bytes(out)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = encode(f.read())
    with open(sys.argv[2], "wb") as f:
        f.write(data)
