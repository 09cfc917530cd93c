#!/usr/bin/env bash
# Run once by the postgres image when it initialises an empty data directory
# (/docker-entrypoint-initdb.d/). One role per service, owning its own database and nothing else:
# no service can read another's tables, and none holds a cluster-wide privilege. The passwords
# come from <SERVICE>_DB_PASSWORD (see .env.example); the script stops if one is missing.
set -euo pipefail

for database in auth credit payment video integration; do
  variable="${database^^}_DB_PASSWORD"
  password="${!variable:?${variable} is not set: see .env.example}"
  # psql variables (:"name" quotes an identifier, :'name' a literal), so any password is safe here.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB:-postgres}" \
       -v name="${database}" -v password="${password}" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done

# Only the superuser (health checks, operators) may connect to the maintenance databases.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB:-postgres}" <<'SQL'
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL
