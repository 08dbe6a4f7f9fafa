#!/usr/bin/env bash
# Times Hugo on the same synthetic appeals, for comparison with `otklik build`.
#
#   bench/hugo.sh                N = 1000 10000 100000
#   bench/hugo.sh 10000 100000   only these sizes
#
# For each N it makes a Hugo site whose content/appeals/ holds the same N Markdown files
# (hard links into the otklik repository, so the YAML front matter is byte-identical),
# with one trivial template for a page and one for a list, then times `hugo` with the
# same tool as bench/run.sh. Hugo writes one page per appeal where otklik writes a public
# and an internal one, so compare pages per second as well as wall time.
#
# Hugo is installed with `apt-get install -y hugo` when missing (Debian 12 ships
# 0.111); if that is impossible the script says so and exits 0. Environment as in
# bench/run.sh. The Markdown table goes to stdout.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_sizes "$@"
mkdir -p "$work"
[ "${BENCH_RESULTS_APPEND:-0}" = 1 ] || : >"$results"

ensure_hugo() {
    command -v hugo >/dev/null && return 0
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        say "bench: hugo is missing; trying apt-get install -y hugo"
        apt-get install -y -qq hugo >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hugo >/dev/null 2>&1; } ||
            true
    fi
    command -v hugo >/dev/null
}

if ! ensure_hugo; then
    say "bench: hugo is not available (apt-get install -y hugo failed or not root); skipping Hugo"
    exit 0
fi
ensure_time
[ -x "$synth" ] || build_release --example synth
hugo_version=$(hugo version 2>/dev/null | awk '{ print $2 }')

# Writes the Hugo site for the repository at $2 into $1. The content is reused when an
# earlier run completed it; the configuration and templates are written every time.
hugo_site() {
    local site=$1 root=$2
    if [ ! -f "$site/.content-complete" ]; then
        rm -rf "$site"
        mkdir -p "$site/content"
        cp -al "$root/appeals" "$site/content/appeals" 2>/dev/null ||
            cp -r "$root/appeals" "$site/content/appeals"
        touch "$site/.content-complete"
    fi
    mkdir -p "$site/layouts/_default"
    # No taxonomies, feeds or sitemap: one page per appeal plus the home and section lists,
    # the nearest Hugo gets to "a single trivial template".
    cat >"$site/config.toml" <<'TOML'
baseURL = "/"
languageCode = "ru"
title = "Обращения граждан — бенчмарк"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
TOML
    cat >"$site/layouts/_default/single.html" <<'HTML'
<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>{{ .Params.id }}</title></head>
<body><main><h1>{{ .Params.id }}: {{ .Params.public_summary }}</h1>
<p>{{ .Params.status }} · {{ .Params.sector }} · {{ .Params.locality }}</p>
{{ .Content }}</main></body></html>
HTML
    cat >"$site/layouts/_default/list.html" <<'HTML'
<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><p>{{ len .Pages }}</p></main></body></html>
HTML
}

for n in "${sizes[@]}"; do
    root=$(repository "$n") || exit 2
    site=$work/hugo-$n-s$seed
    out=$work/hugo-public-$n
    hugo_site "$site" "$root"
    rm -rf "$out"
    [ "${BENCH_RESULTS_APPEND:-0}" = 1 ] || table_header
    measure "$work/hugo-$n.log" hugo --quiet --source "$site" --destination "$out"
    note="hugo $hugo_version"
    [ "$rc" = 0 ] || note="FAILED: exit $rc, see $work/hugo-$n.log"
    record "$n" "hugo" "$(count_files "$out")" "$note"
done

[ "${BENCH_RESULTS_APPEND:-0}" = 1 ] || markdown_table
