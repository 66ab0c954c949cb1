"""A throwaway PostgreSQL cluster for the store's tests: initdb and pg_ctl (Debian's
PostgreSQL server binaries) in a temporary folder, on a free loopback port, stopped
and removed at the end of the test session.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user
(which Debian's package makes) and the commands run as that user through ``runuser``.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

CLUSTER_USER = "postgres"


def server_binaries() -> Optional[Path]:
    """The folder of the newest installed PostgreSQL server binaries, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_not() -> Optional[str]:
    """Why no cluster can be made here (None when one can)."""
    if server_binaries() is None:
        return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: make test installs them as root"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(CLUSTER_USER)
        except KeyError:
            return f"running as root and there is no {CLUSTER_USER!r} user to run the cluster as"
    return None


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary folder: :meth:`start`, :meth:`url` of a new
    database, :meth:`stop` (which removes the folder)."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.root = Path(tempfile.mkdtemp(prefix="saidwhat-pg-"))
        self.port = free_port()
        self.databases = 0
        self.as_user: List[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam(CLUSTER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", CLUSTER_USER, "--"]

    def _run(self, *command: str) -> None:
        subprocess.run(self.as_user + [str(self.bin / command[0]), *command[1:]], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.root)

    def start(self) -> "Cluster":
        """Make the cluster and start its server."""
        data = self.root / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off " \
                  "-c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` in the cluster."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Make an empty database; return its URL."""
        import psycopg

        self.databases += 1
        name = f"store_{self.databases}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove the folder."""
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
