#!/usr/bin/env bash
# Renders an HTML claim chart, takes a headless-Chromium screenshot of it and checks that the
# picture shows a rendered table (not a blank or error page); prints the chart to PDF on A4 and
# on Letter paper and renders page 1 of each to PNG (pdftoppm); and renders the process window
# of heat_press_fixing claim 1 for the FixPress example (mediac window) to PNG (rsvg-convert).
# Look at the PNGs: rows must not be cut at a page end, nor columns at the right edge.
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
# pdftoppm (poppler-utils) and rsvg-convert (librsvg2-bin) for the PDF pages and the window.
for tool in pdftoppm:poppler-utils rsvg-convert:librsvg2-bin; do
    if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${tool##*:}" >/dev/null
    fi
done

# (b) A release build.
cargo build --release --quiet

# (c) The chart. The date is fixed so that two runs give the same page.
./target/release/mediac chart "$spec" --claimset "$claimset" ${CLAIM:+--claim "$CLAIM"} \
    --format html --date 2026-01-01 \
    --header "Privileged & Confidential — prepared at the request of counsel" >"$tmp/chart.html"

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
    # A table rule spans a third of the page or more; text never darkens that many pixels of one
    # row.
    is_rule = dark > 0.3 * width
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

# (f) Print to PDF on A4 and on Letter (the chart's @page leaves the size to the printer; the
# size is set here as a user would in the print dialog) and render page 1 of each.
for size in A4 letter; do
    sed "s/@page { margin: 12mm; }/@page { size: $size; margin: 12mm; }/" "$tmp/chart.html" >"$tmp/chart-$size.html"
    profile="$(mktemp -d)"
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --no-pdf-header-footer \
        --print-to-pdf="$tmp/chart-$size.pdf" "file://$tmp/chart-$size.html" >"$tmp/chromium-pdf.log" 2>&1
    rm -rf "$profile"
    if [ ! -s "$tmp/chart-$size.pdf" ]; then
        cat "$tmp/chromium-pdf.log" >&2
        echo "chart-screenshot: chromium printed no PDF ($size)" >&2
        exit 1
    fi
    pages="$(pdfinfo "$tmp/chart-$size.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
    pdftoppm -r 80 -png -f 1 -l 1 "$tmp/chart-$size.pdf" "$tmp/chart-$size-page"
    echo "$size: $pages pages; page 1: $(ls "$tmp"/chart-"$size"-page*.png)"
done

# (g) The process window of heat_press_fixing claim 1 (FixPress roller process).
./target/release/mediac window specs/examples/02_fixpress_heat_press.media \
    --claim heat_press_fixing.1 --subject "FixPress roller printing" \
    --x "heat_press.surface_temperature=40..180 °C" --y "heat_press.time=0.1..1.2 s" >"$tmp/window.svg"
rsvg-convert -o "$tmp/window.png" "$tmp/window.svg"
echo "window: $tmp/window.png"
echo "$out"
