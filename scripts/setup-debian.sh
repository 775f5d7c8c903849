#!/usr/bin/env bash
# Installs what SegNode needs on a fresh Debian 12 machine. Idempotent; run as root or with sudo.
#   runtime: a JDK 17, Maven, PixelMed (Debian's libpixelmed-java, libpixelmed-imageio-java), a
#            font (the captions of the PNG overview)
#   tests:   dcmtk, dicom3tools (dciodvfy), Orthanc (the PACS of OrthancEndToEndIT), Node.js + the
#            OHIF SEG loader (tools/ohif-seg-check), openssl (TLS test keys), python3 (listens as
#            systemd's notify socket), systemd-notify, postgresql (tests start throwaway servers of
#            their own with initdb, as user postgres)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want_tests="${1:-}"

packages=(libpixelmed-java libpixelmed-imageio-java fonts-dejavu-core fontconfig)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || packages+=(maven)
if [ "$want_tests" = "--tests" ]; then
  packages+=(dcmtk dicom3tools orthanc postgresql)
  command -v openssl >/dev/null || packages+=(openssl)
  command -v python3 >/dev/null || packages+=(python3)
  command -v systemd-notify >/dev/null || packages+=(systemd)
  command -v node >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ "$want_tests" = "--tests" ] && [ ! -d "$root/tools/ohif-seg-check/node_modules" ]; then
  echo "setup: installing the OHIF SEG loader (npm ci)"
  (cd "$root/tools/ohif-seg-check" && npm ci --no-audit --no-fund --loglevel=error)
fi
