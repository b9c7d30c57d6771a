#!/usr/bin/env bash
# The Slurm executor against a real cluster (start one with scripts/slurm-local.sh start):
#   1. submit a plan as a job array with a dependent aggregate job, wait, check every trial has a result;
#   2. submit again: nothing runs twice (every result file keeps its bytes and modification time);
#   3. scancel one task mid-run: no result for it, the others done; a resubmission completes it alone;
#   4. (local cluster only) MaxArraySize smaller than the plan: the cluster restarts with MaxArraySize=4 and a
#      larger plan runs packed into one array of at most 4 tasks; the cluster is then restarted as it was.
# Prints the job ids, each check and the time each step took; exits non-zero at the first failed check.
# Each check first deletes its experiment's results/KEY and reports/KEY under WORK: with RNNLAB=./rnnlab, run it
# in a clone (as CI does), not in a checkout whose results you want to keep.
#
# Settings (environment), defaults for the stand-in (scripts/slurm-standin.sh, whose trials write I.done):
#   RNNLAB          the rnnlab command: plan / run NAME --executor slurm [--wait] / status (stand-in)
#   WORK            directory the commands run in (a fresh one under /tmp; for ./rnnlab: the project root)
#   NAME            experiment name (slurm-integ); the checks use NAME, NAME-kill and NAME-chunk for the stand-in
#   PROFILE         profile, or empty
#   KILL_NAME, CHUNK_NAME   experiments for checks 3 and 4 (the stand-in's: NAME-kill, NAME-chunk; a real run can
#                   reuse NAME with PROFILE, since check 3 deletes that experiment's results first)
#   RESULT_GLOB     result files under results/KEY, as a find -path pattern ('*.done'; rnnlab: '*/result.json')
#   TRIALS          trials of NAME's plan for the stand-in (6); CHUNK_TRIALS for check 4 (10)
#   SLOW_SECONDS    a stand-in trial's duration in check 3, long enough to be killed mid-run (6)
#   KILL_AFTER      seconds a task runs before check 3 cancels it (2); a real trial must last longer than that
#   CHUNK           1: run check 4 (needs scripts/slurm-local.sh's cluster; default 1 if it runs, else 0)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"
RNNLAB="${RNNLAB:-$here/slurm-standin.sh}"
NAME="${NAME:-slurm-integ}"
PROFILE="${PROFILE:-}"
KILL_NAME="${KILL_NAME:-$NAME-kill}"
CHUNK_NAME="${CHUNK_NAME:-$NAME-chunk}"
RESULT_GLOB="${RESULT_GLOB:-*.done}"
export STANDIN_TRIALS="${TRIALS:-6}"
CHUNK_TRIALS="${CHUNK_TRIALS:-10}"
SLOW_SECONDS="${SLOW_SECONDS:-6}"
KILL_AFTER="${KILL_AFTER:-2}"
local_cluster="$here/slurm-local.sh"
if [ -z "${CHUNK:-}" ]; then
  if "$local_cluster" status > /dev/null 2>&1; then CHUNK=1; else CHUNK=0; fi
fi
if [ -z "${SLURM_CONF:-}" ] && "$local_cluster" status > /dev/null 2>&1; then eval "$("$local_cluster" env)"; fi
profile_args=(${PROFILE:+--profile "$PROFILE"})

