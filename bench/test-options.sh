#!/usr/bin/env bash
# Checks how every bench script treats its command line, without running a benchmark: --help
# prints the script's help and exits 0; an unknown option, a missing or malformed value and a
# value below its minimum exit 2 naming the option; a missing install exits 1 naming what is
# missing. scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failures=0
checks=0

# expect STATUS TEXT COMMAND...: runs COMMAND and checks its exit status and that its output
# (stdout and stderr together) holds TEXT.
expect() {
  local status=$1 text=$2 out got
  shift 2
  checks=$((checks + 1))
  set +e
  out=$("$@" 2>&1 </dev/null)
  got=$?
  set -e
  if [ "$got" != "$status" ] || [[ "$out" != *"$text"* ]]; then
    failures=$((failures + 1))
    echo "FAIL: $* exited $got (expected $status) with output:" >&2
    echo "$out" | head -n 5 | sed 's/^/  /' >&2
    echo "  expected it to contain: $text" >&2
  fi
}

for script in betavae engine pcme ssesf; do
  bench=bench/$script.sh
  expect 0 "$bench [" "$bench" --help
  expect 2 "$bench: unknown option '--frobnicate'" "$bench" --frobnicate
  expect 2 "$bench: --threads expects a whole number >= 1, got 'two'" "$bench" --threads two
  # The value is checked even when more options follow it.
  expect 2 "$bench: --threads expects a whole number >= 1, got '0'" "$bench" --threads 0 --help
  expect 2 "$bench: --threads expects a whole number >= 1, got ''" "$bench" --threads
done
for script in betavae pcme ssesf; do
  expect 2 "bench/$script.sh: --seed expects a whole number, got '-1'" bench/$script.sh --seed -1
done
expect 2 "bench/betavae.sh: --steps expects a whole number >= 1, got '0'" \
  bench/betavae.sh --steps 0 --seed 2
expect 2 "bench/betavae.sh: --device expects one of: cpu gpu; got 'tpu'" \
  bench/betavae.sh --device tpu
expect 2 "bench/engine.sh: --pipeline needs a value" bench/engine.sh --pipeline
expect 2 "bench/engine.sh: --pipeline: no file no/such.yaml" \
  bench/engine.sh --pipeline no/such.yaml
expect 2 "bench/engine.sh: --warmup expects a whole number, got '1.5'" bench/engine.sh --warmup 1.5
expect 1 "bench/pcme.sh: Braid or its emoji data is not installed (missing" \
  env BRAID_PLUGINS_DIR=/nonexistent/plugins bench/pcme.sh --quick
expect 1 "/nonexistent/plugins/ssesf/*.jar" \
  env BRAID_PLUGINS_DIR=/nonexistent/plugins bench/ssesf.sh --quick

echo "bench/test-options.sh: $((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
