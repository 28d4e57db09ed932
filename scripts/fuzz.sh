#!/usr/bin/env bash
# Coverage-guided fuzzing of mediac with cargo-fuzz (libFuzzer); the targets are in fuzz/ and
# described in fuzz/README.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 1200; TARGET defaults to every target (parse, check, claims, fmt),
# run one after the other. Each run's output goes to fuzz/logs/TARGET.log; the corpus grows in
# fuzz/corpus/TARGET/ (seeded from specs/ on every run) and failing inputs land in
# fuzz/artifacts/TARGET/. At the end a table gives, per target, the executions, executions per
# second, coverage, corpus size and the crash, timeout and out-of-memory artifacts; the exit
# status is 1 when there is any such artifact (including ones left from earlier runs: turn them
# into regression tests and delete them, see fuzz/README.md), otherwise 2 when a target does
# not build or stops without leaving an artifact (its log says why), otherwise 0.
#
# The machine has 2 cores and libFuzzer runs on one, so two targets can be fuzzed at once by
# two invocations, e.g. `scripts/fuzz.sh 1200 parse & scripts/fuzz.sh 1200 check; wait`.
#
# Environment:
#   FUZZ_SANITIZER          cargo-fuzz's --sanitizer (address, leak, memory, thread); default:
#                           none on a stable toolchain, cargo-fuzz's own (address) on nightly.
#   FUZZ_DEBUG_ASSERTIONS   1 (default) builds with debug assertions and overflow checks; 0 not.
#   FUZZ_TOOLCHAIN          a rustup toolchain to use (e.g. nightly); default: the active one.
#   RAYON_NUM_THREADS       threads of the compiler's parallel passes; default 1 here.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(parse check claims fmt)
seconds="${1:-1200}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...] (targets: ${ALL_TARGETS[*]})" >&2
    exit 2
