"""`loyalty-desk import members FILE.csv`: the import from the command line (README, "Import").

It prints the report, writes the refused rows to FILE.errors.csv beside the file (through the one
CSV writer, domain/spreadsheet.py) and returns the exit code: 0 when every row was good, 1 when
any was refused. A refusal of the whole call (a file that is not a members file, a wrong PIN, a
cashier) is a LoyaltyError, which the caller turns into one sentence and exit code 2.

In a shop with staff the import needs `--actor` and that person's PIN (dataio/sign_in.py).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..domain.spreadsheet import write_csv
from ..errors import ValidationError
from ..services import LoyaltyService
from ..services.dto import ImportReport
from .sign_in import acting_staff

SHOWN_REFUSALS = 10
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def errors_path(path: Path) -> Path:
    """members.csv -> members.errors.csv, beside it."""
    return path.with_name(f"{path.stem if path.suffix.lower() == '.csv' else path.name}.errors.csv")


def write_errors(path: Path, report: ImportReport) -> None:
    write_csv(path, ["row", "column", "message"], ([r.row, r.column, r.message] for r in report.refused))


def report_lines(report: ImportReport) -> list[str]:
    lines = [f"{report.file_name}: {report.rows:,} rows ({report.encoding}, "
             f"{DELIMITER_NAMES.get(report.delimiter, repr(report.delimiter))}-separated)",
             "columns: " + ", ".join(f"{header} -> {field}" for header, field in report.columns)]
    if report.ignored_columns:
        lines.append("left out: " + ", ".join(report.ignored_columns))
    lines.append(f"added {report.added:,}, updated {report.updated:,}, unchanged {report.unchanged:,}, "
                 f"refused {len({r.row for r in report.refused}):,} rows")
    for refusal in report.refused[:SHOWN_REFUSALS]:
        lines.append(f"  row {refusal.row}{f' ({refusal.column})' if refusal.column else ''}: {refusal.message}")
    if len(report.refused) > SHOWN_REFUSALS:
        lines.append(f"  ... and {len(report.refused) - SHOWN_REFUSALS:,} more")
    if report.dry_run:
        verdict = "Dry run: nothing was written."
    elif report.refused and not report.written:
        verdict = "Nothing imported: fix the refused rows and run again, or use --skip-bad-rows."
    elif not report.written:
        verdict = "Nothing to change: every member in the file is already up to date."
    else:
        verdict = (f"Imported: {report.added:,} added ({report.points_credited:,} opening points), "
                   f"{report.updated:,} updated.")
    lines.append(verdict)
    return lines


def run(svc: LoyaltyService, *, user_id: str | None, program_id: int, file: str, dry_run: bool,
        skip_bad_rows: bool, actor: str | None, pin_from_stdin: bool, stdin: TextIO = sys.stdin,
        out: TextIO = sys.stdout) -> int:
    if not user_id:
        raise ValidationError("Name the shop with --user-id", field="user_id")
    path = Path(file)
    staff_id = acting_staff(svc, user_id, actor, pin_from_stdin, stdin=stdin)
    report = svc.import_members(user_id, program_id, path, dry_run=dry_run, skip_bad_rows=skip_bad_rows,
                                actor=staff_id)
    for line in report_lines(report):
        print(line, file=out)
    errors = errors_path(path)
    if report.refused:
        write_errors(errors, report)
        print(f"refused rows written to {errors}", file=out)
    elif errors.exists():
        errors.unlink()     # from an earlier run of this file: it no longer says anything true
    return 0 if report.all_good else 1
