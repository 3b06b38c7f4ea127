#!/bin/sh
# tools/deps.sh - make sure the build dependencies are present.
# Usage: tools/deps.sh [extra Debian packages...]
# Vectorscan (libvectorscan-dev) is needed unless VECTORSCAN=0 (make passes it).
# Installs what is missing with apt-get (as root, or through sudo); on a
# system without apt-get it names what to install and fails.
set -eu
need=""
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
pairs="libpcre2-8:libpcre2-dev libutf8proc:libutf8proc-dev libcjson:libcjson-dev"
[ "${VECTORSCAN:-1}" = 0 ] || pairs="$pairs libhs:libvectorscan-dev"
for pair in $pairs; do
    pc=${pair%%:*}; pkg=${pair#*:}
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$pc"; then
        need="$need $pkg"
    fi
done
for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "factx: missing build dependencies:$need" >&2
    echo "factx: install them with your package manager (Debian names: pkg-config libpcre2-dev libutf8proc-dev libcjson-dev libvectorscan-dev; VECTORSCAN=0 builds without the last)" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo=sudo
echo "factx: installing:$need" >&2
$sudo apt-get update -qq >&2 || true
# several builds may install at once: wait for apt's lock instead of failing
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq $need >&2
