/*
 * csvin_error.c - how a read fails: the first error of the read, a record
 * rejected (skipped and counted, or fatal), a column's name for a message,
 * a table update's failure, a field over the size limit, and the end of the
 * look for extra header rows that holds a score error back. Below every
 * other reader file but csvin_text.c: it calls nothing else of the reader.
 */
#include <stdarg.h>
#include <stdio.h>

#include "csvin_internal.h"

/* Records the first error of the read (and clears its hints); later ones
 * are ignored. Returns 1 when this one was recorded. */
int nps_csv_fail(reader *r, nps_status st, uint64_t line, size_t column,
                 const char *fmt, ...) {
  if (r->status != NPS_OK)
    return 0;
  if (r->probe) { /* the pending score error came first */
    nps_csv_end_probe(r, 0);
    return 0;
  }
  r->status = st;
  r->err->line = line;
  r->err->column = column;
  va_list ap;
  va_start(ap, fmt);
  nps_csv_set_message(r->err, fmt, ap);
  va_end(ap);
  return 1;
}

/* A record-level problem: skipped and counted under skip_invalid when
 * skippable, else the read fails. column is 1-based or 0; hints (may be
 * NULL) go with the message. */
void nps_csv_reject(reader *r, nps_status st, int skippable, size_t column,
                    const nps_csvin_hints *hints, const char *fmt, ...) {
  char msg[sizeof r->err->message];
  va_list ap;
  va_start(ap, fmt);
  nps_csv_vformat(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!(skippable && r->opt->skip_invalid)) {
    if (nps_csv_fail(r, st, r->rec_line, column, "%s", msg) && hints)
      r->err->hints = *hints;
    return;
  }
  nps_csvin_report *rep = r->report;
  if (rep->invalid++ == 0) {
    rep->first_invalid_line = r->rec_line;
    nps_csv_copy_cut(rep->first_invalid_reason,
                     sizeof rep->first_invalid_reason, msg);
    if (hints)
      rep->first_invalid_hints = *hints;
  }
}

void nps_csv_show_name(const reader *r, size_t col, char *out, size_t cap) {
  if (col < r->ncols)
    nps_csv_show(out, cap, r->names[col], r->name_len[col], SHOW_MAX);
  else
    snprintf(out, cap, "%zu", col + 1);
}

void nps_csv_fail_table(reader *r, nps_status st) {
  if (st == NPS_EGROUPS)
    nps_csv_fail(
        r, st, r->rec_line, 0,
        "more than %zu distinct groups (is an id column among the group "
        "columns?)",
        nps_table_size(r->table));
  else if (st == NPS_EOVERFLOW)
    nps_csv_fail(r, st, r->rec_line, 0, "a count total passes 2^64 - 1");
  else
    nps_csv_fail(r, st, r->rec_line, 0, "%s", nps_strerror(st));
}

void nps_csv_fail_field_size(reader *r, size_t col) {
  char name[4 * SHOW_MAX + 8];
  nps_csv_show_name(r, col, name, sizeof name);
  uint64_t line = r->rec_line     ? r->rec_line
                  : r->quote_line ? r->quote_line
                                  : r->line;
  nps_csv_fail(r, NPS_EFIELD, line, col + 1,
               "column '%s': a field is longer than %zu bytes", name,
               r->max_field);
}

void nps_csv_end_probe(reader *r, int found) {
  r->probe = 0;
  r->status = NPS_ESCORE;
  if (found) {
    nps_csv_append(r->err->message, sizeof r->err->message,
                   " (extra header rows?");
    r->err->hints.skip_rows = r->opt->skip_rows + r->probe_rows;
    nps_csv_add_hint(&r->err->hints, r->err->message, NPS_CSVIN_HINT_SKIP_ROWS);
    nps_csv_append(r->err->message, sizeof r->err->message, ")");
  }
}
