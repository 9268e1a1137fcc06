#!/usr/bin/env bash
# `make serve`: the web server and a django-q2 worker together. Ctrl-C or TERM stops both within 10 s.
#
# Each runs in its own process group (set -m). runserver's group is sent TERM (its autoreloader leaves the
# serving child behind otherwise). The worker's main process alone is sent TERM: it stops its Sentinel, which
# stops the pusher, workers and monitor in order; TERM to the whole group kills the Sentinel at once (it keeps
# the default action for TERM) and leaves the main process waiting on it for ever. Whatever is still running
# after STOP_GRACE seconds (8 by default) is killed.
set -u
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
GRACE=${STOP_GRACE:-8}

set -m
DEBUG=true "$PY" manage.py qcluster &
QPID=$!
DEBUG=true "$PY" manage.py runserver "$HOST:$PORT" &
WPID=$!

running() { kill -0 -- "-$QPID" 2>/dev/null || kill -0 -- "-$WPID" 2>/dev/null; }

stop() {
  trap - INT TERM EXIT
  kill -TERM -- "-$WPID" 2>/dev/null
  kill -TERM "$QPID" 2>/dev/null
  local tenths=0
  while running && ((tenths < GRACE * 10)); do
    sleep 0.1
    tenths=$((tenths + 1))
  done
  if running; then
    echo "Still running after ${GRACE} s: stopping it at once." >&2
    kill -KILL -- "-$WPID" "-$QPID" 2>/dev/null
  fi
  wait 2>/dev/null
  exit 0
}
trap stop INT TERM EXIT
# Either one ending (a crash, a port in use) stops the other too.
wait -n
