# The rig's optional second engine: Debian 13's docker.io 26.1 + containerd 1.7 with the containerd
# image store, beside the 20.10 rig daemon. Sourced by rig.sh (same lock, same user registry scheme);
# not meant to run on its own.
#
#   rig.sh fetch2       download and unpack the engine into .cache/engine-26 (once; cached)
#   rig.sh up2 PID      reuse the running engine 2 or start it; register this run (prints KEY=value lines)
#   rig.sh down2 PID    unregister; the last one out removes its containers, stops dockerd and its
#                       containerd, deletes the data root and the bridge
#   rig.sh status2
#
# Why unpacked and not installed: the machine keeps Debian 12's docker.io for the first engine, and
# apt would replace it. Only the binaries run; nothing of the packages' maintainer scripts does.

RIG2=dw-rig2
RUN_DIR2=/run/$RIG2.d
SOCK2=/run/$RIG2.sock
PIDFILE2=/run/$RIG2.pid
EXEC_ROOT2=/run/$RIG2
CTR_STATE2=/run/$RIG2-containerd
CTR_SOCK2=$CTR_STATE2/containerd.sock
CTR_PIDFILE2=$RUN_DIR2/containerd.pid
DATA_ROOT2=${DW_RIG2_DATA_ROOT:-/var/lib/$RIG2}
USERS2=$RUN_DIR2/users
BRIDGE2=dw-rig2
# A /24 next to the first engine's 172.31.250.0/24: the top of 172.16/12 is rarely used by LANs or VPNs.
BRIDGE2_ADDR=172.31.251.1/24
DOCKER_HOST2_URL=unix://$SOCK2
ENGINE2_CACHE=${DW_ENGINE2_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache/engine-26}
ENGINE2_ROOT=$ENGINE2_CACHE/root
ENGINE2_SUITE=trixie

# The archive URI and keyring this machine's apt uses for its own Debian release, read from its
# sources (one-line or deb822): the second engine comes from the same mirror, never a named host.
host_debian_source() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || { log "no VERSION_CODENAME in /etc/os-release"; return 1; }
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && files+=("$f"); done
  local found
  found=$(for f in "${files[@]}"; do
    case "$f" in
      *.sources) awk -v want="$codename" '
          function flush() {
            if (!done && types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " want " ") && uri != "")
              { print uri " " keyring; done = 1; exit }
            types = ""; suites = ""; uri = ""; keyring = ""; enabled = ""
          }
          /^[ \t]*$/ { flush(); next }
          /^#/ { next }
          { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, ""); }
          key == "types" { types = $0 } key == "suites" { suites = $0 } key == "enabled" { enabled = $0 }
          key == "uris" { split($0, u, " "); uri = u[1] } key == "signed-by" { keyring = $0 }
          END { flush() }' "$f" ;;
      *) sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk -v want="$codename" '$1 == "deb" && $3 == want { print $2; exit }' ;;
    esac
  done | head -n 1)
  [ -n "$found" ] || { log "no apt source for Debian $codename in /etc/apt; add one to fetch engine 2"; return 1; }
  echo "$codename $found"
}

engine2_ready() { [ -f "$ENGINE2_CACHE/ready" ] && [ -x "$ENGINE2_ROOT/usr/sbin/dockerd" ]; }

