"""PostgreSQL for the tests (a pytest plugin, registered by tests/conftest.py).

Tests that take the `backend` fixture run twice, `[sqlite]` and `[postgresql]`. The PostgreSQL half
needs a server, found in this order:

1. `CASEDESK_TEST_POSTGRESQL_URL`, e.g. `postgresql+psycopg://me@localhost/postgres`: a server
   someone runs; its role must be allowed to CREATE DATABASE (every test gets its own database,
   dropped afterwards).
2. A throwaway cluster of our own: `initdb` from `pg_config --bindir`, /usr/lib/postgresql/*/bin
   or PATH (Debian's `postgresql` package; run as the `postgres` user when we are root, since
   initdb refuses root), listening on a Unix socket in a temporary folder only — nothing on the
   network — and stopped and removed when the session ends.
3. Neither: the PostgreSQL half is skipped, and the report header and summary say
   "PostgreSQL: not tested — <why>", so a green run without a server is never mistaken for one with.

Each test gets a database of its own, created from a template that already holds the schema at
head (`library_url(..., schema=False)` gives an empty one, for the migration tests); nothing is
shared between tests. A test that is about one SQLite file (backups, pragmas, the frozen libraries)
is marked `sqlite_only`, or takes the `db_path` fixture, and runs on SQLite alone.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ENV_URL = "CASEDESK_TEST_POSTGRESQL_URL"
BACKENDS = ("sqlite", "postgresql")
TEST_ROLE = "casedesk_test"
TEMPLATE = "casedesk_template"
# Fixtures that are a SQLite file: a test taking one runs on SQLite only.
SQLITE_ONLY_FIXTURES = frozenset({"db_path"})


# ----- finding or starting a server ----------------------------------------------------------------
def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: pg_config's, the newest Debian one, or PATH's."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=30)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(part) for part in name.split(".") if part.isdigit())

    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version, reverse=True):
        candidates.append(Path(initdb).parent)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, reachable by a Unix socket only."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.run_as: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root (initdb refuses root) and there is no postgres user") from None
            self.run_as = "postgres"
        # In /tmp where there is one: the postgres user must reach it (not so under /root), and a
        # Unix socket's path must stay short (about 100 bytes at most).
        self.base = Path(tempfile.mkdtemp(prefix="casedesk-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
        self.data = self.base / "data"
        self.socket_dir = self.base / "socket"
        self.log = self.base / "server.log"
        self.port = _free_port()
        self.running = False
        self.socket_dir.mkdir()
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.base, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._pg(["initdb", "-D", str(self.data), "-A", "trust", "-U", TEST_ROLE, "-E", "UTF8", "--locale=C", "--no-sync"])

    def _pg(self, command: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        argv = [str(self.bindir / command[0]), *command[1:]]
        if self.run_as:
            argv = ["runuser", "-u", self.run_as, "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=self.base)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            log = self.log.read_text(errors="replace").strip().splitlines()[-3:] if self.log.exists() else []
            raise RuntimeError(f"{command[0]} failed: {' '.join(detail[-2:] + log)}")
        return result

    def start(self) -> None:
        # Fast and throwaway: nothing here must survive a power cut. No TCP at all.
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} -p {self.port} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._pg(["pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", options])
        self.running = True

    def stop(self) -> None:
        if self.running:
            self._pg(["pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", str(self.data)])
            self.running = False

    def require_password(self, role: str) -> None:
        """Make `role` log in with a password (scram-sha-256), as a clinic's server would; every
        other role keeps trust. Takes effect at once (the server rereads pg_hba.conf)."""
        hba = self.data / "pg_hba.conf"
        stat = hba.stat()
        hba.write_text(f"local all {role} scram-sha-256\n" + hba.read_text())
        os.chown(hba, stat.st_uid, stat.st_gid)
        self._pg(["pg_ctl", "reload", "-D", str(self.data)])

    def remove(self) -> None:
        try:
            self.stop()
        except (RuntimeError, OSError, subprocess.SubprocessError):
            self._pg_immediate()
        shutil.rmtree(self.base, ignore_errors=True)

    def _pg_immediate(self) -> None:
        try:
            self._pg(["pg_ctl", "stop", "-m", "immediate", "-D", str(self.data)], timeout=30)
        except Exception:  # noqa: BLE001 - the folder goes anyway
            pass
        self.running = False

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{TEST_ROLE}@/{database}?host={self.socket_dir}&port={self.port}"


class Server:
    """A PostgreSQL server the tests may create and drop databases on."""

    def __init__(self, admin_url: str, cluster: Cluster | None) -> None:
        from sqlalchemy import create_engine, make_url

        self.cluster = cluster
        self.admin_url = make_url(admin_url)
        self._admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self._names = (f"casedesk_test_{os.getpid()}_{n}" for n in itertools.count(1))
        self._created: set[str] = set()
        self.describe = self.admin_url.render_as_string(hide_password=True)

    def url(self, database: str) -> str:
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    def execute(self, sql: str) -> None:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(sql)

    def prepare_template(self) -> None:
        """The template database: the schema at head, made by CaseDesk's own migrations."""
        from casedesk.store import open_store

        self.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}_{os.getpid()} WITH (FORCE)")
        self.execute(f"CREATE DATABASE {TEMPLATE}_{os.getpid()} TEMPLATE template0 ENCODING 'UTF8'")
        self._created.add(f"{TEMPLATE}_{os.getpid()}")
        open_store(self.url(f"{TEMPLATE}_{os.getpid()}"), daily_backup=False).close()

    def create_database(self, *, schema: bool = True) -> str:
        name = next(self._names)
        template = f"{TEMPLATE}_{os.getpid()}" if schema else "template0"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'")
        self._created.add(name)
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._created.discard(name)

    def close(self) -> None:
        if self.cluster is None or self.cluster.running:
            for name in sorted(self._created):
                try:
                    self.drop_database(name)
                except Exception:  # noqa: BLE001 - a shared server keeps at worst a stray test database
                    pass
        self._admin.dispose()
        if self.cluster is not None:
            self.cluster.remove()


