#!/usr/bin/env bash
# Inference speed of a model on one volume, ms per slice and per series (docs/benchmarks.md).
# Usage: scripts/benchmark-inference.sh [model.onnx] [image.nii.gz | DICOM dir] [threads] [batch]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${SEGNODE_DATA:-$root/../shared/data}"
mvn -q -B package -pl inference -am -DskipTests -Dspotless.skip=true
cp="inference/target/classes:inference/target/test-classes:$(ls inference/target/lib/*.jar | tr '\n' ':')"
java -Dslf4j.internal.verbosity=ERROR -Dlogback.configurationFile="$root/conf/logback-cli.xml" \
  -cp "$cp/usr/share/java/pixelmed.jar:/usr/share/java/pixelmed_imageio.jar" \
  org.segnode.inference.InferenceBenchmark "${1:-models/liver-mr-t2/model.onnx}" \
  "${2:-$data/chaos-t2spir/3/image_3.nii.gz}" "${3:-2}" "${4:-4}" 5
