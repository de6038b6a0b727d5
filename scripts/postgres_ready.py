"""Exit 0 when the PostgreSQL server in DATABASE_URL accepts connections, else print why and exit 1."""

import os
import sys

import dj_database_url
import psycopg

url = os.environ.get("DATABASE_URL", "")
if not url.startswith(("postgres://", "postgresql://")):
    print(f"not a PostgreSQL URL: {url!r}")
    sys.exit(1)
config = dj_database_url.parse(url)
try:
    psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        connect_timeout=3,
    ).close()
except psycopg.Error as error:
    print(f"no PostgreSQL server at {config['HOST']}:{config['PORT']}: {error}".strip())
    sys.exit(1)
