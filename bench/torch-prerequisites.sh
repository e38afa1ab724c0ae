# Sourced by the bench scripts that run PyTorch beside GANForge: require_torch_prerequisites NAME checks
# Debian's PyTorch, an optimized BLAS under it and Fashion-MNIST, and exits with a message naming the
# package to install (NAME is the script, for messages). It sets python, the interpreter that has PyTorch.
#
# Debian's PyTorch takes its BLAS from the system. The reference (netlib) BLAS makes it 30x slower at
# matrix products (the Fashion-MNIST twins 4x slower a step), which would make any comparison of times
# meaningless; run as root with apt-get, the check installs libopenblas0-openmp itself.
python=/usr/bin/python3

reference_blas() {
  local path
  path="$(readlink -f "/usr/lib/$(uname -m)-linux-gnu/libblas.so.3" 2>/dev/null || true)"
  [[ -n "$path" && "$path" != *openblas* && "$path" != *blis* && "$path" != *mkl* ]]
}

require_torch_prerequisites() {  # NAME
  if ! "$python" -c 'import torch' 2>/dev/null; then
    echo "$1: PyTorch is missing; install it with: apt-get install python3-torch" >&2
    exit 2
  fi
  if reference_blas && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "$1: PyTorch would use the reference BLAS; installing libopenblas0-openmp" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas0-openmp >&2
  fi
  if reference_blas; then
    echo "$1: PyTorch would use the reference BLAS; install an optimized one:" \
      "apt-get install libopenblas0-openmp" >&2
    exit 2
  fi
  if [[ ! -d /usr/share/datasets/fashion-mnist ]]; then
    echo "$1: Fashion-MNIST is missing; install it with: apt-get install dataset-fashion-mnist" >&2
    exit 2
  fi
}
