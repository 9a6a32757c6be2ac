#!/usr/bin/env bash
# A throwaway one-node Slurm cluster on this machine, for tests (make slurm-smoke): munged, slurmctld and slurmd
# run as root, and every file they use (config, munge key and socket, controller state, spool, logs) lives in one
# temporary folder. Nothing under /etc is read or changed, and no system service is touched.
#
#   dir=$(slurm/local-cluster.sh start)    # prints the folder; SLURM_CONF=$dir/slurm.conf points sbatch, squeue ... at it
#   slurm/local-cluster.sh stop "$dir"     # cancels its jobs, stops its daemons by their PIDs, removes the folder
#
# Debian's slurm-wlm and munge are installed with apt-get when missing. Where the cluster cannot be installed or
# started, `start` says why in one line on stderr and exits 1, having stopped what it had started. `stop` exits 1
# when a process of the cluster outlived its daemons (it is killed, by its PID, and named).
set -euo pipefail

fail() { echo "local-cluster: $*" >&2; exit 1; }

# ---- Install ----------------------------------------------------------------------------------------------
install_if_missing() {
  command -v slurmctld && command -v slurmd && command -v sbatch && command -v munged && return 0
  command -v apt-get || fail "Slurm is not installed and there is no apt-get: install slurm-wlm (or slurmctld, slurmd, sbatch) and munge"
  echo "local-cluster: installing slurm-wlm and munge from Debian packages (apt-get)" >&2
  local log; log=$(mktemp)
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurm-wlm munge; } >"$log" 2>&1; then
    local why; why=$(grep -E '^(E|W):' "$log" | tail -1); rm -f "$log"
    fail "cannot install slurm-wlm and munge with apt-get: ${why:-apt-get failed}"
  fi
  rm -f "$log"
} >/dev/null

# ---- Start ------------------------------------------------------------------------------------------------
# A TCP port on which nothing listens, and the next one too (slurmctld and slurmd), so that a real Slurm on the
# machine or an earlier cluster still shutting down does not get in the way.
free_port_pair() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}

write_conf() {
  local dir=$1 node=$2 port=$3 memory=$4
  cat >"$dir/slurm.conf" <<EOF
# written by slurm/local-cluster.sh: a one-node cluster whose every file is in $dir
ClusterName=oneclass-smoke
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# no cgroups: jobs are tracked by their process tree, and --mem is a scheduling request only
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# a job whose dependency can no longer be met (e.g. afterok on a failed job) is cancelled, not left pending
SchedulerParameters=kill_invalid_depend
# the node as configured here, whatever slurmd detects; back in service after a restart
SlurmdParameters=config_overrides
ReturnToService=2
# scancel: SIGTERM, then SIGKILL 5 s later; finished jobs stay listed (squeue -t all) for 10 minutes
KillWait=5
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc) RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

# Starts one daemon in the foreground of a background job, so that $! is its PID; appends "name pid" to pids.
launch() {
  local dir=$1 name=$2; shift 2
  "$@" </dev/null >"$dir/log/$name.out" 2>&1 &
  echo "$name $!" >>"$dir/pids"
}

# The last line of a daemon's output, for a one-line reason.
last_line() { tail -n 1 "$1/log/$2.out" 2>/dev/null | tr -d '\r'; }

# Waits up to $1 seconds for the command after it to succeed, trying every tenth of a second.
await() {
  local tenths=$(($1 * 10)); shift
  until "$@" >/dev/null 2>&1; do ((tenths-- > 0)) || return 1; sleep 0.1; done
}

node_idle() { [[ $(SLURM_CONF=$1/slurm.conf sinfo -h -o %T 2>/dev/null) == idle ]]; }
queue_empty() { [[ -z $(SLURM_CONF=$1/slurm.conf squeue -h -o %i 2>&1) ]]; }

