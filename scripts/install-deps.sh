#!/usr/bin/env bash
# Installs the Debian packages LogTriage builds against (zlib, ISA-L, RE2 for RLIKE, SQLite for the run
# history through GRDB) and the igzip tool the benchmark compares with, only when they are
# missing. Runs as root or through sudo.
set -euo pipefail
needed=()
for package in zlib1g-dev libisal-dev isal libsqlite3-dev libre2-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
[ ${#needed[@]} -eq 0 ] && exit 0
echo "installing ${needed[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
