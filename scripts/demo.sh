#!/usr/bin/env bash
# `make demo`: migrate the SQLite database under ./var, load the demo data, then run the web
# server and a background worker together until Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
export ILOT_DATA_DIR="${ILOT_DATA_DIR:-$PWD/var}"
mkdir -p "$ILOT_DATA_DIR"
if [ -z "${ILOT_SECRET_KEY:-}" ]; then
  [ -f var/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
  chmod 600 var/secret_key
  ILOT_SECRET_KEY="$(cat var/secret_key)"
  export ILOT_SECRET_KEY
fi
export ILOT_SECURE_COOKIES="${ILOT_SECURE_COOKIES:-false}"
PORT="${ILOT_PORT:-8000}"
ILOT=.venv/bin/ilot

$ILOT migrate --no-input -v0
$ILOT collectstatic --no-input -v0
$ILOT demo

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping Ilot..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

.venv/bin/gunicorn ilot.config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 4 \
  --timeout 120 --access-logfile - --error-logfile - &
pids+=($!)
$ILOT db_worker --queue-name '*' --interval 1 --no-reload &
pids+=($!)
# Reminders, housekeeping and the stuck-analysis sweep, every 10 minutes (cron in production).
$ILOT periodic --every 600 >/dev/null &
pids+=($!)

echo
echo "Ilot is running on http://127.0.0.1:$PORT  (Ctrl-C stops the server and the worker)"
echo "Demo password for every account: ${ILOT_DEMO_PASSWORD:-ilot-demo-2026}"
wait -n "${pids[@]}"