def _null_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool


class _State:
    """What this session knows about PostgreSQL, for the header, the summary and the fixtures."""

    def __init__(self) -> None:
        self.server: Server | None = None
        self.problem: str | None = None  # why PostgreSQL is not tested
        self.plan = ""  # what the header promises
        self.tests: set[str] = set()  # the node ids of the tests that need the server
        self.ran = 0
        self.skipped = 0

    def survey(self) -> None:
        if os.environ.get(ENV_URL):
            self.plan = f"the server of ${ENV_URL}"
            return
        bindir = find_bindir()
        if bindir is None:
            self.problem = "no PostgreSQL server programs (initdb) found; install Debian's postgresql package"
            return
        self.plan = f"a throwaway server from {bindir}, on a Unix socket only"

    def start(self) -> Server:
        if self.server is not None:
            return self.server
        if self.problem is not None:
            raise RuntimeError(self.problem)
        cluster: Cluster | None = None
        try:
            url = os.environ.get(ENV_URL)
            if not url:
                bindir = find_bindir()
                assert bindir is not None
                cluster = Cluster(bindir)
                cluster.start()
                url = cluster.url("postgres")
            server = Server(url, cluster)
            atexit.register(server.close)  # also when the session dies before its teardown
            server.prepare_template()
        except Exception as exc:  # any failure means: not tested, and why
            if cluster is not None:
                cluster.remove()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.problem = f"the server could not be started ({first})"
            raise RuntimeError(self.problem) from exc
        self.server = server
        return server

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            atexit.unregister(self.server.close)
            self.server = None


STATE = _State()


# ----- pytest hooks --------------------------------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test about the SQLite file itself; runs on SQLite only")
    STATE.survey()


def pytest_report_header(config: pytest.Config) -> str:
    if STATE.problem:
        return f"PostgreSQL: not tested — {STATE.problem}"
    return f"PostgreSQL: {STATE.plan}"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") or SQLITE_ONLY_FIXTURES & set(metafunc.fixturenames):
        return  # the backend fixture's default: sqlite
    metafunc.parametrize("backend", BACKENDS, indirect=True, scope="module")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("backend") == "postgresql"
        if on_server or "postgresql_server" in getattr(item, "fixturenames", ()):
            STATE.tests.add(item.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "setup" or report.nodeid not in STATE.tests:
        return
    if report.skipped:
        STATE.skipped += 1
    elif report.passed:
        STATE.ran += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if STATE.problem:
        line = f"PostgreSQL: not tested — {STATE.problem}"
        if STATE.skipped:
            line += f" ({STATE.skipped} PostgreSQL test{'s' if STATE.skipped != 1 else ''} skipped)"
        terminalreporter.write_line(line, yellow=True, bold=True)
    elif STATE.ran or STATE.skipped:
        where = STATE.server.describe if STATE.server else STATE.plan
        terminalreporter.write_line(f"PostgreSQL: {STATE.ran} tests ran against {where}")


def pytest_unconfigure(config: pytest.Config) -> None:
    STATE.close()


# ----- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgresql": the kind of database the test's library is on."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgresql_server() -> Server:
    """The session's PostgreSQL server (started on first use); skips with the reason when none."""
    try:
        return STATE.start()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL: not tested — {exc}")


def library_url(request: pytest.FixtureRequest, backend: str, sqlite_file: Callable[[], Path], *, schema: bool = True) -> str:
    """A new, private library for one test (or one module's fixture): a SQLite file, or a database of
    its own on the PostgreSQL server, dropped when `request`'s scope ends. `schema=False` gives a
    server database without tables (SQLite files start without them anyway)."""
    if backend == "sqlite":
        path = sqlite_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    server: Server = request.getfixturevalue("postgresql_server")
    name = server.create_database(schema=schema)
    request.addfinalizer(lambda: server.drop_database(name))
    return server.url(name)


@pytest.fixture
def postgresql_url(request: pytest.FixtureRequest) -> str:
    """A fresh database at the schema's head on the PostgreSQL server (skips without one)."""
    return library_url(request, "postgresql", lambda: Path())


@pytest.fixture
def empty_postgresql_url(request: pytest.FixtureRequest) -> str:
    """A fresh database without any table on the PostgreSQL server (skips without one)."""
    return library_url(request, "postgresql", lambda: Path(), schema=False)


@pytest.fixture
def throwaway_cluster(postgresql_server: Server) -> Iterator[Cluster]:
    """Our own cluster, for tests that stop and start the server; skips on a server we do not own.
    Restarted after the test whatever it did."""
    cluster = postgresql_server.cluster
    if cluster is None:
        pytest.skip(f"the server of ${ENV_URL} is not ours to stop")
    yield cluster
    if not cluster.running:
        cluster.start()
