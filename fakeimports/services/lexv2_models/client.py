"""``FakeLexModelsV2``: Lex V2 bot, locale, vocabulary and test-set imports, boto3-shaped.

Behaviour AWS leaves open, as decided here (see also ``models.py``):

* An ``importId`` from ``create_upload_url`` can be started once, at any time; an id never
  handed out -> ``ResourceNotFoundException``; an id already started -> ``ConflictException``.
* ``resourceSpecification`` must hold exactly one specification, and ``Append`` is for bot
  locales only (``ValidationException``). A bot locale or custom vocabulary import needs a
  bot this fake knows (imported, or added with ``control.add_bot``), else
  ``ResourceNotFoundException``.
* A custom vocabulary import into a locale its bot does not have ends ``Failed`` with a reason
  naming the bot and locale. A bot's locales are known when a test declared the bot
  (``control.add_bot(name, locales=...)``) plus the bot locales imported since; a bot imported
  whole, whose archive the fake has not read, may hold any locale.
* ``FailOnConflict`` onto an existing resource -> the import ends ``Failed`` with a reason;
  ``Overwrite`` replaces it and keeps its id; ``Append`` adds to a bot locale.
* ``delete_import`` of an unknown, expired or deleted import, or of one ``InProgress``
  -> ``PreconditionFailedException`` (412).
* ``list_imports``: ``botId`` and ``botVersion`` go together and ``localeId`` needs ``botId``
  (``ValidationException``); sorted by ``lastUpdatedDateTime`` (``Descending`` by default),
  then the order the imports were started; 1000 a page by default. The order is kept by a
  ``TimedIndex`` that re-keys an import only when its status changes or it expires, so a page
  costs O(page + log n) unfiltered.
* An import is ``InProgress`` for 1 minute (``durations=``), then ``Completed`` (or ``Failed``).
* Imports are kept for 7 days after their last update (``lastUpdatedDateTime``,
  ``retention=``); after that, or 5 seconds after ``delete_import`` (status ``Deleting``),
  they are gone.
* ``importedResourceId``/``importedResourceName`` are known once the import has completed:
  the bot's id and name, the bot's id and the locale for a bot locale or custom vocabulary,
  the test set's id and name.
* A resource counts as existing from the moment an import that creates it starts, so a second
  ``FailOnConflict`` import of it fails even while the first one runs.
* An empty ``nextToken`` reads as none (the first page), as in every fake.
* Ids are 10 upper-case letters and digits, as every real Lex id seen.
* A ``localeId`` (in an import specification or ``list_imports``) outside the locales Lex V2
  documents, or a ``list_imports`` filter value that no resource type (``Bot``,
  ``BotLocale``, ``CustomVocabulary``, ``TestSet``) equals (``EQ``) or contains (``CO``)
  -> ``ValidationException``.
* A list walk (``nextToken``) pages through the order its first page saw: every import listed
  when the walk began, and still kept, is returned exactly once however the clock moves
  between pages (AWS documents nothing; this is the least surprising reading).

Imports that read their archive (uploaded with an HTTP PUT to ``uploadUrl`` inside a
``mock_imports()`` block, or handed over with ``control.upload``):

* The upload URL takes a PUT for five minutes of the fake's clock (then 403
  ``AccessDenied`` "Request has expired", as S3 answers); a URL never issued gets 403
  ``SignatureDoesNotMatch``. The last upload before ``start_import`` is the one read.
* No upload: the scripted or default outcome; with ``require_sources=True`` the import starts
  and ends ``Failed`` ("No .zip archive was uploaded ..."), like every problem with the data.
  A script wins over the archive. A test set reads its CSV from ``importInputLocation`` in
  ``objects`` (or moto's S3): missing (strict) or not CSV -> ``Failed``.
* The manifest is ``manifest.json`` or ``Manifest.json`` at the root, ``metadata`` or
  ``metaData``, ``resourceType`` in any case, with or without ``_`` (``Bot``, ``BOT``,
  ``BOT_LOCALE``, ...), ``fileFormat`` ``LexJson``; its type must be the specification's.
  ``<BotName>/Bot.json`` holds the bot; ``BotLocales/<locale>/`` each locale: its
  ``BotLocale.json``, ``Intents/<name>/Intent.json`` (and ``Slots/<name>/Slot.json``),
  ``SlotTypes/<name>/SlotType.json``, ``CustomVocabulary/CustomVocabulary.json`` (items with a
  phrase of 1 to 100 characters and a weight of 0 to 3). Every file must be JSON.
* A password-protected archive (traditional zip encryption, what "standard .zip" protection
  writes) needs ``filePassword``. Everything wrong ends the import ``Failed`` with one reason
  per problem, each naming its file: not a zip, no manifest, wrong type, invalid JSON, a
  locale Lex V2 doesn't support, a missing or wrong password.
* What completes: a bot import creates or replaces the bot (name, role, data privacy, error
  logs from the request; description from ``Bot.json``; idle session TTL from the request,
  else ``Bot.json``, else 300 s) and its locales become the archive's; a bot locale import
  writes the archive's locale under the specification's ``localeId`` (the request's voice and
  confidence threshold first), ``Append`` adding its intents and slot types to the locale's;
  a custom vocabulary import sets the locale's vocabulary. While the import runs the bot and
  the locale read ``Importing``, then ``Available`` and ``NotBuilt`` (ready to build).
  ``localeName`` is ``BotLocale.json``'s ``name``, else the locale id. ``intentsCount`` and
  ``slotTypesCount`` count the archive's folders.
* ``list_bots`` sorts by name (``Ascending`` by default); ``list_bot_locales`` by locale
  name, and an unknown bot lists none (the operation models no not-found). Only ``DRAFT``
  versions exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ...core.clock import local
from ...core.errors import AwsError
from ...core.pagination import SortedIndex, TimedIndex, ms
from ...core.resources import ResourceTable
from ...core.service import (
    Controls,
    FakeOptions,
    FakeService,
    ServiceModel,
    locked,
    operation,
    weakly,
)
from ...core.shapes import copy_data
from . import shapes
from .control import LexControl
from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_RETENTION,
    DELETION_DELAY,
    ID_ALPHABET,
    IMPORT_LIFECYCLE,
    LOCALE_SCOPED,
    RESOURCE_TYPES,
    SUPPORTED_LOCALES,
    Bot,
    BotLocale,
    LexImport,
    LexOutcome,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .archive import Archive, LocaleContent


def _gone() -> AwsError:
    return AwsError(
        "PreconditionFailedException", "Failed to retrieve resource since it does not exist"
    )


UPLOAD_URL_LIFETIME = timedelta(minutes=5)  # documented
DEFAULT_IDLE_TTL = 300  # documented: used when neither the request nor the archive sets it
DEFAULT_CONFIDENCE = 0.4


def _locale(
    locale_id: str,
    content: LocaleContent | None,
    now: datetime,
    writer: LexImport | None,
    spec: Mapping[str, Any] | None = None,
) -> BotLocale:
    """A locale as an import writes it: the archive's content, the request's settings first."""
    spec = spec or {}
    voice = spec.get("voiceSettings") or (None if content is None else content.voice)
    threshold = spec.get(
        "nluIntentConfidenceThreshold", None if content is None else content.threshold
    )
    return BotLocale(
        locale_id,
        (content.name if content is not None and content.name else None) or locale_id,
        None if content is None else content.description,
        None if voice is None else dict(voice),
        threshold if isinstance(threshold, (int, float)) else DEFAULT_CONFIDENCE,
        set() if content is None else set(content.intents),
        set() if content is None else set(content.slot_types),
        None if content is None else content.vocabulary,
        now,
        now,
        writer,
    )


def _empty_locale(locale_id: str, now: datetime) -> BotLocale:
    return _locale(locale_id, None, now, None)


def _pick(archive: Archive, locale_id: str) -> LocaleContent | None:
    """The locale an import specification's ``localeId`` takes from the archive: the folder
    of that name, else the archive's first (a locale can be imported under another id)."""
    found = archive.locales.get(locale_id)
    if found is None and archive.locales:
        found = next(iter(archive.locales.values()))
    return found


