#!/usr/bin/env bash
# Installs what Braid needs on a fresh Debian machine, then builds it: the api and runtime, and
# the first-party plugins into plugins/<name>/. Safe to run again.
#   scripts/setup.sh            install and build (tests skipped)
#   scripts/setup.sh --no-build install only
#   scripts/setup.sh --bench    also install Python PyTorch, the peer of the benchmarks (~1 GB)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=()
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
# Real data from Debian: Fashion-MNIST images and WordNet glosses for the Fashion pipelines.
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || packages+=(dataset-fashion-mnist)
[ -f /usr/share/wordnet/data.noun ] || packages+=(wordnet-base)
if [[ " $* " == *" --bench "* ]] && ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  # Debian's PyTorch for /usr/bin/python3; without the pthread OpenBLAS it is 10x slower.
  packages+=(python3-torch python3-numpy libopenblas0-pthread)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

if [[ " $* " != *" --no-build "* ]]; then
  echo "setup: building Braid (first run downloads the Maven dependencies, ~250 MB)"
  mvn -B -q install -DskipTests
  echo "setup: done. Plugins installed: $(ls -d plugins/*/ | xargs -n1 basename | tr '\n' ' ')"
fi
