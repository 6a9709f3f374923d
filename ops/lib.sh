# ops/lib.sh — small helpers shared by the ops/ scripts (sourced, not run).
# Defines CF_ROOT (the repo root, resolved from this file's location, so the
# scripts work from any cwd) plus logging helpers that write to stderr only.
# shellcheck shell=bash

# shellcheck disable=SC2034  # used by the scripts that source this file
CF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

cf_prog="$(basename "${0:-ops}")"

# cf_log MSG... — human message on stderr (stdout is reserved for eval-able output).
cf_log() { printf '%s: %s\n' "$cf_prog" "$*" >&2; }

# cf_die MSG... — message on stderr, exit 1.
cf_die() { cf_log "error: $*"; exit 1; }

# cf_is_root — true when running as uid 0.
cf_is_root() { [[ "$(id -u)" -eq 0 ]]; }
