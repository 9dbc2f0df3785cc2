"""From a path to an open database, before the main window: the dialogs on the way.

No file: a password for the new database (or, deliberately, none), then its recovery
key, shown once. An encrypted file: its password or recovery key, asked again when
wrong; after the recovery key, a new password. A damaged or strange file: what is
wrong, and the newest checked backup to restore (the bad file kept under a new name).
A file another window has open: a warning. Then `on_ready()`; or `on_quit(code)`.
`before_dialog()` is called before any of these dialogs opens: the window leaves what
only a dialog needs (its icon) until it is drawn, when the file opens at once.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from casework import APP_NAME
from casework.services.safety import database_file
from casework.ui.kit import dialogs

if TYPE_CHECKING:
    from casework.services.safety import backups

# The dialogs (and the backups, for a damaged file) load when one is needed: most starts
# open a file at once and show none.

ALREADY_OPEN = (
    "这个数据库已在另一个工作台窗口（或正在运行的命令）中打开。\n\n"
    "两处可以同时使用，保存的内容都不会丢；但同一条记录在两处同时修改时，"
    "后保存的会覆盖先保存的。\n\n仍要打开吗？"
)


class StartupGate:
    """Walks the file at `path` to an open database; `dialog` is the one showing now."""

    def __init__(
        self,
        root: tk.Misc,
        path: Path,
        on_ready: Callable[[], None],
        on_quit: Callable[[int], None],
        before_dialog: Callable[[], None] = lambda: None,
    ) -> None:
        self.root = root
        self.path = Path(path)
        self.on_ready = on_ready
        self.on_quit = on_quit
        self.before_dialog = before_dialog
        self.dialog: tk.Toplevel | None = None
        self.recovery_key: str | None = None
        self.password: str | None = None
        self._failure: database_file.DatabaseFileError | None = None

    def begin(self) -> None:
        self._step()
        if self.dialog is not None and self.dialog.winfo_exists():
            # The program has just started: its first dialog takes the keyboard, in the
            # field it starts in (forcing focus onto the window moves Tk's focus there).
            self.dialog.focus_force()
            self.dialog.focus_first()

    def _step(self) -> None:
        kind = database_file.inspect(self.path)
        if kind is not database_file.FileKind.PLAIN:
            self.before_dialog()  # a password to set or to type, or a refusal
        if kind is database_file.FileKind.MISSING:
            from casework.ui.safety.key_dialogs import NewPasswordDialog

            self.dialog = NewPasswordDialog(
                self.root,
                title=f"欢迎使用{APP_NAME}",
                intro="为这台电脑上的数据库设置密码",
                save=self._create,
                on_saved=lambda _record: self._show_recovery_key(),
                on_plain=self._create_plain,
                on_cancel=lambda: self.on_quit(0),
            )
        elif (refusal := database_file.refusal(self.path)) is not None:
            self._failed(refusal)
        elif kind is database_file.FileKind.ENCRYPTED:
            from casework.ui.safety.key_dialogs import UnlockDialog

            self.dialog = UnlockDialog(
                self.root,
                self.path,
                unlock=self._unlock,
                opened=self._unlocked,
                on_quit=lambda: self.on_quit(0),
            )
        else:
            self._open()

    # A new file --------------------------------------------------------------------------

    def _create(self, password: str) -> None:
        self.recovery_key = database_file.create(self.path, password)

    def _create_plain(self) -> None:
        database_file.create(self.path, None)
        self._opened()

    def _show_recovery_key(self) -> None:
        from casework.ui.safety.key_dialogs import RecoveryKeyDialog

        self.dialog = RecoveryKeyDialog(
            self.root, self.recovery_key, self.path, on_done=self._opened
        )

    # An encrypted file ---------------------------------------------------------------------

    def _unlock(self, **secret: str) -> None:
        """Open with the secret typed; a wrong one raises (the dialog shows it), any other
        problem is kept for after the dialog has closed."""
        try:
            database_file.open_file(self.path, **secret)
        except database_file.WrongSecretError:
            raise
        except database_file.DatabaseFileError as error:
            self._failure = error
        self.password = secret.get("password")

    def _unlocked(self, secret: dict) -> None:
        if self._failure is not None:
            self._failed(self._failure)
            return
        if "recovery_key" in secret:
            from casework.ui.safety.key_dialogs import NewPasswordDialog

            self.recovery_key = secret["recovery_key"]
            self.dialog = NewPasswordDialog(
                self.root,
                title="设置新密码",
                intro="已用恢复密钥打开。请设置一个新密码",
                save=self._new_password,
                on_saved=lambda _record: self._opened(),
                on_cancel=self._opened,  # the old password stays
            )
            return
        self._opened()

    def _new_password(self, password: str) -> None:
        database_file.change_password(self.path, password, recovery_key=self.recovery_key)

    # Opening, and what can go wrong ----------------------------------------------------

    def _open(self, key: bytes | None = None) -> None:
        try:
            database_file.open_file(self.path, database_key=key)
        except database_file.DatabaseFileError as error:
            self._failed(error)
            return
        self._opened()

    def _failed(self, error: database_file.DatabaseFileError) -> None:
        from casework.services.safety import backups

        self.before_dialog()
        newest = backups.newest(self.path) if error.damaged else None
        if newest is None:
            extra = "\n\n备份文件夹中没有可用的备份。" if error.damaged else ""
            dialogs.show_error(self.root, APP_NAME, f"{error}{extra}")
            self.on_quit(2)
            return
        from casework.ui.safety.damaged_dialog import DamagedFileDialog

        self.dialog = DamagedFileDialog(
            self.root,
            error,
            newest,
            restore=self._restore,
            on_quit=lambda: self.on_quit(2),
            password=self.password,
        )

    def _restore(self, backup: backups.Backup, key: bytes | None) -> None:
        from casework.services.safety import backups
        from casework.ui.kit.progress import run_with_progress

        def work(report, cancelled):
            return backups.restore(backup, self.path, key)

        def done(kept: Path) -> None:
            dialogs.show_info(
                self.root,
                "已恢复",
                f"已恢复 {backup.summary()}。\n有问题的文件已改名保留为：\n{kept}",
            )
            self._open(key)

        run_with_progress(
            self.root,
            "恢复备份",
            work,
            on_done=done,
            on_error=lambda _e: self.on_quit(2),
            can_cancel=False,
        )

    def _opened(self) -> None:
        self.dialog = None
        if database_file.other_users() and not self._ask_open_anyway():
            database_file.close()
            self.on_quit(0)
            return
        self.on_ready()

    def _ask_open_anyway(self) -> bool:
        self.before_dialog()
        return dialogs.ask_yes_no(self.root, "数据库已在别处打开", ALREADY_OPEN)
