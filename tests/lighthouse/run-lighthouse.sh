#!/usr/bin/env bash
# Lighthouse (desktop) accessibility and best practices on /, /wall, /history and an instance's page of a published TaskWatch
# in demo mode on a free loopback port. Prints a table and each audit that did not pass; docs/LIGHTHOUSE.md.
# Usage: tests/lighthouse/run-lighthouse.sh   (once: cd tests/lighthouse && npm ci)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
app_pid=
cleanup() {
    if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

dotnet publish "$root/TaskWatch.csproj" -c Release -o "$work/app" -nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(cd "$work/app" && TaskWatch__Demo__Enabled=true TaskWatch__Database="$work/taskwatch.db" \
    exec dotnet TaskWatch.dll --urls "$base" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 120); do
    curl -fs "$base/healthz/live" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs "$base/healthz/live" >/dev/null || { echo "TaskWatch did not start:"; tail -20 "$work/app.log"; exit 1; }

# An instance's page too: the first demo job the poller has read with an instance (the demo starts them at once).
instance=
for _ in $(seq 60); do
    instance=$(curl -fs "$base/api/jobs?limit=50" | python3 -c 'import json, sys, urllib.parse as u
jobs = [j for j in json.load(sys.stdin)["jobs"] if j.get("instanceId")]
print("/instances/%s/%s" % (u.quote(jobs[0]["project"], safe=""), u.quote(jobs[0]["instanceId"], safe="")) if jobs else "")' || true)
    [[ -n $instance ]] && break
    sleep 1
done
[[ -n $instance ]] || { echo "no demo job with an instance after 60 s"; exit 1; }

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
for page in / /wall /history "$instance"; do
    name=$(echo "$page" | tr -c 'a-z\n' '_')
    "$here/node_modules/.bin/lighthouse" "$base$page" --preset=desktop --only-categories=accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
        --output=json --output-path="$work/lh$name.json" --quiet
done

node - "$work" <<'JS'
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
const rows = [['page', 'accessibility', 'best practices']];
const misses = [];
for (const f of fs.readdirSync(dir).filter(f => f.startsWith('lh') && f.endsWith('.json')).sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f)));
  const page = new URL(r.finalDisplayedUrl || r.finalUrl).pathname;
  rows.push([page, Math.round(r.categories.accessibility.score * 100), Math.round(r.categories['best-practices'].score * 100)]);
  for (const cat of ['accessibility', 'best-practices'])
    for (const ref of r.categories[cat].auditRefs) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) misses.push(`${page}: ${cat} ${a.id}: ${a.title}`);
    }
}
console.log(`Lighthouse ${JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find(f => f.startsWith('lh'))))).lighthouseVersion}, desktop preset`);
console.log('| ' + rows[0].join(' | ') + ' |\n| --- | ---: | ---: |');
for (const r of rows.slice(1)) console.log('| ' + r.join(' | ') + ' |');
for (const m of misses) console.log('not passed: ' + m);
JS
