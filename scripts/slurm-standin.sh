#!/usr/bin/env bash
# A stand-in for ./rnnlab's executor seam (plan, run-cell, aggregate, status, run --executor slurm), so that the
# Slurm executor can be checked on a real cluster before the CLI has those commands (scripts/slurm-integration.sh).
# A trial writes results/KEY/INDEX.done, atomically and at most once; run-cell skips a trial that has one.
#
#   slurm-standin.sh plan NAME [--profile P]          results/KEY/plan.json with $STANDIN_TRIALS trials (6)
#   slurm-standin.sh run-cell NAME --index I [--profile P]
#                                                     sleeps $STANDIN_SECONDS (1), then writes I.done; appends
#                                                     "ran I" to results/KEY/runs.log; fails for I in $STANDIN_FAIL,
#                                                     sleeps 600 s for I in $STANDIN_HANG (to hit a time limit)
#   slurm-standin.sh aggregate NAME [--profile P]     reports/KEY/README.md: done and missing trials
#   slurm-standin.sh status NAME [--profile P]        one line per trial: INDEX done|missing
#   slurm-standin.sh run NAME --executor slurm [--profile P] [slurm options...]
#                                                     submits the trials without a result through the Java
#                                                     executor (org.rnnlab.cluster, test classpath)
# KEY is NAME or NAME.PROFILE; paths are relative to the working directory, as for ./rnnlab.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
project="$(dirname "$here")"

cmd="${1:?usage: slurm-standin.sh plan|run-cell|aggregate|status|run NAME ...}"
name="${2:?experiment name}"
shift 2
profile="" index="" executor="" pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; pass+=("$1" "$2"); shift 2 ;;
    --index) index="$2"; shift 2 ;;
    --executor) executor="$2"; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
key="$name${profile:+.$profile}"
results="results/$key"
report="reports/$key/README.md"

planned() { sed -n 's/.*"index": *\([0-9]*\).*/\1/p' "$results/plan.json"; }

case "$cmd" in
  plan)
    mkdir -p "$results"
    n="${STANDIN_TRIALS:-6}"
    {
      echo '{"experiment": "'"$name"'", "trials": ['
      for ((i = 0; i < n; i++)); do
        echo "  {\"index\": $i, \"id\": \"t$i\", \"seed\": $((i * 7919 + 13))}$([ $i -lt $((n - 1)) ] && echo ,)"
      done
      echo ']}'
    } > "$results/.plan.json.$$"
    mv -f "$results/.plan.json.$$" "$results/plan.json"
    echo "planned $n trials in $results/plan.json"
    ;;
  run-cell)
    [ -n "$index" ] || { echo "run-cell: --index needed" >&2; exit 2; }
    planned | grep -qx "$index" || { echo "run-cell: no trial $index in $results/plan.json" >&2; exit 2; }
    done_file="$results/$index.done"
    if [ -e "$done_file" ]; then echo "trial $index: done already, skipped"; exit 0; fi
    for f in ${STANDIN_FAIL:-}; do
      if [ "$f" = "$index" ]; then echo "trial $index: failing on purpose (STANDIN_FAIL)" >&2; exit 1; fi
    done
    tmp="$results/.tmp-$index.$$"
    # A partial file for the whole run, as a real trial's output would be: killed here, it is never a result.
    echo "trial $index (partial)" > "$tmp"
    seconds="${STANDIN_SECONDS:-1}"
    for f in ${STANDIN_HANG:-}; do [ "$f" = "$index" ] && seconds=600; done
    sleep "$seconds"
    echo "trial $index of $name: seed $((index * 7919 + 13))" > "$tmp"
    # ln is an atomic create-if-absent: of two racing tasks one makes the result, the other finds it made.
    if ln "$tmp" "$done_file" 2> /dev/null; then
      echo "ran $index" >> "$results/runs.log"
      echo "trial $index: done"
    else
      echo "trial $index: done by another task meanwhile"
    fi
    rm -f "$tmp"
    ;;
  aggregate)
    mkdir -p "reports/$key"
    tmp="reports/$key/.README.md.$$"
    {
      echo "# $key (stand-in report)"
      for i in $(planned); do
        if [ -e "$results/$i.done" ]; then echo "- trial $i: done"; else echo "- trial $i: missing"; fi
      done
    } > "$tmp"
    mv -f "$tmp" "$report"
    echo "wrote $report"
    ;;
  status)
    for i in $(planned); do
      if [ -e "$results/$i.done" ]; then echo "$i done"; else echo "$i missing"; fi
    done
    ;;
  run)
    [ "$executor" = slurm ] || { echo "run: the stand-in only has --executor slurm" >&2; exit 2; }
    [ -f "$results/plan.json" ] || "$self" plan "$name" ${profile:+--profile "$profile"} > /dev/null
    missing="$(for i in $(planned); do [ -e "$results/$i.done" ] || echo "$i"; done | paste -sd, -)"
    cp="$project/target/classes:$project/target/test-classes:$(cat "$project/target/test-classpath.txt")"
    exec java -cp "$cp" org.rnnlab.cluster.SlurmSubmitTool "$name" --results "$results" --report "$report" \
      --launcher "$self" --missing "$missing" ${pass[@]+"${pass[@]}"}
    ;;
  *) echo "slurm-standin.sh: unknown command $cmd" >&2; exit 2 ;;
esac