fi
shift $(($# > 0 ? 1 : 0))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=("${ALL_TARGETS[@]}")
fi
for t in "${targets[@]}"; do
    if ! [[ " ${ALL_TARGETS[*]} " == *" $t "* ]]; then
        echo "error: unknown fuzz target '$t' (targets: ${ALL_TARGETS[*]})" >&2
        exit 2
    fi
done

# Inputs longer than this are not generated; the compiling targets refuse longer ones too
# (common::MAX_INPUT), which keeps one execution of a whole check short.
MAX_LEN=16384

cargo_cmd=(cargo)
if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
    cargo_cmd=(cargo "+$FUZZ_TOOLCHAIN")
fi

if ! "${cargo_cmd[@]}" fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: installing it (cargo install cargo-fuzz --locked)"
    cargo install cargo-fuzz --locked
fi

# Why RUSTC_BOOTSTRAP and --sanitizer none on stable: cargo-fuzz's default sanitizer,
# AddressSanitizer, is switched on with -Zsanitizer, a flag that only a nightly rustc takes, and
# cargo-fuzz passes other -Z flags for some of its options. RUSTC_BOOTSTRAP=1 makes a stable
# rustc take -Z flags (cargo-fuzz then treats it as nightly), so FUZZ_SANITIZER=address works on
# stable too. Without FUZZ_SANITIZER, a stable toolchain builds with --sanitizer none, which
# needs no -Z flag at all: mediac has no unsafe code, so a sanitizer would only check its
# dependencies' unsafe code, at about twice the time per execution, while a panic, a stack
# overflow, a timeout or running out of memory is caught without one. (Build scripts that probe
# for nightly features, such as proc-macro2's, check that a probe compiles, so RUSTC_BOOTSTRAP=1
# does not turn on features this compiler lacks.)
rustc_cmd=(rustc)
if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
    rustc_cmd=(rustc "+$FUZZ_TOOLCHAIN")
fi
rustc_version="$("${rustc_cmd[@]}" --version)"
sanitizer_args=()
if [[ "$rustc_version" != *-nightly* ]]; then
    export RUSTC_BOOTSTRAP=1
    sanitizer_args=(--sanitizer "${FUZZ_SANITIZER:-none}")
elif [ -n "${FUZZ_SANITIZER:-}" ]; then
    sanitizer_args=(--sanitizer "$FUZZ_SANITIZER")
fi
sanitizer_name="${sanitizer_args[1]:-address}"
echo "toolchain: $rustc_version; sanitizer: $sanitizer_name"

# Debug assertions include overflow checks: mediac's exact arithmetic promises an error, never
# a silent wrap, when a value leaves 128 bits, and an overflow check turns a wrap into a crash.
build_args=("${sanitizer_args[@]}")
if [ "${FUZZ_DEBUG_ASSERTIONS:-1}" != 0 ]; then
    build_args+=(--debug-assertions)
fi

# The compiler's parallel passes: one thread each keeps two invocations from competing for
# the two cores, and executions repeatable.
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-1}"

mkdir -p fuzz/logs

# Seeds: every spec of the repository; for `claims`, every file that declares a claim set.
# Named by content hash, as libFuzzer names its own corpus files, so a seed is stored once.
seed() {
    local target="$1" dir="fuzz/corpus/$1" n=0 skipped=0 f sum
    mkdir -p "$dir"
    while IFS= read -r -d '' f; do
        if [ "$target" = claims ] && ! grep -qE '^[[:space:]]*claimset[[:space:]]' "$f"; then
            continue
        fi
        if [ "$(wc -c <"$f")" -gt "$MAX_LEN" ]; then
            skipped=$((skipped + 1))
            continue
        fi
        sum="$(sha1sum "$f")"
        cp "$f" "$dir/${sum%% *}"
        n=$((n + 1))
    done < <(find specs -name '*.media' -type f -print0 | sort -z)
    echo "$target: $n seeds from specs/ ($skipped longer than $MAX_LEN bytes left out)"
}

# The last value of `key: N` (libFuzzer's status lines) or `stat::key: N` (its final stats).
last_number() {
    grep -aoE "$1[[:space:]]*[0-9]+" "$2" | tail -n 1 | grep -oE '[0-9]+$' || true
}

count_artifacts() {
    local dir="fuzz/artifacts/$1" prefix="$2"
    if [ -d "$dir" ]; then
        find "$dir" -maxdepth 1 -type f -name "$prefix-*" | wc -l
    else
        echo 0
    fi
}

declare -A status
for t in "${targets[@]}"; do
    seed "$t"
    log="fuzz/logs/$t.log"
    echo "$t: building ($log)"
    if ! "${cargo_cmd[@]}" fuzz build "${build_args[@]}" "$t" >"$log" 2>&1; then
        echo "$t: build failed, see $log" >&2
        status[$t]="build failed"
        continue
    fi
    echo "$t: fuzzing for $seconds s ($log)"
    rc=0
    "${cargo_cmd[@]}" fuzz run "${build_args[@]}" "$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len="$MAX_LEN" \
        -print_final_stats=1 >>"$log" 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
        status[$t]="ok"
    else
        status[$t]="stopped ($rc)"
    fi
    echo "$t: ${status[$t]}"
done

echo
fmt="%-8s %-14s %12s %8s %8s %8s %7s %8s %5s\n"
# shellcheck disable=SC2059
printf "$fmt" target status executions exec/s cov corpus crashes timeouts ooms
found=0
failed=0
for t in "${targets[@]}"; do
    log="fuzz/logs/$t.log"
    execs="$(last_number 'stat::number_of_executed_units:' "$log")"
    if [ -z "$execs" ]; then
        # No final stats (killed, or a crash before them): the last `#N` status line.
        execs="$(grep -aoE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)"
    fi
    rate="$(last_number 'stat::average_exec_per_sec:' "$log")"
    if [ -z "$rate" ]; then
        rate="$(last_number 'exec/s:' "$log")"
    fi
    cov="$(last_number 'cov:' "$log")"
    corpus=0
    if [ -d "fuzz/corpus/$t" ]; then
        corpus="$(find "fuzz/corpus/$t" -maxdepth 1 -type f | wc -l)"
    fi
    crashes="$(count_artifacts "$t" crash)"
    timeouts="$(count_artifacts "$t" timeout)"
    ooms="$(count_artifacts "$t" oom)"
    found=$((found + crashes + timeouts + ooms))
    if [ "${status[$t]}" != ok ] && [ $((crashes + timeouts + ooms)) -eq 0 ]; then
        # A build failure, or a run that stopped without leaving an artifact: see the log.
        failed=1
    fi
    # shellcheck disable=SC2059
    printf "$fmt" "$t" "${status[$t]}" "${execs:--}" "${rate:--}" "${cov:--}" "$corpus" \
        "$crashes" "$timeouts" "$ooms"
done

if [ "$found" -gt 0 ]; then
    echo
    reproduce="${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }${cargo_cmd[*]} fuzz run ${build_args[*]}"
    echo "artifacts (reproduce one with: $reproduce TARGET ARTIFACT;"
    echo "fuzz/README.md tells how to turn it into a regression test):"
    for t in "${targets[@]}"; do
        if [ -d "fuzz/artifacts/$t" ]; then
            find "fuzz/artifacts/$t" -maxdepth 1 -type f \
                \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort
        fi
    done
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    exit 2
fi
