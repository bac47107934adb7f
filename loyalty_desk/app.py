"""Composition root: parse the command line, open the service, start what was asked for."""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import paths, redaction, shop_server
from .errors import DatabaseMissing, DatabaseRefused, LoyaltyError
from .version import app_version

if TYPE_CHECKING:
    from .services import LoyaltyService


class _Version(argparse.Action):
    """--version, the version read when asked: reading the package's metadata is 30 ms of every start."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"loyalty-desk {app_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-desk", description="Customer loyalty programs for small shops.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a throwaway database (no display needed), then exit")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: the file in the user data dir; "
                                               "or set LOYALTY_DESK_DATABASE_URL)")
    parser.add_argument("--user-id", help="the shop account to open")
    parser.add_argument("--create", action="store_true",
                        help="create a new database when --database-url names a missing or empty file")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo database in the user data dir (built on first use)")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo-data", help="fill a database with a realistic demo shop")
    demo.add_argument("--members", type=int, default=1000, help="how many members (default 1000)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for a repeatable shop")
    demo.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    jobs = sub.add_parser("run-jobs", help="run the daily jobs now (expiry, birthdays, tiers, snapshots)")
    check = sub.add_parser("check-ledger", help="verify every ledger rule and list any problem")
    export = sub.add_parser("export", help="write the shop's members, ledger or redemptions to a CSV file")
    export.add_argument("kind", choices=("members", "transactions", "redemptions"))
    export.add_argument("--program-id", type=int, help="only this program")
    export.add_argument("--output", required=True, help="the CSV file to write (readable by you only)")
    member_data = sub.add_parser("member-data", help="write everything held about one member to a JSON file")
    member_data.add_argument("--member-id", type=int, required=True)
    member_data.add_argument("--output", required=True, help="the JSON file to write (readable by you only)")
    for command in (export, member_data):
        command.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    imports = sub.add_parser("import", help="import data from a file")
    what = imports.add_subparsers(dest="what", required=True)
    members = what.add_parser("members", help="import members with their balances from a CSV file "
                                              "(refused rows go to FILE.errors.csv)")
    members.add_argument("file", help="the CSV file (UTF-8 or Windows-1252; comma, semicolon or tab)")
    members.add_argument("--program-id", type=int, required=True, help="the program the members join")
    members.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")
    members.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even if some are refused")
    backup = sub.add_parser("backup", help="copy the database while registers work, verify the copy, print its path")
    backup.add_argument("--output", help="the backup file, or a folder for a dated one "
                                         "(default: the backups folder in the user data dir)")
    restore = sub.add_parser("restore", help="replace the database by a backup (the current one is kept beside it)")
    restore.add_argument("path", help="the backup file")
    integrity = sub.add_parser("check-integrity", help="read the whole database file and report any damage")
    integrity.add_argument("--rebuild-indexes", action="store_true", help="rebuild the indexes (REINDEX) first")
    serve = sub.add_parser("serve", help="start the local HTTP API (README, \"HTTP API\") until SIGTERM or Ctrl+C")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this "
                                                           "computer only)")
    serve.add_argument("--port", type=int, default=8731, help="the port (default 8731)")
    api_key = sub.add_parser("api-key", help="create, list or revoke keys of the HTTP API")
    key_action = api_key.add_subparsers(dest="key_action", required=True)
    key_create = key_action.add_parser("create", help="a new key, printed once (only its hash is kept)")
    key_create.add_argument("--scope", choices=("read", "write"), required=True)
    key_create.add_argument("--name", help="what the key is for, e.g. \"web shop\"")
    key_action.add_parser("list", help="the shop's keys (never the keys themselves)")
    key_revoke = key_action.add_parser("revoke", help="refuse a key from now on")
    key_revoke.add_argument("key_id", type=int, metavar="ID")
    send = sub.add_parser("send-messages", help="send the emails due in the outbox over SMTP, then exit")
    smtp_password = sub.add_parser("smtp-password", help="keep the mail server's password in the OS keyring")
    password_action = smtp_password.add_subparsers(dest="password_action", required=True)
    password_action.add_parser("set", help="read the password from standard input and keep it in the keyring")
    for command in (send, *password_action.choices.values()):
        command.add_argument("--user-id", dest="sub_user_id", help="the shop account (send-messages: default, every "
                                                                   "shop with a mail server)")
    hook = sub.add_parser("webhook-secret", help="set or clear a web shop's webhook signing secret")
    hook_action = hook.add_subparsers(dest="hook_action", required=True)
    hook_set = hook_action.add_parser("set", help="the secret Shopify or WooCommerce signs its webhooks with")
    hook_set.add_argument("--provider", choices=("shopify", "woocommerce"), required=True)
    given = hook_set.add_mutually_exclusive_group(required=True)
    given.add_argument("--secret", help="the secret (an empty one clears it); --secret-from-stdin keeps it out "
                                        "of the shell's history")
    given.add_argument("--secret-from-stdin", action="store_true",
                       help="read the secret from standard input (the line after the PIN with --pin-from-stdin)")
    unmatched = sub.add_parser("unmatched-orders", help="the web orders no member took")
    unmatched_action = unmatched.add_subparsers(dest="unmatched_action", required=True)
    unmatched_list = unmatched_action.add_parser("list", help="the web orders waiting for a member, newest first")
    unmatched_list.add_argument("--status", choices=("open", "resolved", "dismissed"), default="open")
    for command in (serve, send, *key_action.choices.values(), *password_action.choices.values(), hook_set,
                    unmatched_list):
        command.add_argument("--database-url", dest="sub_database_url", help="SQLite or PostgreSQL URL")
    for command in (jobs, check, backup, restore, integrity, members):
        command.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
        command.add_argument("--create", dest="sub_create", action="store_true", help=argparse.SUPPRESS)
    # The commands a person answers for once the shop has staff (dataio/sign_in.py).
    for command in (export, member_data, members, backup, restore, *key_action.choices.values(), hook_set,
                    unmatched_list):
        command.add_argument("--user-id", dest="sub_user_id", help="the shop account")
        command.add_argument("--actor", help="your staff id or name, once the shop has staff accounts; "
                                             "your PIN is asked for")
        command.add_argument("--pin-from-stdin", action="store_true", help="read the PIN from standard input")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is not None or args.self_test:
        return _run(args)
    # The desktop: no garbage collection while it starts (the imports' full collections cost a
    # quarter of a second); it is switched on again once the window is up (freeze_startup_objects),
    # or here when the desktop ends without one.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    if args.self_test:      # before anything looks at the data folder or the display
        from . import self_test

        return self_test.run()
    paths.tighten_own_files()       # folders and files left 0755/0644 by older versions
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for handler in logging.getLogger().handlers:
        redaction.install(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command is None and (no_window := missing_display_support()):
        # Before any database is opened or created: a desktop that cannot show a window does nothing.
        print(f"loyalty-desk: {no_window}", file=sys.stderr)
        return 1
    url = getattr(args, "sub_database_url", None) or args.database_url
    if args.demo and not url:
        url = demo_database_url()
    server = None
    if not url:
        from .db.engine import ENV_VAR

        if not os.environ.get(ENV_VAR):
            server = shop_server.remembered()      # File ▸ Connect to shop server…, chosen before
            url = server.url() if server else None
    try:
        if args.command == "demo-data":
            from .demo import build_demo

            stats = build_demo(url, members=args.members, seed=args.seed, progress=_print_progress)
            print(f"\nDemo shop ready: {stats}")
            return 0
        from .dataio.sign_in import acting_staff
        from .db.engine import DESKTOP_BUSY_TIMEOUT_S, ENV_VAR
        from .services import restore_backup

        if args.command == "restore":
            restored = restore_backup(url, args.path, user_id=args.sub_user_id or args.user_id,
                                      actor=_restorer(url, args))
            print(f"Restored {restored.database} from {restored.restored_from}")
            if restored.kept_copy:
                print(f"The database as it was is kept at {restored.kept_copy}")
            return 0
        # The desktop fails a blocked call after 10 s with a Retry; batch commands wait longer.
        limit = DESKTOP_BUSY_TIMEOUT_S if args.command is None else None
        # A file named on the command line is created only when asked (--create); the default
        # database in the data folder is created on first start.
        create = (url is None and not os.environ.get(ENV_VAR)) or args.demo or args.create \
            or getattr(args, "sub_create", False)
        opened = _open_service(url, limit, create, desktop=args.command is None, server=server)
        if opened is None:
            return 2
        with opened as svc:
            if args.command == "backup":
                user = args.sub_user_id or args.user_id
                actor = acting_staff(svc, user, args.actor, args.pin_from_stdin, whole_database=True)
                made = svc.backup(args.output, user_id=user, actor=actor)
                print(made.path)
                return 0
            if args.command == "check-integrity":
                report = svc.rebuild_indexes() if args.rebuild_indexes else svc.check_integrity()
                for damage in report.problems:
                    print(damage)
                if report.indexes_only:
                    print("Only indexes are damaged: run `loyalty-desk check-integrity --rebuild-indexes`.")
                print("database file sound" if report.ok else f"{len(report.problems)} problem(s)")
                return 0 if report.ok else 1
            if args.command == "run-jobs":
                for shop in svc.list_shops():
                    print(shop.user_id, svc.run_daily_jobs(shop.user_id).as_dict())
                return 0
            if args.command == "import":
                from .dataio import member_import

                return member_import.run(
                    svc, user_id=args.sub_user_id or args.user_id, program_id=args.program_id, file=args.file,
                    dry_run=args.dry_run, skip_bad_rows=args.skip_bad_rows, actor=args.actor,
                    pin_from_stdin=args.pin_from_stdin)
            if args.command == "check-ledger":
                problems = svc.check_ledger(args.user_id)
                for problem in problems:
                    print(problem)
                print("ledger healthy" if not problems else f"{len(problems)} problem(s)")
                return 0 if not problems else 1
            if args.command in ("export", "member-data"):
                return _export(svc, args)
            if args.command == "api-key":
                return _api_key(svc, args)
            if args.command in ("send-messages", "smtp-password"):
                return _messages(svc, args)
            if args.command in ("webhook-secret", "unmatched-orders"):
                return _web_shops(svc, args)
            if args.command == "serve":
                from .api import serve

                return serve(svc, host=args.host, port=args.port)
            return _start_desktop(svc, args)
    except LoyaltyError as exc:
        print(f"loyalty-desk: {exc}", file=sys.stderr)
        if args.command is None:
            _desktop_refusal(str(exc))
        return 2


def _open_service(url: str | None, limit: float | None, create: bool, *, desktop: bool,
                  server: shop_server.ServerAddress | None) -> Any:
    """The service on the chosen database. The desktop asks before creating a database, and offers
    Try again / Use this computer only when the remembered shop server refuses; None: it quit."""
    from .services import LoyaltyService

    while True:
        try:
            return LoyaltyService(url, busy_timeout_s=limit, create=create)
        except DatabaseMissing:
            if not desktop or not _desktop_may_create(url):
                raise
            return LoyaltyService(url, busy_timeout_s=limit, create=True)
        except DatabaseRefused as exc:
            if server is None or not desktop:
                raise
            from .views.shell.setup_dialogs import ask_server_refused

            answer = ask_server_refused(server.where(), str(exc))
            if answer == "quit":
                return None
            if answer == "local":
                shop_server.forget()
                server, url, create = None, None, True


def _export(svc: object, args: argparse.Namespace) -> int:
    from .dataio import export
    from .dataio.sign_in import acting_staff
    from .services import LoyaltyService

    assert isinstance(svc, LoyaltyService)
    user = args.sub_user_id or args.user_id
    if not user:
        print("loyalty-desk: give the shop account with --user-id", file=sys.stderr)
        return 2
    actor = acting_staff(svc, user, args.actor, args.pin_from_stdin)   # before any file is made
    try:
        if args.command == "member-data":
            export.export_member_json(svc, user, args.member_id, args.output, actor=actor)
            print(f"member #{args.member_id}'s data written to {args.output}")
            return 0
        count = export.export_csv(svc, user, args.kind, args.output, program_id=args.program_id, actor=actor)
    except OSError as exc:
        print(f"loyalty-desk: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"{count:,} {args.kind} written to {args.output}")
    return 0


def _owner_signed_in(svc: object, args: argparse.Namespace) -> tuple[LoyaltyService, str, int | None] | None:
    """The service, the shop (--user-id) and who acts, for the owner's commands (`api-key`,
    `webhook-secret`, `unmatched-orders`); None, said on stderr, without a shop."""
    from .services import LoyaltyService

    assert isinstance(svc, LoyaltyService)
    user = getattr(args, "sub_user_id", None) or args.user_id
    if not user:
        print("loyalty-desk: give the shop account with --user-id", file=sys.stderr)
        return None
    from .dataio.sign_in import acting_staff

    # A staff id alone proves nothing: the owner signs in with their PIN, as for an export.
    return svc, user, acting_staff(svc, user, args.actor, args.pin_from_stdin)


def _api_key(service: object, args: argparse.Namespace) -> int:
    signed_in = _owner_signed_in(service, args)
    if signed_in is None:
        return 2
    svc, user, actor = signed_in
    if args.key_action == "create":
        data = {"scope": args.scope, **({"name": args.name} if args.name else {})}
        key, secret = svc.create_api_key(user, data, actor=actor)
        print(f"API key #{key.id} {key.name!r} ({key.scope}) for {user}. Copy it now: it is not shown again.")
        print(secret)
    elif args.key_action == "revoke":
        key = svc.revoke_api_key(user, args.key_id, actor=actor)
        print(f"API key #{key.id} {key.name!r} revoked")
    else:
        for key in svc.list_api_keys(user, actor=actor):
            used = f"last used {key.last_used_at:%Y-%m-%d %H:%M} UTC" if key.last_used_at else "never used"
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            print(f"#{key.id}\t{key.key_prefix}…\t{key.scope}\t{state}\t{used}\t{key.name}")
    return 0


def _messages(svc: object, args: argparse.Namespace) -> int:
    from .messaging import KeyringMissing, send_due_messages, set_smtp_password
    from .services import LoyaltyService

    assert isinstance(svc, LoyaltyService)
    user = getattr(args, "sub_user_id", None) or args.user_id
    if args.command == "send-messages":
        report = send_due_messages(svc, user)
        print(f"{report.sent} sent, {report.retrying} to try again later, {report.failed} failed")
        if report.problem:
            print(f"loyalty-desk: {report.problem}", file=sys.stderr)
        return 0
    if not user:
        print("loyalty-desk: give the shop account with --user-id", file=sys.stderr)
        return 2
    shop = svc.get_shop(user)
    if not shop.smtp_host or not shop.smtp_username:
        print("loyalty-desk: set the shop's smtp_host and smtp_username first", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("loyalty-desk: no password on standard input", file=sys.stderr)
        return 2
    try:
        set_smtp_password(user, shop.smtp_username, shop.smtp_host, password)
    except KeyringMissing as exc:
        print(f"loyalty-desk: {exc}", file=sys.stderr)
        return 2
    print(f"Password for {shop.smtp_username} at {shop.smtp_host} kept in the keyring")
    return 0


def _web_shops(service: object, args: argparse.Namespace) -> int:
    """`webhook-secret set` and `unmatched-orders list` (README, "Web shops"): the owner's, signed in
    with the PIN as for `api-key`."""
    signed_in = _owner_signed_in(service, args)
    if signed_in is None:
        return 2
    svc, user, actor = signed_in
    if args.command == "unmatched-orders":
        for order in svc.list_unmatched_orders(user, status=args.status, actor=actor):
            left = order.subtotal - order.refunded
            print(f"#{order.id}\t{order.received_at:%Y-%m-%d %H:%M} UTC\t{order.order_ref}\t{order.currency} {left}"
                  f"\t{order.email or order.phone or '-'}\t{order.reason}")
        return 0
    secret = sys.stdin.readline().rstrip("\r\n") if args.secret_from_stdin else args.secret
    shop = svc.save_shop(user, {f"{args.provider}_webhook_secret": secret}, actor=actor)
    is_set = shop.shopify_webhook_secret_set if args.provider == "shopify" else shop.woocommerce_webhook_secret_set
    print(f"The {args.provider} webhook secret of {user} is {'set' if is_set else 'cleared'}")
    return 0


def _restorer(url: str | None, args: argparse.Namespace) -> int | None:
    """Who restores, signed in with the PIN in the database about to be replaced. A database that
    cannot be opened (missing, damaged: what a restore is for) has no staff to sign in as."""
    from .dataio.sign_in import acting_staff
    from .services import LoyaltyService

    try:
        current = LoyaltyService(url, create=False)
    except DatabaseRefused:
        return None
    with current as svc:
        return acting_staff(svc, args.sub_user_id or args.user_id, args.actor, args.pin_from_stdin,
                            whole_database=True)


def _desktop_may_create(url: str | None) -> bool:
    """The desktop given a database that does not exist yet (or an empty file): ask before making one."""
    if missing_display_support():
        return False        # no window to ask in: refused, with the reason on stderr
    from .views.shell.setup_dialogs import ask_create_database

    return ask_create_database(str(url))


def _desktop_refusal(text: str) -> None:
    """The desktop's refusal of a database: a dialog with the one sentence, never a traceback."""
    if missing_display_support():
        return
    from .views.shell.setup_dialogs import show_refusal

    show_refusal(text)


