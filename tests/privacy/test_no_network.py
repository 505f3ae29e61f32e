"""Starting the application, editing, checking and exporting opens no network connection.

Measured in a child process doing all of it: an audit hook sees every socket Python code creates,
connects or resolves; at the end the process holds no internet socket; and, where strace is
installed (CI installs it), every connect() any code makes — Qt's and the C libraries' included —
is traced and none may reach an internet address or a name resolver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, os, sys
    events = []
    def hook(event, args):
        if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
            events.append([event, repr(args)[:200]])
    sys.addaudithook(hook)

    from pathlib import Path
    from dataclasses import replace
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from casedesk.services import CaseService, ExportOptions
    from casedesk.ui.main_window import MainWindow

    home = Path(os.environ["CASEDESK_HOME"])
    service = CaseService.open(None)
    window = MainWindow(service, QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    window.start()
    window.add_sample()
    window.session.change("patient.label", "K.T.")
    window.session.save_now()
    case = window.session.case
    rendered = window._render(case)  # the preview: PDF, counts and checks
    service.check_case(case, ExportOptions(venue="ash"))
    for fmt in ("pdf", "docx", "txt", "md", "json", "svg"):
        window._export(case, fmt, home / f"case.{fmt}", ExportOptions())
    window.show_history()
    window.show_backups()
    app.processEvents()

    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    inet = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        for line in Path(f"/proc/self/net/{table}").read_text().splitlines()[1:]:
            if line.split()[9] in inodes:
                inet.append(table + " " + line.strip())
    print(json.dumps({
        "events": events,
        "inet_sockets": inet,
        "exports": sorted(p.name for p in home.glob("case.*")),
    }))
    """
)


def _run_session(tmp_path: Path, prefix: list[str]) -> dict[str, object]:
    env = {**os.environ, "CASEDESK_HOME": str(tmp_path), "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([*prefix, sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["exports"] == ["case.docx", "case.json", "case.md", "case.pdf", "case.svg", "case.txt"]
    return report


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_a_whole_session_opens_no_network_connection(tmp_path: Path) -> None:
    report = _run_session(tmp_path, [])
    assert report["events"] == []
    assert report["inet_sockets"] == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (CI installs it)")
def test_no_code_in_the_process_connects_anywhere(tmp_path: Path) -> None:
    strace = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o"]

    def network_calls(trace: Path) -> list[str]:
        return [
            line for line in trace.read_text().splitlines()
            if any(word in line for word in ("AF_INET", "AF_INET6", "nscd", "AF_NETLINK"))
        ]

    # The method must see a connection when there is one: a refused connect to this machine.
    control = tmp_path / "control.trace"
    probe = "import socket; s = socket.socket(); s.settimeout(1)\ntry: s.connect(('127.0.0.1', 9))\nexcept OSError: pass"
    subprocess.run([*strace, str(control), sys.executable, "-c", probe], check=True, timeout=60)
    assert any("127.0.0.1" in line for line in network_calls(control))

    trace = tmp_path / "session.trace"
    _run_session(tmp_path, [*strace, str(trace)])
    assert network_calls(trace) == []
