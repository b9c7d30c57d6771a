#!/usr/bin/env bash
# A real single-node Slurm on loopback, for CI and for trying `--executor slurm` on a laptop.
#
#   scripts/slurm-local.sh start    install slurm-wlm + munge if missing (apt-get, needs root), start munged,
#                                   slurmctld and slurmd, wait until the node is idle
#   scripts/slurm-local.sh stop     cancel the cluster's jobs, stop the daemons by their recorded process ids
#   scripts/slurm-local.sh status   the daemons' pids and `sinfo`; exit 0 only if all three run
#   scripts/slurm-local.sh env      the line to eval so that sbatch, squeue, ... talk to this cluster:
#                                   eval "$(scripts/slurm-local.sh env)"
#
# Everything (config, munge key and socket, state, spool, logs, pid files) lives under one directory,
# ${RNNLAB_SLURM_DIR:-/tmp/rnnlab-slurm}; nothing under /etc is written (the Debian packages' own files aside),
# and the clients find the cluster through SLURM_CONF. No cgroups (proctrack/linuxproc, task/none), no
# accounting daemon (so `sacct` does not work, as on clusters without slurmdbd).
#
# Settings (environment):
#   RNNLAB_SLURM_DIR             the cluster's directory                      (/tmp/rnnlab-slurm)
#   RNNLAB_SLURM_MAX_ARRAY_SIZE  slurm.conf MaxArraySize: array indices 0..N-1 (1001, Slurm's default)
#   RNNLAB_SLURM_PORT            slurmctld's port; slurmd uses the next one    (6817)
#   RNNLAB_SLURM_TIMEOUT         seconds to wait for the node to become idle   (60)
set -euo pipefail

DIR="${RNNLAB_SLURM_DIR:-/tmp/rnnlab-slurm}"
MAX_ARRAY_SIZE="${RNNLAB_SLURM_MAX_ARRAY_SIZE:-1001}"
PORT="${RNNLAB_SLURM_PORT:-6817}"
TIMEOUT="${RNNLAB_SLURM_TIMEOUT:-60}"
CONF="$DIR/etc/slurm.conf"
MUNGE_SOCKET="$DIR/munge/munge.socket.2"
PARTITION="debug"
export SLURM_CONF="$CONF"

die() { echo "slurm-local: $*" >&2; exit 1; }
say() { echo "slurm-local: $*"; }

# The three daemons, in start order, with the pid file each writes and the executable it must be.
daemons=(munged slurmctld slurmd)
pid_file() {
  case "$1" in
    munged) echo "$DIR/munge/munged.pid" ;;
    *) echo "$DIR/run/$1.pid" ;;
  esac
}

# The recorded pid of a daemon if that process is alive and is that daemon (a stale pid file after a
# reboot may name an unrelated process, which must never be signalled).
live_pid() {
  local f pid exe
  f="$(pid_file "$1")"
  [ -s "$f" ] || return 1
  pid="$(tr -dc 0-9 < "$f")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  exe="$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null || true)")"
  case "$exe" in "$1" | "$1"-*) ;; *) return 1 ;; esac   # Debian's binaries are slurmctld-wlm, slurmd-wlm
  echo "$pid"
}

install_packages() {
  local missing=()
  for c in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo scancel; do
    command -v "$c" > /dev/null || missing+=("$c")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; install the Debian packages slurm-wlm and munge (as root: apt-get install -y slurm-wlm munge)"
  say "installing slurm-wlm and munge (missing: ${missing[*]})"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' own scripts must not start the system's munge/slurmctld/slurmd (this script starts its own):
  # without a policy-rc.d (container images have one) a failed start of an unconfigured slurmctld fails the
  # install. One is put in place for the install only.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy" && own_policy=1
  fi
  local ok=1
  # A clean machine may have no package lists yet; the install would then fail with "unable to locate".
  if ! apt-get update -q > "$DIR/log/apt.log" 2>&1; then ok=0; fi
  if [ $ok = 1 ] && ! apt-get install -y -q --no-install-recommends slurm-wlm munge >> "$DIR/log/apt.log" 2>&1; then
    ok=0
  fi
  if [ $own_policy = 1 ]; then rm -f "$policy"; fi
  [ $ok = 1 ] || die "apt-get update / install slurm-wlm munge failed; see $DIR/log/apt.log"
}

start_munge() {
  local key="$DIR/munge/munge.key"
  if [ ! -s "$key" ]; then
    mungekey --create --keyfile="$key" > /dev/null 2>&1 \
      || { dd if=/dev/urandom of="$key" bs=1024 count=1 status=none; }
    chmod 0400 "$key"
  fi
  munged --key-file="$key" --socket="$MUNGE_SOCKET" --pid-file="$(pid_file munged)" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" \
    || die "munged did not start; see $DIR/log/munged.log"
  for _ in $(seq 50); do
    munge -n -S "$MUNGE_SOCKET" 2> /dev/null | unmunge -S "$MUNGE_SOCKET" > /dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "munged does not answer on $MUNGE_SOCKET; see $DIR/log/munged.log"
}

