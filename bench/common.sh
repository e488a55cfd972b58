# Sourced by the bench scripts from the repository root: the help text, the option checks (exit
# 2, naming the option and what it expects) and the checks that what a bench runs is installed
# (exit 1, saying how to install it). bench/test-options.sh checks the option handling of every
# script.

# Messages start with the script's path, as users type it.
bench=bench/$(basename "$0")

# Prints the script's opening comment block, which is its help.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }

# The checks take the option and its value as two words, "$1" "${2:-}", never "$@": the words
# after them are the next options.

# value OPTION VALUE: exits 2 unless VALUE is non-empty.
value() {
  if [ -z "$2" ]; then
    echo "$bench: $1 needs a value" >&2
    exit 2
  fi
}

# number OPTION VALUE [MIN]: exits 2 unless VALUE is a whole number >= MIN (default 0).
number() {
  if ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt "${3:-0}" ]; then
    echo "$bench: $1 expects a whole number${3:+ >= $3}, got '$2'" >&2
    exit 2
  fi
}

# one_of OPTION VALUE CHOICE...: exits 2 unless VALUE is one of the choices.
one_of() {
  local option=$1 given=$2 choice
  shift 2
  for choice in "$@"; do
    [ "$given" = "$choice" ] && return 0
  done
  echo "$bench: $option expects one of: $*; got '$given'" >&2
  exit 2
}

# unknown OPTION: exits 2, naming the option, with the help on stderr.
unknown() {
  echo "$bench: unknown option '$1'" >&2
  usage >&2
  exit 2
}

# require_torch: exits 1 unless Debian's python3 imports torch; sets `python` to it.
require_torch() {
  python=/usr/bin/python3
  if ! "$python" -c 'import torch' >/dev/null 2>&1; then
    echo "$bench: $python cannot import torch. Run scripts/setup.sh --bench, which installs" \
      "Debian's python3-torch (the python3 first on PATH may be another build without it)." >&2
    exit 1
  fi
}

# require_installed WHAT PATH...: exits 1 naming every missing PATH (a PATH with * is a glob
# that must match something; one without a slash is a command that must be on PATH).
require_installed() {
  local what=$1 path missing=()
  shift
  for path in "$@"; do
    case "$path" in
      *\**) compgen -G "$path" >/dev/null || missing+=("$path") ;;
      */*) [ -e "$path" ] || missing+=("$path") ;;
      *) command -v "$path" >/dev/null 2>&1 || missing+=("$path") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$bench: $what is not installed (missing ${missing[*]}). Run scripts/setup.sh" \
      "first." >&2
    exit 1
  fi
}

# busy_cores: prints how many cores' worth of CPU time the machine used over the next 2
# seconds (e.g. 0.03 or 1.97). Called while the bench itself waits, it measures other work.
busy_cores() {
  local before after
  before=$(head -n 1 /proc/stat)
  sleep 2
  after=$(head -n 1 /proc/stat)
  awk -v before="$before" -v after="$after" -v cores="$(nproc)" 'BEGIN {
    split(before, b); split(after, a)
    for (i = 2; i <= 9; i++) { total += a[i] - b[i]; if (i != 5 && i != 6) used += a[i] - b[i] }
    printf "%.2f\n", (total > 0 ? cores * used / total : 0) }'
}

# warn_if_busy WHAT: prints how busy other work keeps the cores and, from a quarter of a core,
# warns that WHAT (plural, e.g. "the timings") taken now do not compare with an idle machine's.
warn_if_busy() {
  local busy
  busy=$(busy_cores)
  echo "before $1: $busy of $(nproc) cores busy with other work"
  if awk -v busy="$busy" 'BEGIN { exit !(busy >= 0.25) }'; then
    echo "WARNING: other work is using the cores, so $1 do not compare with an idle" \
      "machine's and their ratio is not reliable; rerun when the machine is idle."
  fi
}
