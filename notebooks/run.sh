#!/usr/bin/env bash
# Executes notebooks headless and saves them with their outputs (what `make notebooks` runs).
# Usage: notebooks/run.sh NOTEBOOK...        (after `make notebook-kernel`)
# The Java kernel fails to start now and then ("Kernel didn't respond in 60 seconds", about 1 start in 5
# on the development machine): such a notebook is tried again, up to 5 times. Any other failure, such as
# an error in a cell, stops at once with the log.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export JUPYTER_PATH=$root/.cache/jupyter JUPYTER_DATA_DIR=$root/.cache/jupyter
log=$root/.cache/jupyter/last-run.log
for nb in "$@"; do
  for try in 1 2 3 4 5; do
    start=$SECONDS
    if jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.kernel_name=java-oneclass \
         --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.startup_timeout=60 "$nb" > "$log" 2>&1; then
      echo "$nb: executed in $((SECONDS - start)) s"
      break
    fi
    if grep -q -E "Kernel didn't respond|Kernel died|kernel.*(timed out|failed to start)" "$log" && (( try < 5 )); then
      echo "$nb: the kernel did not start (try $try of 5); trying again"
      continue
    fi
    grep -v '\[INFO' "$log" | tail -40
    echo "$nb: FAILED (full log: $log)" >&2
    exit 1
  done
done
