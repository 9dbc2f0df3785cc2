"""The screens of the main window's sidebar (casework.ui.app), in order."""

from __future__ import annotations

# The sidebar, top to bottom: name -> (label, module under casework.ui, class, shortcut).
# Modules are imported when the screen is first shown, so start-up only pays for the
# overview it opens on. The shortcuts of the register's four screens predate the others
# and stay put; the overview came later and takes G (工作概况, gaikuang).
SCREENS: dict[str, tuple[str, str, str, str]] = {
    "overview": ("工作概况", "overview.overview_screen", "OverviewScreen", "Ctrl+G"),
    "households": ("农户名册", "register.household_list", "HouseholdListScreen", "Ctrl+1"),
    "followups": ("走访提醒", "register.followups", "FollowUpsScreen", "Ctrl+2"),
    "jobs": ("岗位与单位", "jobs.jobs_screen", "JobsScreen", "Ctrl+5"),
    "matching": ("人岗匹配", "jobs.matching_screen", "MatchingScreen", "Ctrl+6"),
    "placements": ("就业跟踪", "jobs.placements_screen", "PlacementsScreen", "Ctrl+7"),
    "training": ("技能培训", "training.training_screen", "TrainingScreen", "Ctrl+8"),
    "exchange": ("导入导出", "exchange.exchange_screen", "ExchangeScreen", "Ctrl+9"),
    "sync": ("数据交换", "sync.sync_screen", "SyncScreen", "Ctrl+J"),
    "pending": ("待处理", "sync.pending_screen", "PendingScreen", "Ctrl+R"),
    "trash": ("回收站", "register.recycle_bin", "RecycleBinScreen", "Ctrl+3"),
    "areas": ("地区管理", "register.areas_screen", "AreasScreen", "Ctrl+4"),
    "backups": ("数据备份", "safety.backup_screen", "BackupScreen", "Ctrl+0"),
}
