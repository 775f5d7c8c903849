# Shared by the node benchmarks (benchmark-receive.sh, benchmark-orthanc.sh); sourced, not run.
# The sourcing script sets `root` (the checkout) first. Defines `tmp` (a temporary folder) and
# `pids` (every process started here); both are cleaned up on exit.
bench="$(basename "$0" .sh)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/segnode-$bench.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# require TOOL...: exits 2 naming the first tool not on the PATH.
require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench: $tool not found" >&2; exit 2; }
  done
}
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
# stop PID: SIGTERM, wait up to 20 s, then SIGKILL.
stop() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# wait_echo AET PORT LOG: until C-ECHO succeeds, at most 90 s.
wait_echo() {
  local aec="$1" port="$2" log="$3"
  for _ in $(seq 1 180); do
    if TCP_NODELAY=1 echoscu -to 2 -ta 2 -td 2 -aet STORESCU -aec "$aec" 127.0.0.1 "$port" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "$bench: $aec on port $port did not answer C-ECHO within 90 s" >&2
  tail -30 "$log" >&2 || true
  exit 1
}
# send AEC PORT DIR: storescu, all files of DIR in one association; prints the seconds it took
# and leaves the time storescu returned (last instance acknowledged) in $tmp/sent-at.
send() {
  local aec="$1" port="$2" dir="$3" t0 t1
  t0="$(now)"
  if ! TCP_NODELAY=1 storescu -aet STORESCU -aec "$aec" +sd +r 127.0.0.1 "$port" "$dir" \
      >"$tmp/storescu.log" 2>&1; then
    echo "$bench: storescu to $aec failed" >&2
    tail -20 "$tmp/storescu.log" >&2
    exit 1
  fi
  t1="$(now)"
  echo "$t1" >"$tmp/sent-at"
  python3 -c "print(f'{$t1 - $t0:.3f}')"
}
# Starts a node (bin/segnode) with its own state and config copies, its `pacs` destination (AE
# PACS) on 127.0.0.1:DEST_PORT and HTTP on a free port; sets started_pid and node_http_port.
# start_node NAME PORT DEST_PORT INACTIVITY_SECONDS
start_node() {
  local name="$1" port="$2" dest_port="$3" inactivity="$4" dir="$tmp/$1" min_free=1024 avail
  mkdir -p "$dir/state"
  cp -r "$root/conf" "$dir/conf"
  cp -r "$root/ae-config" "$dir/ae-config"
  avail="$(df -Pm "$dir" | awk 'NR==2 {print $4}')"
  if [ "$avail" -lt 4096 ]; then min_free=64; fi
  node_http_port="$(free_port)"
  sed -i -e "s/^ae\.port=.*/ae.port=$port/" -e "s/^ae\.bind=.*/ae.bind=127.0.0.1/" "$dir/ae-config/ae.properties"
  sed -i -e "s/^destination\.pacs\.port=.*/destination.pacs.port=$dest_port/" \
    -e "s/^destination\.pacs\.host=.*/destination.pacs.host=127.0.0.1/" "$dir/ae-config/destinations.properties"
  sed -i -e "s/^series\.inactivity-seconds=.*/series.inactivity-seconds=$inactivity/" \
    -e "s/^spool\.min-free-mb=.*/spool.min-free-mb=$min_free/" \
    -e "s/^http\.port=.*/http.port=$node_http_port/" "$dir/conf/segnode.properties"
  "$root/bin/segnode" node --conf "$dir/conf" --ae-config "$dir/ae-config" --state "$dir/state" \
    >"$dir/node.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  wait_echo SEGNODE "$port" "$dir/node.log"
}