def _check_locale(locale: str | None) -> None:
    if locale is not None and locale not in SUPPORTED_LOCALES:
        raise _invalid(f"{locale} is not a locale that Amazon Lex V2 supports.")


MODEL = ServiceModel(
    name="lexv2-models",
    content_type="application/json",
    errors=shapes.ERRORS,
    validation_code="ValidationException",
    invalid_token_code="ValidationException",
    invalid_token_message="Invalid nextToken.",
    durations=DEFAULT_DURATIONS,
    waiters=shapes.WAITERS,
    rest=True,
)
_invalid = MODEL.invalid


class FakeLexModelsV2(FakeService):
    """In-memory Lex V2 imports, a drop-in for ``boto3.client("lexv2-models")``.

    >>> from datetime import datetime, timezone
    >>> from fakeimports import FakeLexModelsV2, ManualClock
    >>> clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    >>> lex = FakeLexModelsV2(clock=clock)
    >>> import_id = lex.create_upload_url()["importId"]
    >>> spec = {"botImportSpecification": {
    ...     "botName": "OrderFlowers", "dataPrivacy": {"childDirected": False},
    ...     "roleArn": "arn:aws:iam::123456789012:role/LexRole"}}
    >>> lex.start_import(importId=import_id, resourceSpecification=spec,
    ...                  mergeStrategy="FailOnConflict")["importStatus"]
    'InProgress'
    >>> lex.get_waiter("bot_import_completed").wait(importId=import_id)  # instant: clock sleeps
    >>> lex.describe_import(importId=import_id)["importStatus"]
    'Completed'

    ``retention`` (default 7 days) is how long an import stays after its last update.
    """

    model = MODEL
    lifecycle = IMPORT_LIFECYCLE
    control = Controls(LexControl)
    _table: ResourceTable[LexImport]

    def __init__(
        self, *, retention: timedelta = DEFAULT_RETENTION, **options: Unpack[FakeOptions]
    ) -> None:
        """Takes the common options (``clock``, ``region_name``, …) and ``retention``."""
        self.retention = retention
        super().__init__(**options)

    def _reset_state(self) -> None:
        self._uploads: dict[str, datetime] = {}
        self._listing: TimedIndex[LexImport] = TimedIndex(
            weakly(self._list_key), weakly(self._key_changes)
        )
        self._bots: dict[str, str] = {}  # bot name -> bot id (the index of _bot_records)
        # bots whose locales the fake knows (declared by a test); a bot imported whole with no
        # archive read may hold any locale
        self._known_locales: set[str] = set()
        self._test_sets: dict[str, str] = {}  # test set name -> id
        self._archives: dict[str, bytes] = {}  # importId -> the .zip uploaded for it
        self._bot_records: dict[str, Bot] = {}  # bot id -> what describe_bot shows

    def _default_outcome(self) -> LexOutcome:
        return self._plain(lambda durations: LexOutcome("Completed", (), durations))

    def _list_key(self, imp: LexImport, now: datetime) -> tuple[int, int] | None:
        """Where ``imp`` sorts at ``now`` (last update, start order); ``None`` once gone."""
        if not imp.visible(now, self.retention):
            return None
        return ms(imp.timeline.changed_at(now)), self._table.key(imp.import_id)[1]

    def _key_changes(self, imp: LexImport, now: datetime) -> datetime | None:
        """The next moment ``imp`` moves in the list: its next status, or its expiry.

        An import past its retention is unlisted until its next status change (if its plan
        has one), which makes it current again: the list agrees with ``describe_import``.
        """
        since, status = imp.timeline.current(now)
        expiry = since + (DELETION_DELAY if status == "Deleting" else self.retention)
        step = imp.timeline.next_change(now)
        if expiry <= now:
            return step
        return expiry if step is None else min(step, expiry)

    def _new_id(self) -> str:
        return self._token(ID_ALPHABET, 10)

    # --- the control's levers ----------------------------------------------------------------

    @locked
    def _add_bot(self, name: str, locales: tuple[str, ...]) -> str:
        if name not in self._bots:
            self._bots[name] = self._new_id()
        bot_id = self._bots[name]
        self._known_locales.add(bot_id)
        now = self._now()
        bot = self._bot_records.get(bot_id)
        if bot is None:
            bot = self._bot_records[bot_id] = Bot(
                bot_id, name, None, None, None, DEFAULT_IDLE_TTL, None, now, now
            )
        for locale in locales:
            bot.locales.setdefault(locale, _empty_locale(locale, now))
        return bot_id

    @locked
    def _receive_upload(self, import_id: str, data: bytes) -> tuple[int, str, str]:
        """An HTTP PUT of an archive to the upload URL of ``import_id``: what S3 answers
        (status, error code, message); the bytes are kept for ``start_import``."""
        issued = self._uploads.get(import_id)
        if issued is None:
            return (
                403,
                "SignatureDoesNotMatch",
                ("The request signature we calculated does not match the signature you provided."),
            )
        if self._now() >= issued + UPLOAD_URL_LIFETIME:
            return 403, "AccessDenied", "Request has expired"
        self._archives[import_id] = bytes(data)
        return 200, "", ""

    def _forced(self, resource: LexImport, resource_id: str, now: datetime, status: str) -> None:
        super()._forced(resource, resource_id, now, status)
        self._listing.touch(resource, now)  # its place in the list moves with it

    @operation(shapes.CREATE_UPLOAD_URL)
    def create_upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        """A new ``importId`` and a pre-signed S3 PUT URL valid for five minutes."""
        now = self._now()
        import_id = self._new_id()
        self._uploads[import_id] = now
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        import hashlib

        signature = hashlib.sha256(f"{import_id}{stamp}".encode()).hexdigest()
        url = (
            f"https://lex-import-{self.region_name}.s3.{self.region_name}.amazonaws.com/"
            f"{self.account_id}/{import_id}?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            f"&X-Amz-Credential=ASIAFAKEIMPORTS%2F{stamp[:8]}%2F{self.region_name}%2Fs3%2Faws4_request"
            f"&X-Amz-Date={stamp}&X-Amz-Expires=300&X-Amz-SignedHeaders=host"
            f"&X-Amz-Signature={signature}"
        )
        return {"importId": import_id, "uploadUrl": url}

    # --- start ------------------------------------------------------------------------------

    @operation(shapes.START_IMPORT)
    def start_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Import an uploaded bot, bot locale, custom vocabulary or test set."""
        import_id = params["importId"]
        spec_all = params["resourceSpecification"]
        if len(spec_all) != 1:
            raise _invalid(
                "resourceSpecification must contain exactly one of botImportSpecification, "
                "botLocaleImportSpecification, customVocabularyImportSpecification and "
                "testSetImportResourceSpecification."
            )
        ((spec_name, spec),) = spec_all.items()
        _check_locale(spec.get("localeId"))
        resource_type = shapes.SPEC_TYPES[spec_name]
        merge = params["mergeStrategy"]
        if merge == "Append" and resource_type != "BotLocale":
            raise _invalid("The Append merge strategy is only available for bot locale imports.")
        if import_id not in self._uploads:
            raise AwsError(
                "ResourceNotFoundException",
                f"Could not find an upload for importId {import_id}. Call CreateUploadUrl first.",
            )
        if import_id in self._table:
            raise AwsError("ConflictException", f"The import {import_id} has already been started.")
        bot_id = spec.get("botId")
        if bot_id is not None and bot_id not in self._bot_records:
            raise AwsError("ResourceNotFoundException", f"Could not find bot {bot_id}.")
        now = self._now()
        scripted = bool(self._outcomes)
        outcome = self._next_outcome()
        archive = None
        if not scripted:
            archive, outcome = self._read_upload(import_id, resource_type, params, outcome)
        exists, resource_id, resource_name, bot_id = self._target(resource_type, spec)
        if exists and merge == "FailOnConflict":
            outcome = outcome.failed(
                f"The {resource_type} {resource_name} already exists and the merge strategy "
                "is FailOnConflict."
            )
        elif resource_type == "CustomVocabulary" and self._lacks_locale(spec):
            outcome = outcome.failed(
                f"The bot {spec['botId']} has no locale {spec['localeId']}: import or create "
                "the locale before its custom vocabulary."
            )
        if outcome.status == "Completed":
            self._claim(resource_type, spec, resource_id)
        imp = LexImport(
            import_id=import_id,
            spec_name=spec_name,
            spec=spec,
            resource_type=resource_type,
            merge_strategy=merge,
            created=now,
            timeline=IMPORT_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
            resource_id=resource_id,
            resource_name=resource_name,
            bot_id=bot_id,
            locale_id=spec.get("localeId"),
        )
        self._table.add(import_id, now, imp)
        self._listing.add(imp, now)
        if outcome.status == "Completed":
            self._write_records(imp, archive, now)
        return {
            "importId": import_id,
            "resourceSpecification": {spec_name: copy_data(spec)},
            "mergeStrategy": merge,
            "importStatus": imp.timeline.status(now),
            "creationDateTime": local(now),
        }

    def _read_upload(
        self, import_id: str, resource_type: str, params: Mapping[str, Any], outcome: LexOutcome
    ) -> tuple[Archive | None, LexOutcome]:
        """The uploaded archive (or the test set's CSV) read: its content, or the outcome
        ``Failed`` with every reason it can't be imported."""
        from ...core.records import MalformedData, csv_records
        from .archive import read_archive

        if resource_type == "TestSet":
            location = params["resourceSpecification"]["testSetImportResourceSpecification"][
                "importInputLocation"
            ]
            url = f"s3://{location['s3BucketName']}/{location['s3Path']}"
            data = self.objects.read(url, self.account_id)
            if data is None:
                if self.require_sources:
                    return None, outcome.failed(f"The test set file {url} was not found.")
                return None, outcome
            try:
                list(csv_records(data))
            except MalformedData as err:
                return None, outcome.failed(f"The test set file {url} can't be read: {err}")
            return None, outcome
        data = self._archives.get(import_id)
        if data is None:
            if self.require_sources:
                return None, outcome.failed(
                    f"No .zip archive was uploaded for import {import_id}: upload it to the "
                    "uploadUrl from CreateUploadUrl before StartImport."
                )
            return None, outcome
        read = read_archive(data, params.get("filePassword"), resource_type)
        if isinstance(read, list):
            for reason in read:
                outcome = outcome.failed(reason)
            return None, outcome
        return read, outcome

    def _write_records(self, imp: LexImport, archive: Archive | None, now: datetime) -> None:
        """What a completing import creates or changes: bots and their locales (shown as
        ``Importing`` while it runs)."""
        spec = imp.spec
        if imp.resource_type == "Bot":
            assert imp.resource_id is not None
            bot = self._bot_records.get(imp.resource_id)
            content = {} if archive is None else archive.bot
            ttl = spec.get("idleSessionTTLInSeconds", content.get("idleSessionTTLInSeconds"))
            fresh = Bot(
                imp.resource_id,
                spec["botName"],
                content.get("description"),
                spec["roleArn"],
                dict(spec["dataPrivacy"]),
                ttl if isinstance(ttl, int) else DEFAULT_IDLE_TTL,
                copy_data(spec.get("errorLogSettings")),
                now if bot is None else bot.created,
                now,
                {} if bot is None else bot.locales,
                imp,
            )
            if archive is not None:  # the archive's locales replace the bot's
                fresh.locales = {
                    locale: _locale(locale, content_, now, imp)
                    for locale, content_ in archive.locales.items()
                }
                self._known_locales.add(fresh.bot_id)
            self._bot_records[fresh.bot_id] = fresh
            return
        bot = self._bot_records.get(imp.bot_id or "")
        if bot is None:
            return  # a test set
        locale_id = spec["localeId"]
        found = None if archive is None else _pick(archive, locale_id)
        existing = bot.locales.get(locale_id)
        if imp.resource_type == "CustomVocabulary":
            if existing is None:  # a bot imported whole, unread, may hold any locale
                existing = bot.locales[locale_id] = _empty_locale(locale_id, now)
            existing.vocabulary = 0 if found is None else (found.vocabulary or 0)
            existing.updated, existing.writer = now, imp
            return
        made = _locale(locale_id, found, now, imp, spec)
        if existing is not None:
            made.created = existing.created
            if imp.merge_strategy == "Append":
                made.intents |= existing.intents
                made.slot_types |= existing.slot_types
        bot.locales[locale_id] = made
        bot.updated = now

    def _target(
        self, resource_type: str, spec: Mapping[str, Any]
    ) -> tuple[bool, str, str, str | None]:
        """Whether the import's resource exists, and its id, name and bot."""
        if resource_type == "Bot":
            name = spec["botName"]
            existing = self._bots.get(name)
            bot_id = existing or self._new_id()
            return existing is not None, bot_id, name, bot_id
        if resource_type == "TestSet":
            name = spec["testSetName"]
            found = self._test_sets.get(name)
            return found is not None, found or self._new_id(), name, None
        locale = self._bot_records[spec["botId"]].locales.get(spec["localeId"])
        exists = locale is not None and (
            resource_type == "BotLocale" or locale.vocabulary is not None
        )
        return exists, spec["botId"], spec["localeId"], spec["botId"]

    def _lacks_locale(self, spec: Mapping[str, Any]) -> bool:
        bot_id, locale = spec["botId"], spec["localeId"]
        return bot_id in self._known_locales and locale not in self._bot_records[bot_id].locales

    def _claim(self, resource_type: str, spec: Mapping[str, Any], resource_id: str) -> None:
        """Name a bot or test set from now on (locales and vocabularies live in the bot's
        record, written by ``_write_records``)."""
        if resource_type == "Bot":
            self._bots[spec["botName"]] = resource_id
        elif resource_type == "TestSet":
            self._test_sets[spec["testSetName"]] = resource_id

    # --- read, delete -----------------------------------------------------------------------

    def _live(self, import_id: str, now: datetime) -> LexImport | None:
        imp = self._table.get(import_id)
        return imp if imp is not None and imp.visible(now, self.retention) else None

    @operation(shapes.DESCRIBE_IMPORT)
    def describe_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe an import until it expires (7 days after its last update) or is deleted."""
        now = self._now()
        imp = self._live(params["importId"], now)
        if imp is None:
            raise AwsError(
                "ResourceNotFoundException",
                f"Could not find import {params['importId']}. It may have expired or been deleted.",
            )
        status = imp.timeline.status(now)
        view: dict[str, Any] = {
            "importId": imp.import_id,
            "resourceSpecification": {imp.spec_name: copy_data(imp.spec)},
        }
        if imp.resource_known(now):
            view["importedResourceId"] = imp.resource_id
            view["importedResourceName"] = imp.resource_name
        view["mergeStrategy"] = imp.merge_strategy
        view["importStatus"] = status
        if status == "Failed" or (status == "Deleting" and not imp.resource_known(now)):
            view["failureReasons"] = list(imp.outcome.failure_reasons)
        view["creationDateTime"] = local(imp.created)
        view["lastUpdatedDateTime"] = local(imp.timeline.changed_at(now))
        return view

    @operation(shapes.DELETE_IMPORT)
    def delete_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a finished import: it reads ``Deleting``, then is gone."""
        now = self._now()
        imp = self._live(params["importId"], now)
        if imp is None or imp.timeline.status(now) == "Deleting":
            raise _gone()
        if imp.timeline.status(now) == "InProgress":
            raise AwsError(
                "PreconditionFailedException",
                f"The import {imp.import_id} is still in progress and cannot be deleted.",
            )
        imp.timeline.force(imp.import_id, now, "Deleting")
        self._listing.touch(imp, now)
        return {"importId": imp.import_id, "importStatus": "Deleting"}

    # --- list -------------------------------------------------------------------------------

    @operation(shapes.LIST_IMPORTS)
    def list_imports(self, params: dict[str, Any]) -> dict[str, Any]:
        """List imports by last update (newest first by default), optionally filtered."""
        bot_id, version, locale = (params.get(k) for k in ("botId", "botVersion", "localeId"))
        if (bot_id is None) != (version is None):
            raise _invalid("botId and botVersion must be specified together.")
        if locale is not None and bot_id is None:
            raise _invalid("localeId can only be specified together with botId.")
        _check_locale(locale)
        for wanted_filter in params.get("filters", []):
            value = wanted_filter["values"][0]
            if not any(_matches(kind, wanted_filter) for kind in RESOURCE_TYPES):
                raise _invalid(
                    f"{value} is not a valid ImportResourceType filter value; "
                    f"valid values: {', '.join(RESOURCE_TYPES)}."
                )
        sort = params.get("sortBy", {"attribute": "LastUpdatedDateTime", "order": "Descending"})
        descending = sort["order"] == "Descending"
        wanted = params.get("filters", [None])[0]
        now = self._now()

        def keep(imp: LexImport) -> bool:
            if bot_id is not None and imp.bot_id != bot_id:
                return False
            if locale is not None and (
                imp.resource_type not in LOCALE_SCOPED or imp.locale_id != locale
            ):
                return False
            return wanted is None or _matches(imp.resource_type, wanted)

        filtered = bot_id is not None or wanted is not None
        out = self._list(
            shapes.LIST_IMPORTS,
            params,
            self._listing.at(now),
            LexImport.summary,
            keep=keep if filtered else None,
            reverse=descending,
            as_of=self._listing.as_of,
            now=now,
        )
        for key in ("botId", "botVersion", "localeId"):
            if params.get(key) is not None:
                out[key] = params[key]
        return out

    # --- what imports created: bots and their locales -----------------------------------------

    def _bot(self, bot_id: str) -> Bot:
        bot = self._bot_records.get(bot_id)
        if bot is None:
            raise AwsError("ResourceNotFoundException", f"Could not find bot {bot_id}.")
        return bot

    @operation(shapes.DESCRIBE_BOT)
    def describe_bot(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a bot: ``Importing`` while an import writes it, then ``Available``."""
        bot = self._bot(params["botId"])
        now = self._now()
        return _present(
            botId=bot.bot_id,
            botName=bot.name,
            description=bot.description,
            roleArn=bot.role_arn,
            dataPrivacy=copy_data(bot.data_privacy),
            idleSessionTTLInSeconds=bot.idle_ttl,
            botStatus=bot.status(now),
            creationDateTime=local(bot.created),
            lastUpdatedDateTime=local(bot.updated),
            botType="Bot",
            errorLogSettings=copy_data(bot.error_logs),
        )

    @operation(shapes.LIST_BOTS)
    def list_bots(self, params: dict[str, Any]) -> dict[str, Any]:
        """List bots by name (``Ascending`` by default), optionally filtered."""
        now = self._now()
        filters = params.get("filters", [])

        def keep(bot: Bot) -> bool:
            return all(_matches(bot.name if f["name"] == "BotName" else "Bot", f) for f in filters)

        def render(bot: Bot) -> dict[str, Any]:
            return _present(
                botId=bot.bot_id,
                botName=bot.name,
                description=bot.description,
                botStatus=bot.status(now),
                lastUpdatedDateTime=local(bot.updated),
                botType="Bot",
            )

        index: SortedIndex[Bot] = SortedIndex.of(
            [((bot.name, bot.bot_id), bot) for bot in self._bot_records.values()]
        )
        descending = params.get("sortBy", {}).get("order") == "Descending"
        return self._list(
            shapes.LIST_BOTS,
            params,
            index,
            render,
            keep=keep if filters else None,
            reverse=descending,
        )

    def _bot_locale(self, params: Mapping[str, Any]) -> tuple[Bot, BotLocale]:
        bot = self._bot(params["botId"])
        locale = bot.locales.get(params["localeId"]) if params["botVersion"] == "DRAFT" else None
        if locale is None:
            raise AwsError(
                "ResourceNotFoundException",
                f"Could not find locale {params['localeId']} of bot {bot.bot_id} version "
                f"{params['botVersion']}.",
            )
        return bot, locale

    @operation(shapes.DESCRIBE_BOT_LOCALE)
    def describe_bot_locale(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a locale of a bot's ``DRAFT``: ``NotBuilt`` once imported (ready to build)."""
        bot, locale = self._bot_locale(params)
        now = self._now()
        return _present(
            botId=bot.bot_id,
            botVersion="DRAFT",
            localeId=locale.locale_id,
            localeName=locale.name,
            description=locale.description,
            nluIntentConfidenceThreshold=locale.threshold,
            voiceSettings=copy_data(locale.voice),
            intentsCount=len(locale.intents),
            slotTypesCount=len(locale.slot_types),
            botLocaleStatus=locale.status(now),
            creationDateTime=local(locale.created),
            lastUpdatedDateTime=local(locale.updated),
        )

    @operation(shapes.LIST_BOT_LOCALES)
    def list_bot_locales(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the locales of a bot's ``DRAFT`` by name; an unknown bot lists none."""
        now = self._now()
        bot = self._bot_records.get(params["botId"])
        locales = [] if bot is None or params["botVersion"] != "DRAFT" else bot.locales.values()
        filters = params.get("filters", [])

        def render(locale: BotLocale) -> dict[str, Any]:
            return _present(
                localeId=locale.locale_id,
                localeName=locale.name,
                description=locale.description,
                botLocaleStatus=locale.status(now),
                lastUpdatedDateTime=local(locale.updated),
            )

        index: SortedIndex[BotLocale] = SortedIndex.of(
            [((locale.name, locale.locale_id), locale) for locale in locales]
        )
        out = self._list(
            shapes.LIST_BOT_LOCALES,
            params,
            index,
            render,
            keep=(lambda locale: all(_matches(locale.name, f) for f in filters))
            if filters
            else None,
            reverse=params.get("sortBy", {}).get("order") == "Descending",
        )
        return {"botId": params["botId"], "botVersion": params["botVersion"], **out}


def _present(**members: Any) -> dict[str, Any]:
    """A response of the members that are set (AWS leaves unset ones out)."""
    return {name: value for name, value in members.items() if value is not None}


def _matches(value: str, wanted: Mapping[str, Any]) -> bool:
    """A Lex list filter on ``value``: ``EQ``, ``CO`` (contains) or ``NE``."""
    target: str = wanted["values"][0]
    operator: str = wanted["operator"]
    if operator == "CO":
        return target in value
    return (value == target) == (operator == "EQ")
