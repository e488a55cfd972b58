#!/usr/bin/env bash
# PCME against its deterministic baseline on the emoji image-text set (pipelines/pcme-emoji.yaml):
# trains PCME (Monte-Carlo soft contrastive loss), PCME++ (closed-form sampled distance, csd) and
# the same encoders trained deterministically with InfoNCE, on the same split, for each seed;
# prints a table like the paper's (R@1/5/10, R-Precision, PMRP, both directions; mean and spread
# over seeds), PCME's PMRP difference to the baseline per seed, the correlation between a query's
# uncertainty and its Recall@1 failure, and the approximate index (Lucene HNSW on mu, candidates
# re-ranked by the closed-form sampled distance, which reads sigma) against exact scoring under
# the same distance at 10k, 100k and 1M gallery vectors grown from the trained PCME's embeddings.
#
#   bench/pcme.sh [--quick] [--seed N] [--seeds K] [--epochs N] [--threads N]
#
# Full run: seeds N..N+2, 20 epochs per model, index sizes 10k, 100k and 1M (about 50 minutes on
# 2 cores). --quick: one seed, 4 epochs, index sizes 10k and 100k (about 8 minutes); its 1M
# fields then read n/a. Ends with one line:
#   RESULT pcme_pmrp_i2t=A pcme_pmrp_t2i=B det_pmrp_i2t=C det_pmrp_t2i=D csd_pmrp_i2t=E
#          csd_pmrp_t2i=F sigma_failure_corr=G ann_recall10_1m=H ann_speedup_1m=K
# Exit status 0 whether or not the targets are met; 1 if a step could not run; 2 for bad options.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seed=1
seeds=3
epochs=20
threads=2
sizes=10000,100000,1000000
pipeline=pipelines/pcme-emoji.yaml
plugins=${BRAID_PLUGINS_DIR:-plugins}

source bench/common.sh
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) seeds=1; epochs=4; sizes=10000,100000; shift ;;
    --seed) number "$1" "${2:-}"; seed=$2; shift 2 ;;
    --seeds) number "$1" "${2:-}" 1; seeds=$2; shift 2 ;;
    --epochs) number "$1" "${2:-}" 1; epochs=$2; shift 2 ;;
    --threads) number "$1" "${2:-}" 1; threads=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) unknown "$1" ;;
  esac
done

require_installed "Braid or its emoji data" bin/braid runtime/target/braid-runtime.jar \
  runtime/target/lib data/emoji/emojibase-data/en/data.json "$plugins/pcme/*.jar"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${BRAID_BENCH_RUNS:-$work}
start=$(date +%s)
export BRAID_JAVA_OPTS="${BRAID_JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1"
export OMP_NUM_THREADS=$threads

echo "PCME benchmark: seeds $seed..$((seed + seeds - 1)), $epochs epochs per model, index sizes" \
  "$sizes, $threads threads"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

train() {  # name, seed, extra --set arguments...
  local name=$1 run_seed=$2
  shift 2
  echo "training $name (seed $run_seed)..."
  if ! bin/braid train "$pipeline" --out "$runs/$name-$run_seed" --set "train.device=cpu" \
      --set "train.seed=$run_seed" --set "train.epochs=$epochs" "$@" \
      >"$work/$name-$run_seed.out" 2>"$work/$name-$run_seed.err"; then
    echo "bench/pcme.sh: training $name failed:" >&2
    tail -n 30 "$work/$name-$run_seed.err" >&2
    exit 1
  fi
  grep -hE '^braid train:' "$work/$name-$run_seed.out" "$work/$name-$run_seed.err" \
    | sed 's/^/  /' || true
}

for ((s = seed; s < seed + seeds; s++)); do
  train pcme "$s"
  train csd "$s" --set 'objectives=[{name: pcme-csd}]' --set task.similarity=csd
  train det "$s" --set task.probabilistic=false \
    --set 'objectives=[{name: info-nce, a: mu_a, b: mu_b, logitScale: logit_scale}]'
done

echo "timing the approximate index against exact scoring (gallery grown from the embeddings of" \
  "pcme-$seed)..."
if ! java ${BRAID_JAVA_OPTS} -Xmx8g -Dai.djl.offline=true \
    -cp "$plugins/pcme/*:runtime/target/braid-runtime.jar:runtime/target/lib/*" \
    ai.braid.plugin.pcme.index.AnnBenchmark --input "$runs/pcme-$seed/plots/embeddings.ndlist" \
    --similarity csd --sizes "$sizes" --seed "$seed" --work-dir "$work" \
    --max-conn 32 --beam-width 200 --candidates 400 \
    >"$work/ann.out" 2>"$work/ann.err"; then
  echo "bench/pcme.sh: the index benchmark failed:" >&2
  tail -n 30 "$work/ann.err" >&2
  exit 1
fi
grep -v '^ANN size=' "$work/ann.out" | sed 's/^/  /'

