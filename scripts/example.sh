#!/usr/bin/env bash
# The main job of this build, end to end on a fresh machine: build Braid, build the example
# third-party plugin (a new 'signal' modality) and drop it into plugins/, list every plugin and
# component, and validate the example pipeline against them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
echo "example: building the signal plugin into plugins/signal"
mvn -B -q -f examples/signal-plugin/pom.xml package -DskipTests -Dbraid.plugins.dir="$PWD/plugins"
bin/braid plugins
echo
bin/braid validate examples/signal-plugin/pipeline.yaml
bin/braid validate examples/signal-plugin/pipeline.yaml --print-resolved
