#!/usr/bin/env bash
# make slurm-smoke: slurm/array.sbatch submitted for real, to a throwaway one-node Slurm (slurm/local-cluster.sh).
#
#   slurm/smoke.sh REFERENCE_DIR OUT_DIR <hrn_table1 options that made REFERENCE_DIR in one process>
#
# 1. Bad input is refused: the sbatch file run directly, submitted without --array, an array whose indices are not
#    1..N, and a --shard that disagrees with the array, this one before any training (no runs folder appears).
# 2. The runs go as a 2-task array (-c 1, a small --mem). Task 2 is cancelled (scancel <jobid>_2) once it has stored
#    a run, and resubmitted on its own (ONECLASS_SHARDS=2 sbatch --array=2), to start when the cancelled one has ended.
# 3. The merge, a job that depends on task 1 and on the resubmitted task, builds the table.
# 4. summary.csv and summary.md must equal REFERENCE_DIR's byte for byte, every run must have finished training
#    exactly once, and the resubmitted task must have skipped what the cancelled one stored.
# The cluster is stopped (its daemons by their PIDs) and its folder removed however this script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: slurm/smoke.sh REFERENCE_DIR OUT_DIR <hrn_table1 options>"
ref=${1:?$usage} out=${2:?$usage}
shift 2
script_opts=("$@")
opts=("$@" --out "$out")
log=$out/logs
fail() { echo "slurm-smoke: FAILED: $*" >&2; exit 1; }
say() { echo "slurm-smoke: $*"; }
[[ -s $ref/summary.csv && -d $ref/runs ]] || fail "no one-process results in $ref to compare with"
runs=$(find "$ref/runs" -name '*.csv' | wc -l)

cluster=$(slurm/local-cluster.sh start) || exit 1   # it said why, in one line
trap 'status=$?; slurm/local-cluster.sh stop "$cluster" || status=1; exit $status' EXIT
trap 'exit 130' INT TERM
export SLURM_CONF=$cluster/slurm.conf
daemons=$(awk '{printf "%s (PID %s), ", $1, $2}' "$cluster/pids")
say "cluster up in $cluster: ${daemons%, }"

# ---- Slurm helpers ----------------------------------------------------------------------------------------
submit() { sbatch --parsable --cpus-per-task=1 "$@"; }
# Waits until none of the jobs (comma-separated ids) is pending or running; 10 minutes at most.
wait_jobs() {
  local tenths=6000
  while [[ -n $(squeue -h -j "$1" -o %i) ]]; do ((tenths-- > 0)) || fail "jobs $1 still not done after 10 minutes"; sleep 0.1; done
}
# The state(s) a finished job or task ended in, e.g. COMPLETED, FAILED, CANCELLED.
state() { squeue -h -t all -j "$1" -o %T | sort -u | paste -sd' '; }
expect_state() { [[ $(state "$1") == "$2" ]] || fail "job $1 ended $(state "$1"), expected $2 ($3)"; }
# The output files of job $1 (-o $log/%j.out, or -o $log/%A_%a.out for an array).
logs_of() { compgen -G "$log/$1.out" || compgen -G "$log/$1_*.out"; }
# A refused submission: every task FAILED, and its output says why.
expect_refused() {
  local id=$1 what=$2 message=$3
  expect_state "$id" FAILED "$what"
  local files; files=$(logs_of "$id") || fail "$what: job $id wrote no output in $log"
  grep -qF -- "$message" $files || fail "$what: the job's output does not say '$message': $(cat $files)"
}

rm -rf "$out"
mkdir -p "$log"
scripts/jbang build scripts/hrn_table1.java   # once, before the tasks: concurrent builds of one jar fail

# ---- 1. Bad input -----------------------------------------------------------------------------------------
direct=$(env -u SLURM_SUBMIT_DIR -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_COUNT bash slurm/array.sbatch hrn_table1 2>&1) \
  && fail "slurm/array.sbatch run directly did not fail"
