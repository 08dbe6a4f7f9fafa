# shellcheck shell=bash
# Shared by bench/run.sh and bench/hugo.sh: settings, repository generation, timing and
# the results table. Source it; do not run it.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
work=${BENCH_DIR:-${TMPDIR:-/tmp}/otklik-bench}
seed=${BENCH_SEED:-1}
today=${BENCH_TODAY:-2026-12-31}
runs=${BENCH_RUNS:-1}
synth=$repo_dir/target/release/examples/synth
results=$work/results.tsv

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 2; }

# Reads the sizes to run from the arguments, 1000 10000 100000 by default.
parse_sizes() {
    sizes=("$@")
    [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
    local n
    for n in "${sizes[@]}"; do
        [[ $n =~ ^[1-9][0-9]*$ ]] || die "not a count of appeals: $n"
    done
}

# Makes sure GNU time is there: it reports the peak RSS of a command without sampling.
# Installs Debian's `time` package when it is missing and we may; otherwise timing falls
# back to sampling VmHWM, which can miss a peak reached in the last few milliseconds.
ensure_time() {
    [ -x /usr/bin/time ] && return 0
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        say "bench: /usr/bin/time is missing; installing Debian's 'time' package"
        apt-get install -y -qq time >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } ||
            true
    fi
    [ -x /usr/bin/time ] ||
        say "bench: no /usr/bin/time; peak RSS comes from sampling VmHWM every 20 ms (marked ~)"
}

# Builds the generator (and, with --bin otklik, the CLI) in release mode.
build_release() {
    say "bench: cargo build --release $*"
    (cd "$repo_dir" && cargo build --release --quiet "$@") || die "cargo build failed"
}

# Prints the path of the synthetic repository with $1 appeals, generating it unless a
# complete one from an earlier run is there.
repository() {
    local n=$1 dir=$work/repo-$1-s$seed
    if [ ! -f "$dir/.synth-complete" ]; then
        rm -rf "$dir"
        mkdir -p "$work"
        say "bench: generating $n appeals into $dir"
        "$synth" --out "$dir" --count "$n" --seed "$seed" >&2 || die "synth failed"
        touch "$dir/.synth-complete"
    fi
    printf '%s\n' "$dir"
}

# measure LOG CMD...: runs CMD (output to LOG) and sets wall and cpu (user + system)
# seconds, rss_mb and rc. With BENCH_RUNS > 1 it keeps the fastest run. CPU seconds are
# worth reading beside wall time on a shared machine: other work stretches the wall time
# of a run but not its CPU time.
measure() {
    local log=$1 i best_wall="" best_rss="" best_cpu=""
    shift
    for ((i = 0; i < runs; i++)); do
        if [ -x /usr/bin/time ]; then measure_gnu "$log" "$@"; else measure_sampled "$log" "$@"; fi
        if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN{exit !(a<b)}'; then
            best_wall=$wall best_rss=$rss_mb best_cpu=$cpu
        fi
        [ "$rc" -le 1 ] || break
    done
    wall=$best_wall rss_mb=$best_rss cpu=$best_cpu
}

measure_gnu() {
    local log=$1 stats=$work/time.txt
    shift
    rc=0
    /usr/bin/time -v -o "$stats" "$@" >"$log" 2>&1 || rc=$?
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$stats")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$stats")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$stats")
    # GNU time reports a command killed by a signal as "Command terminated by signal".
    grep -q 'Command terminated by signal' "$stats" && rc=3
    return 0
}

measure_sampled() {
    local log=$1 start end peak=0 hwm pid
    shift
    start=$(date +%s.%N)
    "$@" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 0.02
    done
    rc=0
    wait "$pid" || rc=$?
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    rss_mb="~$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')"
    cpu="–"
}

# Counts the files a build wrote.
count_files() {
    if [ -d "$1" ]; then find "$1" -type f | wc -l | tr -d ' '; else echo 0; fi
}

# record N COMMAND PAGES NOTE: appends the measured row to the results file and prints it.
record() {
    local n=$1 cmd=$2 pages=$3 note=$4 rate="–"
    if [[ $pages =~ ^[0-9]+$ ]] && [ "$pages" -gt 0 ]; then
        rate=$(awk -v p="$pages" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? p / w : 0) }')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$n" "$cmd" "$wall" "$cpu" "$pages" "$rate" "$rss_mb" "$note" >>"$results"
    printf '%8s  %-14s %8s %8s %9s %8s %8s  %s\n' \
        "$n" "$cmd" "$wall" "$cpu" "$pages" "$rate" "$rss_mb" "$note" >&2
}

table_header() {
    printf '%8s  %-14s %8s %8s %9s %8s %8s  %s\n' \
        N command "wall s" "CPU s" pages "pages/s" "RSS MB" note >&2
}

# Prints the results file as a Markdown table on stdout, for the README.
markdown_table() {
    local cores
    cores=$(nproc 2>/dev/null || echo "?")
    printf '\n| N | command | wall, s | CPU, s | pages written | pages/s | peak RSS, MB | note |\n'
    printf '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n'
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' \
        "$results"
    # shellcheck disable=SC2016 # the backquotes are Markdown, not shell
    printf '\n%s cores, %s, load average %s at the end; `synth --seed %s`, `--today %s`.\n' \
        "$cores" "$(uname -sm)" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" "$seed" "$today"
}
