#!/usr/bin/env bash
# The main job, end to end on a fresh machine: install and build Braid, then train SSESF sarcasm
# detection (pipelines/ssesf-sarcasm.yaml) on the diagnostic emoji sarcasm data: emoji images
# with short texts whose polarities disagree when the sample is sarcastic, 30% of the texts
# drawn only inside the image. Image patches, the text and the text Tesseract reads from the
# image (the ocr extractor) go through the ESFM multiway encoder. Then the best checkpoint is
# evaluated again from disk, on every test sample and on those whose text only OCR can read,
# and the results are printed.
# Results: runs/ssesf-sarcasm/ (metrics.jsonl, report.json, checkpoint/, eval*.json and
# plots/*.png, among them the first layer's [CLS] attention over patches and tokens,
# attention-<i>.png). Pass extra --set overrides through, e.g. --set train.epochs=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
bin/braid plugins
pipeline=pipelines/ssesf-sarcasm.yaml
run=runs/ssesf-sarcasm
echo
echo "example: training $pipeline"
rm -rf "$run"
bin/braid train "$pipeline" --out "$run" "$@"
echo
echo "example: evaluating $run/checkpoint again from disk, all samples and text-in-image only"
bin/braid eval "$pipeline" --checkpoint "$run" "$@" > "$run/eval.json"
bin/braid eval "$pipeline" --checkpoint "$run" --set data.subset=text-in-image "$@" \
  > "$run/eval-text-in-image.json"
command -v python3 >/dev/null 2>&1 || exit 0
python3 - "$run" <<'PY'
import json, sys
from pathlib import Path

run = Path(sys.argv[1])
report = json.loads((run / "report.json").read_text())
every = json.loads((run / "eval.json").read_text())["test"]
in_image = json.loads((run / "eval-text-in-image.json").read_text())["test"]
print()
print(f"Sarcasm detection, test split (best of {report['epochs']} epochs on validation,"
      f" {report['wallSeconds'] / 60:.1f} minutes):")
print(f"  every sample             accuracy {every['accuracy']:.4f}  F1 (sarcastic)"
      f" {every['f1']:.4f}")
print(f"  text only in the image   accuracy {in_image['accuracy']:.4f}  F1 (sarcastic)"
      f" {in_image['f1']:.4f}")
maps = sorted(p.name for p in (run / "plots").glob("attention-*.png"))
print(f"  attention maps: {run}/plots/{maps[0]} .. {maps[-1]}" if maps else "")
PY