fetch2_locked() {
  engine2_ready && return 0
  local src codename uri keyring
  src=$(host_debian_source) || return 1
  read -r codename uri keyring <<<"$src"
  # Only a file path can go into signed-by=; an inline key block falls back to the Debian keyring.
  [ -f "${keyring:-}" ] || keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  local work=$ENGINE2_CACHE/.work
  rm -rf "$work" "$ENGINE2_ROOT"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root"
  {
    printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$uri" "$ENGINE2_SUITE"
    printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$uri" "$codename"
  } >"$work/sources.list"
  # A private apt state: the system's lists, cache and sources stay untouched.
  local apt_opts=(
    -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
    -o APT::Sandbox::User=root -o Debug::NoLocking=1
  )
  log "fetching engine 2 ($ENGINE2_SUITE docker.io, containerd, docker-buildx) from $uri"
  apt-get -qq "${apt_opts[@]}" update >&2
  # runc comes from this machine's own release: trixie's runc needs glibc 2.38 (Debian 12 has 2.36).
  # tini is used only as tini-static (docker-init), which runs anywhere.
  (cd "$work/debs" && apt-get -qq "${apt_opts[@]}" download \
    "docker.io/$ENGINE2_SUITE" "docker-cli/$ENGINE2_SUITE" "containerd/$ENGINE2_SUITE" \
    "docker-buildx/$ENGINE2_SUITE" "tini/$ENGINE2_SUITE" "runc/$codename" >&2)
  local deb
  for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/root"; done
  local versions
  versions=$(for deb in "$work"/debs/*.deb; do dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"; done)
  # The brief is 26.1 / 1.7 / 0.13: a newer trixie point release is fine, another series is not.
  local r=$work/root
  "$r/usr/sbin/dockerd" --version | grep -q 'version 26\.1\.' &&
    "$r/usr/bin/containerd" --version | grep -q ' 1\.7\.' &&
    "$r/usr/libexec/docker/cli-plugins/docker-buildx" version | grep -q ' v\?0\.13\.' &&
    "$r/usr/sbin/runc" --version >/dev/null || {
    log "unexpected engine 2 versions (or a binary that does not run here): $versions"
    return 1
  }
  mv "$r" "$ENGINE2_ROOT"
  echo "$versions" >"$ENGINE2_CACHE/ready"
  rm -rf "$work"
  log "engine 2 unpacked into $ENGINE2_ROOT ($(du -sh "$ENGINE2_ROOT" | cut -f1)): $(tr '\n' ';' <"$ENGINE2_CACHE/ready")"
}

# Its own lock: a first download must not hold the rig lock other runs wait on.
fetch2() {
  need_root
  mkdir -p "$ENGINE2_CACHE"
  (
    flock -w 600 8
    fetch2_locked
  ) 8>"$ENGINE2_CACHE/.lock"
}

engine2_env() {
  env PATH="$ENGINE2_ROOT/usr/sbin:$ENGINE2_ROOT/usr/bin:$PATH" "$@"
}

containerd2_alive() {
  [ -S "$CTR_SOCK2" ] && [ -f "$CTR_PIDFILE2" ] && kill -0 "$(cat "$CTR_PIDFILE2")" 2>/dev/null
}

daemon2_alive() {
  containerd2_alive && [ -S "$SOCK2" ] && [ -f "$PIDFILE2" ] && kill -0 "$(cat "$PIDFILE2")" 2>/dev/null &&
    curl -sf --max-time 2 --unix-socket "$SOCK2" http://localhost/_ping >/dev/null 2>&1
}

write_engine2_configs() {
  mkdir -p "$RUN_DIR2" "$DATA_ROOT2/docker" "$DATA_ROOT2/containerd" "$CTR_STATE2"
  # cri is Kubernetes' plugin: off, it only slows the start and looks for CNI config.
  cat >"$RUN_DIR2/containerd.toml" <<EOF
version = 2
root = "$DATA_ROOT2/containerd"
state = "$CTR_STATE2"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CTR_SOCK2"
[ttrpc]
  address = "$CTR_SOCK2.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$DATA_ROOT2/containerd-opt"
EOF
  # dockerd looks in /usr/libexec/docker before PATH for docker-init: name the unpacked ones.
  cat >"$RUN_DIR2/daemon.json" <<EOF
{
  "features": { "containerd-snapshotter": true },
  "init-path": "$ENGINE2_ROOT/usr/bin/docker-init",
  "userland-proxy-path": "$ENGINE2_ROOT/usr/sbin/docker-proxy"
}
EOF
}

wait_for() {
  local what=$1 tries=$2
  shift 2
  for _ in $(seq 1 "$tries"); do
    "$@" && return 0
    sleep 0.2
  done
  log "$what did not come up"
  return 1
}

# dockerd runs with --iptables=false (the first engine owns Docker's chains), so the second engine's
# containers get their way out here: masquerade its subnet and let its bridge through FORWARD, which
# the first engine sets to DROP. Builds that run apt inside need this.
nat_rules2() {
  local op=$1 subnet
  subnet=$(python3 -c 'import ipaddress,sys; print(ipaddress.ip_interface(sys.argv[1]).network)' "$BRIDGE2_ADDR")
  command -v iptables >/dev/null || { log "no iptables: engine 2's containers cannot reach the network"; return 0; }
  local rules=(
    "-t nat POSTROUTING -s $subnet ! -o $BRIDGE2 -j MASQUERADE"
    "FORWARD -i $BRIDGE2 -j ACCEPT"
    "FORWARD -o $BRIDGE2 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
  )
  local rule table chain rest
  for rule in "${rules[@]}"; do
    # shellcheck disable=SC2086
    set -- $rule
    table=(); [ "$1" = -t ] && { table=(-t "$2"); shift 2; }
    chain=$1; shift; rest=("$@")
    if [ "$op" = add ]; then
      iptables "${table[@]}" -C "$chain" "${rest[@]}" 2>/dev/null || iptables "${table[@]}" -I "$chain" 1 "${rest[@]}"
    else
      while iptables "${table[@]}" -C "$chain" "${rest[@]}" 2>/dev/null; do iptables "${table[@]}" -D "$chain" "${rest[@]}"; done
    fi
  done
}

start_daemon2() {
  local t0
  t0=$(date +%s.%N)
  stop_daemon2
  write_engine2_configs
  if ! ip link show "$BRIDGE2" >/dev/null 2>&1; then
    ip link add "$BRIDGE2" type bridge && ip addr add "$BRIDGE2_ADDR" dev "$BRIDGE2" && ip link set "$BRIDGE2" up ||
      { log "could not create the bridge $BRIDGE2"; return 1; }
  fi
  nat_rules2 add
  log "starting engine 2: containerd ($CTR_SOCK2) and dockerd 26.1 (data root $DATA_ROOT2, socket $SOCK2)"
  # containerd writes no pidfile and setsid may fork: the shell records its own pid, then becomes it.
  # shellcheck disable=SC2016
  engine2_env setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$CTR_PIDFILE2" \
    containerd --config "$RUN_DIR2/containerd.toml" >>"$RUN_DIR2/containerd.log" 2>&1 </dev/null 8>&- 9>&- &
  wait_for containerd 150 containerd2_alive || {
    tail -n 30 "$RUN_DIR2/containerd.log" >&2
    return 1
  }
  # No iptables: the first engine owns the host's rules; engine 2 needs no NAT on this machine.
  engine2_env setsid dockerd --config-file "$RUN_DIR2/daemon.json" \
    --containerd "$CTR_SOCK2" --containerd-namespace $RIG2 --containerd-plugins-namespace $RIG2-plugins \
    --data-root "$DATA_ROOT2/docker" --exec-root "$EXEC_ROOT2" --pidfile "$PIDFILE2" -H "$DOCKER_HOST2_URL" \
    --bridge "$BRIDGE2" --iptables=false --ip6tables=false --ip-masq=false \
    >>"$RUN_DIR2/dockerd.log" 2>&1 </dev/null 8>&- 9>&- &
  wait_for dockerd 300 daemon2_alive || {
    tail -n 30 "$RUN_DIR2/dockerd.log" >&2
    return 1
  }
  log "engine 2 ready in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop_daemon2() {
  [ -f "$PIDFILE2" ] && stop_pid "$(cat "$PIDFILE2")"
  # Shims of this containerd only: they carry its socket address on their command line.
  local pid
  for pid in $(pgrep -f -- "-address $CTR_SOCK2( |$)" || true); do stop_pid "$pid"; done
  [ -f "$CTR_PIDFILE2" ] && stop_pid "$(cat "$CTR_PIDFILE2")"
  rm -f "$PIDFILE2" "$SOCK2" "$CTR_PIDFILE2"
  return 0
}

up2() {
  need_root
  local owner=${1:?owner pid}
  engine2_ready || { log "engine 2 is not fetched: run rig.sh fetch2"; return 1; }
  prune_dead_users "$USERS2"
  daemon2_alive || start_daemon2
  touch "$USERS2/$(owner_id "$owner")"
  echo "DOCKER_HOST=$DOCKER_HOST2_URL"
  echo "ENGINE2_ROOT=$ENGINE2_ROOT"
}

down2() {
  local owner=${1:?owner pid}
  rm -f "$USERS2/$(owner_id "$owner")"
  prune_dead_users "$USERS2"
  if [ -n "$(ls -A "$USERS2" 2>/dev/null)" ]; then
    log "other runs still use engine 2: $(ls "$USERS2" | tr '\n' ' ')"
    return 0
  fi
  if daemon2_alive; then
    local ids
    ids=$(engine2_env docker -H "$DOCKER_HOST2_URL" ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || engine2_env docker -H "$DOCKER_HOST2_URL" rm -f $ids >/dev/null 2>&1 || true
  fi
  stop_daemon2
  local dir
  for dir in "$DATA_ROOT2" "$CTR_STATE2" "$EXEC_ROOT2"; do
    grep -o " $dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$dir"
  done
  rm -rf "$RUN_DIR2"
  nat_rules2 delete
  ip link del "$BRIDGE2" 2>/dev/null || true
  log "engine 2 stopped and its data removed"
}

status2() {
  if daemon2_alive; then
    echo "running pid=$(cat "$PIDFILE2") containerd=$(cat "$CTR_PIDFILE2") host=$DOCKER_HOST2_URL users=$(ls "$USERS2" 2>/dev/null | tr '\n' ' ')"
  else
    echo "stopped"
  fi
}
