"""What the household screen opens for its people and its papers: resumes, jobs, Word files.

The windows live with their own areas (resume editor, matching, placements, exports);
this mixin only picks the selected member or the household and opens them, so the
detail screen stays about the household itself.
"""

from __future__ import annotations


class HouseholdActions:
    """Mixed into HouseholdDetailScreen: needs self.app, self.household_id, self.dialog,
    self._selected_person(table), self.member_table and self._changed."""

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
