#!/usr/bin/env bash
# Runs every test: the bench scripts' option handling, the unit tests of each module, the
# end-to-end tests of bin/braid (which build and load the example plugin), and the example
# plugin's own tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh --no-build
bench/test-options.sh
# 'install', not 'verify': the example plugin is a separate project that resolves braid-api
# from the local Maven repository.
mvn -B install
mvn -B -f examples/signal-plugin/pom.xml verify
