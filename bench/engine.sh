#!/usr/bin/env bash
# Braid's engine against Python PyTorch on the same model, side by side: trains the
# transformer-fusion model of pipelines/fashion-transformer.yaml with Braid (Java, DJL) and the
# same model written in PyTorch (bench/torch_fusion.py, Debian's python3-torch) at equal batch,
# threads and steps, one after the other, and reports steps/s, their ratio and the achieved
# FLOP/s against a large matmul measured on the same machine. bench/README.md explains the output.
#
#   bench/engine.sh [--steps N] [--warmup N] [--batch N] [--threads N] [--quick]
#                   [--pipeline FILE] [--set KEY=VALUE]... [--torch-only]
#
# Ends with: RESULT braid_steps_per_s=X torch_steps_per_s=Y ratio=Z flop_utilisation=W
# Exit status 0 whether or not the target (ratio >= 1.0) is met; 1 if a side could not run; 2 for
# bad options.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

steps=200
warmup=20
batch=64
threads=2
pipeline=pipelines/fashion-transformer.yaml
matmul=2048
torch_only=false
sets=()
plugins=${BRAID_PLUGINS_DIR:-plugins}

source bench/common.sh
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) number "$1" "${2:-}" 1; steps=$2; shift 2 ;;
    --warmup) number "$1" "${2:-}"; warmup=$2; shift 2 ;;
    --batch) number "$1" "${2:-}" 1; batch=$2; shift 2 ;;
    --threads) number "$1" "${2:-}" 1; threads=$2; shift 2 ;;
    --pipeline) value "$1" "${2:-}"; pipeline=$2; shift 2 ;;
    --set) value "$1" "${2:-}"; sets+=(--set "$2"); shift 2 ;;
    --matmul-size) number "$1" "${2:-}" 1; matmul=$2; shift 2 ;;
    --quick) steps=30; warmup=5; matmul=1024; shift ;;
    --torch-only) torch_only=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) unknown "$1" ;;
  esac
done

if ! $torch_only && [ ! -f "$pipeline" ]; then
  echo "bench/engine.sh: --pipeline: no file $pipeline" >&2
  exit 2
fi

# What both sides need; say how to get it rather than failing halfway.
require_torch
if ! $torch_only; then
  require_installed Braid bin/braid runtime/target/braid-runtime.jar runtime/target/lib \
    "$plugins/*/*.jar"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo "engine benchmark: batch $batch, $threads intra-op threads (1 inter-op), $warmup warm-up" \
  "+ $steps timed steps per side, one side after the other"
echo "machine: $(nproc) cores${cpu:+, $cpu}; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  "(numbers are only comparable on an otherwise idle machine)"
warn_if_busy "the timings"

# Both sides get the same intra-op threads (torch's OpenMP pool); the Python side also keeps
# OpenBLAS to one thread, as a second pool would compete with torch's on the same cores.
export OMP_NUM_THREADS=$threads

