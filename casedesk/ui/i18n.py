"""The interface language: the user's choice, kept in the settings, and the Qt translators that show
it, installed before any window is built.

The strings in the code are English; casedesk_en.qm only gives English its plural forms ("1 case",
"2 cases" for "%n case(s)"). Another language is shown when its compiled translation is
there (casedesk_<code>.qm, which the package build makes from resources/translations/casedesk_<code>.ts),
with Qt's own (qtbase_<code>.qm from the PySide6 wheel) so that standard buttons and dialogs speak
it too. A missing file is not an error: the interface stays English.

Every string a user sees is written `self.tr("literal")` in a QObject's method, else
`QCoreApplication.translate("Context", "literal")`, or marked `QT_TRANSLATE_NOOP("Context", "literal")`
where a table keeps it: the forms pyside6-lupdate finds. `python docs/update_translations.py`
refreshes the .ts files from the code.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from casedesk import paths
from casedesk.domain.venues import NO_VENUE, VenueProfile

log = logging.getLogger(__name__)

SETTING = "ui/language"
SOURCE_LANGUAGE = "en"
SYSTEM = ""  # the choice that follows the computer's language
# The interface languages, each named in itself: someone who cannot read the current language
# still finds their own in the menu.
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE
_locale_before: QLocale | None = None  # Qt's default locale before a translation was installed


def chosen(settings: QSettings) -> str:
    """The stored choice: a code from LANGUAGES, or SYSTEM."""
    value = str(settings.value(SETTING, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def choose(settings: QSettings, choice: str) -> None:
    settings.setValue(SETTING, choice if choice in LANGUAGES else SYSTEM)
    settings.sync()


def resolve(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a choice; SYSTEM takes the first of the computer's languages that
    CaseDesk speaks, else English."""
    if choice in LANGUAGES:
        return choice
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _load(name: str, folder: Path) -> QTranslator | None:
    translator = QTranslator(QCoreApplication.instance())
    if translator.load(name, str(folder)):
        return translator
    translator.deleteLater()
    return None


def install(language: str, folder: Path | None = None) -> str:
    """Show the interface in `language` from now on (text already on screen stays as it is).

    `folder` holds the compiled casedesk_<language>.qm (the installed package's by default).
    Returns the language now shown: English when that translation is missing.
    """
    global _language, _locale_before
    remove()
    app = QCoreApplication.instance()
    if app is None:
        return _language
    folder = folder or paths.translations_dir()
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        plurals = _load(f"casedesk_{SOURCE_LANGUAGE}", folder)  # English's own plural forms
        if plurals is not None:
            app.installTranslator(plurals)
            _installed.append(plurals)
        return _language
    own = _load(f"casedesk_{language}", folder)
    if own is None:
        log.warning("No compiled translation for %r in %s; the interface stays English", language, folder)
        return _language
    qt = _load(f"qtbase_{language}", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for translator in (own, qt):
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)
    _locale_before = QLocale()
    QLocale.setDefault(QLocale(language))  # numbers in inputs as the language writes them: 10,5 in Russian
    _language = language
    return language


def remove() -> None:
    """Back to English (for tests, and before installing another language)."""
    global _language, _locale_before
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    if _locale_before is not None:
        QLocale.setDefault(_locale_before)
        _locale_before = None
    _language = SOURCE_LANGUAGE


def language() -> str:
    """The language the interface is shown in."""
    return _language


def number(value: int) -> str:
    """A count as the interface language writes it: 1,234 in English, 1 234 in Russian."""
    return QLocale(_language).toString(value)


def profile_name(profile: VenueProfile) -> str:
    """A venue profile's name as the interface shows it: the venues' names are their own, but the
    built-in profile for no venue is named in the interface language."""
    return shown_profile(profile).name


def shown_profile(profile: VenueProfile) -> VenueProfile:
    """A venue profile as the interface shows it (see profile_name); its rules are unchanged."""
    if profile.id != NO_VENUE.id:
        return profile
    return dataclasses.replace(
        profile,
        name=QCoreApplication.translate("VenueProfiles", "No venue rules"),
        note=QCoreApplication.translate("VenueProfiles", "No limit; the case's own headings."),
    )


def translate_into(target: str, context: str, text: str, folder: Path | None = None) -> str:
    """`text` in a language that need not be the one installed (to say something in the language
    just chosen); the current translation when that language has none."""
    if target == SOURCE_LANGUAGE:
        return text
    translator = _load(f"casedesk_{target}", folder or paths.translations_dir()) if target in LANGUAGES else None
    found = translator.translate(context, text) if translator is not None else ""
    if translator is not None:
        translator.deleteLater()
    return found or QCoreApplication.translate(context, text)
