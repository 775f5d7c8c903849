#!/usr/bin/env bash
# Milliseconds per training iteration with and without DL4J's oneDNN helpers (docs/benchmarks.md).
# Run after `make build` on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B package -pl trainer -am -DskipTests -Dspotless.skip=true
cp="trainer/target/classes:trainer/target/test-classes:$(ls trainer/target/lib/*.jar | tr '\n' ':')"
for onednn in true false; do
  OMP_WAIT_POLICY=PASSIVE java -Dsegnode.onednn=$onednn -Dslf4j.internal.verbosity=ERROR \
    -Dlogback.configurationFile="$root/conf/logback-cli.xml" -cp "$cp" \
    org.segnode.trainer.bench.TrainingBenchmark "${1:-160}" "${2:-10}"
done