python3 - "$runs" "$seed" "$seeds" "$start" "$work/ann.out" <<'PY'
import json
import statistics
import sys
import time
from pathlib import Path

runs, first, count, start, ann = (Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                                  float(sys.argv[4]), Path(sys.argv[5]))
seeds = list(range(first, first + count))
models = {"pcme": "PCME (match prob.)", "csd": "PCME++ (csd)", "det": "deterministic (InfoNCE)"}
test = {(m, s): json.loads((runs / f"{m}-{s}" / "report.json").read_text())["metrics"]["test"]
        for m in models for s in seeds}


def values(model, metric):
    return [100 * test[(model, s)][metric] for s in seeds]


def cell(model, metric):
    v = values(model, metric)
    return f"{statistics.mean(v):5.1f}" + (f"±{statistics.stdev(v):4.1f}" if len(v) > 1 else "")


columns = [(d, m) for d in ("i2t", "t2i")
           for m in ("recall@1", "recall@5", "recall@10", "r_precision", "pmrp")]
print()
print("test split, % (mean ± sd over seeds " + ", ".join(map(str, seeds)) + ")")
short = {"recall@1": "R@1", "recall@5": "R@5", "recall@10": "R@10", "r_precision": "R-P",
         "pmrp": "PMRP"}
print(f"{'model':26}" + "".join(f"{short[m] + ' ' + d:>13}" for d, m in columns))
for model, label in models.items():
    print(f"{label:26}" + "".join(f"{cell(model, m + '_' + d):>13}" for d, m in columns))
print("paper (COCO 1K, PMRP/R@1): PCME i2t 45.0/68.8, t2i 46.0/54.6; PVSE K=1 i2t 40.3/66.7, "
      "t2i 41.8/53.5")
print()
for d in ("i2t", "t2i"):
    diffs = [a - b for a, b in zip(values("pcme", f"pmrp_{d}"), values("det", f"pmrp_{d}"))]
    spread = f" ± {statistics.stdev(diffs):.2f}" if len(diffs) > 1 else ""
    print(f"PMRP {d}: PCME - deterministic = {statistics.mean(diffs):+.2f}{spread} points"
          f" (per seed: {', '.join(f'{x:+.2f}' for x in diffs)})")
corr = {d: statistics.mean(test[("pcme", s)][f"sigma_failure_corr_{d}"] for s in seeds)
        for d in ("i2t", "t2i")}
print(f"uncertainty vs Recall@1 failure (point-biserial r, PCME): i2t {corr['i2t']:+.3f}, "
      f"t2i {corr['t2i']:+.3f}")
# Every seed ranks the same test queries, so the seeds' intervals are not pooled.
for d in ("i2t", "t2i"):
    spans = []
    for s in seeds:
        report = test[("pcme", s)]
        low = report.get(f"sigma_failure_corr_{d}_low95")
        high = report.get(f"sigma_failure_corr_{d}_high95")
        r = report[f"sigma_failure_corr_{d}"]
        spans.append(f"{r:+.3f} [{low:+.3f}, {high:+.3f}]" if low is not None else f"{r:+.3f}")
    print(f"  {d} per seed, r [95% interval over the queries]: " + "; ".join(spans))

lines = {}
for line in ann.read_text().splitlines():
    if line.startswith("ANN size="):
        fields = dict(part.split("=", 1) for part in line.split()[1:])
        lines[int(fields["size"])] = fields
print()
print(f"{'gallery':>9} {'recall@10':>10} {'exact ms':>9} {'hnsw ms':>8} {'speedup':>8} {'build s':>8}")
for size, f in sorted(lines.items()):
    print(f"{size:>9} {float(f['recall10']):>10.3f} {float(f['exact_ms']):>9.2f} "
          f"{float(f['hnsw_ms']):>8.2f} {float(f['speedup']):>8.1f} {float(f['build_s']):>8.1f}")
million = lines.get(1_000_000)
minutes = (time.time() - start) / 60


def mean(model, metric):
    return statistics.mean(values(model, metric))


print(f"\nwall time {minutes:.1f} minutes")
print("RESULT " + " ".join([
    f"pcme_pmrp_i2t={mean('pcme', 'pmrp_i2t'):.2f}", f"pcme_pmrp_t2i={mean('pcme', 'pmrp_t2i'):.2f}",
    f"det_pmrp_i2t={mean('det', 'pmrp_i2t'):.2f}", f"det_pmrp_t2i={mean('det', 'pmrp_t2i'):.2f}",
    f"csd_pmrp_i2t={mean('csd', 'pmrp_i2t'):.2f}", f"csd_pmrp_t2i={mean('csd', 'pmrp_t2i'):.2f}",
    f"sigma_failure_corr={(corr['i2t'] + corr['t2i']) / 2:.3f}",
    f"ann_recall10_1m={float(million['recall10']):.3f}" if million else "ann_recall10_1m=n/a",
    f"ann_speedup_1m={float(million['speedup']):.1f}" if million else "ann_speedup_1m=n/a"]))
PY
