"""The shop's settings, and when a new time zone takes effect.

A shop's time zone draws every day boundary: expiry, birthdays, the daily jobs,
analytics days and each screen's "today". Changing it in the middle of a day
would cut that day short or stretch it, so a shop that already has programs
keeps its old zone until the end of its current day (the next local midnight in
the old zone); the first unit of work after that moment switches over, and
rebuilds the expiry calendar, whose days are the shop's days. Days are never
run twice: the daily job remembers the last day it ran, a birthday bonus is
once per member and year, and a day's snapshot is taken once.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from ..domain.countries import is_country, is_locale, paper_for
from ..domain.permissions import Permission
from ..domain.vocabulary import WebShop
from ..errors import ValidationError
from ..models import Program, Shop
from ..models.shop import PAPER_SIZES, SMTP_SECURITY
from . import dto, rollups, webhooks
from .changes import record_change
from .clock import end_cutoff, local_date, zone
from .contacts import normalize_email
from .programs import get_program
from .uow import Ctx
from .validation import as_bool, as_currency, as_decimal, as_int, as_optional_id, as_text, check_mapping

MAX_LOGO_BYTES = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _name(value: object) -> str:
    return as_text(value, "shop_name", max_len=120) or ""


def _time_zone(value: object) -> str:
    name = as_text(value, "timezone", max_len=64) or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"Unknown time zone {name!r}: use a name such as Europe/Paris",
                              field="timezone") from exc
    return name


def _phone_region(value: object) -> str:
    # Imported when a region is given, not at every start (services/contacts.py).
    import phonenumbers

    region = (as_text(value, "phone_region", max_len=2) or "").upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(f"Unknown phone region {region!r}: use a country code such as FR", field="phone_region")
    return region


def _country(value: object) -> str | None:
    code = as_text(value, "country", max_len=2, required=False)
    if code is not None and not is_country(code.upper()):
        raise ValidationError(f"Unknown country {code!r}: use a two-letter code such as FR", field="country")
    return code.upper() if code else None


def _locale(value: object) -> str | None:
    name = as_text(value, "locale", max_len=16, required=False)
    if name is not None and not is_locale(name):
        raise ValidationError(f"Unknown number and date format {name!r}: use a locale such as fr_FR", field="locale")
    return name


def _paper(value: object) -> str:
    if value not in PAPER_SIZES:
        raise ValidationError(f"The paper size must be {' or '.join(PAPER_SIZES)}", field="paper_size")
    return str(value)


def _logo(value: object) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, bytes | bytearray) or not bytes(value).startswith(PNG_SIGNATURE):
        raise ValidationError("The logo must be a PNG image", field="logo_png")
    if len(value) > MAX_LOGO_BYTES:
        raise ValidationError(f"The logo is larger than {MAX_LOGO_BYTES // 1024} KB; use a smaller image",
                              field="logo_png")
    return bytes(value)


def _smtp_host(value: object) -> str | None:
    host = as_text(value, "smtp_host", max_len=253, required=False)
    if host is not None and (any(c.isspace() or c in "/@:" for c in host.strip()) or not host.strip()):
        raise ValidationError("The mail server is a host name such as smtp.example.com", field="smtp_host")
    return host.strip() if host else None


def _address(field: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        try:
            return normalize_email(value)
        except ValidationError as exc:
            raise ValidationError(str(exc), field=field) from exc
    return check


def _security(value: object) -> str:
    if value not in SMTP_SECURITY:
        raise ValidationError(f"The mail server security must be {', '.join(SMTP_SECURITY)}", field="smtp_security")
    return str(value)


def _base_url(value: object) -> str | None:
    """Where members reach the HTTP API, as http(s)://host[:port][/path]: no query, no fragment,
    no user or password; stored without a trailing slash. Blank: none."""
    text = as_text(value, "unsubscribe_base_url", max_len=250, required=False)
    if text is None:
        return None
    parts = urlsplit(text)
    try:
        parts.port        # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or parts.password or any(c.isspace() for c in text):
        raise ValidationError("The unsubscribe address must be an http:// or https:// address such as "
                              "https://shop.example.com:8731, without ? or #", field="unsubscribe_base_url")
    return text.rstrip("/")


# Each setting and the check that turns what was sent into what is stored.
SETTINGS: dict[str, Callable[[object], Any]] = {
    "shop_name": _name,
    "currency": as_currency,
    "timezone": _time_zone,
    "phone_region": _phone_region,
    "address": lambda value: as_text(value, "address", max_len=500, required=False) or "",
    "country": _country,
    "locale": _locale,
    "receipt_footer": lambda value: as_text(value, "receipt_footer", max_len=300, required=False) or "",
    "paper_size": _paper,
    "logo_png": _logo,
    # Staff limits (README, "Limits and approvals").
    "approval_threshold_points": lambda value: as_int(value, "approval_threshold_points", minimum=0),
    "cashier_daily_adjustment_cap": lambda value: as_int(value, "cashier_daily_adjustment_cap", minimum=0),
    "return_approval_amount": lambda value: as_decimal(value, "return_approval_amount"),
    "auto_lock_minutes": lambda value: as_int(value, "auto_lock_minutes", minimum=1, maximum=240),
    # The HTTP API (README, "HTTP API"): members one key may enroll per minute.
    "api_enrollments_per_minute": lambda value: as_int(value, "api_enrollments_per_minute", minimum=1,
                                                       maximum=10_000),
    # Web shops' webhooks (README, "Web shops"): the owner's, as the API's keys are.
    "webhook_auto_enroll": lambda value: as_bool(value, "webhook_auto_enroll"),
    "webhook_program_id": lambda value: as_optional_id(value, "program"),
    **{name: webhooks.check_secret for name in webhooks.SECRET_SETTINGS},
    # The mail server of the outbox (README, "Messages"); its password is in the keyring, never here.
    "smtp_host": _smtp_host,
    "smtp_port": lambda value: None if value is None else as_int(value, "smtp_port", minimum=1, maximum=65535),
    "smtp_security": _security,
    "smtp_username": lambda value: as_text(value, "smtp_username", max_len=254, required=False),
    "smtp_from": _address("smtp_from"),
    "smtp_reply_to": _address("smtp_reply_to"),
    "smtp_allow_self_signed": lambda value: as_bool(value, "smtp_allow_self_signed"),
    "unsubscribe_base_url": _base_url,
}
# The settings of the web shops' integration: they need the permission the API's keys need.
INTEGRATION = frozenset({"webhook_auto_enroll", "webhook_program_id", *webhooks.SECRET_SETTINGS})


def to_dto(ctx: Ctx, shop: Shop, secrets: set[str] | None = None) -> dto.Shop:
    """The shop's DTO, saying which web shops' secrets are set (never the secrets);
    `secrets`: the providers with one, when read already."""
    if secrets is None:
        secrets = webhooks.providers_with_secrets(ctx, [shop.user_id])[shop.user_id]
    return dto.to_dto(dto.Shop, shop, shopify_webhook_secret_set=WebShop.SHOPIFY in secrets,
                      woocommerce_webhook_secret_set=WebShop.WOOCOMMERCE in secrets)


def save_shop(ctx: Ctx, data: Mapping[str, Any]) -> Shop:
    """Create or change the shop; every value is checked before any is stored."""
    check_mapping(data, SETTINGS, "shop")
    if INTEGRATION & set(data):
        ctx.acting.require(Permission.API_KEYS)
    values = {name: SETTINGS[name](value) for name, value in data.items()}
    secrets = {provider: values.pop(name) for name, provider in webhooks.SECRET_SETTINGS.items() if name in values}
    if values.get("webhook_program_id") is not None:
        get_program(ctx, values["webhook_program_id"])
    shop = ctx.session.get(Shop, ctx.user_id)
    if shop is None:
        if "shop_name" not in values:
            raise ValidationError("Enter the shop name", field="shop_name")
        shop = Shop(user_id=ctx.user_id, shop_name="", currency="USD", timezone="UTC", phone_region="US",
                    address="", receipt_footer="", created_at=ctx.now, webhook_auto_enroll=False)
        # Unless chosen, the paper is the one the shop's country prints on.
        shop.paper_size = paper_for(values.get("country") or values.get("phone_region") or "US")
        ctx.session.add(shop)
    if "timezone" in values:
        _change_time_zone(ctx, shop, values.pop("timezone"))
    for name, value in values.items():
        setattr(shop, name, value)
    ctx.session.flush()
    for provider, secret in secrets.items():
        webhooks.set_secret(ctx, provider, secret)
    record_change(ctx, "shop", shop.user_id, "changed", data)
    return shop


def _change_time_zone(ctx: Ctx, shop: Shop, name: str) -> None:
    has_days = ctx.session.scalar(select(Program.id).where(Program.user_id == shop.user_id).limit(1)) is not None
    if name == shop.timezone or not has_days:
        # Back to the zone in force cancels a waiting change; a shop without programs has no days to keep.
        shop.timezone, shop.next_timezone, shop.timezone_changes_at = name, None, None
        return
    old = zone(shop.timezone)
    shop.next_timezone = name
    shop.timezone_changes_at = end_cutoff(local_date(ctx.now, old), old)


def switch_due_time_zone(ctx: Ctx, shop: Shop | None = None) -> bool:
    """Put a waiting time zone in force once its moment has come; True when it did."""
    shop = shop or ctx.shop
    if shop is None or shop.next_timezone is None or shop.zone_name_at(ctx.now) != shop.next_timezone:
        return False
    shop.timezone, shop.next_timezone, shop.timezone_changes_at = shop.next_timezone, None, None
    ctx.session.flush()
    ctx.forget_zone()
    for program_id in ctx.session.scalars(select(Program.id).where(Program.user_id == shop.user_id)).all():
        rollups.rebuild(ctx, program_id)
    return True
