#!/usr/bin/env bash
# The database's two roles, made once when the PostgreSQL container initialises its volume
# (docker-entrypoint-initdb.d). The owner runs migrations and owns every table; the register
# (web, worker, beat) connects as the application role, which owns nothing and gets its
# privileges from `manage.py migrate` (register/privileges.py). Neither is a superuser.
set -euo pipefail
: "${REGISTER_DB:=register}" "${REGISTER_OWNER:=register_owner}" "${REGISTER_APP:=register_app}"
: "${REGISTER_OWNER_PASSWORD:?}" "${REGISTER_APP_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$REGISTER_DB" -v owner="$REGISTER_OWNER" -v app="$REGISTER_APP" \
  -v owner_password="$REGISTER_OWNER_PASSWORD" -v app_password="$REGISTER_APP_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
SQL
