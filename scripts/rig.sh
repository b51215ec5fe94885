#!/usr/bin/env bash
# The test rig: one private dockerd per machine, shared by every test run on it.
#
#   rig.sh provision   install what the tests need from Debian (idempotent, root only)
#   rig.sh up          reuse the running rig dockerd or start one; register this run (prints DOCKER_HOST)
#   rig.sh down        unregister this run; the last one out removes the rig's containers,
#                      stops dockerd and deletes its data root
#   rig.sh stop-daemon / start-daemon   used by the test that proves the UI survives the engine going away
#   rig.sh stop-daemon2 / start-daemon2 the same for the second engine (its data stays)
#   rig.sh status
#   rig.sh fetch2 | up2 PID | down2 PID | status2   the optional second engine (rig-engine2.sh)
#
# Why a private daemon and not the system one: tests must never touch a user's images, and CI starts
# from a machine with no engine at all. Why shared: two daemons on one machine fight over iptables
# and the docker0 bridge (a second one with --bridge none deletes docker0 for the first).
set -euo pipefail

RIG_NAME=dw-rig
RUN_DIR=/run/$RIG_NAME.d
SOCK=/run/$RIG_NAME.sock            # unix socket paths must stay under 108 bytes
PIDFILE=/run/$RIG_NAME.pid
EXEC_ROOT=/run/$RIG_NAME
DATA_ROOT=${DW_RIG_DATA_ROOT:-/var/lib/$RIG_NAME}
LOCK=/run/$RIG_NAME.lock
USERS=$RUN_DIR/users
LOG=$RUN_DIR/dockerd.log
DOCKER_HOST_URL=unix://$SOCK

log() { printf '[rig] %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "the private test engine needs root (it starts dockerd); run as root, or see README: Testing on a laptop"
    exit 2
  fi
}

provision() {
  need_root
  local pkgs=(docker.io docker-registry busybox-static chromium apache2-utils iptables debootstrap)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Debian's docker-registry package may start its own service on :5000; the tests bring their own.
}

daemon_alive() {
  [ -S "$SOCK" ] && [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null &&
    curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1
}

start_daemon() {
  mkdir -p "$RUN_DIR" "$DATA_ROOT"
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "a rig dockerd (pid $(cat "$PIDFILE")) exists but does not answer; stopping it"
    stop_daemon
  fi
  rm -f "$SOCK" "$PIDFILE"
  # A system dockerd may already own docker0; give ours its own bridge so neither deletes the other's.
  local bridge_args=()
  if ! ip link show dw-rig0 >/dev/null 2>&1; then
    ip link add dw-rig0 type bridge 2>/dev/null && ip addr add 172.31.250.1/24 dev dw-rig0 && ip link set dw-rig0 up || true
  fi
  if ip link show dw-rig0 >/dev/null 2>&1; then bridge_args=(--bridge dw-rig0); fi
  log "starting dockerd (data root $DATA_ROOT, socket $SOCK)"
  setsid dockerd \
    --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
    -H "$DOCKER_HOST_URL" --containerd-namespace dw-rig --containerd-plugins-namespace dw-rig-plugins \
    "${bridge_args[@]}" >>"$LOG" 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 150); do
    if daemon_alive; then log "dockerd ready"; return 0; fi
    sleep 0.2
  done
  log "dockerd did not come up; last lines of $LOG:"
  tail -n 30 "$LOG" >&2
  return 1
}

stop_daemon() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE" "$SOCK"
}

# A run is registered as "<pid>-<start time>" so a recycled pid does not keep the rig alive.
start_time() { cut -d')' -f2- "/proc/$1/stat" 2>/dev/null | awk '{print $20}'; }
owner_id() { echo "$1-$(start_time "$1")"; }

prune_dead_users() {
  local dir=${1:-$USERS}
  mkdir -p "$dir"
  for f in "$dir"/*; do
    [ -e "$f" ] || continue
    local id pid
    id=$(basename "$f")
    pid=${id%%-*}
    [ "$(owner_id "$pid")" = "$id" ] || rm -f "$f"
  done
}

with_lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 120 9
  "$@"
}

up() {
  need_root
  local owner=${1:?owner pid}
  prune_dead_users
  daemon_alive || start_daemon
  touch "$USERS/$(owner_id "$owner")"
  echo "$DOCKER_HOST_URL"
}

down() {
  local owner=${1:?owner pid}
  rm -f "$USERS/$(owner_id "$owner")"
  prune_dead_users
  if [ -n "$(ls -A "$USERS" 2>/dev/null)" ]; then
    log "other runs still use the rig: $(ls "$USERS" | tr '\n' ' ')"
    return 0
  fi
  if daemon_alive; then
    local ids
    ids=$(DOCKER_HOST=$DOCKER_HOST_URL docker ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || DOCKER_HOST=$DOCKER_HOST_URL docker rm -f $ids >/dev/null 2>&1 || true
  fi
  stop_daemon
  # containerd shims of the rig namespace can outlive dockerd for a moment
  sleep 0.5
  if [ -d "$DATA_ROOT" ]; then
    # overlay mounts under the data root must go before the files can
    grep -o " $DATA_ROOT[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$DATA_ROOT"
  fi
  ip link del dw-rig0 2>/dev/null || true
  log "rig stopped and its data removed"
}

status() {
  if daemon_alive; then echo "running pid=$(cat "$PIDFILE") host=$DOCKER_HOST_URL users=$(ls "$USERS" 2>/dev/null | tr '\n' ' ')"; else echo "stopped"; fi
}

# shellcheck source=scripts/rig-engine2.sh
. "$(dirname "${BASH_SOURCE[0]}")/rig-engine2.sh"

cmd=${1:-status}
shift || true
case "$cmd" in
  provision) provision ;;
  up) with_lock up "$@" ;;
  down) with_lock down "$@" ;;
  stop-daemon) with_lock stop_daemon ;;
  start-daemon) with_lock start_daemon ;;
  status) status ;;
  fetch2) fetch2 ;;
  up2)
    fetch2
    with_lock up2 "$@"
    ;;
  down2) with_lock down2 "$@" ;;
  status2) status2 ;;
  stop-daemon2) with_lock stop_daemon2 ;;
  start-daemon2) with_lock start_daemon2 ;;
  *) echo "usage: rig.sh provision|up PID|down PID|stop-daemon|start-daemon|status|fetch2|up2 PID|down2 PID|status2|stop-daemon2|start-daemon2" >&2; exit 2 ;;
esac
