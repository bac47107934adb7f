"""The main window: the counter above the tabs, menus with every shortcut, and start-up."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import paths, shop_server
from ...domain.permissions import Permission
from ...errors import LoyaltyError
from ...services import LoyaltyService, restore_backup
from ..counter.counter import CounterBar
from ..counter.customer_display import CustomerDisplay
from ..i18n import LANGUAGES, language_for, tr
from ..i18n import install as install_translation
from ..members.members_tab import MembersTab
from ..programs.programs_tab import ProgramsTab
from ..refusals import refusal_words
from ..rewards.rewards_tab import RewardsTab
from ..staff.gate import StaffGate
from ..staff.roles import who_may
from ..widgets import formatting as fmt
from ..widgets.formatting import use_default_locale
from ..widgets.forms import Confirm, tell
from ..widgets.workers import busy, run_job
from .backups_ui import BackupDialog, HealthBanner, ask_restore, backup_folder, show_status
from .changes import Changes
from .crash import CrashReporter, log, setup_logging
from .lazy_page import LazyPage
from .scanner import ScannerFilter
from .session import ShopSession
from .shortcuts import install_shortcut_claim
from .theme import SCHEMES, apply_scheme, paint

ORGANIZATION = "loyalty-desk"
APPLICATION = "Loyalty Desk"
ICON = Path(__file__).resolve().parents[2] / "assets" / "loyalty-desk.png"   # drawn by scripts/draw_icon.py


def settings() -> QSettings:
    return QSettings(ORGANIZATION, "loyalty-desk")


def make_settings_private() -> None:
    """On Linux QSettings writes an INI file and keeps the mode it finds: made 0600, in a 0700 folder,
    before the first write (elsewhere it lives in the registry or the system's preferences)."""
    if sys.platform.startswith("linux"):
        file = Path(settings().fileName())
        paths.private_dir(file.parent)
        paths.private_file(file)


# What each of the Analytics tab's quick actions needs: the same as the screen it opens.
QUICK_ACTION_NEEDS = {"program": Permission.EDIT_PROGRAMS, "tier": Permission.EDIT_PROGRAMS,
                      "reward": Permission.EDIT_REWARDS, "enroll": Permission.ENROLL_MEMBER}


class MainWindow(QMainWindow):
    def __init__(self, session: ShopSession, *, run_jobs: bool = True, send_mail: bool | None = None) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("mainWindow")
        shop = self._shop_name()
        self.setWindowTitle(f"{shop} — {APPLICATION}")
        self.counter = CounterBar(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.programs_tab = ProgramsTab(session)
        self.members_tab = MembersTab(session)
        self.rewards_tab = RewardsTab(session)
        self.tabs.addTab(self.programs_tab, tr("Programs"))
        self.tabs.addTab(self.members_tab, tr("Members"))
        self.tabs.addTab(self.rewards_tab, tr("Rewards"))
        self._add_analytics_tab()
        self.workspace = QWidget()
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(6, 6, 6, 6)
        self.banner = HealthBanner(session)
        layout.addWidget(self.banner)
        layout.addWidget(self.counter)
        layout.addWidget(self.tabs, 1)
        # The work, or the sign-in screen while the app is locked (a shop with staff).
        self.stack = QStackedWidget()
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)
        self.status = QLabel()
        self.status.setObjectName("statusText")
        self.person = QLabel()
        self.person.setObjectName("signedInPerson")
        self.backup_status = QLabel()
        self.backup_status.setObjectName("backupStatus")
        self.register_label = QLabel()
        self.register_label.setObjectName("registerLabel")
        self._show_register()
        self.statusBar().addPermanentWidget(self.status)
        self.statusBar().addPermanentWidget(self.backup_status)
        self.statusBar().addPermanentWidget(self.register_label)
        self.statusBar().addPermanentWidget(self.person)
        self.gate = StaffGate(session, self.stack, self.workspace, self.person, self)
        # Whoever signs in starts at the till's lookup: a card scanned right after Enter on the PIN
        # (its keys queued while the PIN was checked) lands there, not wherever the focus chain ends.
        self.gate.sign_in.signedIn.connect(lambda _person: self.counter.focus_lookup())
        self._add_audit_tab()
        self._build_menus()
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(lambda code: None if session.locked else self.counter.handle_scan(code))
        self.scanner.ignoredScan.connect(lambda _code, note: self.statusBar().showMessage(note, 5000))
        install_shortcut_claim(self)  # the window's keys win over X11's text-field bindings (Ctrl+E)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.run_daily_jobs)
        self.jobs_running = False
        self._server: Any = None          # the HTTP API's process, once started (local_server)
        self.customer_display: CustomerDisplay | None = None   # View ▸ Customer display, once opened
        self._closing = False             # a quit waits for the HTTP API and the mail sender to stop
        # The outbox's sender, while the app runs (with the daily jobs unless told otherwise; never in tests).
        self.mail_sender = self._make_mail_sender(run_jobs if send_mail is None else send_mail)
        self._restore_state()
        self.tabs.setCurrentIndex(1)
        session.personChanged.connect(lambda _person: self._person_changed())
        self._person_changed()
        self.show_backup_status()
        if run_jobs:
            QTimer.singleShot(0, self.run_daily_jobs)
            QTimer.singleShot(0, self.banner.check_after_crash)

    def _add_analytics_tab(self) -> None:
        """The Analytics tab, when its plotting library is installed; made on first show (it
        imports pyqtgraph and numpy, the larger part of the start-up otherwise)."""
        if importlib.util.find_spec("pyqtgraph") is None:
            self.analytics_page: LazyPage[Any] | None = None
            return
        self.analytics_page = LazyPage(self._make_analytics_tab)
        self.tabs.addTab(self.analytics_page, tr("Analytics"))

    def _make_analytics_tab(self) -> Any:
        from ..analytics.analytics_tab import AnalyticsTab

        tab = AnalyticsTab(self.session)
        tab.showRedemptions.connect(self.show_pending_redemptions)
        tab.quickAction.connect(self.quick_action)
        for name, needs in QUICK_ACTION_NEEDS.items():
            self.gate.guard(tab.quick[name], needs)
        return tab

    @property
    def analytics_tab(self) -> Any:
        """The Analytics tab's widget (made now if it was not yet), or None when not installed."""
        return self.analytics_page.content() if self.analytics_page is not None else None

    def _add_audit_tab(self) -> None:
        from ..audit.audit_tab import AuditTab

        self.audit_tab = AuditTab(self.session)
        self.tabs.addTab(self.audit_tab, tr("Audit"))
        for page, permission in ((self.programs_tab, Permission.EDIT_PROGRAMS),
                                 (self.rewards_tab, Permission.FULFILL_REDEMPTIONS),
                                 (self.audit_tab, Permission.VIEW_AUDIT)):
            self.gate.guard_tab(self.tabs, page, permission)

    def _person_changed(self) -> None:
        """Someone signed in, or the app locked: the gate shows what they may use."""
        self.gate.apply()
        self._member_opened(self.counter.member)

    def _shop_name(self) -> str:
        try:
            return self.session.svc.get_shop(self.session.user_id).shop_name
        except LoyaltyError:
            return self.session.user_id

    # --- menus -------------------------------------------------------------

    def _action(self, menu: Any, text: str, slot: Any,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                name: str | None = None, needs: Permission | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)   # "Strg+F" in German
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({native})")
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.gate.guard(action, needs)  # off while locked, and for a role without `needs`
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        self._action(file_menu, tr("&Import members…"), self.import_members, name="importAction",
                     needs=Permission.IMPORT_EXPORT)
        self._action(file_menu, tr("&Export…"), self.export_data, name="exportAction", needs=Permission.IMPORT_EXPORT)
        if self.analytics_page is not None:
            # Whole-file export: the report lists members by name with their spending.
            self._action(file_menu, tr("Export &report…"), lambda: self.analytics_tab.export_report(), "Ctrl+Shift+E",
                         name="exportReportAction", needs=Permission.IMPORT_EXPORT)
        file_menu.addSeparator()
        self._action(file_menu, tr("Run daily &jobs now"), self.run_daily_jobs, name="runJobsAction")
        self._action(file_menu, tr("&Check the ledger"), self.check_ledger, name="checkLedgerAction")
        file_menu.addSeparator()
        self._action(file_menu, tr("Restore from &backup…"), self.restore_backup, name="restoreAction",
                     needs=Permission.BACKUP_RESTORE)
        file_menu.addSeparator()
        self._action(file_menu, tr("Co&nnect to shop server…"), self.connect_to_server, name="connectServerAction",
                     needs=Permission.SHOP_SETTINGS)
        self.local_action = self._action(file_menu, tr("Use this &computer only"), self.use_this_computer,
                                         name="useLocalAction", needs=Permission.SHOP_SETTINGS)
        self.local_action.setVisible(shop_server.server_chosen())
        file_menu.addSeparator()
        lock = self._action(file_menu, tr("&Lock"), self.gate.lock, "Ctrl+L", name="lockAction")
        lock.setToolTip(tr("Lock the till: the next person signs in with their PIN (Ctrl+L)"))
        # Windows has no standard Quit key
        self._action(file_menu, tr("&Quit"), self.close, "Ctrl+Q", name="quitAction")
        settings_menu = bar.addMenu(tr("&Settings"))
        self._action(settings_menu, tr("&Shop…"), self.open_settings, "Ctrl+,", name="settingsAction",
                     needs=Permission.SHOP_SETTINGS)
        self._action(settings_menu, tr("S&taff…"), self.open_staff, name="staffAction", needs=Permission.MANAGE_STAFF)
        self._action(settings_menu, tr("This &register…"), self.open_register, name="registerAction",
                     needs=Permission.SHOP_SETTINGS)
        self._action(settings_menu, tr("&Backups…"), self.open_backups, name="backupsAction",
                     needs=Permission.BACKUP_RESTORE)
        self._action(settings_menu, tr("&Integrations…"), self.open_integrations, name="integrationsAction",
                     needs=Permission.API_KEYS)
        self._action(settings_menu, tr("&Messages…"), self.open_messages, name="messagesAction",
                     needs=Permission.VIEW_OUTBOX)
        member = bar.addMenu(tr("&Member"))
        self._action(member, tr("&Find member"), self.counter.focus_lookup, QKeySequence.StandardKey.Find,
                     name="findAction")
        self._action(member, tr("&Search the members list"), self.search_members, "Ctrl+Shift+F",
                     name="searchMembersAction")
        # Items that need an open member: disabled without one, and their keys say so.
        self.member_actions = [
            self._action(member, tr("Record &purchase…"), self.counter.record_purchase, "F2", name="purchaseAction",
                         needs=Permission.RECORD_PURCHASE),
            self._action(member, tr("&Redeem reward…"), self.counter.redeem, "F3", name="redeemAction",
                         needs=Permission.REDEEM),
            self._action(member, tr("&Use points…"), self.counter.use_points, "F6", name="usePointsAction",
                         needs=Permission.REDEEM)]
        self._action(member, tr("&Enroll member…"), self.counter.enroll, "F4", name="enrollAction",
                     needs=Permission.ENROLL_MEMBER)
        self.member_actions += [
            self._action(member, tr("&Adjust points…"), self.counter.adjust, "Ctrl+J", name="adjustAction",
                         needs=Permission.ADJUST_POINTS),
            self._action(member, tr("Re&turn a purchase…"), self.counter.reverse, "Ctrl+R", name="returnAction",
                         needs=Permission.RETURN_PURCHASE),
            self._action(member, tr("E&dit member…"), self.counter.edit, "Ctrl+E", name="editAction",
                         needs=Permission.EDIT_MEMBER)]
        member.addSeparator()
        self.member_actions.append(self._action(member, tr("Print &card…"), self.counter.print_card,
                                                QKeySequence.StandardKey.Print, name="printCardAction"))
        self._action(member, tr("Print counter &slip…"), self.counter.print_slip, "Ctrl+Shift+P",
                     name="printSlipAction")
        self._action(member, tr("Print card &sheet…"), self.print_card_sheet, name="printSheetAction")
        member.addSeparator()
        self.member_actions += [
            self._action(member, tr("E&xport member data…"), self.counter.export_data, name="exportMemberDataAction",
                         needs=Permission.EXPORT_MEMBER_DATA),
            self._action(member, tr("Erase &member…"), self.counter.erase, name="eraseMemberAction",
                         needs=Permission.ERASE_MEMBER)]
        view = bar.addMenu(tr("&View"))
        self._action(view, tr("&Refresh"), self.refresh, "F5", name="refreshAction")
        self._action(view, tr("C&ustomer display"), self.show_customer_display, name="customerDisplayAction")
        theme_menu = view.addMenu(tr("Colour &scheme"))
        group = QActionGroup(self)
        current = str(settings().value("theme", "system"))
        scheme_names = {"system": tr("System"), "light": tr("Light"), "dark": tr("Dark")}
        for scheme in SCHEMES:
            action = QAction(scheme_names.get(scheme, scheme.capitalize()), self, checkable=True)
            action.setObjectName(f"theme_{scheme}")
            action.setChecked(scheme == current)
            action.triggered.connect(lambda _checked=False, s=scheme: self.set_scheme(s))
            group.addAction(action)
            theme_menu.addAction(action)
        language_menu = view.addMenu(tr("&Language"))
        chosen = str(settings().value("language", "system"))
        languages = QActionGroup(self)
        for code, name in {"system": tr("The system's"), **LANGUAGES}.items():
            action = QAction(name, self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            languages.addAction(action)
            language_menu.addAction(action)
        tab_needs: dict[QWidget | None, Permission] = {page: permission for _tabs, page, permission in self.gate.tabs}
        for index in range(self.tabs.count()):
            self._action(view, tr("Go to {tab}").format(tab=self.tabs.tabText(index)),
                         lambda i=index: self.tabs.setCurrentIndex(i), f"Ctrl+{index + 1}",
                         needs=tab_needs.get(self.tabs.widget(index)))
        help_menu = bar.addMenu(tr("&Help"))
        self._action(help_menu, tr("&User guide"), self.show_guide, "F1", name="guideAction")
        self._action(help_menu, tr("&Keyboard shortcuts"), self.show_shortcuts, "Ctrl+/", name="shortcutsAction")
        self._action(help_menu, tr("&About Loyalty Desk"), self.about)
        self._member_keys = []
        for action in self.member_actions:
            key = QShortcut(action.shortcut(), self, self.counter.need_member)
            key.setContext(Qt.ShortcutContext.ApplicationShortcut)
            self._member_keys.append(key)
        self.counter.memberChanged.connect(self._member_opened)
        self._member_opened(None)
        # The counter buttons show the same shortcuts as the menu.
        for button, f_key in (("recordPurchaseButton", "F2"), ("redeemButton", "F3"), ("enrollButton", "F4"),
                              ("usePointsButton", "F6")):
            self.counter.buttons[button].setToolTip(f"{self.counter.buttons[button].text()} ({f_key})")

    # --- behaviour ---------------------------------------------------------

    def _member_opened(self, member: Any) -> None:
        """Only one of an action and its "find a member first" twin is live, so a key is never ambiguous."""
        for action, key in zip(self.member_actions, self._member_keys, strict=True):
            action.setEnabled(member is not None and self.gate.allowed(action))
            key.setEnabled(member is None and not self.session.locked)

    def show_customer_display(self) -> CustomerDisplay:
        """The customer display, made on first use and following the counter from then on; on a
        second screen when there is one."""
        if self.customer_display is None:
            self.customer_display = CustomerDisplay(self.session)
            self.customer_display.follow(self.counter)
            screens = QApplication.screens()
            if len(screens) > 1:
                self.customer_display.setGeometry(screens[1].availableGeometry())
        self.customer_display.show()
        self.customer_display.raise_()
        return self.customer_display

    def search_members(self) -> None:
        self.tabs.setCurrentWidget(self.members_tab)
        self.members_tab.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.members_tab.search.selectAll()

    def show_pending_redemptions(self) -> None:
        self.tabs.setCurrentWidget(self.rewards_tab)
        self.rewards_tab.show_queue("pending")

    def quick_action(self, action: str) -> None:
        """The dashboard's quick actions: create a program, tier or reward, or enroll a member."""
        needs = QUICK_ACTION_NEEDS[action]
        if not self.session.may(needs):    # the button is disabled; say why if it is reached anyway
            self.status.setText(who_may(needs))
            return
        if action == "enroll":
            self.counter.enroll()
        elif action == "reward":
            self.tabs.setCurrentWidget(self.rewards_tab)
            self.rewards_tab.open_editor()
        else:
            self.tabs.setCurrentWidget(self.programs_tab)
            if action == "program":
                self.programs_tab.new_program()
            else:
                self.programs_tab.pages.setCurrentIndex(1)

    def refresh(self) -> None:
        self.session.notify(Changes.everything(), self)
        self.status.setText(tr("Refreshed at {time}").format(time=fmt.time_of_day(self.session.svc.clock())))

    def set_scheme(self, scheme: str) -> None:
        settings().setValue("theme", scheme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scheme(app, scheme)  # every Tab re-colours itself on the palette change

    def set_language(self, code: str) -> None:
        """Kept for the next start: every window is built in one language."""
        settings().setValue("language", code)
        self.status.setText(tr("The language changes when Loyalty Desk starts again"))

    def run_daily_jobs(self) -> None:
        """In the background: at start, after midnight, or when asked."""
        if self.jobs_running:
            return
        self.jobs_running = True
        self.status.setText(tr("Running the daily jobs…"))
        svc, user = self.session.svc, self.session.user_id

        def done(summary: Any) -> None:
            self.jobs_running = False
            self.status.setText(tr("Daily jobs done at {time}: {expired} points expired, {bonuses} birthday "
                                   "bonuses, {pending} pending completed").format(
                time=fmt.time_of_day(self.session.svc.clock()), expired=f"{summary.points_expired:,}",
                bonuses=summary.birthday_bonuses, pending=summary.pending_completed))
            self.session.notify(Changes.everything(), self)
            self._schedule_midnight()
            self.daily_backup()

        def failed(error: BaseException) -> None:
            self.jobs_running = False
            log.error("daily jobs failed: %r", error)
            self.status.setText(tr("The daily jobs did not finish: {error}").format(error=refusal_words(error)))
            self._schedule_midnight()

        run_job(lambda _report: svc.run_daily_jobs(user), done, failed)

    def _schedule_midnight(self) -> None:
        """The next run: a minute into the shop's next day (its time zone, not this computer's)."""
        try:
            next_run = self.session.svc.next_day_start(self.session.user_id) + dt.timedelta(minutes=1)
        except LoyaltyError:        # the database is busy or gone: try again in an hour
            next_run = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        wait = (next_run - dt.datetime.now(dt.UTC)).total_seconds()
        self._midnight.start(int(min(max(wait, 60.0), 86400.0 + 3600.0) * 1000))

    def check_ledger(self) -> None:
        svc, user = self.session.svc, self.session.user_id

        def done(problems: list[Any]) -> None:
            if problems:
                tell(self, tr("Ledger check"), tr("{n} problem(s) found:").format(n=len(problems)) + "\n\n" +
                     "\n".join(str(p) for p in problems[:20]))
            else:
                tell(self, tr("Ledger check"), tr("The ledger is healthy: every balance is explained."))

        run_job(lambda _report: svc.check_ledger(user), done,
                lambda error: tell(self, tr("Ledger check"),
                                   tr("The check could not run: {error}").format(error=refusal_words(error))),
                parent=self, title=tr("Checking the ledger"))

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.session, self)
        self.settings_dialog.accepted.connect(self._shop_saved)
        self.settings_dialog.open()

    def export_data(self) -> None:
        from ..members.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.session, self.members_tab.program_box.currentData(), self)
        self.export_dialog.open()

    # --- backups ---------------------------------------------------------------

    def show_backup_status(self) -> None:
        show_status(self.backup_status, backup_folder(settings()), self.session.svc.clock())

    def daily_backup(self) -> None:
        """After the daily jobs: a verified copy into this computer's backup folder, if one is chosen."""
        folder = backup_folder(settings())
        if not folder or self.session.svc.read_only:
            return

        def failed(error: BaseException) -> None:
            log.error("daily backup failed: %r", error)
            self.backup_status.setText(tr("The daily backup failed: {error}").format(error=refusal_words(error)))
            paint(self.backup_status, "bad")

        run_job(lambda _report: self.session.svc.backup_to_folder(folder), lambda _made: self.show_backup_status(),
                failed)

    def open_backups(self) -> None:
        self.backup_dialog = BackupDialog(self.session, settings(), self)
        self.backup_dialog.finished.connect(lambda _code: self.show_backup_status())
        self.backup_dialog.open()

    def restore_backup(self) -> None:
        """Replace the database by a backup, and carry on with the restored data."""
        sender = self.mail_sender
        # The sender works on the database being replaced: none starts while the file is chosen
        # (the file dialog runs the event loop, and with it the sender's timer).
        timer = sender.pause() if sender is not None else False
        try:
            self._restore_backup()
        finally:
            if sender is not None:
                sender.resume(timer)

    def _restore_backup(self) -> None:
        if self.mail_sender is not None and self.mail_sender.running:
            tell(self, tr("Restore from backup"), tr("Emails to members are being sent: try again in a moment."))
            return
        path = ask_restore(self)
        if path is None:
            return
        if self.mail_sender is not None and self.mail_sender.running:   # one began before the pause took
            tell(self, tr("Restore from backup"), tr("Emails to members are being sent: try again in a moment."))
            return
        url = self.session.svc.database_url
        self.session.svc.close()  # a restore refuses an open database, ours included
        try:
            # Refuses while the database is open (ours is closed), and, in a shop with staff, anyone
            # but an owner; the restored data then says who restored it.
            result = restore_backup(url, path, user_id=self.session.user_id, actor=self.session.actor)
        except LoyaltyError as error:
            self.session.svc = LoyaltyService(url, clock=self.session.svc.clock)  # untouched: carry on
            tell(self, tr("Restore from backup"), refusal_words(error))
            return
        try:
            restored = LoyaltyService(url, clock=self.session.svc.clock)
        except LoyaltyError as error:  # e.g. a backup too old to migrate on this disk: say so, and stop
            tell(self, tr("Restore from backup"),
                 tr("Restored, but the restored database cannot be opened: {error}").format(error=refusal_words(error))
                 ).finished.connect(lambda _code: self.close())
            return
        self.session.reopen(restored)
        self.setWindowTitle(f"{self._shop_name()} — {APPLICATION}")
        self.show_backup_status()
        kept = "\n\n" + tr("The database as it was is kept as {path}.").format(path=result.kept_copy) \
            if result.kept_copy else ""
        tell(self, tr("Restore from backup"),
             tr("Restored from {name}: you are working on the restored data now.").format(name=Path(path).name)
             + kept)

    # --- the HTTP API ------------------------------------------------------------

    def open_integrations(self) -> None:
        from ..integrations.dialog import IntegrationsDialog

        self.integrations_dialog = IntegrationsDialog(self.session, self.local_server(), settings(), self)
        self.integrations_dialog.open()

    def local_server(self) -> Any:
        """The HTTP API's server process (made on first use; it outlives the dialog)."""
        if self._server is None:
            from ..integrations.server import LocalServer

            self._server = LocalServer(lambda: self.session.svc.database_url, lambda: self.session.svc.clock(), self)
            self._server.stateChanged.connect(lambda _state: self._server_changed())
        return self._server

    def _server_changed(self) -> None:
        if self._closing and not self._server.alive:   # the quit waited for the server to stop
            self.close()

    # --- messages to members ---------------------------------------------------------

    def _make_mail_sender(self, run: bool) -> Any:
        """The worker that sends the outbox every minute, when the mail adapter is handed in."""
        if not run or self.session.mail is None:
            return None
        from ..messages.sender import MailSender

        sender = MailSender(self.session, self.session.mail, parent=self)
        sender.stopped.connect(lambda: self.close() if self._closing else None)
        sender.finished.connect(self._mail_sent)
        sender.start()
        return sender

    def _mail_sent(self, report: Any) -> None:
        if report is None:
            self.statusBar().showMessage(tr("The mail sender stopped on an error: see the log"), 10_000)
        elif report.sent or report.failed:
            self.statusBar().showMessage(tr("Emails to members: {sent} sent, {failed} failed").format(
                sent=report.sent, failed=report.failed), 10_000)

    def open_messages(self) -> None:
        from ..messages.dialog import MessagesDialog

        self.messages_dialog = MessagesDialog(self.session, self.session.mail, self.mail_sender, self)
        self.messages_dialog.open()

    def import_members(self) -> None:
        from ..members.import_wizard import ImportWizard

        self.import_wizard = ImportWizard(self.session, self)
        self.import_wizard.open()

    def open_staff(self) -> None:
        from ..staff.staff_dialog import StaffDialog

        self.staff_dialog = StaffDialog(self.session, self)
        self.staff_dialog.open()

    def _shop_saved(self) -> None:
        # The session re-read the shop (and its formats) when the dialog announced Changes(shop=True).
        self.setWindowTitle(f"{self._shop_name()} — {APPLICATION}")

    def print_card_sheet(self) -> None:
        from ..documents.card_sheet_dialog import CardSheetDialog

        self.sheet_dialog = CardSheetDialog(self.session, self.members_tab.selected_member_ids(), self)
        self.sheet_dialog.open()

    def open_register(self) -> None:
        from .register_dialog import RegisterDialog

        self.register_dialog = RegisterDialog(self.session, self)
        self.register_dialog.accepted.connect(self._show_register)
        self.register_dialog.open()

    def _show_register(self) -> None:
        where = f" · {self.session.svc.database_label}" if shop_server.server_chosen() else ""
        self.register_label.setText(tr("Register: {name}").format(name=self.session.register_name) + where)

    def connect_to_server(self) -> None:
        from .connect_dialog import ConnectDialog

        self.connect_dialog = ConnectDialog(self)
        self.connect_dialog.connectTo.connect(lambda _address: self.start_again())
        self.connect_dialog.open()

    def use_this_computer(self) -> None:
        if Confirm.ask(self, tr("Use this computer only"), tr("Stop using the shop server and start again on this "
                       "computer's own database? The server and its data are left as they are.")):
            shop_server.forget()
            self.start_again()

    def start_again(self) -> None:
        """Start the app anew on the database now chosen, and close this window. The new process
        does not inherit a database address from the environment, which would come first."""
        from ...services.server_connection import DATABASE_URL_VARIABLE

        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", "loyalty_desk"])
        environment = QProcessEnvironment.systemEnvironment()
        environment.remove(DATABASE_URL_VARIABLE)
        process.setProcessEnvironment(environment)
        if not process.startDetached():
            tell(self, "Loyalty Desk", tr("Loyalty Desk could not start again: start it yourself to use the new "
                                          "database."))
            return
        self.close()

    def guide_section(self) -> str:
        """The part of the guide about what the person is looking at."""
        if self.session.locked:
            return "staff"
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.counter or self.counter.isAncestorOf(focus)):
            return "counter"
        page = self.tabs.currentWidget()
        for section, tab in (("programs", self.programs_tab), ("members", self.members_tab),
                             ("rewards", self.rewards_tab), ("analytics", self.analytics_page),
                             ("staff", self.audit_tab)):
            if tab is not None and page is tab:
                return section
        return "counter"

    def show_guide(self) -> None:
        from .user_guide import UserGuide

        if getattr(self, "user_guide", None) is None:
            self.user_guide = UserGuide(self)
        self.user_guide.show_section(self.guide_section())

    def show_shortcuts(self) -> None:
        from .shortcut_sheet import ShortcutSheet

        self.shortcut_sheet = ShortcutSheet(self.menuBar(), self)
        self.shortcut_sheet.open()

    def about(self) -> None:
        from .about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.session.svc.database_label, self)
        self.about_dialog.open()

    # --- remembered state --------------------------------------------------

    def _restore_state(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = store.value("window/state")
        if state is not None:
            self.restoreState(state)
        for splitter in self.findChildren(QSplitter):
            saved = store.value(f"splitters/{splitter.objectName()}")
            if splitter.objectName() and saved is not None:
                splitter.restoreState(saved)
        for key, tab in (("members/header", self.members_tab), ("rewards/header", self.rewards_tab)):
            header = store.value(key)
            if header is not None:
                tab.restore_header_state(header)

    def save_state(self) -> None:
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                store.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        store.setValue("members/header", self.members_tab.header_state())
        store.setValue("rewards/header", self.rewards_tab.header_state())
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._server is not None and self._server.alive:
            # The API's requests in flight finish first; the window closes when the server has stopped.
            self.status.setText(tr("Stopping the HTTP API…"))
            self._closing = True
            self._server.stop()
            event.ignore()
            return
        if self.mail_sender is not None and self.mail_sender.stop():
            # The message being handed to the mail server goes; the window closes when the sender has stopped.
            self.status.setText(tr("Stopping the mail sender…"))
            self._closing = True
            event.ignore()
            return
        if busy():
            # A call in flight finishes (or reaches its time limit) before the service closes under it.
            self.status.setText(tr("Finishing the last change…"))
            QThreadPool.globalInstance().waitForDone(30_000)
        self.save_state()
        if self.customer_display is not None:
            self.customer_display.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        super().closeEvent(event)


# After the window is shown: the start-up objects are frozen once its first paint is done.
FREEZE_AFTER_MS = 1000


def freeze_startup_objects() -> None:
    """Move everything made at start-up (Qt wrappers, the ORM mapping, charts) out of the garbage
    collector's reach: a full collection over them took about 100 ms, a visible stall at the till.
    The collector is switched back on if the start-up had switched it off (app.py)."""
    gc.collect()
    gc.freeze()
    gc.enable()


def choose_shop(svc: LoyaltyService, wanted: str | None) -> str | None:
    """The shop to open: the one asked for, the only one, or the user's choice; first-run setup when empty."""
    from .setup_dialogs import ChooseShopDialog, FirstRunDialog

    shops = svc.list_shops()
    if wanted:
        return wanted
    if len(shops) == 1:
        return shops[0].user_id
    if not shops:
        setup = FirstRunDialog(svc)
        return setup.user_id if setup.exec() else None
    chooser = ChooseShopDialog(shops)
    return chooser.user_id if chooser.exec() else None


DemoBuilder = Callable[..., object]   # demo.build_demo(url, *, members=, progress=): handed in by app.py


def build_demo_with_progress(svc: LoyaltyService, build_demo: DemoBuilder, members: int = 3000) -> None:
    """The demo database, made on first use in the background with a progress dialog.

    The builder is handed in rather than imported: the demo is an adapter of its own, and one
    adapter never imports another (docs/ARCHITECTURE.md, "Layers")."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    run_job(lambda report: build_demo(svc.database_url, members=members, progress=report),
            lambda result: finished("ok", result), lambda error: finished("error", error),
            title=tr("Building the demo shop"))
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]


def run_desktop(svc: LoyaltyService, args: argparse.Namespace, build_demo: DemoBuilder | None = None,
                exports: Any = None, mail: Any = None) -> int:
    """The desktop on `svc`. The demo builder, the exports (dataio.export) and the mail (messaging.desk)
    are handed in by the composition root: they are adapters of their own, and one adapter never
    imports another."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(QIcon(str(ICON)))
    app.setDesktopFileName("loyalty-desk")     # Wayland finds the menu entry (and its icon) by this name
    setup_logging()
    make_settings_private()
    install_translation(language_for(str(settings().value("language", "system"))))
    use_default_locale()
    reporter = CrashReporter()
    reporter.install()
    apply_scheme(app, str(settings().value("theme", "system")))
    if getattr(args, "demo", False) and build_demo is not None and not svc.list_shops():
        build_demo_with_progress(svc, build_demo)
    user_id = choose_shop(svc, args.user_id)
    if user_id is None:
        gc.enable()
        return 0
    session = ShopSession(svc, user_id)
    session.exports = exports
    session.mail = mail
    window = MainWindow(session)
    window.show()
    # Not before the first paint: the collection takes a sixth of a second at start-up.
    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)
    code = app.exec()
    if session.svc is not svc:
        session.svc.close()  # a restore reopened the shop on a service of its own
    return code
