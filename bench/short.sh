#!/usr/bin/env bash
# The short mode of every benchmark (about a minute each), run by .ci/run after `npm test` so the
# figures are seen on every change. Not a test: no figure fails it. Each benchmark's whole JSON
# document goes to $BENCH_OUT/<name>.json; stdout gets one JSON line per benchmark with its summary
# (ours over bare ratios). Needs `npm run build` done (npm test does it) and PostgreSQL up.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${BENCH_OUT:-${TMPDIR:-/tmp}/convergo-bench}"
mkdir -p "$out"
# The fan-out load process holds 2 x N sockets, connections N at a time, scale-out N per deployment.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export TS_NODE_COMPILER_OPTIONS='{"rootDir":"."}'

failed=0
run() {
  local name=$1
  shift
  local started=$SECONDS
  if node -r ts-node/register/transpile-only "$@" >"$out/$name.json" 2>"$out/$name.log"; then
    node -e '
      const [file, name, seconds] = process.argv.slice(1);
      const doc = JSON.parse(require("node:fs").readFileSync(file, "utf8"));
      console.log(JSON.stringify({ benchmark: name, seconds: Number(seconds), summary: doc.summary }));
    ' "$out/$name.json" "$name" "$((SECONDS - started))"
  else
    failed=1
    echo "{\"benchmark\":\"$name\",\"failed\":true,\"log\":\"$out/$name.log\"}"
    tail -n 20 "$out/$name.log" >&2
  fi
}

run fanout bench/fanout/run.ts --n 200 --rate 5 --duration 5 --runs 1 --workers 1 --budget 150 --skip-build
run live-room bench/live-room/run.ts --n 50 --rate 2 --duration 3 --storm 2 --runs 1 --workers 1 --budget 100 \
  --skip-build
run connections bench/connections/run.ts --n 1000 --members 10 --workers 1 --skip-build
run scale-out bench/scale-out/run.ts --n 200 --duration 5 --runs 1 --workers 1 --doc-updates 20 --skip-build
run http bench/http/run.ts --duration 5 --runs 2 --skip-build
run indicators bench/indicators/run.ts --requests 20
run editing-traces bench/editing-traces/run.ts --k 1 --runs 1 --patches 20000 --measure 2000 --typist-runs 1 \
  --typist-updates 50 --scenarios sequential
exit "$failed"
