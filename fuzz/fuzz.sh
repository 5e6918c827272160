#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers and the pipeline with libFuzzer, on stable Rust.
#
# cargo-fuzz is not needed: its flags for coverage instrumentation are stable rustc flags,
# and libfuzzer-sys builds libFuzzer itself (with the machine's C++ compiler). Only
# AddressSanitizer needs nightly, and safe Rust does not need it to find panics, hangs or
# memory blow-ups.
#
#   fuzz/fuzz.sh build                 build every target (release, debug assertions on)
#   fuzz/fuzz.sh run TARGET SECONDS    fuzz one target; new inputs go to fuzz/corpus/TARGET
#   fuzz/fuzz.sh campaign [SECONDS]    build, then every target in turn (default 600 s each)
#   fuzz/fuzz.sh smoke [SECONDS]       CI: a quick unoptimised build, each target SECONDS (5)
#   fuzz/fuzz.sh repro TARGET FILE     run one input (a crash artifact) through a target
#   fuzz/fuzz.sh list                  the targets
#
# Limits (the issue's bar): an input over 1 s is a failure (-timeout=1), so is a process
# over 1 GB (-rss_limit_mb=1024). The smoke build is unoptimised, so it allows 10 s an input.
# Crashes land in fuzz/artifacts/TARGET/; run one again with `repro`.
set -euo pipefail
cd "${FUZZ_DIR:-$(dirname "$0")}"
ROOT=$(cd .. && pwd)
TARGETS=(detect postman swagger2 openapi pipeline structured)
HOST=$(rustc -vV | sed -n 's/^host: //p')
PROFILE=${FUZZ_PROFILE:-release}
BIN_DIR="target/$HOST/$PROFILE"
if [ "$PROFILE" = dev ]; then BIN_DIR="target/$HOST/debug"; fi
TIMEOUT=${FUZZ_TIMEOUT:-1}
FLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing"

build() {
    # `--target` keeps the flags off build scripts and proc macros, which must not be
    # instrumented (they would not link without libFuzzer).
    # Not --locked: a dependency that codegen gains must not break the fuzz build.
    RUSTFLAGS="$FLAGS" cargo build --profile "$PROFILE" --target "$HOST" --bins
}

# The seed directories of a target: the bundled specs and the reader fixtures.
seeds() {
    case "$1" in
        # Its bytes are choices, not text: documents make poor seeds, and short inputs suffice.
        structured) return ;;
        postman) echo "$ROOT/codegen/tests/fixtures/postman" ;;
        swagger2) echo "$ROOT/codegen/tests/fixtures/swagger2" ;;
        openapi) echo "$ROOT/codegen/tests/fixtures/openapi" ;;
        *) echo "$ROOT/codegen/tests/fixtures/postman $ROOT/codegen/tests/fixtures/swagger2 $ROOT/codegen/tests/fixtures/openapi" ;;
    esac
    echo "$ROOT/specs/crankwheel $ROOT/specs/crankwheel-reseller $ROOT/specs/outseta seeds"
    if [ -d "$ROOT/codegen/tests/fixtures/regressions" ]; then echo "$ROOT/codegen/tests/fixtures/regressions"; fi
}

run() {
    local target=$1 seconds=$2
    shift 2
    local corpus=${CORPUS_DIR:-corpus}/$target max_len=262144
    if [ "$target" = structured ]; then max_len=4096; fi
    mkdir -p "$corpus" "artifacts/$target"
    # shellcheck disable=SC2046
    "$BIN_DIR/$target" "$corpus" $(seeds "$target") \
        -dict=api.dict -max_total_time="$seconds" -timeout="$TIMEOUT" -rss_limit_mb=1024 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix="artifacts/$target/" "$@"
}

case "${1:-}" in
    build) build ;;
    run)
        [ $# -ge 3 ] || { echo "usage: fuzz.sh run TARGET SECONDS [libFuzzer flags]" >&2; exit 2; }
        t=$2 s=$3
        shift 3
        run "$t" "$s" "$@"
        ;;
    campaign)
        secs=${2:-600}
        build
        mkdir -p artifacts
        for t in "${TARGETS[@]}"; do
            echo "==> fuzz campaign: $t for ${secs}s (log: fuzz/artifacts/$t.log)"
            run "$t" "$secs" >"artifacts/$t.log" 2>&1 || echo "==> $t stopped: see fuzz/artifacts/$t/"
            grep -E '^(Done|stat::)' "artifacts/$t.log" || true
        done
        ;;
    smoke)
        secs=${2:-5}
        PROFILE=dev BIN_DIR="target/$HOST/debug" TIMEOUT=10
        # Seeds only: a corpus grown by long runs would take minutes to replay unoptimised.
        CORPUS_DIR=$(mktemp -d)
        trap 'rm -rf "$CORPUS_DIR"' EXIT
        build
        for t in "${TARGETS[@]}"; do
            echo "==> fuzz smoke: $t for ${secs}s"
            mkdir -p artifacts
            if run "$t" "$secs" >"artifacts/$t.log" 2>&1; then
                grep -E '^(Done|stat::)' "artifacts/$t.log" || true
            else
                cat "artifacts/$t.log"
                echo "==> fuzz smoke: $t failed; the input is in fuzz/artifacts/$t/" >&2
                exit 1
            fi
        done
        ;;
    repro)
        [ $# -eq 3 ] || { echo "usage: fuzz.sh repro TARGET FILE" >&2; exit 2; }
        "$BIN_DIR/$2" -timeout=1 -rss_limit_mb=1024 "$3"
        ;;
    list) printf '%s\n' "${TARGETS[@]}" ;;
    *)
        sed -n '2,18p' "$0" >&2
        exit 2
        ;;
esac
