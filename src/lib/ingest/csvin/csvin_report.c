/*
 * csvin_report.c - what a read records about its header, and joining the
 * reports of several reads of one data set (part files read one by one).
 *
 * The header facts let a caller check that every part has the same
 * columns in the same order without reading any file twice; the merge
 * sums the tallies so that notes about skipped rows and unmatched filter
 * values speak of the whole data set.
 */
#include <string.h>

#include "csvin_internal.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME  1099511628211ULL

/* FNV-1a 64 of s[0..len) and a NUL byte, continuing from h. */
static uint64_t hash_name(uint64_t h, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
  return h * FNV_PRIME;
}

void nps_csv_note_header(reader *r) {
  nps_csvin_report *rep = r->report;
  uint64_t h = FNV_OFFSET;
  size_t used = 0, cap = sizeof rep->header_names;
  int full = 0;
  for (size_t i = 0; i < r->ncols; i++) {
    const char *s = r->names[i];
    size_t len = r->name_len[i];
    nps_csv_trim(&s, &len);
    h = hash_name(h, s, len);
    if (!full && used + len + 1 <= cap) {
      memcpy(rep->header_names + used, s, len);
      rep->header_names[used + len] = '\0';
      used += len + 1;
    } else {
      full = 1; /* whole names only, in order */
    }
  }
  rep->header_columns = r->ncols;
  rep->header_hash = h;
  rep->header_names_len = used;
}

void nps_csv_tally_put(nps_csvin_filter_tally *t, const char *kept, size_t n,
                       uint32_t len) {
  if (t->more)
    return;
  for (uint32_t i = 0; i < t->n_values; i++)
    if (t->len[i] == len && strlen(t->value[i]) == n &&
        memcmp(t->value[i], kept, n) == 0)
      return;
  if (t->n_values == NPS_CSVIN_TALLY_VALUES) {
    t->more = 1;
    return;
  }
  memcpy(t->value[t->n_values], kept, n);
  t->value[t->n_values][n] = '\0';
  t->len[t->n_values++] = len;
}

static uint64_t add_sat(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

void nps_csvin_report_merge(nps_csvin_report *into,
                            const nps_csvin_report *from) {
  into->records = add_sat(into->records, from->records);
  into->records_fast = add_sat(into->records_fast, from->records_fast);
  into->responses = add_sat(into->responses, from->responses);
  into->missing = add_sat(into->missing, from->missing);
  into->filtered = add_sat(into->filtered, from->filtered);
  if (from->invalid && !into->invalid) {
    into->first_invalid_line = from->first_invalid_line;
    memcpy(into->first_invalid_reason, from->first_invalid_reason,
           sizeof from->first_invalid_reason);
    into->first_invalid_hints = from->first_invalid_hints;
  }
  into->invalid = add_sat(into->invalid, from->invalid);
  for (size_t j = 0; j < NPS_CSVIN_TALLY_FILTERS; j++) {
    nps_csvin_filter_tally *t = &into->filter_tally[j];
    const nps_csvin_filter_tally *q = &from->filter_tally[j];
    t->hit |= q->hit;
    for (uint32_t i = 0; i < q->n_values; i++)
      nps_csv_tally_put(t, q->value[i], strlen(q->value[i]), q->len[i]);
    t->more |= q->more;
  }
}
