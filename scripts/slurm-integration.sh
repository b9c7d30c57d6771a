#!/usr/bin/env bash
# `./rnnlab run NAME --executor slurm` against a real Slurm (CI starts one with scripts/slurm-local.sh start):
#   0. the reference: a local run of the same plan (results/KEY as `make verify` left it, else a fresh local run);
#   1. submit the plan as a job array with the report job after it, --wait: every trial has a result, the report
#      exists, and every result equals the local run's bit for bit (CompareResults: each trial's files byte for
#      byte, result.json but its provenance, every final metric by its bits); the trials ran from the code snapshot;
#   2. submit again: nothing runs twice (every result file keeps its bytes and modification time), only the report
#      job is submitted;
#   3. two trials lose their result and are submitted; one task is cancelled mid-trial: no result for that trial,
#      the other done; a resubmission runs it alone, and the results equal the local run's again;
#   4. (local cluster only) MaxArraySize 4, smaller than the plan: the cluster restarts with it, 4 of the trials
#      lose their result and run packed, 2 per task, in one array of task ids below 4; the results equal the
#      local run's again; the cluster is restarted as it was.
# Prints the job ids, each check and the time each step took; exits non-zero at the first failed check.
# It deletes results/KEY and reports/KEY of the experiment (KEY = NAME.PROFILE) in the project: run it in a clone
# (as CI does), not in a checkout whose results you want to keep.
#
# Settings (environment):
#   NAME, PROFILE   the experiment and profile (lstm-vs-gru, ci): a ci profile takes a minute or two
#   REFERENCE       a local run's results directory to compare with (default: results/KEY if every trial is done
#                   there, else a fresh local run); it is copied before step 1 deletes results/KEY
#   KILL_AFTER      seconds into a trial's JVM that check 3 cancels its task (1); a trial must last longer
#   CHUNK           1: run check 4 (needs scripts/slurm-local.sh's cluster; default 1 if it runs, else 0)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"
rnnlab="$project/rnnlab"
NAME="${NAME:-lstm-vs-gru}"
PROFILE="${PROFILE:-ci}"
KILL_AFTER="${KILL_AFTER:-1}"
local_cluster="$here/slurm-local.sh"
if [ -z "${CHUNK:-}" ]; then
  if "$local_cluster" status > /dev/null 2>&1; then CHUNK=1; else CHUNK=0; fi
fi
if [ -z "${SLURM_CONF:-}" ] && "$local_cluster" status > /dev/null 2>&1; then eval "$("$local_cluster" env)"; fi
cd "$project"
key="$NAME${PROFILE:+.$PROFILE}"
results="results/$key"
report="reports/$key/README.md"
profile_args=(${PROFILE:+--profile "$PROFILE"})
scratch="$(mktemp -d /tmp/rnnlab-slurm-integ.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

