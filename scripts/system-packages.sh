#!/usr/bin/env bash
# Install the Debian packages the test suite runs for real, where missing:
# a Java runtime (Spark in local mode), PostgreSQL's server binaries (the store's tests
# start a throwaway cluster) and Chromium (the pages' browser tests).
# `apt-get update` runs once, only when something is missing. Without root it installs
# nothing and says so; the tests that need a missing program then skip, saying why.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-packages: not root, so not installing ${missing[*]}: the tests that need them will skip" >&2
    exit 0
fi
echo "system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
