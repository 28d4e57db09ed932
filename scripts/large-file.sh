#!/usr/bin/env bash
# Generates a ~50 MB spec file and checks it with a release build: it must end in a result
# (here: no problems) in bounded time and memory, never a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/mediac-large.media"
python3 - "$out" <<'PY'
import sys
item = ('medium "m{0}" {{\n  // medium {0}\n'
        '  layer "base" {{ silica = 18 g/m2; pva = 12 phr of silica; thickness = 30 um }}\n'
        '  layer "top" {{ silica = 6 g/m2; polystyrene_latex = 2.5 g/m2 {{ tg = 100 °C ± 2 °C }}; pva = 0.6 g/m2 }}\n}}\n')
with open(sys.argv[1], "w") as f:
    size, i = 0, 0
    while size < 50 * 1024 * 1024:
        s = item.format(i)
        f.write(s)
        size += len(s.encode())
        i += 1
PY
ls -l "$out"
cargo build --release --quiet
/usr/bin/time -f "%e s, %M KiB max RSS" ./target/release/mediac check "$out"
