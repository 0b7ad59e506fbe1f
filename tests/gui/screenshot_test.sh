#!/usr/bin/env bash
# socred-gui under Xvfb: runs some ticks, saves a screenshot, exits; the PNG must exist and
# show more than one colour.
set -eu
GUI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
xvfb-run -a -s '-screen 0 1280x800x24' "$GUI" -q --ticks 20 --screenshot "$WORK/shot.png" --exit
[ -s "$WORK/shot.png" ] || { echo "FAIL: no screenshot"; exit 1; }
python3 - "$WORK/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    if kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
distinct = len(set(raw[i:i + 4] for i in range(1, len(raw), 4 * 7)))
print(f"{width}x{height}, {distinct} distinct sampled pixel values")
assert distinct > 20, "the screenshot is blank"
PY
echo "screenshot ok"