t_start=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { echo; echo "== $*"; t_step=$(date +%s.%N); }
pass() { echo "ok: $* ($(elapsed "$t_step") s)"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

if [ "$RNNLAB" = "$here/slurm-standin.sh" ]; then
  WORK="${WORK:-$(mktemp -d /tmp/rnnlab-slurm-integ.XXXXXX)}"
  # The stand-in's `run` calls the executor from the test classpath.
  (cd "$project" && mvn -B -q -o test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt > /dev/null)
else
  WORK="${WORK:-$project}"
fi
cd "$WORK"
echo "work dir: $WORK; rnnlab: $RNNLAB; SLURM_CONF=${SLURM_CONF:-unset}"
sinfo

key() { echo "$1${PROFILE:+.$PROFILE}"; }
results_of() { echo "results/$(key "$1")"; }
count_results() { find "$(results_of "$1")" -path "*/slurm" -prune -o -path "$RESULT_GLOB" -type f -print 2> /dev/null | wc -l; }
planned_trials() { grep -o '"index" *: *[0-9]*' "$(results_of "$1")/plan.json" | wc -l; }
# Path, modification time (ns) and SHA-256 of every result file: equal listings mean nothing was rewritten.
snapshot() {
  find "$(results_of "$1")" -path "*/slurm" -prune -o -path "$RESULT_GLOB" -type f -print | sort \
    | while read -r f; do echo "$f $(stat -c %.9Y "$f") $(sha256sum < "$f" | cut -c1-16)"; done
}
last_submission() { tail -n 1 "$(results_of "$1")/slurm/submissions.tsv"; }
submit() { "$RNNLAB" run "$1" --executor slurm "${profile_args[@]}" "${@:2}"; }
plan() { "$RNNLAB" plan "$1" "${profile_args[@]}" > /dev/null; }
wait_gone() {  # until job $1 has left the queue
  while [ -n "$(squeue -h -j "$1" -o %i 2> /dev/null)" ]; do sleep 1; done
}

# 1. -----------------------------------------------------------------------------------------------------------
step "1. submit $(key "$NAME") as a job array + aggregate, --wait"
rm -rf "$(results_of "$NAME")" "reports/$(key "$NAME")"
plan "$NAME"
n=$(planned_trials "$NAME")
submit "$NAME" --array-parallelism 2 --wait
got=$(count_results "$NAME")
[ "$got" -eq "$n" ] || fail "$got of $n trials have a result"
[ -f "reports/$(key "$NAME")/README.md" ] || fail "no report"
echo "submission: $(last_submission "$NAME")"
ls "$(results_of "$NAME")/slurm/logs" | head -n 3 | sed 's/^/  log: /'
pass "all $n trials have a result and the report exists"

# 2. -----------------------------------------------------------------------------------------------------------
step "2. submit $(key "$NAME") again: nothing runs twice"
before="$(snapshot "$NAME")"
submit "$NAME" --wait
after="$(snapshot "$NAME")"
[ "$before" = "$after" ] || fail "result files changed: $(diff <(echo "$before") <(echo "$after") | head -n 5)"
runs_log="$(results_of "$NAME")/runs.log"
if [ -f "$runs_log" ]; then
  [ "$(wc -l < "$runs_log")" -eq "$n" ] || fail "runs.log has $(wc -l < "$runs_log") runs for $n trials"
fi
pass "the $n result files are byte- and mtime-identical; the resubmission ran no trial"

# 3. -----------------------------------------------------------------------------------------------------------
step "3. scancel one task of $(key "$KILL_NAME") mid-run, then resubmit"
rm -rf "$(results_of "$KILL_NAME")" "reports/$(key "$KILL_NAME")"
plan "$KILL_NAME"
n=$(planned_trials "$KILL_NAME")
STANDIN_SECONDS="$SLOW_SECONDS" submit "$KILL_NAME" --array-parallelism 2
IFS=$'\t' read -r _ array aggregate offset _ per_task _ _ _ <<< "$(last_submission "$KILL_NAME")"
[ "$per_task" = 1 ] || fail "expected one trial per task, got $per_task"
task=""
for _ in $(seq 120); do
  task="$(squeue -h -r -j "$array" -t RUNNING -o %K | head -n 1)"
  [ -n "$task" ] && break
  sleep 0.5
done
[ -n "$task" ] || fail "no task of $array started within 60 s"
sleep "$KILL_AFTER"
killed=$((task + offset))
echo "scancel ${array}_$task (trial $killed), running for about $KILL_AFTER s"
scancel "${array}_$task"
wait_gone "$aggregate"
scontrol show job -o "$array" 2> /dev/null | sed -n 's/.*\(ArrayTaskId=[0-9]*\).*\(JobState=[A-Z_]*\).*/  \1 \2/p' | sort -u
find "$(results_of "$KILL_NAME")" -path "$RESULT_GLOB" -type f | grep -q "/$killed\.\|/$killed/" \
  && fail "the killed trial $killed has a result"
got=$(count_results "$KILL_NAME")
[ "$got" -eq $((n - 1)) ] || fail "after the kill $got of $n trials have a result (expected $((n - 1)))"
echo "after the kill: $got of $n trials have a result; trial $killed has none"
before="$(snapshot "$KILL_NAME")"
submit "$KILL_NAME" --wait
after="$(snapshot "$KILL_NAME")"
got=$(count_results "$KILL_NAME")
[ "$got" -eq "$n" ] || fail "after resubmitting $got of $n trials have a result"
changed="$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)"
[ "$changed" -eq 1 ] || fail "the resubmission changed $changed result files, expected 1 (the killed trial)"
echo "resubmission: $(last_submission "$KILL_NAME")"
pass "the killed trial left no result; the resubmission ran it alone and completed the plan"

# 4. -----------------------------------------------------------------------------------------------------------
if [ "$CHUNK" = 1 ]; then
  step "4. MaxArraySize 4 with a plan of $CHUNK_TRIALS trials: one packed array"
  "$local_cluster" stop > /dev/null
  RNNLAB_SLURM_MAX_ARRAY_SIZE=4 "$local_cluster" start
  scontrol show config | grep -E '^MaxArraySize'
  rm -rf "$(results_of "$CHUNK_NAME")" "reports/$(key "$CHUNK_NAME")"
  STANDIN_TRIALS="$CHUNK_TRIALS" plan "$CHUNK_NAME"
  n=$(planned_trials "$CHUNK_NAME")
  submit "$CHUNK_NAME" --wait
  got=$(count_results "$CHUNK_NAME")
  [ "$got" -eq "$n" ] || fail "$got of $n trials have a result"
  IFS=$'\t' read -r _ array _ _ _ per_task _ spec _ <<< "$(last_submission "$CHUNK_NAME")"
  max_task="$(tr ',-' '\n\n' <<< "$spec" | sort -n | tail -n 1)"
  [ "$max_task" -lt 4 ] || fail "array $spec has task ids beyond MaxArraySize 4"
  echo "array $array: --array=$spec, $per_task trials per task"
  "$local_cluster" stop > /dev/null
  "$local_cluster" start
  pass "all $n trials ran in tasks 0..$max_task"
fi

echo
echo "slurm integration: all checks passed in $(elapsed "$t_start") s"
