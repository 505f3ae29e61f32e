"""The window on a real desktop: an X server (Xvfb) of a 1366×768 laptop screen, Qt's xcb platform,
key presses and clicks from outside the program through the X server (xdotool), as on a desktop where
window sizes, keyboard focus and input behave as users meet them. The session itself is
tests/ui/desktop_session.py, run here in a process of its own on that screen.

Needs Xvfb and xdotool (Debian/Ubuntu: `sudo apt-get install xvfb xdotool`; `.ci/run` installs them);
without them the test is skipped and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SESSION = Path(__file__).with_name("desktop_session.py")
SCREEN = "1366x768x24"


@pytest.fixture
def x_server() -> Iterator[str]:
    """A private X server on a free display; its display name (":N")."""
    missing = [program for program in ("Xvfb", "xdotool") if shutil.which(program) is None]
    if missing:
        pytest.skip(f"the desktop test needs {' and '.join(missing)} (Debian/Ubuntu: apt-get install xvfb xdotool)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()  # Xvfb writes its display number once it accepts clients
        assert number.isdigit(), f"Xvfb did not start: {server.stderr.read().decode() if server.stderr else ''}"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


@pytest.mark.slow
def test_the_window_on_a_real_x_server_with_keyboard_and_mouse(x_server: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": x_server,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": os.pathsep.join(filter(None, (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")))),
    }
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "session"), str(SESSION)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert " passed" in output and "skipped" not in output and "deselected" not in output, output
