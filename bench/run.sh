#!/usr/bin/env bash
# Times `otklik check` and `otklik build` on synthetic repositories of N appeals.
#
#   bench/run.sh                 N = 1000 10000 100000
#   bench/run.sh 1000 10000      only these sizes
#
# Environment: BENCH_DIR (work folder, default $TMPDIR/otklik-bench; repositories there
# are reused), BENCH_SEED (1), BENCH_TODAY (2026-12-31), BENCH_RUNS (1; keeps the
# fastest), BENCH_HUGO=0 to skip the Hugo comparison (bench/hugo.sh), BENCH_OTKLIK to
# time another otklik binary than target/release/otklik.
#
# Progress and a plain table go to stderr; the Markdown table for the README goes to
# stdout at the end. Exit status: 0 when every timed command ran (check may report
# errors), 1 when one failed or the CLI lacks `check`/`build`, 2 on a setup problem.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_sizes "$@"
mkdir -p "$work"
: >"$results"
ensure_time
build_release --bin otklik --example synth
bin=${BENCH_OTKLIK:-$repo_dir/target/release/otklik}

# The CLI is being written alongside this script: look for the subcommands and options
# it will have rather than trusting the exit code of a stub.
cli_ready() {
    "$bin" check --help 2>&1 | grep -q -- '--root' &&
        "$bin" build --help 2>&1 | grep -q -- '--out'
}

failed=0
if cli_ready; then
    has_cli=1
else
    has_cli=0
    failed=1
    say "bench: $bin has no 'check --root' / 'build --out' yet; timing only Hugo's side"
fi

# Notes what an exit status means for the table; a status above 1 is a failure.
status_note() {
    case $1 in
        0) echo "" ;;
        1) echo "exit 1 ($2)" ;;
        *) echo "FAILED: exit $1, see $3" ;;
    esac
}

time_otklik() {
    local n=$1 root=$2 site=$work/site-$1 note
    measure "$work/check-$n.log" "$bin" check --root "$root" --today "$today"
    note=$(status_note "$rc" "check found errors" "$work/check-$n.log")
    if [ "$rc" -gt 1 ]; then failed=1; fi
    record "$n" "otklik check" "–" "$note"
    rm -rf "$site"
    measure "$work/build-$n.log" "$bin" build --root "$root" --today "$today" --out "$site"
    note=$(status_note "$rc" "build failed" "$work/build-$n.log")
    if [ "$rc" -ne 0 ]; then failed=1; fi
    record "$n" "otklik build" "$(count_files "$site")" "$note"
}

for n in "${sizes[@]}"; do
    root=$(repository "$n") || exit 2
    table_header
    if [ "$has_cli" = 1 ]; then time_otklik "$n" "$root"; fi
    if [ "${BENCH_HUGO:-1}" != 0 ]; then
        BENCH_RESULTS_APPEND=1 "$bench_dir/hugo.sh" "$n" >/dev/null || say "bench: hugo.sh failed for N=$n"
    fi
done

markdown_table
exit "$failed"
