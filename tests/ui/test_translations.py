"""The interface in another language: every translation keeps the placeholders and mnemonics of its
English source, the Russian one is complete and as current as the code, and with it installed no
English is left on the window, its pages, menus and dialogs — apart from a short list of words that
are not interface language."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTableView,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk import paths
from casedesk.checks import care
from casedesk.checks.venues import SECTION_KEYS, load_profiles
from casedesk.domain.dates import PartialDate
from casedesk.report.terms import known_licences
from casedesk.services import CaseService
from casedesk.ui import i18n
from casedesk.ui.checks_panel import _CARE_TITLES, PATH_ROLE
from casedesk.ui.export_dialog import ExportDialog
from casedesk.ui.main_window import RESTART_NOTE, MainWindow
from casedesk.ui.trash_dialog import TrashDialog
from casedesk.ui.venue_dialog import VenueProfilesDialog

REPO_ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO_ROOT / "resources" / "translations"
TS_FILES = sorted(TRANSLATIONS.glob("casedesk_*.ts"))

# Latin text on a Russian screen that is not interface language, and why it stays as it is.
NOT_INTERFACE_LANGUAGE = (
    "CaseDesk",  # the program's name
    "CARE", "CTCAE", "ORCID", "DOI", "PMID", "MRD",  # standards and identifiers, so named in Russian papers too
    "PDF", "DOCX", "JSON", "SVG", "Word", "Markdown",  # file formats and the program that opens one
    "A4", "Letter",  # paper formats, so named in Russian too
    "English",  # the language menu and the report language name each language in itself
    "negative", "positive",  # the values of MRD the report reads, to be typed so
    "eha-2025", "a1", "a2", "Kantarjian et al.",  # examples of what to type: a profile id (Latin by rule), keys, a citation
)
FILE_PATTERN = re.compile(r"\*\.[a-z.]+")  # in file-type filters
# Shortcuts in tooltips: Qt writes key names so in Russian too (Ctrl+N, F5, Ins, Del).
SHORTCUT = re.compile(
    r"(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:[A-Z0-9](?![A-Za-z])|F\d{1,2}|Del|Ins)?|(?<![A-Za-z])(?:F\d{1,2}|Del|Ins)(?![A-Za-z])"
)
# Widgets that show the report's own text, in the case's language (the sample is an English case).
REPORT_TEXT = re.compile(r"^(generated\.|outcome\.(toxicity|complications|follow_up_text)$)")


# ----- reading the .ts files ------------------------------------------------------------------
def messages(ts: Path) -> list[dict[str, Any]]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            found.append(
                {
                    "context": context.findtext("name") or "",
                    "source": message.findtext("source") or "",
                    "comment": message.findtext("comment"),
                    # A message with a count (%n) has one form per plural form of the language.
                    "translation": "" if message.get("numerus") == "yes" else translation.text or "",
                    "forms": forms,
                    "type": translation.get("type", ""),
                }
            )
    return found


def placeholders(text: str) -> tuple[list[str], list[str], int]:
    """%1 %2 …, {name} …, and the number of mnemonic ampersands (a literal && is not one)."""
    return (
        sorted(re.findall(r"%\d+", text)),
        sorted(re.findall(r"\{\w*\}", text)),
        len(re.findall(r"&(?!&)", text.replace("&&", ""))),
    )


def load_setup() -> ModuleType:
    """setup.py as a module (it only runs setup() when setuptools runs it)."""
    spec = importlib.util.spec_from_file_location("casedesk_setup", REPO_ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_quoted_data(text: str) -> str:
    """A message without the case's own words it quotes ("Nov 2023", «Astana», "case report") and
    without CARE's sub-item numbers (8b, 11a), which are numbering, not language."""
    return re.sub(r'“[^”]*”|"[^"]*"|«[^»]*»|\b\d{1,2}[a-d]\b', "", text)


# Plural forms per language, as Qt counts them: English 1 / other; Russian 1, 21 / 2–4 / 5–20, 0.
PLURAL_FORMS = {"en": 2, "ru": 3}


def test_there_is_a_translation_for_every_offered_language() -> None:
    # English's own holds only its plural forms (lupdate -pluralonly); the others hold everything.
    assert {ts.stem.removeprefix("casedesk_") for ts in TS_FILES} == set(i18n.LANGUAGES)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda path: path.stem)
def test_every_translation_keeps_the_placeholders_and_mnemonics_of_its_source(ts: Path) -> None:
    wrong = [
        (m["context"], m["source"], text)
        for m in messages(ts)
        for text in (m["translation"], *m["forms"])
        if text and placeholders(text) != placeholders(m["source"])
    ]
    assert wrong == []
    counts = [(m["source"], form) for m in messages(ts) for form in m["forms"] if "%n" not in form]
    assert counts == []  # every plural form says the number


@pytest.mark.parametrize("language", sorted(PLURAL_FORMS))
def test_every_count_has_every_plural_form_of_the_language(language: str) -> None:
    found = messages(TRANSLATIONS / f"casedesk_{language}.ts")
    numerus = [m for m in found if "%n" in m["source"]]
    assert numerus, "the interface counts things: their plural forms are translated"
    incomplete = [m["source"] for m in numerus if m["type"] or len(m["forms"]) != PLURAL_FORMS[language] or not all(m["forms"])]
    assert incomplete == []


