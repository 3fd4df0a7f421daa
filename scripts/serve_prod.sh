#!/bin/sh
# The production server setup on the loopback address, for load tests and trying a release:
# gunicorn with 2 sync workers, debug off, HTTPS redirects and secure cookies off (no TLS
# proxy in front), the rate limits off (KEEP_RATE_LIMITS=1 keeps them), and the single index
# worker beside it.
#
#   DJANGO_VAR_DIR=/tmp/archive-prod PORT=8001 scripts/serve_prod.sh [--no-worker]
#
# DJANGO_VAR_DIR holds the database, the index, the cache and the collected static files
# (default: var/prod). A secret key is generated unless DJANGO_SECRET_KEY is set. The
# database is migrated and static files collected before gunicorn starts; seed it first
# (manage.py load_fixtures, import_articles) or point DJANGO_VAR_DIR at a seeded folder.
# Stop with Ctrl-C or SIGTERM: gunicorn and the worker both stop.
set -eu

cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8001}
WORKER=1
if [ "${1:-}" = "--no-worker" ]; then
    WORKER=0
fi

export DJANGO_VAR_DIR="${DJANGO_VAR_DIR:-var/prod}"
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_SECURE_COOKIES=0
if [ "${KEEP_RATE_LIMITS:-0}" != 1 ]; then  # the load test's abuse scenario keeps them
    export DJANGO_API_RATE_LIMIT=off
    export DJANGO_SEARCH_RATE_LIMIT=off DJANGO_FEED_RATE_LIMIT=off DJANGO_EXPORT_RATE_LIMIT=off
    export DJANGO_PAGE_RATE_LIMIT=off
fi
export DJANGO_SEARCH_INDEX_INLINE=0
export DJANGO_LOG_LEVEL="${DJANGO_LOG_LEVEL:-WARNING}"
mkdir -p "$DJANGO_VAR_DIR"

$PY manage.py migrate --noinput -v 0
$PY manage.py collectstatic --noinput -v 0

worker=""
gunicorn=""
stop() {
    trap - EXIT INT TERM
    [ -n "$gunicorn" ] && kill -TERM "$gunicorn" 2>/dev/null || true
    [ -n "$worker" ] && kill -TERM "$worker" 2>/dev/null || true
    wait
}
trap stop EXIT INT TERM

if [ "$WORKER" = 1 ]; then
    $PY manage.py index_worker --interval 0.5 &
    worker=$!
fi
.venv/bin/gunicorn config.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers 2 --threads 1 --timeout 60 --graceful-timeout 10 \
    --max-requests 2000 --max-requests-jitter 200 --no-control-socket \
    --access-logfile "$DJANGO_VAR_DIR/access.log" \
    --access-logformat '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)s' &
gunicorn=$!
wait "$gunicorn"
