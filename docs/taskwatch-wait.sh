#!/usr/bin/env bash
# taskwatch-wait.sh PROJECT JOB_ID [MAX_SECONDS]: waits through TaskWatch, never calling the cloud.
# Exit codes: 0 completed, 1 failed, 2 timed out, 3 not found, 4 TaskWatch refused or unreachable.
set -u
project=$1 job=$2 deadline=$((SECONDS + ${3:-3600}))
body=$(mktemp); trap 'rm -f "$body"' EXIT
while :; do
  left=$((deadline - SECONDS)); [ "$left" -gt 0 ] || exit 2
  # POST: registers the job first if TaskWatch does not track it yet (needs a key of scope change when exposed).
  code=$(curl -sS -X POST -o "$body" -w '%{http_code}' --max-time $((left < 300 ? left + 10 : 310)) \
    ${TASKWATCH_KEY:+-H "X-Api-Key: $TASKWATCH_KEY"} \
    "$TASKWATCH_URL/api/jobs/$project/$job/wait?timeout=$((left < 300 ? left : 300))") || exit 4
  case "$code" in
    200) case "$(grep -o '"outcome":"[A-Za-z]*"' "$body")" in
           *Completed*) echo "$project/$job completed"; exit 0 ;;
           *Failed*) echo "$project/$job failed: $(grep -o '"failReason":"[^"]*"' "$body")" >&2; exit 1 ;;
           *) echo "$project/$job not found" >&2; exit 3 ;;
         esac ;;
    202) ;;  # the wait timed out, the job runs on: ask again
    429|503) sleep "$(grep -o '"retryAfterSeconds":[0-9]*' "$body" | grep -o '[0-9]*$' || echo 10)" ;;
    *) echo "TaskWatch answered $code: $(cat "$body")" >&2; exit 4 ;;
  esac
done
