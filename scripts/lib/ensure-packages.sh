#!/usr/bin/env bash
# Installs Debian packages that are missing, when we can (root with apt-get); otherwise says exactly what to install.
# usage: ensure-packages.sh "<check command>" package [package ...]
set -euo pipefail
check=$1; shift
if bash -c "$check" >/dev/null 2>&1; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing $* ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q --no-install-recommends "$@" >/dev/null
  fi
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
    || { sudo apt-get update -q >/dev/null; sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
else
  echo "Missing: $*. Install with: sudo apt-get install $*" >&2
  exit 1
fi
