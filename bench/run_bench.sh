#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Runs the GridDesk benchmarks: makes the benchmark city (once per size), builds its workspace
# with griddesk-cli, then runs the import, render, assignment, memory, queue, evaluation and
# validation benchmarks, each printing GridDesk's figure beside its peer's, and ends with a
# summary of every figure.
#
#   run_bench.sh --bin DIR --cli GRIDDESK_CLI --server GRIDDESK_SERVER --maps DIR --qgis-script PY --out DIR
#                [--registry DIR] [--grids N] [--cases N] [--smoke]
#
# Normally started by `cmake --build --preset default --target bench`. With --smoke (the ctest
# bench_smoke) the city is tiny, targets are not judged and a peer whose tool is missing is
# skipped; without it a missing peer stops the run and any missed target makes it fail.
set -euo pipefail

grids=100000
cases=1000000
smoke=0
bin= cli= server= maps= qgis_script= out= registry=
while [ $# -gt 0 ]; do
    case "$1" in
    --bin) bin=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --server) server=$2; shift 2 ;;
    --maps) maps=$2; shift 2 ;;
    --registry) registry=$2; shift 2 ;;
    --qgis-script) qgis_script=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --grids) grids=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    *) echo "run_bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
for required in bin cli maps qgis_script out; do
    if [ -z "${!required}" ]; then
        echo "run_bench.sh: --${required//_/-} is required" >&2
        exit 2
    fi
done

export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
export QT_LOGGING_RULES="griddesk.*.info=false"
mkdir -p "$out"
out=$(cd "$out" && pwd)
results="$out/results.txt"
: > "$results"
smoke_flag=()
if [ "$smoke" -eq 1 ]; then
    smoke_flag=(--smoke)
fi

now_ms() { date +%s%3N; }

step() { printf '\n== %s\n' "$*"; }

make_city() {
    local stamp="$out/city.stamp" wanted="grids=$grids cases=$cases"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -f "$out/city.gpkg" ]; then
        echo "reusing the city in $out ($wanted)"
        return
    fi
    rm -f "$stamp" "$out"/city.gpkg*
    local started
    started=$(now_ms)
    "$bin/griddesk-benchdata" --out "$out" --maps "$maps" --grids "$grids" --cases "$cases"
    "$cli" import-grids "$out/city.gpkg" "$maps/nyc/nyc_community_districts.geojson" \
        --level base --code-field boro_cd --name-field name
    "$cli" import-grids "$out/city.gpkg" "$out/fine_grids.shp" --level fine \
        --code-field code --name-field name --parent-field parent
    "$cli" import-cases "$out/city.gpkg" "$out/cases.csv" --profile nyc311
    echo "$wanted" > "$stamp"
    echo "city made in $(( $(now_ms) - started )) ms (setup, not measured)"
}

bench() {
    local name=$1
    shift
    step "$name"
    local log="$out/$name.log"
    if ! "$bin/griddesk-bench-$name" "$@" "${smoke_flag[@]}" 2>&1 | tee "$log"; then
        echo "run_bench.sh: the $name benchmark failed" >&2
        exit 1
    fi
    grep '^RESULT' "$log" >> "$results" || {
        echo "run_bench.sh: the $name benchmark printed no result" >&2
        exit 1
    }
}

step "benchmark city: $grids fine grids, $cases cases"
make_city
rm -f "$out"/import_run.gpkg* "$out"/assign_spatialite.gpkg*

bench import --shapefile "$out/fine_grids.shp" --maps "$maps" --work "$out"
bench render --workspace "$out/city.gpkg" --peer-gpkg "$out/fine_grids_ogr.gpkg" \
    --qgis-script "$qgis_script" --work "$out"
bench assign --workspace "$out/city.gpkg" --work "$out"
bench memory --workspace "$out/city.gpkg"
bench queue --workspace "$out/city.gpkg"
bench evaluation --workspace "$out/city.gpkg"
bench validate --shapefile "$out/fine_grids.shp" --maps "$maps"
bench org --work "$out"
bench sync --work "$out" --maps "$maps" --server "$server"
bench intake --work "$out" --maps "$maps" --server "$server"
# The register is made from Taipei's open registers, kept beside the checkout, not in it.
if [ -d "$registry" ]; then
    bench register --work "$out" --maps "$maps" --registry "$registry"
elif [ "$smoke" -eq 1 ]; then
    echo "register benchmark skipped: no Taipei registers at $registry"
else
    echo "run_bench.sh: the register benchmark needs Taipei's registers at $registry" >&2
    exit 1
fi

step "summary ($(nproc) cores, $grids fine grids, $cases cases)"
sed 's/^RESULT //' "$results"
if [ "$smoke" -eq 1 ]; then
    echo "smoke mode: every benchmark ran; the targets are judged only on the full city"
    exit 0
fi
missed=$(grep -c -E ' (MISS|SKIPPED)' "$results" || true)
total=$(wc -l < "$results")
echo "$(( total - missed )) of $total targets met"
[ "$missed" -eq 0 ]
