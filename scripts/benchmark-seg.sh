#!/usr/bin/env bash
# Times SEG writing for the CHAOS CT case and one CHAOS MR patient (see docs/benchmarks.md).
# Run after `make build` (test classes are compiled by `mvn test-compile -pl imaging`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B test-compile -pl imaging -Dspotless.skip=true
cp="imaging/target/classes:imaging/target/test-classes:$(ls imaging/target/lib/*.jar | tr '\n' ':')"
java -Dslf4j.internal.verbosity=ERROR -Dlogback.configurationFile="$root/conf/logback-cli.xml" \
  -cp "$cp/usr/share/java/pixelmed.jar:/usr/share/java/pixelmed_imageio.jar" \
  org.segnode.imaging.bench.SegWriteBenchmark "${SEGNODE_DATA:-$root/../shared/data}"