def demo_database_url() -> str:
    path = paths.demo_database_file()
    paths.private_dir(path.parent)
    return f"sqlite:///{path}"


def missing_display_support() -> str | None:
    """One line saying what to install when Qt could not open a window here, else None.

    Qt's own message for a missing xcb library is cryptic and it aborts the process,
    so the libraries it needs are looked for first.
    """
    import ctypes.util
    import os

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display and not os.environ.get("WAYLAND_DISPLAY"):
        return "no display found: start Loyalty Desk from a desktop session"
    if os.environ.get("WAYLAND_DISPLAY") and not display:
        return None
    packages = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
                "xkbcommon-x11": "libxkbcommon-x11-0", "EGL": "libegl1"}
    if getattr(sys, "frozen", False):       # the bundle carries the xcb libraries; EGL comes with the graphics driver
        packages = {"EGL": "libegl1"}
    missing = [package for library, package in packages.items() if ctypes.util.find_library(library) is None]
    if missing:
        return f"Qt cannot open a window without these system packages: sudo apt install {' '.join(missing)}"
    if not _x_display_answers(display):
        # Qt would abort (exit 134) with a misleading hint about xcb-cursor0.
        return f"cannot reach the display {display}: start Loyalty Desk from a desktop session"
    return None


def _x_display_answers(display: str) -> bool:
    """Whether the X server named by display accepts a connection (libxcb, the library Qt uses for it)."""
    import ctypes
    import ctypes.util

    library = ctypes.util.find_library("xcb")
    if library is None:
        return True         # nothing to ask with: Qt will say what is missing
    xcb = ctypes.CDLL(library)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)     # also frees a connection in error


def _start_desktop(svc: object, args: argparse.Namespace) -> int:
    from .dataio import export
    from .demo import build_demo
    from .messaging import desk
    from .services import LoyaltyService
    from .views.shell.main_window import run_desktop

    assert isinstance(svc, LoyaltyService)
    return run_desktop(svc, args, build_demo, export, desk)


_last_stage: list[str] = []


def _print_progress(done: int, total: int, stage: str) -> None:
    """One line per stage, rewritten in place as it advances."""
    if _last_stage and _last_stage[-1] != stage:
        print()
    _last_stage[:] = [stage]
    print(f"\r{stage}: {done:,}/{total:,}", end="", flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