grep -qF "not inside a Slurm job: run it with sbatch" <<<"$direct" || fail "slurm/array.sbatch run directly: $direct"
bad=$out/refused
plain=$(submit --mem=100M -o "$log/%j.out" slurm/array.sbatch hrn_table1 "${script_opts[@]}" --out "$bad")
from0=$(submit --mem=100M --array=0-1 -o "$log/%A_%a.out" slurm/array.sbatch hrn_table1 "${script_opts[@]}" --out "$bad")
shard=$(submit --mem=100M --array=1-2 -o "$log/%A_%a.out" slurm/array.sbatch hrn_table1 "${script_opts[@]}" --out "$bad" --shard 1/4)
wait_jobs "$plain,$from0,$shard"
expect_refused "$plain" "submitted without --array" "not an array job: sbatch --array=1-N"
expect_refused "$from0" "--array=0-1" "array indices must run from 1 to N"
expect_refused "$shard" "--shard 1/4 in an array of 2" "--shard 1/4 disagrees with this array task"
[[ ! -e $bad ]] || fail "a refused task got as far as the script: $bad exists"
say "refused: the sbatch file run directly, no --array, --array=0-1, --shard 1/4 in an array of 2"

# ---- 2. The array; task 2 cancelled mid-run and resubmitted ----------------------------------------------
array=$(submit --mem=2G --array=1-2 -o "$log/%A_%a.out" slurm/array.sbatch hrn_table1 "${opts[@]}")
say "submitted job $array: ${array}_1 and ${array}_2, hrn_table1 --shard K/2"
cancelled=$log/${array}_2.out
for ((tenths = 3000; tenths > 0; tenths--)); do grep -qF '| done ' "$cancelled" 2>/dev/null && break; sleep 0.1; done
((tenths > 0)) || fail "task ${array}_2 stored no run within 5 minutes: $(tail -n 5 "$cancelled" 2>&1)"
scancel "${array}_2"
wait_jobs "${array}_2"
expect_state "${array}_2" CANCELLED "scancel ${array}_2 once it had stored a run: it finished first"
stored=$(grep -c '| done ' "$cancelled")
say "cancelled ${array}_2 after it had stored $stored run(s)"
again=$(ONECLASS_SHARDS=2 submit --mem=2G --array=2 --dependency="afterany:${array}_2" -o "$log/%A_%a.out" \
  slurm/array.sbatch hrn_table1 "${opts[@]}")

# ---- 3. The merge, once task 1 and the resubmitted task 2 have succeeded ------------------------------------
merge=$(submit --mem=2G --dependency="afterok:${array}_1:$again" -o "$log/%j.out" --wrap "scripts/jbang hrn_table1 ${opts[*]@Q}")
say "resubmitted task 2 as job $again; merge job $merge waits on ${array}_1 and $again"
wait_jobs "$array,$again,$merge"
expect_state "${array}_1" COMPLETED "task 1"
expect_state "$again" COMPLETED "task 2, resubmitted"
expect_state "$merge" COMPLETED "the merge"

# ---- 4. The same table as one process, nothing trained twice ----------------------------------------------
grep -qE "in shard 2/2 of $runs \($stored already in" "$log/${again}_2.out" \
  || fail "the resubmitted task 2 did not resume from the $stored run(s) stored before the cancel: $(grep -F ' runs in shard' "$log/${again}_2.out")"
twice=$(cat "$log/${array}_1.out" "$cancelled" "$log/${again}_2.out" | grep -oE '\| done [^:]+' | sort | uniq -d)
[[ -z $twice ]] || fail "trained twice: $twice"
trained=$(cat "$log/${array}_1.out" "$cancelled" "$log/${again}_2.out" | grep -cF '| done ')
((trained == runs)) || fail "$trained runs finished training in the tasks, expected $runs"
grep -qF "$runs runs ($runs already in" "$log/$merge.out" || fail "the merge trained something: $(grep -F ' runs (' "$log/$merge.out")"
diff "$ref/summary.csv" "$out/summary.csv" && diff "$ref/summary.md" "$out/summary.md" \
  || fail "the table of the Slurm tasks differs from the one-process table in $ref"

trap - EXIT
slurm/local-cluster.sh stop "$cluster" || fail "the cluster did not stop cleanly"
say "cluster stopped: ${daemons%, } gone, $cluster removed"
echo "slurm-smoke: 1 passed, 0 failed ($runs runs as 2 Slurm array tasks, task 2 cancelled and resumed, merged = one process)"
