#!/usr/bin/env bash
# Times GANForge (gan bench) and the PyTorch reference (bench/torch_gan.py) on the same models, alternately,
# and prints the median ms/iteration of each, their ratio and their spread (max/median).
# Needs: apt-get install python3-torch dataset-fashion-mnist (and libopenblas0-openmp, which it installs
# itself when run as root: PyTorch's default reference BLAS would make the comparison meaningless)
# Usage: bench/compare.sh [--rounds R] [--threads T] [--models "mlp dcgan grid dcgan256"]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3
threads=2
models="mlp dcgan grid dcgan256"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (known: --rounds R, --threads T, --models \"mlp dcgan grid dcgan256\")" >&2; exit 2 ;;
  esac
done

source "$root/bench/torch-prerequisites.sh"
require_torch_prerequisites compare.sh

config_of() {
  case "$1" in
    mlp) echo "$root/bench/fashion-mnist-mlp.yaml" ;;
    dcgan) echo "$root/examples/fashion-mnist-dcgan.yaml" ;;
    grid) echo "$root/examples/gaussian-grid.yaml" ;;
    dcgan256) echo "$root/bench/fashion-mnist-dcgan-256.yaml" ;;
    *) echo "compare.sh: unknown model $1 (known: mlp dcgan grid dcgan256)" >&2; exit 2 ;;
  esac
}
iterations_of() { case "$1" in mlp|grid) echo 300 ;; dcgan) echo 40 ;; dcgan256) echo 15 ;; esac; }
warmup_of() { case "$1" in mlp|grid) echo 30 ;; dcgan) echo 5 ;; dcgan256) echo 3 ;; esac; }
# The PyTorch twin's arguments: the grid example trains on one thread (its training.threads), so the twin
# does too, whatever --threads says.
torch_args_of() {
  case "$1" in
    mlp|dcgan) echo "$1 --threads $threads" ;;
    grid) echo "grid --threads 1" ;;
    dcgan256) echo "dcgan --batch-size 256 --threads $threads" ;;
  esac
}
for model in $models; do config_of "$model" >/dev/null; done

# Both sides get the same threads. OpenMP's wait policy is each side's best: ./gan sets PASSIVE (docs/dl4j-findings.md),
# PyTorch keeps its default (PASSIVE made it slower: MLP 18 ms instead of 13.5).
export OMP_NUM_THREADS="$threads"
"$root/gan" --version >/dev/null  # builds the launcher first if needed, outside the timings

log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
for model in $models; do
  for round in $(seq 1 "$rounds"); do
    "$root/gan" bench "$(config_of "$model")" --iterations "$(iterations_of "$model")" --warmup "$(warmup_of "$model")" \
      > "$log/$model-ours-$round.txt"
    # shellcheck disable=SC2046 # the twin's arguments are words
    "$python" "$root/bench/torch_gan.py" $(torch_args_of "$model") --iterations "$(iterations_of "$model")" \
      --warmup "$(warmup_of "$model")" > "$log/$model-torch-$round.txt"
    printf '%s round %d: ours %s ms, pytorch %s ms\n' "$model" "$round" \
      "$(sed -n 's/^median \([0-9.]*\) ms.*/\1/p' "$log/$model-ours-$round.txt")" \
      "$(sed -n 's/^median \([0-9.]*\) ms.*/\1/p' "$log/$model-torch-$round.txt")" >&2
  done
done

# median of the rounds' medians; spread: the worst round's max/median
summary() {  # model side -> "median spread"
  for f in "$log/$1-$2-"*.txt; do sed -n 's/^median \([0-9.]*\) ms.* max \([0-9.]*\) ms.*/\1 \2/p' "$f"; done |
    sort -n | awk '{ m[NR] = $1; s = $2 / $1; if (s > worst) worst = s } END { printf "%.1f %.2f", m[int((NR + 1) / 2)], worst }'
}

echo
echo "GANForge vs PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $threads threads, $rounds rounds, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo
echo "| model | GANForge ms/iteration | PyTorch ms/iteration | ratio | GANForge spread | PyTorch spread |"
echo "|---|---|---|---|---|---|"
for model in $models; do
  read -r ours ours_spread <<< "$(summary "$model" ours)"
  read -r torch torch_spread <<< "$(summary "$model" torch)"
  ratio="$(awk -v a="$ours" -v b="$torch" 'BEGIN { printf "%.2f", a / b }')"
  echo "| $model | $ours | $torch | ${ratio}x | $ours_spread | $torch_spread |"
done
echo
for model in $models; do
  echo "$model, GANForge (last round):"
  grep -E "GFLOP|peak" "$log/$model-ours-$rounds.txt" | sed 's/^/  /'
  echo "$model, PyTorch (last round):"
  grep -E "GEMM|peak" "$log/$model-torch-$rounds.txt" | sed 's/^/  /'
done
