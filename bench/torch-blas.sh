# Sourced by the bench scripts that run PyTorch: require_optimized_blas NAME makes sure Debian's PyTorch,
# which takes its BLAS from the system, does not run on the reference (netlib) BLAS. That BLAS makes it
# 30x slower at matrix products (and the Fashion-MNIST twins 4x slower a step), which would make any
# comparison of times meaningless. Run as root with apt-get, it installs libopenblas0-openmp itself.
reference_blas() {
  local path
  path="$(readlink -f "/usr/lib/$(uname -m)-linux-gnu/libblas.so.3" 2>/dev/null || true)"
  [[ -n "$path" && "$path" != *openblas* && "$path" != *blis* && "$path" != *mkl* ]]
}

require_optimized_blas() {  # NAME (the script, for messages)
  if reference_blas && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "$1: PyTorch would use the reference BLAS; installing libopenblas0-openmp" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas0-openmp >&2
  fi
  if reference_blas; then
    echo "$1: PyTorch would use the reference BLAS; install an optimized one:" \
      "apt-get install libopenblas0-openmp" >&2
    exit 2
  fi
}
