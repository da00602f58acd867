#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d): two roles
# without superuser or CREATEDB rights. The migration role owns the database and the commandbus
# schema and runs the migrations; the service's run-time role may only read and write rows.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v migrator_password="$PB_MIGRATOR_PASSWORD" -v app_password="$PB_APP_PASSWORD" <<'SQL'
CREATE ROLE processbatching_migrator LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'migrator_password';
CREATE ROLE processbatching_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE processbatching OWNER processbatching_migrator;
REVOKE ALL ON DATABASE processbatching FROM PUBLIC;
GRANT CONNECT ON DATABASE processbatching TO processbatching_app;
\connect processbatching
CREATE SCHEMA commandbus AUTHORIZATION processbatching_migrator;
GRANT USAGE ON SCHEMA commandbus TO processbatching_app;
ALTER DEFAULT PRIVILEGES FOR ROLE processbatching_migrator IN SCHEMA commandbus
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO processbatching_app;
ALTER DEFAULT PRIVILEGES FOR ROLE processbatching_migrator IN SCHEMA commandbus
  GRANT USAGE, SELECT ON SEQUENCES TO processbatching_app;
ALTER DEFAULT PRIVILEGES FOR ROLE processbatching_migrator IN SCHEMA commandbus
  GRANT EXECUTE ON FUNCTIONS TO processbatching_app;
SQL
