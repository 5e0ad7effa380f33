#!/usr/bin/env bash
# A local production-shaped stack: PostgreSQL, Redis and two gunicorn server processes
# (ports 5001 and 5002) sharing events through Redis, with the demo loaded. Ctrl-C stops
# everything. Data lives in instance-prod/ (delete it for a fresh start): not under
# instance/, which the server keeps 0700 (the postgres user could not enter it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
PY=.venv/bin/python
ROOT=$(pwd)/instance-prod
mkdir -p -m 700 "$ROOT"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
PGPORT=${PGPORT:-55432}
REDISPORT=${REDISPORT:-56379}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$ROOT/pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

if [ ! -d "$ROOT/pg" ]; then
  [ "$(id -u)" -eq 0 ] && chown postgres "$ROOT"
  as_pg "$PGBIN/initdb" -D "$ROOT/pg" -A trust -U postgres -E UTF8 >/dev/null
fi
as_pg "$PGBIN/pg_ctl" -D "$ROOT/pg" -w -l "$ROOT/pg.log" \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$ROOT" start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --unixsocket "$ROOT/redis.sock" \
  --unixsocketperm 700 --save "" --appendonly no >"$ROOT/redis.log" &
pids+=($!)

# Both on this host: through their Unix-domain sockets (cheaper than loopback TCP).
export DATABASE_URL="postgresql+psycopg://postgres@/postgres?host=$ROOT&port=$PGPORT"
export SOCKETIO_MESSAGE_QUEUE="unix://$ROOT/redis.sock?db=0"
export ANTRIAN_RATELIMIT_STORAGE_URI="$SOCKETIO_MESSAGE_QUEUE"
export SECRET_KEY=${SECRET_KEY:-$(cat "$ROOT/secret" 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tee "$ROOT/secret")}
$PY -m queue_server upgrade
$PY -m queue_server load-config config/demo.yaml
# The demo's users and device tokens, on purpose: without this gunicorn refuses them.
export ANTRIAN_DEMO=1

for port in 5001 5002; do
  .venv/bin/gunicorn -w 1 -k gevent --worker-connections 4000 --bind "127.0.0.1:$port" \
    --graceful-timeout 20 queue_server.wsgi:app >"$ROOT/app-$port.log" 2>&1 &
  pids+=($!)
done
echo "antrian production shape: http://127.0.0.1:5001 and http://127.0.0.1:5002"
echo "  PostgreSQL 127.0.0.1:$PGPORT and $ROOT, Redis 127.0.0.1:$REDISPORT and $ROOT/redis.sock,"
echo "  logs in $ROOT/*.log"
echo "  put deploy/nginx.conf in front for one address with sticky sessions; Ctrl-C stops"
wait
