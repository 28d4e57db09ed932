#!/usr/bin/env bash
# Renders an HTML claim chart, takes a headless-Chromium screenshot of it and checks that the
# picture shows a rendered table (not a blank or error page).
#
#   scripts/chart-screenshot.sh [SPEC [CLAIMSET [OUT.png]]]
#
# SPEC defaults to specs/examples/hpf_claim01_meets.media, CLAIMSET to heat_press_fixing, OUT
# to chart.png in a fresh temporary folder; the path of the PNG is printed last. CLAIM=N charts
# only claim N (and the claims it depends on). Installs
# Debian's `chromium` when it is missing (as root, or through sudo). Fails (exit 1) when the
# screenshot has next to no ink or fewer than MIN_GRID_LINES horizontal table rules.
set -euo pipefail
cd "$(dirname "$0")/.."

spec="${1:-specs/examples/hpf_claim01_meets.media}"
claimset="${2:-heat_press_fixing}"
tmp="$(mktemp -d)"
out="${3:-$tmp/chart.png}"
min_grid_lines="${MIN_GRID_LINES:-8}"

# (a) Chromium from Debian's packages.
if ! command -v chromium >/dev/null 2>&1; then
    echo "chart-screenshot: installing chromium" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "chart-screenshot: chromium is missing and this user cannot install it (not root, no sudo)" >&2
        exit 2
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# (b) A release build.
cargo build --release --quiet

# (c) The chart. The date is fixed so that two runs give the same page.
./target/release/mediac chart "$spec" --claimset "$claimset" ${CLAIM:+--claim "$CLAIM"} \
    --format html --date 2026-01-01 >"$tmp/chart.html"

# (d) The screenshot: a fresh profile, no network chatter, no GPU, a window as tall as a page.
profile="$(mktemp -d)"
if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1400,1800 \
    --screenshot="$out" "file://$tmp/chart.html" >"$tmp/chromium.log" 2>&1 || [ ! -s "$out" ]; then
    cat "$tmp/chromium.log" >&2
    echo "chart-screenshot: chromium made no screenshot" >&2
    exit 1
fi
rm -rf "$profile"

# (e) The picture must show a table: some ink, and many long horizontal rules (the grid lines
# of the chart's tables), found with a small PNG decoder from the standard library.
python3 - "$out" "$min_grid_lines" <<'PY'
import struct, sys, zlib

path, min_lines = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, idat, width = 8, b"", None
while pos < len(data):
    (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
    body = data[pos + 8:pos + 8 + length]
    pos += 12 + length
    if kind == b"IHDR":
        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        if depth != 8 or interlace or colour not in (0, 2, 4, 6):
            sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
        channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    elif kind == b"IDAT":
        idat += body
    elif kind == b"IEND":
        break
raw = zlib.decompress(idat)
stride = width * channels
rows, prev = [], bytearray(stride)
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = prev[i]
        c = prev[i - channels] if i >= channels else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line

def grey(line, x):
    i = x * channels
    if channels < 3:
        return line[i]
    return (299 * line[i] + 587 * line[i + 1] + 114 * line[i + 2]) // 1000

ink, rules, in_rule = 0, 0, False
for line in rows:
    dark = sum(1 for x in range(width) if grey(line, x) < 200)
    ink += dark
    # A table rule spans most of the page; text never darkens that many pixels of one row.
    is_rule = dark > 0.6 * width
    if is_rule and not in_rule:
        rules += 1
    in_rule = is_rule
share = ink / (width * height)
print(f"{path}: {width}x{height}, {share:.1%} of pixels inked, {rules} horizontal table rules")
if share < 0.01:
    sys.exit("chart-screenshot: the page is (nearly) blank")
if rules < min_lines:
    sys.exit(f"chart-screenshot: expected at least {min_lines} table rules, found {rules}")
PY
echo "$out"
