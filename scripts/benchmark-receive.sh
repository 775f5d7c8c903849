#!/usr/bin/env bash
# Receiving benchmark for the node (see docs/benchmarks.md, "Receiving (node)").
#
# 1. Converts CHAOS T2-SPIR volumes to DICOM (one series per patient) and keeps exactly 500 MR
#    instances of 256 x 256 x 16 bit, plus one extra 31-instance warm-up series (other UIDs).
# 2. Three rounds, alternating order: dcmtk storescu sends the 500 instances in one association to
#    a freshly started node (own state folder, temporary copies of conf/ and ae-config/) and to a
#    plain dcmtk storescp (own output folder); both sides with TCP_NODELAY. Each receiver gets the
#    warm-up series first (untimed). Prints instances/s for each and the node/storescp ratios.
#    In these rounds series.inactivity-seconds is 600 so no segmentation competes for the CPU.
# 3. Latency: a node with the default 5 s inactivity timeout and a dcmtk storescp as its "pacs"
#    destination. The warm-up series is sent alone and its SEG awaited (first job after start),
#    then patient 3 alone: the time from storescu's return (last instance acknowledged) to the SEG
#    file appearing complete in the destination's folder.
# Everything runs on 127.0.0.1; every process started here is stopped on exit and the temporary
# folder removed. Needs `make build` and dcmtk (storescu, storescp, echoscu, dcmdump).
# Environment: SEGNODE_DATA (default <checkout>/../shared/data), ROUNDS (default 3).
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="${SEGNODE_DATA:-$root/../shared/data}/chaos-t2spir"
rounds="${ROUNDS:-3}"
instances=500
patients=(2 3 8 15 19 20 21 22 31 32 33 34 36 38) # 504 slices; the last 4 of patient 38 are dropped
latency_patient=3

# shellcheck source=scripts/benchmark-common.sh
. "$root/scripts/benchmark-common.sh"
require storescu storescp echoscu dcmdump python3
[ -d "$data" ] || { echo "benchmark-receive: no CHAOS data at $data" >&2; exit 2; }

# Starts storescp; sets started_pid. start_storescp AET PORT OUTDIR LOG
start_storescp() {
  mkdir -p "$3"
  TCP_NODELAY=1 storescp -aet "$1" +xa -od "$3" "$2" >"$4" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  wait_echo "$1" "$2" "$4"
}

echo "benchmark-receive: $(date -u +%FT%TZ), $(nproc) cores, load average at start: $(load)"

# 1. The instances.
mr="$tmp/mr"
t0="$(now)"
for p in "${patients[@]}"; do
  "$root/bin/segnode" dicom-from-nifti --image "$data/$p/image_$p.nii.gz" --out "$mr/$p" \
    --patient-id "BENCH-$p" --series-description "CHAOS T2SPIR $p" >/dev/null
done
"$root/bin/segnode" dicom-from-nifti --image "$data/2/image_2.nii.gz" --out "$tmp/warmup" \
  --seed warmup --patient-id BENCH-WARMUP --series-description "warm-up" >/dev/null
total="$(find "$mr" -type f | wc -l)"
extra=$((total - instances))
if [ "$extra" -gt 0 ]; then
  last="${patients[${#patients[@]}-1]}"
  find "$mr/$last" -type f | sort | tail -n "$extra" | xargs rm -f
fi
count="$(find "$mr" -type f | wc -l)"
bytes="$(du -sb "$mr" | cut -f1)"
echo "instances: $count in ${#patients[@]} series, $((bytes / count / 1024)) KB each on average" \
  "(converted in $(python3 -c "print(f'{$(now) - $t0:.0f}')") s)"