braid_json='{}'
vocab=2500
text_len=32
valid=0.5
if ! $torch_only; then
  echo "running braid ($pipeline)..."
  if ! java ${BRAID_JAVA_OPTS:-} -Dai.djl.offline=true \
      -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
      -Dbraid.home="$PWD" -cp "runtime/target/braid-runtime.jar:runtime/target/lib/*" \
      ai.braid.runtime.engine.EngineBenchmark --pipeline "$pipeline" --plugins-dir "$plugins" \
      --steps "$steps" --warmup "$warmup" --batch "$batch" --matmul-size "$matmul" \
      "${sets[@]}" >"$work/braid.out" 2>"$work/braid.err"; then
    echo "bench/engine.sh: the braid side failed:" >&2
    tail -n 30 "$work/braid.err" >&2
    exit 1
  fi
  braid_json=$(grep '^{' "$work/braid.out" | tail -n 1)
  read -r vocab text_len valid < <("$python" -c '
import json, sys
d = json.loads(sys.argv[1])
print(d.get("vocab", 2500), d.get("text_length", 32), d.get("text_valid_fraction", 0.5))
' "$braid_json")
fi

echo "running torch (bench/torch_fusion.py, vocabulary $vocab, text length $text_len)..."
if ! OPENBLAS_NUM_THREADS=1 "$python" bench/torch_fusion.py --steps "$steps" \
    --warmup "$warmup" --batch "$batch" --threads "$threads" --vocab "$vocab" \
    --text-len "$text_len" --valid-fraction "$valid" --matmul-size "$matmul" \
    >"$work/torch.out" 2>"$work/torch.err"; then
  echo "bench/engine.sh: the torch side failed:" >&2
  tail -n 30 "$work/torch.err" >&2
  exit 1
fi
torch_json=$(grep '^{' "$work/torch.out" | tail -n 1)

"$python" - "$braid_json" "$torch_json" <<'EOF'
import json
import sys

braid, torch = json.loads(sys.argv[1]), json.loads(sys.argv[2])
flops = torch["flops_per_step"]  # analytic, from the model's shapes; the same for both sides
# The machine's practical ceiling, measured by the braid side (torch's only with --torch-only).
ceiling_side = "braid" if "matmul_flop_s" in braid else "torch"
ceiling = (braid if ceiling_side == "braid" else torch)["matmul_flop_s"]
nan = float("nan")


def row(name, d):
    rate = d.get("steps_per_s", nan)
    achieved = flops * rate
    return [name, d.get("threads", "-"), torch["batch"], torch["steps"], f"{rate:.2f}",
            f"{1000 / rate:.1f}" if rate == rate else "nan", d.get("params", "-"),
            f"{achieved / 1e9:.2f}", f"{achieved / ceiling:.1%}" if achieved == achieved else "nan"]


header = ["side", "threads", "batch", "steps", "steps/s", "ms/step", "params", "GFLOP/s",
          "utilisation"]
rows = [header, row("braid", braid), row("torch", torch)]
widths = [max(len(str(r[i])) for r in rows) for i in range(len(header))]
print()
for r in rows:
    print("  ".join(str(v).rjust(w) for v, w in zip(r, widths)))
print()
print(f"FLOPs per training step (analytic, 3x forward matmuls): {flops / 1e9:.3f} GFLOP;"
      f" encoder sequence {torch['sequence']}")
print(f"matmul {torch['matmul_size']}x{torch['matmul_size']} float32: braid (DJL)"
      f" {braid.get('matmul_flop_s', nan) / 1e9:.1f} GFLOP/s, torch"
      f" {torch['matmul_flop_s'] / 1e9:.1f} GFLOP/s; utilisation is against the {ceiling_side} one")

warnings = []
if "params" in braid:
    diff = abs(braid["params"] - torch["params"]) / torch["params"]
    note = "match" if diff <= 0.03 else "DIFFER: the two models are not the same size"
    print(f"parameters: braid {braid['params']:,}, torch {torch['params']:,}"
          f" ({diff:.1%} apart, {note})")
    if diff > 0.03:
        warnings.append("parameter counts differ by more than 3%")
    lengths = sorted(m["tokens"][1] for m in braid.get("modalities", []))
    image_tokens = torch["sequence"][1] - 1 - braid.get("text_length", 0)
    expected = sorted([image_tokens, braid.get("text_length", 0)])
    if lengths != expected:
        warnings.append(f"braid's token sequences have lengths {lengths}, the torch model"
                        f" {expected}")
    if braid.get("threads") != torch["threads"]:
        warnings.append(f"threads differ: braid {braid.get('threads')},"
                        f" torch {torch['threads']}")
    print(f"losses (first -> last step): braid {braid['loss_first']:.3f} ->"
          f" {braid['loss_last']:.3f}, torch {torch['loss_first']:.3f} ->"
          f" {torch['loss_last']:.3f} (torch trains on random inputs)")
for w in warnings:
    print(f"WARNING: {w}")

ratio = braid.get("steps_per_s", nan) / torch["steps_per_s"]
utilisation = flops * braid.get("steps_per_s", nan) / ceiling
print(f"ratio braid/torch: {ratio:.3f}; target ratio >= 1.0:"
      f" {'met' if ratio >= 1.0 else 'missed'}")
print(f"RESULT braid_steps_per_s={braid.get('steps_per_s', nan):.3f}"
      f" torch_steps_per_s={torch['steps_per_s']:.3f} ratio={ratio:.3f}"
      f" flop_utilisation={utilisation:.4f}")
EOF