# slurm.conf for one node with this machine's CPUs and memory, as slurmd itself detects them (read at every
# start, so the file follows the machine). Memory is a consumable (CR_Core_Memory) so that --mem means what
# it means on a real cluster; DefMemPerCPU shares it out so that jobs without --mem still run side by side.
write_conf() {
  local node="$1" hw cpus boards sockets cores threads mem
  hw="$(slurmd -C 2> /dev/null | head -n 1 || true)"
  field() { sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<< "$hw"; }
  cpus="$(field CPUs)"; boards="$(field Boards)"; sockets="$(field SocketsPerBoard)"
  cores="$(field CoresPerSocket)"; threads="$(field ThreadsPerCore)"; mem="$(field RealMemory)"
  if [ -z "$cpus" ] || [ -z "$mem" ]; then   # slurmd -C unavailable: count them ourselves
    cpus="$(nproc)"; boards=1; sockets=1; cores="$cpus"; threads=1
    mem="$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)"
  fi
  cat > "$CONF" << EOF
# Generated by scripts/slurm-local.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ); rewritten at every start.
ClusterName=rnnlab-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$(pid_file slurmctld)
SlurmdPidFile=$(pid_file slurmd)
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$((mem / cpus))
MaxArraySize=$MAX_ARRAY_SIZE
ReturnToService=2
SlurmdTimeout=60
KillWait=5
InactiveLimit=0
MinJobAge=60
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus Boards=$boards SocketsPerBoard=$sockets CoresPerSocket=$cores ThreadsPerCore=$threads RealMemory=$mem State=UNKNOWN
PartitionName=$PARTITION Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

node_state() { sinfo -h -n "$1" -o '%T' 2> /dev/null | head -n 1; }

start() {
  local running=() d node state t0 now
  for d in "${daemons[@]}"; do live_pid "$d" > /dev/null && running+=("$d"); done
  if [ ${#running[@]} -eq 3 ]; then say "already running ($CONF)"; status_line; return 0; fi
  [ ${#running[@]} -eq 0 ] || die "partly running (${running[*]}); run '$0 stop' first"
  t0="$(date +%s.%N)"
  mkdir -p "$DIR"/{etc,munge,state,spool,log,run}
  chmod 0755 "$DIR" "$DIR/munge"   # munged insists that everyone may reach its socket
  install_packages
  node="$(hostname -s)"
  write_conf "$node"
  start_munge
  # -c: start with no jobs from an earlier life of this cluster (their processes are gone with the old slurmd).
  slurmctld -c -f "$CONF" || die "slurmctld did not start; see $DIR/log/slurmctld.log"
  slurmd -f "$CONF" -N "$node" || die "slurmd did not start; see $DIR/log/slurmd.log"
  while :; do
    state="$(node_state "$node")"
    case "$state" in
      idle) break ;;
      down*|drain*|fail*) scontrol update nodename="$node" state=resume > /dev/null 2>&1 || true ;;
    esac
    now="$(date +%s.%N)"
    if awk -v a="$t0" -v b="$now" -v t="$TIMEOUT" 'BEGIN { exit !(b - a > t) }'; then
      die "node $node not idle after ${TIMEOUT}s (state: '${state:-no answer}'); see $DIR/log/slurmctld.log and slurmd.log"
    fi
    sleep 0.2
  done
  now="$(date +%s.%N)"
  say "up in $(awk -v a="$t0" -v b="$now" 'BEGIN { printf "%.1f", b - a }') s: node $node idle, MaxArraySize=$MAX_ARRAY_SIZE"
  say "clients need: export SLURM_CONF=$CONF"
}

stop() {
  local d pid stopped=0
  # Cancel what is queued or running first: slurmstepd and the job's processes outlive slurmd otherwise.
  if live_pid slurmctld > /dev/null; then
    local jobs
    jobs="$(squeue -h -o '%A' 2> /dev/null | sort -u | tr '\n' ' ')"
    if [ -n "${jobs// /}" ]; then
      # shellcheck disable=SC2086
      scancel $jobs 2> /dev/null || true
      for _ in $(seq 50); do [ -z "$(squeue -h -o '%A' 2> /dev/null)" ] && break; sleep 0.2; done
    fi
  fi
  # Each daemon takes about 2 s to act on SIGTERM: the two Slurm daemons stop together, then munged, which
  # they may still need while they shut down.
  stop_pids slurmd slurmctld
  stop_pids munged
  say "stopped $stopped daemon(s); logs kept in $DIR/log"
}

# Sends SIGTERM to the named daemons' recorded pids, waits up to 10 s for them to exit, then SIGKILLs the rest.
stop_pids() {
  local d pid pids=()
  for d in "$@"; do
    pid="$(live_pid "$d")" || continue
    kill -TERM "$pid" 2> /dev/null || true
    pids+=("$pid")
    stopped=$((stopped + 1))
  done
  for _ in $(seq 100); do
    local alive=0
    for pid in ${pids[@]+"${pids[@]}"}; do [ -d "/proc/$pid" ] && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2> /dev/null || true; fi
  done
  for d in "$@"; do rm -f "$(pid_file "$d")"; done
}

status_line() {
  local d pid all=0
  for d in "${daemons[@]}"; do
    if pid="$(live_pid "$d")"; then echo "$d: running (pid $pid)"; else echo "$d: not running"; all=1; fi
  done
  if [ $all -eq 0 ]; then sinfo 2>&1 || true; fi
  return $all
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status_line ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start|stop|status|env   (settings: see the head of this script)" >&2; exit 2 ;;
esac
