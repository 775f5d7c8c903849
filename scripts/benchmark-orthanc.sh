#!/usr/bin/env bash
# Real-PACS latency (see docs/benchmarks.md, "Last instance to SEG in Orthanc").
#
# Debian's Orthanc as the hospital PACS (AE PACS), auto-routing each stable MR series to the
# packaged node (bin/segnode) with a Lua OnStableSeries script; the node sends its SEG back to
# Orthanc. storescu stores a CHAOS MR series into Orthanc; the script times from storescu's return
# (last instance acknowledged) until Orthanc's REST API finds a SEG in that study (polled every
# 100 ms), and breaks the time down with Orthanc's job record (stable -> routing job created, job
# duration = sending the series to the node) and the node's /metrics (segment and export seconds).
# First a warm-up series (the node's first job; reported, left out of the median), then REPS
# copies of patient 3, each with its own UIDs (Orthanc would ignore instances it already holds).
# Orthanc 1.10 binds all interfaces (free ports); the node listens on 127.0.0.1. Every process
# started here is stopped on exit and the temporary folder removed. Needs `make build`, dcmtk,
# orthanc (/usr/sbin/Orthanc), python3.
# Environment: SEGNODE_DATA (default <checkout>/../shared/data), REPS (default 5), STABLE_AGE
# (Orthanc's StableAge, default 2), INACTIVITY (the node's series.inactivity-seconds, default 1).
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="${SEGNODE_DATA:-$root/../shared/data}/chaos-t2spir"
reps="${REPS:-5}"
stable_age="${STABLE_AGE:-2}"
inactivity="${INACTIVITY:-1}"
patient=3
orthanc_bin=/usr/sbin/Orthanc

# shellcheck source=scripts/benchmark-common.sh
. "$root/scripts/benchmark-common.sh"
require storescu echoscu dcmdump python3 "$orthanc_bin"
[ -d "$data" ] || { echo "$bench: no CHAOS data at $data" >&2; exit 2; }

# Starts Orthanc (AE PACS) on DICOM_PORT routing stable MR series to the node on NODE_PORT;
# sets started_pid and orthanc_http_port. start_orthanc DICOM_PORT NODE_PORT
start_orthanc() {
  local dicom_port="$1" node_port="$2" dir="$tmp/orthanc"
  orthanc_http_port="$(free_port)"
  mkdir -p "$dir/db"
  cat >"$dir/route-mr.lua" <<'EOF'
function OnStableSeries(seriesId, tags, metadata)
  if tags['Modality'] == 'MR' then
    RestApiPost('/modalities/aiworker/store',
      '{"Resources": ["' .. seriesId .. '"], "Asynchronous": true}')
  end
end
EOF
  cat >"$dir/orthanc.json" <<EOF
{
  "DicomAet": "PACS", "DicomPort": $dicom_port, "HttpPort": $orthanc_http_port,
  "RemoteAccessAllowed": false, "StorageDirectory": "$dir/db", "IndexDirectory": "$dir/db",
  "DicomModalities": { "aiworker": ["SEGNODE", "127.0.0.1", $node_port] },
  "StableAge": $stable_age, "SaveJobs": false, "LuaScripts": ["$dir/route-mr.lua"]
}
EOF
  TCP_NODELAY=1 "$orthanc_bin" "$dir/orthanc.json" >"$dir/orthanc.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  wait_echo PACS "$dicom_port" "$dir/orthanc.log"
}

# measure DIR: stores DIR into Orthanc and prints one line of timings (see measure.py).
measure() {
  local dir="$1" study
  study="$(dcmdump -q +P 0020,000d "$(find "$dir" -type f | head -1)" | sed 's/.*\[\(.*\)\].*/\1/')"
  send PACS "$orthanc_port" "$dir" >/dev/null
  python3 "$tmp/measure.py" "$orthanc_http_port" "$node_http_port" "$study" \
    "$(cat "$tmp/sent-at")" \
    || { tail -30 "$tmp/node/node.log" >&2; tail -30 "$tmp/orthanc/orthanc.log" >&2; exit 1; }
}