# 2. Throughput: node vs storescp, alternating order.
node_rates=(); scp_rates=()
run_node() {
  local r="$1" port dest_port s pid stored
  port="$(free_port)"; dest_port="$(free_port)"
  start_node "node-$r" "$port" "$dest_port" 600
  pid="$started_pid"
  send SEGNODE "$port" "$tmp/warmup" >/dev/null
  s="$(send SEGNODE "$port" "$mr")"
  stored="$(find "$tmp/node-$r/state" -name '*.dcm' -path '*spool*' | wc -l)"
  stop "$pid"
  node_rates+=("$(python3 -c "print(f'{$count / $s:.0f}')")")
  echo "  round $r node:     $count instances in $s s = ${node_rates[-1]} instances/s" \
    "(spool holds $stored incl. 31 warm-up; load $(load))"
}
run_scp() {
  local r="$1" port s pid stored
  port="$(free_port)"
  start_storescp STORESCP "$port" "$tmp/scp-$r" "$tmp/scp-$r.log"
  pid="$started_pid"
  send STORESCP "$port" "$tmp/warmup" >/dev/null
  s="$(send STORESCP "$port" "$mr")"
  stored="$(find "$tmp/scp-$r" -type f | wc -l)"
  stop "$pid"
  scp_rates+=("$(python3 -c "print(f'{$count / $s:.0f}')")")
  echo "  round $r storescp: $count instances in $s s = ${scp_rates[-1]} instances/s" \
    "(folder holds $stored incl. 31 warm-up; load $(load))"
  rm -rf "$tmp/scp-$r"
}
echo "throughput (storescu +sd +r, one association, TCP_NODELAY=1 on both sides):"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run_node "$r"; run_scp "$r"; else run_scp "$r"; run_node "$r"; fi
  rm -rf "$tmp/node-$r"
done
python3 - "${node_rates[*]}" "${scp_rates[*]}" <<'EOF'
import statistics, sys
node = [float(x) for x in sys.argv[1].split()]
scp = [float(x) for x in sys.argv[2].split()]
ratios = [n / s for n, s in zip(node, scp)]
print(f"node:     median {statistics.median(node):.0f} instances/s (range {min(node):.0f}-{max(node):.0f})")
print(f"storescp: median {statistics.median(scp):.0f} instances/s (range {min(scp):.0f}-{max(scp):.0f})")
print("node/storescp per round: " + ", ".join(f"{r:.2f}" for r in ratios)
      + f"; median {statistics.median(ratios):.2f}")
EOF

# 3. Latency: last instance of one series -> SEG at the destination.
dest="$tmp/dest"
dest_port="$(free_port)"; port="$(free_port)"
start_storescp PACS "$dest_port" "$dest" "$tmp/dest.log"
start_node node-latency "$port" "$dest_port" 5
inactivity="$(sed -n 's/^series\.inactivity-seconds=//p' "$tmp/node-latency/conf/segnode.properties")"
# wait_seg: polls the destination folder for a Segmentation Storage file newer than $tmp/mark,
# at most 120 s; prints the time it was first seen readable.
wait_seg() {
  local f end
  end=$(( $(date +%s) + 120 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    while IFS= read -r f; do
      if dcmdump -q +P 0008,0016 "$f" 2>/dev/null | grep -Eq 'SegmentationStorage|1\.2\.840\.10008\.5\.1\.4\.1\.1\.66\.4\]'; then
        now; return 0
      fi
    done < <(find "$dest" -type f -newer "$tmp/mark" 2>/dev/null)
    sleep 0.05
  done
  echo "benchmark-receive: no SEG at the destination within 120 s" >&2
  tail -30 "$tmp/node-latency/node.log" >&2
  exit 1
}
measure() {
  local dir="$1" t0 t1
  touch "$tmp/mark"; sleep 0.01
  send SEGNODE "$port" "$dir" >/dev/null
  t0="$(now)"
  t1="$(wait_seg)"
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}
n_lat="$(find "$mr/$latency_patient" -type f | wc -l)"
echo "latency (series.inactivity-seconds=$inactivity, destination storescp on 127.0.0.1, load $(load)):"
cold="$(measure "$tmp/warmup")"
echo "  first series after start (31 instances, warm-up): last instance -> SEG at destination $cold s"
warm="$(measure "$mr/$latency_patient")"
echo "  patient $latency_patient ($n_lat instances, sent alone): last instance -> SEG at destination $warm s" \
  "(of which the inactivity timeout: $inactivity s; beyond it: $(python3 -c "print(f'{$warm - $inactivity:.2f}')") s)"
echo "load average at end: $(load)"
