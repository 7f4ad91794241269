#!/usr/bin/env bash
# `make run`: the server on the embedded SQLite database with demo data, mails as files.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/helferkarte
export HELFERKARTE_DATABASE=${HELFERKARTE_DATABASE:-sqlite:./var/helferkarte.db}
export HELFERKARTE_MAIL_DIR=${HELFERKARTE_MAIL_DIR:-./var/mail}
export HELFERKARTE_WEB_DIR=${HELFERKARTE_WEB_DIR:-./web/dist}
export HELFERKARTE_LOG_FORMAT=${HELFERKARTE_LOG_FORMAT:-text}
mkdir -p var
# Loads the demo municipality once; on later runs it only prints the logins again.
"$bin" demo
echo
echo "Helferkarte: http://localhost:${HELFERKARTE_PORT:-8080}  (Strg+C beendet den Server)"
echo "Mails der Demo landen als .eml-Dateien in ${HELFERKARTE_MAIL_DIR}."
echo
exec "$bin" serve --listen "127.0.0.1:${HELFERKARTE_PORT:-8080}"