def test_the_english_plural_forms_are_singular_then_plural(qapp: QApplication) -> None:
    assert QCoreApplication.translate("PreviewPane", "%n page(s)", "", 1) == "1 page"
    assert QCoreApplication.translate("PreviewPane", "%n page(s)", "", 2) == "2 pages"
    assert QCoreApplication.translate("CaseEditor", "%n thing(s) to check (the case is kept as a draft meanwhile):", "", 1).startswith("1 thing to check")


def test_the_russian_translation_is_complete() -> None:
    ru = messages(TRANSLATIONS / "casedesk_ru.ts")
    unfinished = [(m["context"], m["source"]) for m in ru if m["type"] or not (m["translation"] or all(m["forms"]) and m["forms"])]
    assert unfinished == []


def test_the_translation_sources_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate run now finds exactly the strings the .ts files hold, each with a context (a string
    lupdate cannot place, such as a bare tr("…") outside a class, would have none)."""
    spec = importlib.util.spec_from_file_location("update_translations", REPO_ROOT / "docs" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    for ts in TS_FILES:
        fresh = tmp_path / ts.name
        shutil.copy(ts, fresh)
        update.lupdate([fresh])

        def keys(path: Path) -> set[tuple[str, str, str | None]]:
            return {(m["context"], m["source"], m["comment"]) for m in messages(path)}

        assert keys(fresh) == keys(ts), "run: python docs/update_translations.py, then translate the new strings"
        assert all(context for context, _, _ in keys(fresh))


def test_the_care_titles_marked_for_translation_are_the_checklists() -> None:
    assert sorted(_CARE_TITLES) == sorted(care.TITLES.values())


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_dates_shown_in_an_interface_language_read_back_as_the_same_date(language: str) -> None:
    """The date boxes and tables show dates in the interface language and read what they show."""
    for date in (PartialDate(2017), PartialDate(2009, 4), PartialDate(2023, 12, 19), PartialDate(2024, 5)):
        assert PartialDate.parse(date.format(language)) == date  # type: ignore[arg-type]


# ----- the build step and the language setting -----------------------------------------------
@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .ts files compiled by the package build's own step, now (an installed .qm may be older)."""
    folder = tmp_path_factory.mktemp("translations")
    load_setup().compile_translations(TRANSLATIONS, folder)
    return folder


def test_the_build_step_compiles_every_translation(compiled: Path, qapp: QApplication) -> None:
    for ts in TS_FILES:
        translator = QTranslator()
        assert translator.load(str(compiled / f"{ts.stem}.qm")), ts.name
        assert not translator.isEmpty()


def test_installing_russian_and_removing_it_again(compiled: Path, qapp: QApplication) -> None:
    before = QLocale().name()
    try:
        assert i18n.install("ru", compiled) == "ru"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
        assert QCoreApplication.translate("QPlatformTheme", "Close") == "Закрыть"  # Qt's own, from PySide6
        assert QLocale().toString(10.5, "f", 1) == "10,5"  # numbers in inputs as Russian writes them
        assert i18n.number(3665) == "3\xa0665"
    finally:
        i18n.remove()
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert QLocale().name() == before
    assert i18n.number(3665) == "3,665"


def test_a_missing_translation_leaves_the_interface_in_english(tmp_path: Path, qapp: QApplication) -> None:
    try:
        assert i18n.install("ru", tmp_path) == "en"
        assert i18n.language() == "en"
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        i18n.remove()


def test_the_choice_is_read_from_the_settings_and_the_system_decides_when_none(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert i18n.chosen(settings) == i18n.SYSTEM
    i18n.choose(settings, "ru")
    assert settings.value(i18n.SETTING) == "ru"
    assert i18n.chosen(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)) == "ru"
    settings.setValue(i18n.SETTING, "xx")
    assert i18n.chosen(settings) == i18n.SYSTEM
    assert i18n.resolve("ru") == "ru"
    assert i18n.resolve(i18n.SYSTEM, QLocale("ru_RU")) == "ru"
    assert i18n.resolve(i18n.SYSTEM, QLocale("de_DE")) == "en"


def test_choosing_a_language_stores_it_and_says_so_in_that_language(
    qtbot: QtBot, service: CaseService, settings: QSettings, compiled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "translations_dir", lambda: compiled)
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    choices = {action.data(): action for action in window.language_menu.actions()}
    assert set(choices) == {i18n.SYSTEM, *i18n.LANGUAGES}
    assert choices[i18n.SYSTEM].isChecked()
    choices["ru"].trigger()
    assert settings.value(i18n.SETTING) == "ru"
    assert choices["ru"].isChecked() and not choices[i18n.SYSTEM].isChecked()
    assert window.statusBar().currentMessage() == "Язык сменится при следующем запуске CaseDesk."
    assert window.menuBar().actions()[0].text() == "&File"  # the window keeps its language until then
    choices["en"].trigger()
    assert window.statusBar().currentMessage() == ""  # English is what it shows already: nothing to say
    assert QCoreApplication.translate("MainWindow", RESTART_NOTE) == RESTART_NOTE