t_start=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { echo; echo "== $*"; t_step=$(date +%s.%N); }
pass() { echo "ok: $* ($(elapsed "$t_step") s)"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
quiet() { grep -v '^WARNING: Using incubator modules' || true; }

submit() { "$rnnlab" run "$NAME" --executor slurm "${profile_args[@]}" "$@" 2>&1 | quiet; return "${PIPESTATUS[0]}"; }
# "INDEX ID STATE" for every planned trial, from ./rnnlab status --all
trials() { "$rnnlab" status "$NAME" "${profile_args[@]}" --all 2> /dev/null | awk '$1 ~ /^[0-9]+$/ { print $1, $3, $2 }'; }
count_results() { find "$results" -mindepth 2 -maxdepth 2 -name result.json 2> /dev/null | wc -l; }
# Path, modification time (ns) and SHA-256 of every result file: equal listings mean nothing was rewritten.
snapshot() {
  find "$results" -mindepth 2 -maxdepth 2 -name result.json | sort \
    | while read -r f; do echo "$f $(stat -c %.9Y "$f") $(sha256sum < "$f" | cut -c1-16)"; done
}
last_submission() { tail -n 1 "$results/slurm/submissions.tsv"; }
wait_gone() { while [ -n "$(squeue -h -j "$1" -o %i 2> /dev/null)" ]; do sleep 1; done; }
compare_cp="$project/target/test-classes:$project/target/rnnlab.jar:$project/target/lib/*"
same_as_reference() {
  java -cp "$compare_cp" org.rnnlab.cluster.CompareResults "$scratch/reference" "$results" > "$scratch/compare.out" \
    || { cat "$scratch/compare.out"; fail "the Slurm run's results differ from the local run's"; }
  tail -n 1 "$scratch/compare.out"
}

echo "project: $project; SLURM_CONF=${SLURM_CONF:-unset}"
sinfo
"$rnnlab" --version > /dev/null 2>&1 || true   # builds the jar if the sources are newer, before any timing
[ -f "$project/target/test-classes/org/rnnlab/cluster/CompareResults.class" ] || mvn -B -q -o test-compile

# 0. -----------------------------------------------------------------------------------------------------------
step "0. the reference: a local run of $key"
if [ -n "${REFERENCE:-}" ]; then
  cp -a "$REFERENCE" "$scratch/reference"
  echo "reference: $REFERENCE"
elif [ -f "$results/plan.json" ] && [ -z "$(trials | awk '$3 != "done"')" ] && [ -n "$(trials)" ]; then
  cp -a "$results" "$scratch/reference"
  echo "reference: $results as it was (e.g. make verify's run)"
else
  rm -rf "$results" "reports/$key"
  "$rnnlab" run "$NAME" "${profile_args[@]}" 2>&1 | quiet | tail -n 1
  cp -a "$results" "$scratch/reference"
  echo "reference: a fresh local run"
fi
rm -rf "$scratch/reference/slurm"
pass "reference of $(find "$scratch/reference" -mindepth 2 -maxdepth 2 -name result.json | wc -l) trials"

# 1. -----------------------------------------------------------------------------------------------------------
step "1. submit $key as a job array + report job, --wait"
rm -rf "$results" "reports/$key"
submit --array-parallelism 2 --wait || fail "run --executor slurm --wait failed"
n=$(trials | wc -l)
got=$(count_results)
[ "$got" -eq "$n" ] || fail "$got of $n trials have a result"
[ -f "$report" ] || fail "no report"
echo "submission: $(last_submission)"
ls "$results/slurm/logs" | head -n 3 | sed 's/^/  log: /'
same_as_reference
versions="$(grep -h '"code_version"' "$results"/*/result.json | sort | uniq -c)"
echo "$versions"
grep -q "code snapshot" <<< "$versions" && [ "$(wc -l <<< "$versions")" -eq 1 ] \
  || fail "the trials did not all run from one code snapshot"
pass "all $n trials have a result, the report exists, the numbers are the local run's bit for bit"

# 2. -----------------------------------------------------------------------------------------------------------
step "2. submit $key again: nothing runs twice"
before="$(snapshot)"
out="$(submit --wait)" || fail "the resubmission failed: $out"
echo "$out"
after="$(snapshot)"
[ "$before" = "$after" ] || fail "result files changed: $(diff <(echo "$before") <(echo "$after") | head -n 5)"
grep -q "every trial has a result; submitted only job" <<< "$out" || fail "the resubmission submitted trials"
pass "the $n result files are byte- and mtime-identical; only the report job was submitted"

# 3. -----------------------------------------------------------------------------------------------------------
step "3. scancel one task of $key mid-trial, then resubmit"
# trials 1 and 4 lose their result (fewer trials to rerun than the whole plan); both are submitted, one is killed
listing="$(trials)"   # "INDEX ID STATE": the ids do not change
id_of() { awk -v i="$1" '$1 == i { print $2 }' <<< "$listing"; }
remove_results() {
  local i id
  for i in "$@"; do
    id="$(id_of "$i")"
    [ -n "$id" ] || fail "no trial $i in the plan"
    rm -rf "${results:?}/$id"
  done
}
remove_results 1 4
submit --array-parallelism 2
IFS=$'\t' read -r _ array aggregate offset _ per_task _ _ _ <<< "$(last_submission)"
[ "$per_task" = 1 ] || fail "expected one trial per task, got $per_task"
task=""
for _ in $(seq 240); do
  task="$(squeue -h -r -j "$array" -t RUNNING -o %K | head -n 1)"
  [ -n "$task" ] && break
  sleep 0.5
done
[ -n "$task" ] || fail "no task of $array started within 120 s"
log="$results/slurm/logs/${array}_$task.out"
for _ in $(seq 120); do   # until the task's JVM is up (its first line after the task's own)
  [ "$(wc -l < "$log" 2> /dev/null || echo 0)" -ge 2 ] && break
  sleep 0.25
done
sleep "$KILL_AFTER"
killed=$((task + offset))
killed_id="$(id_of "$killed")"
echo "scancel ${array}_$task (trial $killed, $killed_id), its JVM up for about $KILL_AFTER s"
scancel "${array}_$task"
wait_gone "$aggregate"
scontrol show job -o "$array" 2> /dev/null | sed -n 's/.*\(ArrayTaskId=[0-9]*\).*\(JobState=[A-Z_]*\).*/  \1 \2/p' | sort -u
sed 's/^/  killed task log: /' "$log" | quiet
grep -q "trial $killed\$" "$log" || fail "the killed task's log does not show trial $killed starting"
grep -q "trial $killed: ran" "$log" && fail "trial $killed finished before the kill; raise the trial's length"
[ -f "$results/$killed_id/result.json" ] && fail "the killed trial $killed has a result"
got=$(count_results)
[ "$got" -eq $((n - 1)) ] || fail "after the kill $got of $n trials have a result (expected $((n - 1)))"
echo "status: $(trials | awk -v i="$killed" '$1 == i')"
echo "after the kill: $got of $n trials have a result; trial $killed has none"
before="$(snapshot)"
submit --wait || fail "the resubmission after the kill failed"
after="$(snapshot)"
got=$(count_results)
[ "$got" -eq "$n" ] || fail "after resubmitting $got of $n trials have a result"
changed="$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)"
[ "$changed" -eq 1 ] || fail "the resubmission changed $changed result files, expected 1 (the killed trial)"
echo "resubmission: $(last_submission)"
same_as_reference
pass "the killed trial left no result; the resubmission ran it alone; the numbers are the local run's"

# 4. -----------------------------------------------------------------------------------------------------------
if [ "$CHUNK" = 1 ]; then
  step "4. MaxArraySize 4 with $n trials: packed into one array"
  "$local_cluster" stop > /dev/null
  RNNLAB_SLURM_MAX_ARRAY_SIZE=4 "$local_cluster" start
  scontrol show config | grep -E '^MaxArraySize'
  # trials 0, 2, 3, 5 lose their result: task ids run to the last of them, 5 > 3, so 2 trials per task, 3 apart
  remove_results 0 2 3 5
  before="$(snapshot)"
  submit --wait || fail "the packed submission failed"
  got=$(count_results)
  [ "$got" -eq "$n" ] || fail "$got of $n trials have a result"
  changed="$(diff <(echo "$before") <(snapshot) | grep -c '^>' || true)"
  [ "$changed" -eq 4 ] || fail "the packed run wrote $changed result files, expected 4"
  IFS=$'\t' read -r _ array _ _ _ per_task _ spec _ <<< "$(last_submission)"
  max_task="$(tr ',-' '\n\n' <<< "$spec" | sort -n | tail -n 1)"
  [ "$max_task" -lt 4 ] || fail "array $spec has task ids beyond MaxArraySize 4"
  [ "$per_task" -gt 1 ] || fail "expected packed tasks, got $per_task trial per task"
  echo "array $array: --array=$spec, up to $per_task trials per task"
  same_as_reference
  "$local_cluster" stop > /dev/null
  "$local_cluster" start
  pass "the 4 trials ran packed in tasks 0..$max_task; the numbers are the local run's"
fi

echo
echo "slurm integration: all checks passed in $(elapsed "$t_start") s"