cat >"$tmp/measure.py" <<'EOF'
# measure.py ORTHANC_HTTP NODE_HTTP STUDY_UID SENT_AT: waits (at most 120 s) for a SEG in the study,
# then prints total and breakdown in seconds, space-separated:
# total stable_to_job job_send node_after_job segment export
import datetime, json, re, sys, time, urllib.request
orthanc, node, study, sent_at = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def http(port, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", data, timeout=10) as r:
        return r.read().decode()
def metrics():
    text = http(node, "/metrics")
    return {m[0]: float(m[1]) for m in re.findall(r"^(segnode_\w+) ([-+0-9.eE]+)$", text, re.M)}
def orthanc_time(text):  # Orthanc's job times are UTC (this machine's TZ is UTC too)
    t = datetime.datetime.strptime(text, "%Y%m%dT%H%M%S.%f")
    return t.replace(tzinfo=datetime.timezone.utc).timestamp()
before = metrics()
query = {"Level": "Instance", "Query": {"StudyInstanceUID": study, "Modality": "SEG"}}
deadline = time.time() + 120
while not json.loads(http(orthanc, "/tools/find", query)):
    if time.time() > deadline:
        sys.exit("no SEG in Orthanc within 120 s")
    time.sleep(0.1)
arrived = time.time()
after = metrics()
while after["segnode_export_seconds_count"] == before["segnode_export_seconds_count"]:
    if time.time() > deadline + 10:
        sys.exit("the node's export metric did not move")
    time.sleep(0.05)
    after = metrics()
jobs = [j for j in json.loads(http(orthanc, "/jobs?expand"))
        if j["Type"] == "DicomModalityStore" and j["Content"]["RemoteAet"] == "SEGNODE"]
job = max(jobs, key=lambda j: j["CreationTime"])
created, completed = orthanc_time(job["CreationTime"]), orthanc_time(job["CompletionTime"])
delta = lambda name: after[name] - before[name]
print(f"{arrived - sent_at:.2f} {created - sent_at:.2f} {completed - created:.2f} "
      f"{arrived - completed:.2f} {delta('segnode_segment_seconds_sum'):.2f} "
      f"{delta('segnode_export_seconds_sum'):.2f}")
EOF

echo "$bench: $(date -u +%FT%TZ), $(nproc) cores, load average at start: $(load)"
"$root/bin/segnode" dicom-from-nifti --image "$data/2/image_2.nii.gz" --out "$tmp/series/warmup" \
  --seed orthanc-warmup --patient-id BENCH-WARMUP --series-description "warm-up" >/dev/null
for r in $(seq 1 "$reps"); do
  "$root/bin/segnode" dicom-from-nifti --image "$data/$patient/image_$patient.nii.gz" \
    --out "$tmp/series/$r" --seed "orthanc-$r-$$" --patient-id "BENCH-$patient-$r" \
    --series-description "CHAOS T2SPIR $patient" >/dev/null
done
n="$(find "$tmp/series/1" -type f | wc -l)"

port="$(free_port)"; orthanc_port="$(free_port)"
start_node node "$port" "$orthanc_port" "$inactivity"
start_orthanc "$orthanc_port" "$port"
echo "Orthanc StableAge $stable_age s, node series.inactivity-seconds $inactivity s;" \
  "times in s from storescu's return (last instance stored in Orthanc):"
echo "  series                     total  stable->job  job(send)  job->SEG  (segment  export)  load"
report() {
  read -r total stable job after segment export <<<"$2"
  printf '  %-25s %6s %12s %10s %9s  (%7s %7s)  %s\n' "$1" "$total" "$stable" "$job" "$after" \
    "$segment" "$export" "$(load)"
}
warm="$(measure "$tmp/series/warmup")"
report "warm-up (31, first job)" "$warm"
totals=()
for r in $(seq 1 "$reps"); do
  line="$(measure "$tmp/series/$r")"
  totals+=("${line%% *}")
  report "patient $patient ($n), copy $r" "$line"
done
python3 - "${totals[*]}" <<'EOF'
import statistics, sys
t = [float(x) for x in sys.argv[1].split()]
print(f"last instance -> SEG in Orthanc: median {statistics.median(t):.2f} s"
      f" (range {min(t):.2f}-{max(t):.2f})")
EOF
echo "load average at end: $(load)"
