"""A small PNG reader (8-bit RGB/RGBA, non-interlaced: what Chromium writes), standard library only.

Used by scripts/browser-test.sh to look at screenshot pixels without third-party packages.
"""
import struct
import zlib


def read(path):
    """Returns (width, height, channels, rows) with rows a list of bytearrays."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace != 0:
                raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour {colour}, interlace {interlace})")
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def ink(path, box):
    """The share of pixels in box (x, y, width, height) that are not near-white."""
    width, height, channels, rows = read(path)
    x0, y0, w, h = (int(round(v)) for v in box)
    x1, y1 = min(width, x0 + w), min(height, y0 + h)
    total = marked = 0
    for y in range(max(0, y0), y1):
        row = rows[y]
        for x in range(max(0, x0), x1):
            r, g, b = row[x * channels], row[x * channels + 1], row[x * channels + 2]
            total += 1
            if min(r, g, b) < 235:
                marked += 1
    return marked / total if total else 0.0
