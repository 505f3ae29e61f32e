"""The desktop integration as shipped: the Linux desktop entry, file type and icons with the script
that installs them, and the Windows installer script (which only Windows can compile: here its
text is checked against the bundle it packs and the association it promises)."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "casedesk.desktop"
MIME_XML = LINUX / "casedesk-mime.xml"
INSTALL = LINUX / "install-desktop.sh"
ICONS = ROOT / "resources" / "icons"
ISS = ROOT / "packaging" / "windows" / "casedesk.iss"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-casedesk+json"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive: Name[ru]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type() -> ET.Element:
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (element,) = root.findall(f"{MIME_NS}mime-type")
    return element


# ----- Linux ----------------------------------------------------------------------------------
def test_the_desktop_entry_starts_casedesk_with_the_file_and_claims_the_case_file_type() -> None:
    entry = desktop_entry()
    for key in ("Type", "Name", "GenericName", "Comment", "Exec", "Icon", "Terminal", "Categories", "MimeType", "Keywords"):
        assert entry.get(key), key
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "casedesk open %f"  # install-desktop.sh puts the program's full path in place of casedesk
    assert entry["Icon"] == "casedesk"
    assert entry["Terminal"] == "false"
    assert entry["MimeType"] == f"{mime_type().get('type')};"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    assert entry["Name[ru]"] and re.search("[а-я]", entry["Comment[ru]"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_the_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_the_file_type_is_a_kind_of_json_known_by_its_double_extension() -> None:
    element = mime_type()
    assert element.get("type") == MIME_TYPE
    assert element.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"  # type: ignore[union-attr]
    (glob,) = element.findall(f"{MIME_NS}glob")
    assert glob.get("pattern") == "*.casedesk.json"
    assert int(glob.get("weight", "50")) > 50  # above *.json
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in element.findall(f"{MIME_NS}comment")}
    assert comments[None] == "CaseDesk case file" and comments["ru"]


@pytest.mark.parametrize("size", PNG_SIZES)
def test_every_icon_size_is_shipped(size: int) -> None:
    with Image.open(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "casedesk.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        corner, centre = image.getpixel((0, 0)), image.getpixel((size // 2, size * 5 // 8))
    assert corner[3] == 0  # transparent around the page
    assert centre[3] == 255 and centre[:3] != (255, 255, 255)  # the cross


def test_the_windows_icon_holds_the_sizes_windows_asks_for() -> None:
    with Image.open(ICONS / "casedesk.ico") as icon:
        sizes = set(icon.ico.sizes())  # type: ignore[attr-defined]
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= sizes


def test_the_svg_is_the_source_of_the_icons() -> None:
    svg = ET.parse(ICONS / "casedesk.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"


def test_the_install_script_is_valid_bash() -> None:
    assert os.access(INSTALL, os.X_OK)
    subprocess.run(["bash", "-n", str(INSTALL)], check=True, timeout=60)


def run_install(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(INSTALL), *args], check=False, env=env, capture_output=True, text=True, timeout=120)


def bare_env(home: Path, path: str = "/usr/bin:/bin") -> dict[str, str]:
    """No XDG_* folders (the user's defaults under HOME apply) and a PATH of our choosing."""
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8"}


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A stand-in for the bundle's casedesk, in a folder with a space in its name."""
    folder = tmp_path / "Case Desk"
    folder.mkdir()
    path = folder / "casedesk"
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def installed_files(share: Path) -> list[Path]:
    return [
        share / "applications" / "casedesk.desktop",
        share / "mime" / "packages" / "casedesk.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / "casedesk.svg",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "casedesk.png" for n in PNG_SIZES),
    ]


def test_install_into_a_prefix_and_uninstall(tmp_path: Path, program: Path) -> None:
    prefix = tmp_path / "prefix"
    env = bare_env(tmp_path / "home")

    result = run_install(env, "--prefix", str(prefix), "--exec", str(program))

    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    for path in installed_files(share):
        assert path.is_file(), path
    entry = (share / "applications" / "casedesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}" open %f\n' in entry  # quoted: the folder has a space
    assert (share / "mime" / "packages" / "casedesk.xml").read_bytes() == MIME_XML.read_bytes()
    if shutil.which("update-mime-database"):
        assert MIME_TYPE in (share / "mime" / "types").read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" / "casedesk.desktop")], check=False, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    result = run_install(env, "--prefix", str(prefix), "--uninstall")

    assert result.returncode == 0, result.stderr
    assert not [path for path in installed_files(share) if path.exists()]
    assert not (tmp_path / "home").exists()  # a prefix install leaves the user's folders alone


def test_install_for_the_user_finds_casedesk_on_path(tmp_path: Path, program: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = bare_env(home, f"{program.parent}:/usr/bin:/bin")

    result = run_install(env)

    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    for path in installed_files(share):
        assert path.is_file(), path
    assert f'Exec="{program}" open %f\n' in (share / "applications" / "casedesk.desktop").read_text(encoding="utf-8")
    if shutil.which("xdg-mime") and shutil.which("mimetype"):
        case_file = tmp_path / "case.casedesk.json"
        case_file.write_text("{}", encoding="utf-8")
        query = subprocess.run(["xdg-mime", "query", "filetype", str(case_file)], check=False, env=env, capture_output=True, text=True)
        assert query.stdout.strip() == MIME_TYPE
        query = subprocess.run(["xdg-mime", "query", "default", MIME_TYPE], check=False, env=env, capture_output=True, text=True)
        assert query.stdout.strip() == "casedesk.desktop"

    assert run_install(env, "--uninstall").returncode == 0
    assert not [path for path in installed_files(share) if path.exists()]


def test_install_without_casedesk_on_path_asks_for_the_program(tmp_path: Path) -> None:
    result = run_install(bare_env(tmp_path / "home"))
    assert result.returncode == 1
    assert "--exec" in result.stderr
    assert not (tmp_path / "home" / ".local").exists()


# ----- Windows --------------------------------------------------------------------------------
def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_section(name: str) -> list[str]:
    lines, inside = [], False
    for line in iss_text().splitlines():
        if line.startswith("["):
            inside = line.strip() == f"[{name}]"
        elif inside and line.strip() and not line.startswith(";"):
            lines.append(line)
    return lines


def test_the_installer_packs_the_bundle_and_opens_case_files_with_casedesk() -> None:
    text = iss_text()
    assert '#define ConsoleExe "casedesk.exe"' in text and '#define GuiExe "casedesk-gui.exe"' in text
    assert any(line.startswith('Source: "dist\\CaseDesk\\*"') and "recursesubdirs" in line for line in iss_section("Files"))
    setup = dict(line.split("=", 1) for line in iss_section("Setup") if "=" in line)
    assert setup["SourceDir"] == "..\\.."
    assert (ROOT / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert setup["ChangesAssociations"] == "yes"
    assert setup["PrivilegesRequired"] == "lowest" and "dialog" in setup["PrivilegesRequiredOverridesAllowed"]
    assert setup["AppVersion"] == "{#AppVersion}" and "#ifndef AppVersion" in text
    registry = iss_section("Registry")
    assert all(line.startswith("Root: HKA; Subkey: \"Software\\Classes\\") for line in registry)
    command = [line for line in registry if "{#FileTypeId}\\shell\\open\\command" in line]
    assert command and 'ValueData: """{app}\\{#GuiExe}"" open ""%1"""' in command[0]
    assert any(".json\\OpenWithProgids" in line and 'ValueName: "{#FileTypeId}"' in line for line in registry)
    assert '#define FileTypeId "CaseDesk.CaseFile"' in text
    icon = re.search(r'#define IconFile "(.+)"', text)
    assert icon and icon.group(1).endswith("casedesk\\resources\\icons\\casedesk.ico")  # where the bundle has it
    assert any(line.startswith('Name: "{autoprograms}\\CaseDesk"') for line in iss_section("Icons"))
    assert any("Tasks: desktopicon" in line for line in iss_section("Icons"))


def test_the_installer_speaks_english_and_russian() -> None:
    languages = iss_section("Languages")
    assert any('"english"' in line and "compiler:Default.isl" in line for line in languages)
    assert any('"russian"' in line and "compiler:Languages\\Russian.isl" in line for line in languages)
    messages = dict(line.split("=", 1) for line in iss_section("CustomMessages"))
    own = {key.split(".", 1)[1] for key in messages}
    for name in own:
        assert messages.get(f"english.{name}") and messages.get(f"russian.{name}"), name
    used = set(re.findall(r"\{cm:(\w+)", iss_text()))
    standard = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}  # in every .isl of Inno Setup
    assert used <= own | standard
