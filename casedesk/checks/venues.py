"""Venue profiles on disk: the bundled ones in resources/venues and the user's own in the data
folder's venues/ (a user profile with a bundled profile's id takes its place)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casedesk import paths
from casedesk.atomic import write_text_atomic
from casedesk.domain.venues import (
    NO_VENUE,
    REFERENCE_STYLES,
    CountUnit,
    DatePolicy,
    TitleStyle,
    VenueHeading,
    VenueProfile,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_ENUMS: dict[str, type] = {"unit": CountUnit, "title_style": TitleStyle, "date_policy": DatePolicy}
SECTION_KEYS = (
    "introduction",
    "case_description",
    "treatment",
    "outcomes",
    "discussion",
    "conclusion",
    "patient_perspective",
    "informed_consent",
    "acknowledgements",
)


class VenueProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the field."""


def user_venues_dir() -> Path:
    return paths.data_dir() / "venues"


def bundled_venues_dir() -> Path:
    return paths.resources_dir() / "venues"


def profile_from_dict(data: dict[str, Any], where: str = "profile") -> VenueProfile:
    """Read a profile, checking every field; unknown fields are refused (a typo must not vanish)."""
    fields = {f.name: f for f in dataclasses.fields(VenueProfile)}
    problems = [f"{where}: unknown field {key!r}" for key in data if key not in fields]
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in fields:
            continue
        try:
            values[name] = _field_value(name, value)
        except (TypeError, ValueError) as exc:
            problems.append(f"{where}.{name}: {exc}")
    for required in ("id", "name"):
        if required not in data:
            problems.append(f"{where}: {required!r} is missing")
    if "id" in values and not _ID.match(values["id"]):
        problems.append(f"{where}.id: {values['id']!r} must be lower-case letters, digits and hyphens")
    if problems:
        raise VenueProfileError("; ".join(problems))
    return VenueProfile(**values)


# Fields that take one of a few strings (Literal types), and those strings.
_CHOICES: dict[str, tuple[str, ...]] = {"reference_style": REFERENCE_STYLES}


def _field_value(name: str, value: Any) -> Any:
    if name in _ENUMS:
        return _ENUMS[name](value)
    if name in _CHOICES:
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not text")
        if value not in _CHOICES[name]:
            raise ValueError(f"{value!r} is not one of {', '.join(_CHOICES[name])}")
        return value
    if name == "headings":
        if not isinstance(value, list):
            raise TypeError("must be a list")
        headings = []
        for item in value:
            sections = tuple(item["sections"])
            unknown = [s for s in sections if s not in SECTION_KEYS]
            if unknown:
                raise ValueError(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTION_KEYS)}")
            headings.append(VenueHeading(str(item["heading"]), sections))
        return tuple(headings)
    if name in ("limit", "max_authors", "figures", "tables", "title_max"):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{value!r} is not a whole number ≥ 0")
        return value
    if name.startswith("count_") or name in ("verified", "accepts_case_reports"):
        if not isinstance(value, bool):
            raise TypeError(f"{value!r} is not true or false")
        return value
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def profile_to_dict(profile: VenueProfile) -> dict[str, Any]:
    data = dataclasses.asdict(profile)
    data["headings"] = [{"heading": h.heading, "sections": list(h.sections)} for h in profile.headings]
    return data


def _read(path: Path) -> VenueProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VenueProfileError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise VenueProfileError(f"{path}: is not a JSON object")
    return profile_from_dict(data, str(path.name))


def load_profiles(include_user: bool = True) -> list[VenueProfile]:
    """"No venue rules" first, then every profile by name. A broken user file is skipped (and
    reported by `broken_user_profiles`), so one bad file never hides the others."""
    profiles: dict[str, VenueProfile] = {}
    for path in sorted(bundled_venues_dir().glob("*.json")):
        profile = _read(path)
        profiles[profile.id] = profile
    if include_user:
        for path in sorted(user_venues_dir().glob("*.json")) if user_venues_dir().is_dir() else []:
            try:
                profile = _read(path)
            except VenueProfileError:
                continue
            profiles[profile.id] = profile
    return [NO_VENUE, *sorted(profiles.values(), key=lambda p: p.name.casefold())]


def broken_user_profiles() -> list[str]:
    problems = []
    for path in sorted(user_venues_dir().glob("*.json")) if user_venues_dir().is_dir() else []:
        try:
            _read(path)
        except VenueProfileError as exc:
            problems.append(str(exc))
    return problems


def find_profile(profile_id: str, profiles: Sequence[VenueProfile] | None = None) -> VenueProfile | None:
    """The profile with this id; "" and "none" mean no venue rules. `profiles`: the profiles to
    look in, when the caller has read them already (default: read them now)."""
    if profile_id in ("", NO_VENUE.id):
        return NO_VENUE
    return next((p for p in (load_profiles() if profiles is None else profiles) if p.id == profile_id), None)


def find_profile_by_name(text: str, profiles: Sequence[VenueProfile] | None = None) -> VenueProfile | None:
    """For the command line's --venue: an id, or a unique part of a name ("eha-2024", "ASCO")."""
    profiles = load_profiles() if profiles is None else profiles
    exact = [p for p in profiles if p.id == text or p.name.casefold() == text.casefold()]
    if exact:
        return exact[0]
    partial = [p for p in profiles if text.casefold() in p.name.casefold() or text.casefold() in p.id]
    return partial[0] if len(partial) == 1 else None


def save_user_profile(profile: VenueProfile) -> Path:
    """Write a user profile (atomically) as venues/<id>.json in the data folder."""
    profile_from_dict(profile_to_dict(profile))  # the same checks as reading
    folder = user_venues_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile.id}.json"
    write_text_atomic(path, json.dumps(profile_to_dict(profile), ensure_ascii=False, indent=2) + "\n")
    return path


def delete_user_profile(profile_id: str) -> bool:
    path = user_venues_dir() / f"{profile_id}.json"
    if path.exists():
        path.unlink()
        return True
    return False


def copy_profile(profile: VenueProfile, new_id: str, new_name: str) -> VenueProfile:
    return dataclasses.replace(profile, id=new_id, name=new_name, verified=False, source=f"Copied from {profile.name}")
