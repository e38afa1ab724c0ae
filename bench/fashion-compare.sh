#!/usr/bin/env bash
# Trains GANForge's Fashion-MNIST examples and their PyTorch twins (bench/torch_fashion.py) for the same
# steps and seeds, writes samples of both, measures both with one ruler (gan eval CONFIG --samples: the
# domain classifier's FID, KID, precision and recall against the example's data) and prints a table.
# Needs: apt-get install python3-torch dataset-fashion-mnist (and libopenblas0-openmp, which it installs
# itself when run as root), and the domain classifier
# (./gan classifier train --data fashion-mnist). Runs that finished are kept and not trained again.
# Usage: bench/fashion-compare.sh [--models "dcgan sngan wgan-gp"] [--steps 5000] [--seeds "1 2 3"]
#        [--samples 10000] [--out runs/fashion-compare]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="dcgan sngan wgan-gp"
steps=5000
seeds="1 2 3"
samples=10000
out="$root/runs/fashion-compare"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --models) models="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fashion-compare.sh: unknown option $1 (known: --models, --steps, --seeds, --samples, --out)" >&2
       exit 2 ;;
  esac
done
source "$root/bench/torch-prerequisites.sh"
require_torch_prerequisites fashion-compare.sh
for model in $models; do
  [[ -f "$root/examples/fashion-mnist-$model.yaml" ]] || {
    echo "fashion-compare.sh: no example examples/fashion-mnist-$model.yaml (known: dcgan sngan wgan-gp)" >&2
    exit 2
  }
done
mkdir -p "$out"
gan="$root/gan"
"$gan" --version >/dev/null  # builds the launcher first if needed

evaluate() {  # config samples.npy result.json
  [[ -f "$3" ]] && return 0
  "$gan" eval "$1" --samples "$2" --metric fid --metric kid --metric precision-recall --n "$samples" > "$3.tmp"
  mv "$3.tmp" "$3"
}

for model in $models; do
  config="$root/examples/fashion-mnist-$model.yaml"
  for seed in $seeds; do
    name="$model-$steps-seed$seed"
    run="$out/ours-$name"
    if [[ ! -f "$run.done" ]]; then
      rm -rf "$run"
      echo "== GANForge $model, $steps steps, seed $seed" >&2
      start=$(date +%s)
      "$gan" train "$config" --steps "$steps" --seed "$seed" --out "$run" --no-progress > "$run.log" 2>&1
      echo "$(( $(date +%s) - start ))" > "$run.done"
    fi
    [[ -f "$run-samples.npy" ]] || "$gan" sample "$run" --format npy --n "$samples" --seed 1 --out "$run-samples" >&2
    [[ -f "$run-grid.png" ]] || "$gan" sample "$run" --n 64 --seed 1 --out "$run-grid.png" >&2
    evaluate "$config" "$run-samples.npy" "$run.json"

    twin="$out/torch-$name"
    if [[ ! -f "$twin.done" ]]; then
      echo "== PyTorch $model, $steps steps, seed $seed" >&2
      start=$(date +%s)
      "$python" "$root/bench/torch_fashion.py" "$model" --steps "$steps" --seed "$seed" --samples "$samples" \
        --out "$twin" > "$twin.log" 2>&1
      echo "$(( $(date +%s) - start ))" > "$twin.done"
    fi
    evaluate "$config" "$twin.npy" "$twin.json"
  done
done

"$python" - "$out" "$steps" "$samples" $models <<'EOF'
import json, statistics, sys
out, steps, samples, models = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
import glob, os
print(f"\nFashion-MNIST, {steps} steps, {samples} samples per set, domain classifier features\n")
print("| model | side | seeds | FID | KID | precision | recall | minutes per run |")
print("|---|---|---|---|---|---|---|---|")
floors = []
for model in models:
    for side, label in (("ours", "GANForge"), ("torch", "PyTorch")):
        results = sorted(glob.glob(f"{out}/{side}-{model}-{steps}-seed*.json"))
        if not results:
            continue
        values = {key: [] for key in ("fid", "kid", "precision", "recall")}
        minutes = []
        for path in results:
            metrics = json.load(open(path))["metrics"]
            for key in values:
                values[key].append(metrics[key])
            floors.append(metrics["fid-floor"])
            done = path[:-len(".json")] + ".done"
            if os.path.exists(done):
                minutes.append(int(open(done).read()) / 60)

        def cell(xs, digits):
            mean = statistics.mean(xs)
            return f"{mean:.{digits}f} ({min(xs):.{digits}f}-{max(xs):.{digits}f})" if len(xs) > 1 else f"{mean:.{digits}f}"
        print(f"| {model} | {label} | {len(results)} | {cell(values['fid'], 1)} | {cell(values['kid'], 1)} | "
              f"{cell(values['precision'], 3)} | {cell(values['recall'], 3)} | "
              f"{statistics.mean(minutes):.0f} |" if minutes else "|")
if floors:
    print(f"\nReal-vs-real floor (the data's other split): FID {statistics.mean(floors):.2f}. Means, with the range "
          "over seeds in brackets.")
EOF
