#!/usr/bin/env bash
# The main job, end to end on a fresh machine: install and build Braid, then train Fashion-MNIST
# as an image + text task twice, with late fusion and with transformer fusion, evaluate the
# transformer's best checkpoint again from disk, and print the two runs side by side.
# Results: runs/fashion-late/ and runs/fashion-transformer/ (metrics.jsonl, report.json,
# checkpoint/, plots/*.png). Pass extra --set overrides through, e.g. --set train.epochs=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
bin/braid plugins
for pipeline in fashion-late fashion-transformer; do
  echo
  echo "example: training pipelines/$pipeline.yaml"
  rm -rf "runs/$pipeline"
  bin/braid train "pipelines/$pipeline.yaml" --out "runs/$pipeline" "$@"
done
echo
echo "example: evaluating runs/fashion-transformer/checkpoint again from disk"
bin/braid eval pipelines/fashion-transformer.yaml --checkpoint runs/fashion-transformer "$@" \
  > runs/fashion-transformer/eval.json
command -v python3 >/dev/null 2>&1 || exit 0
echo
echo "Test accuracy (best epoch on validation):"
for pipeline in fashion-late fashion-transformer; do
  python3 - "runs/$pipeline/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
test = report["metrics"]["test"]
print(f"  {report['pipeline']:<22} accuracy {test['accuracy']:.4f}  macro F1 "
      f"{test.get('macro_f1', float('nan')):.4f}  ({report['epochs']} epochs,"
      f" {report['wallSeconds']:.0f} s)")
PY
done
