"""How a Lex V2 import reads the .zip archive uploaded for it: the manifest, the bot, its
locales, intents, slots, slot types and custom vocabularies. The decisions are listed in
``client.py``'s docstring."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import attrs

from ...core.described import described
from .models import SUPPORTED_LOCALES

# Manifest resourceType spellings (documented, and seen in real exports): normalized.
_TYPES = {
    "bot": "Bot",
    "botlocale": "BotLocale",
    "customvocabulary": "CustomVocabulary",
}
MAX_PHRASE = 100  # a custom vocabulary phrase: 1 to 100 characters


@described
@attrs.frozen(repr=False, eq=False)
class LocaleContent:
    """What an archive holds for one locale."""

    name: str | None
    description: str | None
    voice: Mapping[str, Any] | None
    threshold: float | None
    intents: frozenset[str]
    slot_types: frozenset[str]
    vocabulary: int | None  # custom vocabulary items, None without a custom vocabulary


@described
@attrs.frozen(repr=False, eq=False)
class Archive:
    """A readable archive: its resource type, ``Bot.json`` and its locales by id."""

    resource_type: str
    bot: Mapping[str, Any]
    locales: Mapping[str, LocaleContent]


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, password: str | None) -> None:
        self.zip = archive
        self.password = None if password is None else password.encode()
        self.reasons: list[str] = []

    def json(self, name: str) -> Any:
        """The JSON document at ``name``, or ``None`` (with a reason) when it can't be read."""
        try:
            data = self.zip.read(name, pwd=self.password)
        except RuntimeError:  # zipfile: encrypted and no password, or a wrong one
            self.reasons.append(
                f"{name}: the archive is password protected and filePassword is missing or wrong."
            )
            return None
        except (NotImplementedError, zipfile.BadZipFile, OSError) as err:
            self.reasons.append(f"{name}: the file can't be extracted ({err}).")
            return None
        try:
            return json.loads(data)
        except ValueError as err:
            self.reasons.append(f"{name}: the file is not valid JSON ({err}).")
            return None


def read_archive(data: bytes, password: str | None, expected: str) -> Archive | list[str]:
    """The archive's content, or every reason it can't be imported as ``expected``
    (``Bot``, ``BotLocale`` or ``CustomVocabulary``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["The import file is not a valid .zip archive."]
    reader = _Reader(archive, password)
    names = sorted(n for n in archive.namelist() if not n.endswith("/"))
    manifest = next((n for n in names if n.lower() == "manifest.json"), None)
    if manifest is None:
        return ["manifest.json is missing from the root of the archive."]
    found = _manifest_type(reader, manifest)
    if found is not None and found != expected:
        reader.reasons.append(
            f"{manifest}: the resourceType {found} does not match the import's resource "
            f"specification ({expected})."
        )
    bot: Mapping[str, Any] = {}
    bot_files = [n for n in names if n.rsplit("/", 1)[-1] == "Bot.json"]
    if expected == "Bot":
        if not bot_files:
            reader.reasons.append("Bot.json is missing: a bot archive holds <BotName>/Bot.json.")
        else:
            document = reader.json(bot_files[0])
            if document is not None and not isinstance(document, dict):
                reader.reasons.append(f"{bot_files[0]}: the file must hold a JSON object.")
            bot = document if isinstance(document, dict) else {}
    locales = _locales(reader, names)
    if expected == "BotLocale" and not locales:
        reader.reasons.append("The archive holds no BotLocales/<locale>/BotLocale.json.")
    if expected == "CustomVocabulary" and not any(
        name.endswith("/CustomVocabulary/CustomVocabulary.json") for name in names
    ):
        reader.reasons.append("The archive holds no CustomVocabulary/CustomVocabulary.json.")
    if reader.reasons:
        return reader.reasons
    return Archive(expected, bot, locales)


def _manifest_type(reader: _Reader, name: str) -> str | None:
    document = reader.json(name)
    if document is None:
        return None
    meta = None
    if isinstance(document, dict):
        meta = document.get("metadata", document.get("metaData"))
    if not isinstance(meta, dict):
        reader.reasons.append(f"{name}: the manifest holds no metadata object.")
        return None
    if str(meta.get("fileFormat", "")).lower() != "lexjson":
        reader.reasons.append(f"{name}: the fileFormat must be LexJson.")
    raw = str(meta.get("resourceType", ""))
    found = _TYPES.get(raw.replace("_", "").lower())
    if found is None:
        reader.reasons.append(
            f"{name}: the resourceType {raw!r} is not Bot, BotLocale or CustomVocabulary."
        )
    return found


def _locales(reader: _Reader, names: list[str]) -> dict[str, LocaleContent]:
    """Each ``BotLocales/<locale>/`` folder of the archive, read."""
    folders: dict[str, str] = {}  # locale -> its folder path
    for name in names:
        parts = name.split("/")
        if "BotLocales" in parts[:-1]:
            at = parts.index("BotLocales")
            if at + 1 < len(parts) - 1:
                folders.setdefault(parts[at + 1], "/".join(parts[: at + 2]) + "/")
    locales: dict[str, LocaleContent] = {}
    for locale, folder in sorted(folders.items()):
        if locale not in SUPPORTED_LOCALES:
            reader.reasons.append(f"{folder}: the locale {locale} is not supported by Lex V2.")
            continue
        inside = [n[len(folder) :] for n in names if n.startswith(folder)]
        settings: Any = {}
        if "BotLocale.json" in inside:
            settings = reader.json(folder + "BotLocale.json") or {}
        intents, slot_types = set(), set()
        for path in inside:
            parts = path.split("/")
            if parts[0] == "Intents" and parts[-1] in ("Intent.json", "Slot.json"):
                reader.json(folder + path)
                if parts[-1] == "Intent.json" and len(parts) == 3:
                    intents.add(parts[1])
            elif parts[0] == "SlotTypes" and parts[-1] == "SlotType.json":
                reader.json(folder + path)
                slot_types.add(parts[1])
        vocabulary = None
        if "CustomVocabulary/CustomVocabulary.json" in inside:
            vocabulary = _vocabulary(reader, folder + "CustomVocabulary/CustomVocabulary.json")
        if not isinstance(settings, dict):
            settings = {}
        locales[locale] = LocaleContent(
            settings.get("name"),
            settings.get("description"),
            settings.get("voiceSettings"),
            settings.get("nluConfidenceThreshold"),
            frozenset(intents),
            frozenset(slot_types),
            vocabulary,
        )
    return locales


def _vocabulary(reader: _Reader, name: str) -> int | None:
    """The number of items of a custom vocabulary, or ``None`` (with a reason) if invalid."""
    document = reader.json(name)
    if document is None:
        return None
    items = document.get("customVocabularyItems") if isinstance(document, dict) else None
    if not isinstance(items, list):
        reader.reasons.append(f"{name}: the file holds no customVocabularyItems array.")
        return None
    for i, item in enumerate(items, start=1):
        phrase = item.get("phrase") if isinstance(item, dict) else None
        weight = item.get("weight") if isinstance(item, dict) else None
        if not isinstance(phrase, str) or not 1 <= len(phrase) <= MAX_PHRASE:
            reader.reasons.append(f"{name}: item {i} needs a phrase of 1 to 100 characters.")
            return None
        if weight is not None and (not isinstance(weight, int) or not 0 <= weight <= 3):
            reader.reasons.append(f"{name}: item {i} has a weight outside 0 to 3.")
            return None
    return len(items)