# ----- no English on a Russian screen -----------------------------------------------------------
@pytest.fixture
def russian(compiled: Path, qapp: QApplication) -> Iterator[None]:
    assert i18n.install("ru", compiled) == "ru"
    yield
    i18n.remove()


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every piece of interface text in `root` and its children."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget | QMenu, kind: str, text: str | None) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__} {widget.objectName() or '-'} {kind}", text))

    for widget in (root, *root.findChildren(QWidget)):
        if REPORT_TEXT.match(widget.objectName()):
            continue
        if widget.isWindow() or isinstance(widget, QToolBar):
            add(widget, "title", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
            add(widget, "tooltip", widget.toolTip())
        if isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget, f"tab {index}", widget.tabText(index))
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            add(widget, "placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, f"item {index}", widget.itemText(index))
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            add(widget, "special value", widget.specialValueText())
            add(widget, "suffix", widget.suffix())
        if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal and widget.model():
            model = widget.model()
            for section in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    add(widget, f"header {section}", str(model.headerData(section, Qt.Orientation.Horizontal, role) or ""))
        if isinstance(widget, QListWidget) and widget.objectName() == "venues.list":
            for row in range(widget.count()):
                add(widget, f"row {row}", widget.item(row).text())
        if isinstance(widget, QTableView) and widget.objectName() == "library.table":
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    add(widget, f"row {row}", str(model.index(row, column).data() or ""))
        if isinstance(widget, QMenu):
            add(widget, "title", widget.title())
        for action in widget.actions():
            add(widget, "action", action.text())
            add(widget, "action tooltip", action.toolTip())
            add(widget, "action status tip", action.statusTip())
    return found


def case_strings(value: Any) -> set[str]:
    """Every text in a record: what the user typed is not interface language."""
    if isinstance(value, str):
        return {value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return set().union(*(case_strings(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (tuple, list)):
        return set().union(set(), *(case_strings(item) for item in value))
    return set()


def english_left(texts: list[tuple[str, str]], data: set[str]) -> list[tuple[str, str]]:
    cut = sorted((s for s in data | set(NOT_INTERFACE_LANGUAGE) if len(s) >= 2), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])" for s in cut))
    def rest(text: str) -> str:
        return SHORTCUT.sub("", FILE_PATTERN.sub("", pattern.sub("", text)))

    return [(where, text) for where, text in texts if re.search("[A-Za-z]", rest(text))]


def test_in_russian_no_english_is_left_on_any_page_menu_or_dialog(
    qtbot: QtBot, service: CaseService, settings: QSettings, russian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    texts = shown_texts(window)  # the empty library's welcome
    window.add_sample()
    window.editor.courses.set_current_row(1)
    for index in range(window.editor.tabs.count()):
        window.editor.tabs.setCurrentIndex(index)
        qtbot.wait(20)
    window.side.setCurrentWidget(window.checks)
    qtbot.waitUntil(lambda: window.checks.tree.topLevelItemCount() > 0, timeout=20000)
    window.preview.wait_idle()
    qtbot.waitUntil(lambda: bool(window.preview.count.text()), timeout=20000)
    texts += shown_texts(window)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        texts += shown_texts(menu)
        for action in menu.actions():
            if action.menu() is not None:
                texts += shown_texts(action.menu())
    tree = window.checks.tree
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        texts += [("checks group", group.text(0)), ("checks group result", group.text(1))]
    groups = {tree.topLevelItem(i).data(0, PATH_ROLE + 1): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    items = [groups["care"].child(i) for i in range(groups["care"].childCount())]
    while items:  # the CARE items' titles after their numbers, and their reasons
        item = items.pop()
        texts.append(("CARE item", item.text(0).split(". ", 1)[1]))
        texts.append(("CARE reason", _without_quoted_data(item.text(1))))
        items += [item.child(i) for i in range(item.childCount())]
    findings = groups["identifiers"]
    assert findings.childCount() > 0
    for i in range(findings.childCount()):  # the findings' messages (the field path is data)
        texts.append(("identifier finding", _without_quoted_data(findings.child(i).text(1))))

    case = window.session.case
    assert case is not None
    export = ExportDialog(case, lambda *args: Path(), Path(paths.data_dir()), window)
    venues = VenueProfilesDialog(window)
    trash = TrashDialog(service, window)
    for dialog in (export, venues, trash):
        qtbot.addWidget(dialog)
        texts += shown_texts(dialog)

    data = case_strings(case) | set(known_licences()) | set(SECTION_KEYS)
    data |= {text for profile in load_profiles() for text in (profile.name, profile.id)}
    assert window.editor.tabs.tabText(0) == "Публикация"
    assert any(text == "Закрыть" for _, text in shown_texts(trash))  # Qt's own buttons speak Russian too
    left = english_left(texts, data)
    assert left == [], '\n'.join(map(repr, left))
