#!/usr/bin/env bash
# Installs SegNode as a systemd service from a built checkout (run `make build` first).
#
#   systemd/install.sh               install or upgrade (as root)
#   systemd/install.sh --uninstall   remove the unit and /opt/segnode; keeps /etc/segnode
#                                    (settings) and /var/lib/segnode (spool, outbox, database)
#   --root DIR                       install under DIR instead of / (packaging, tests); never
#                                    calls systemctl
#
# Idempotent: running it again replaces /opt/segnode and the unit with the checkout's current
# build, and never overwrites a setting file already in /etc/segnode. See docs/operations.md.
set -euo pipefail

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
}

src="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
root=""
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    --root)
      [ $# -ge 2 ] || { echo "install.sh: --root needs a folder" >&2; exit 2; }
      root="$(readlink -m "$2")"
      [ "$root" = "/" ] && root=""
      shift 2 ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

opt="$root/opt/segnode"
etc="$root/etc/segnode"
unit_dir="$root/etc/systemd/system"
unit="$unit_dir/segnode.service"

# systemctl only on the real root; with --root we only print what would run.
systemctl_() {
  if [ -z "$root" ]; then
    systemctl "$@"
  else
    echo "(--root: skipped: systemctl $*)"
  fi
}

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (or use --root DIR to install into a folder)" >&2
  exit 2
fi

if $uninstall; then
  if [ -z "$root" ] && systemctl is-active --quiet segnode 2>/dev/null; then
    systemctl stop segnode
  fi
  if [ -e "$unit" ]; then
    systemctl_ disable segnode.service || true
  fi
  rm -f "$unit"
  rm -rf "$opt"
  systemctl_ daemon-reload
  echo "SegNode removed: $unit and $opt."
  echo "Kept: $etc (settings) and $root/var/lib/segnode (spool, outbox, database);"
  echo "delete them by hand if they are no longer needed (DynamicUser keeps state under"
  echo "$root/var/lib/private/segnode)."
  exit 0
fi

# The build must be there: every module jar, the node's among them.
shopt -s nullglob
jars=()
for jar in "$src"/*/target/segnode-*.jar; do
  case "$jar" in *-tests.jar|*-sources.jar|*-javadoc.jar) continue ;; esac
  jars+=("$jar")
done
node_jars=("$src"/node/target/segnode-node-*.jar)
if [ ${#jars[@]} -eq 0 ] || [ ${#node_jars[@]} -eq 0 ]; then
  echo "install.sh: no built node under $src (node/target/segnode-node-*.jar missing):" \
    "run 'make build' first" >&2
  exit 2
fi
if [ ! -r "${PIXELMED_JAR:-/usr/share/java/pixelmed.jar}" ]; then
  echo "install.sh: warning: PixelMed not found: apt-get install libpixelmed-java" \
    "libpixelmed-imageio-java before starting the node" >&2
fi
command -v java >/dev/null 2>&1 \
  || echo "install.sh: warning: no java on PATH: install a JDK or JRE 17" >&2

# /opt/segnode: built into a fresh folder, then swapped in, so a failed copy leaves the old one.
mkdir -p "$root/opt"
staging="$(mktemp -d "$root/opt/.segnode.new.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/bin"
install -m 0755 "$src/bin/segnode" "$staging/bin/segnode"
for jar in "${jars[@]}"; do
  module="$(basename "$(dirname "$(dirname "$jar")")")"
  mkdir -p "$staging/$module/target"
  cp -p "$jar" "$staging/$module/target/"
  if [ -d "$src/$module/target/lib" ]; then
    mkdir -p "$staging/$module/target/lib"
    cp -p "$src/$module/target/lib/"*.jar "$staging/$module/target/lib/" 2>/dev/null || true
  fi
done
# models/, the default settings (the launcher's fallback; the service reads /etc/segnode), docs.
cp -a "$src/models" "$src/conf" "$src/ae-config" "$staging/"
mkdir -p "$staging/docs" "$staging/systemd"
cp -p "$src"/docs/*.md "$staging/docs/"
cp -p "$src/README.md" "$staging/"
cp -p "$src/systemd/segnode.service" "$src/systemd/install.sh" "$staging/systemd/"
chmod -R u=rwX,go=rX "$staging"
rm -rf "$opt.old"
if [ -e "$opt" ]; then mv "$opt" "$opt.old"; fi
mv "$staging" "$opt"
trap - EXIT
rm -rf "$opt.old"

# /etc/segnode: conf/ and ae-config/ side by side; an existing file is the admin's and stays.
mkdir -p "$etc"
chmod 0755 "$etc"
for f in "$src"/conf/* "$src"/ae-config/*; do
  name="$(basename "$f")"
  if [ -e "$etc/$name" ]; then
    if ! cmp -s "$f" "$etc/$name"; then
      echo "kept $etc/$name (differs from the shipped default, see $opt/${f#"$src"/})"
    fi
  else
    install -m 0644 "$f" "$etc/$name"
    echo "installed $etc/$name"
  fi
done

mkdir -p "$unit_dir"
install -m 0644 "$src/systemd/segnode.service" "$unit"
systemctl_ daemon-reload

echo "SegNode installed in $opt, settings in $etc, unit $unit."
cat <<MSG
Next:
  /opt/segnode/bin/segnode check-config --conf /etc/segnode --ae-config /etc/segnode
  systemctl enable --now segnode      # start now and at boot
  journalctl -u segnode -f            # follow the log
An upgrade is the same: systemctl stop segnode; make build; systemd/install.sh;
systemctl start segnode (state in /var/lib/segnode is kept).
MSG