start() {
  [[ $(id -u) == 0 ]] || fail "needs root: slurmd starts the jobs, and this throwaway cluster runs all its daemons as root"
  install_if_missing
  dir=$(mktemp -d "${TMPDIR:-/tmp}/oneclass-slurm.XXXXXX")
  trap 'stop "$dir" >/dev/null 2>&1 || true' EXIT   # undone below once the cluster is up
  chmod 755 "$dir"   # munged refuses a socket whose folders are not searchable by every user
  mkdir "$dir"/{munge,state,spool,log}
  : >"$dir/pids"
  head -c 1024 /dev/urandom >"$dir/munge/munge.key" && chmod 400 "$dir/munge/munge.key"

  local node port memory
  node=$(hostname -s)
  port=$(free_port_pair) || fail "found no two free TCP ports for slurmctld and slurmd"
  memory=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)   # MB
  write_conf "$dir" "$node" "$port" "$memory"

  launch "$dir" munged munged --foreground --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
  await 10 bash -c "munge -n -S '$dir/munge/munge.socket' | unmunge -S '$dir/munge/munge.socket'" \
    || fail "munged did not start: $(last_line "$dir" munged)"
  launch "$dir" slurmctld slurmctld -D -f "$dir/slurm.conf"
  launch "$dir" slurmd slurmd -D -f "$dir/slurm.conf" -N "$node"
  await 30 node_idle "$dir" \
    || fail "slurmctld and slurmd did not bring node $node up within 30 s: slurmctld: $(last_line "$dir" slurmctld); slurmd: $(last_line "$dir" slurmd)"
  trap - EXIT
  echo "$dir"
}

# ---- Stop -------------------------------------------------------------------------------------------------
# Whether PID $1 runs (a zombie, exited but not yet reaped, does not).
alive() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) && [[ ${stat##*) } != Z* ]]; }

# Whether PID $1 has gone from the process table: exited and reaped by its parent (here init, as the daemons
# outlive the start command; init may take a second).
reaped() { [[ ! -e /proc/$1 ]]; }

# Whether PID $2 still is a process of the cluster in $1 (its command line names the folder): a PID that was
# reused by another process since is left alone.
ours() { alive "$2" && tr '\0' ' ' <"/proc/$2/cmdline" 2>/dev/null | grep -qF "$1/"; }

# Processes other than the daemons that belong to the cluster: those holding one of its files open (slurmstepd
# keeps slurmd's log) and the jobs' processes (their environment names its slurm.conf).
strays() {
  local dir=$1 p
  {
    find /proc/[0-9]*/fd -maxdepth 1 -lname "$dir/*" 2>/dev/null | cut -d/ -f3
    for p in /proc/[0-9]*; do grep -qzxF "SLURM_CONF=$dir/slurm.conf" "$p/environ" 2>/dev/null && echo "${p#/proc/}"; done
  } | sort -un | grep -vx "$$" || true
}

# TERM, up to $2 seconds for it to exit, then KILL.
end_process() {
  local pid=$1 tenths=$(($2 * 10))
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid" && ((tenths-- > 0)); do sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  local dir=${1:?usage: local-cluster.sh stop DIR}
  [[ -d $dir ]] || return 0
  [[ -f $dir/pids ]] || fail "$dir is not a folder of local-cluster.sh start"
  # this process must not look like one of the cluster's: it was maybe started with the cluster's SLURM_CONF
  if [[ ${SLURM_CONF-} == "$dir/slurm.conf" ]]; then exec env -u SLURM_CONF "$0" stop "$dir"; fi
  local -A pid
  local name p left=0
  while read -r name p; do pid[$name]=$p; done <"$dir/pids"
  if [[ -n ${pid[slurmctld]-} ]] && ours "$dir" "${pid[slurmctld]}"; then
    SLURM_CONF=$dir/slurm.conf scancel --partition=local 2>/dev/null || true
    await 20 queue_empty "$dir" || true
  fi
  for name in slurmd slurmctld munged; do
    p=${pid[$name]-}
    [[ -n $p ]] && ours "$dir" "$p" && end_process "$p" 15
  done
  for p in $(strays "$dir"); do
    echo "local-cluster: process $p ($(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-80)) outlived the daemons; killed" >&2
    end_process "$p" 5
    left=1
  done
  for name in "${!pid[@]}"; do
    p=${pid[$name]}
    if ours "$dir" "$p"; then echo "local-cluster: $name (PID $p) is still running" >&2; left=1; fi
    await 5 reaped "$p" || true
  done
  rm -rf "$dir"
  return $left
}

case ${1-} in
  start) start ;;
  stop) stop "${2-}" ;;
  *) echo "usage: slurm/local-cluster.sh start | stop DIR" >&2; exit 2 ;;
esac
