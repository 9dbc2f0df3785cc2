"""What the household screen opens for its people and its papers: resumes, jobs, Word files.

The windows live with their own areas (resume editor, matching, placements, exports);
this mixin only picks the selected member or the household and opens them, so the
detail screen stays about the household itself.
"""

from __future__ import annotations


class HouseholdActions:
    """Mixed into HouseholdDetailScreen: needs self.app, self.household_id, self.dialog,
    self._selected_person(table), self.member_table, self.visit_table, self.members,
    self.current_wishes and self._changed."""

    def open_resume(self) -> None:
        from casework.ui.documents.resume_editor import open_resume_editor

        person_id = self._selected_person(self.member_table)
        if person_id:
            self.dialog = open_resume_editor(self, self.app, person_id)

    def suggest_postings(self) -> None:
        from casework.ui.jobs.matching_panels import open_postings_for_person

        person_id = self._selected_person(self.member_table)
        if person_id:
            self.dialog = open_postings_for_person(self, self.app, person_id)

    def record_placement(self) -> None:
        from casework.ui.jobs.placement_forms import NewPlacementDialog

        person_id = self._selected_person(self.member_table)
        if person_id:
            self.dialog = NewPlacementDialog(self, self.app, person_id, on_saved=self._changed)

    def export_household_file(self) -> None:
        from casework.ui.documents.export_common import export_household_file

        self.dialog = export_household_file(self, self.app, self.household_id)

    def export_visit_log(self) -> None:
        from casework.ui.documents.export_dialogs import open_visit_log_dialog

        self.dialog = open_visit_log_dialog(self, self.app, household_id=self.household_id)

    # 修改记录 of the selected visit or current wish (a member's: in the member form) ----

    def show_visit_changes(self) -> None:
        row = self.visit_table.selected_row()
        label = f"{row['visit_date']} 的走访" if row else ""
        self._open_changes("visit", row, label, "请先选中一条走访记录")

    def _open_changes(self, entity: str, row: dict | None, label: str, missing: str) -> None:
        from casework.ui.sync.history_view import open_history

        record_id = row["id"] if row else None
        self.dialog = open_history(self, self.app, entity, record_id, label, missing=missing)

    def show_wish_changes(self) -> None:
        person_id = self._selected_person()
        if person_id is not None:
            name = next((m["name"] for m in self.members if m["id"] == person_id), "")
            wish = self.current_wishes.get(person_id)
            self._open_changes("wish", wish, f"{name}的就业意愿", f"{name}还没有登记就业意愿")
