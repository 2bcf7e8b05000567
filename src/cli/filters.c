/*
 * filters.c - what the CLI says about --where and --exclude after a read:
 * a value that matched no row (with the closest value the column holds),
 * and, when the filters removed every row, the values there were. It reads
 * the reader's tally of each filter's column (nps_csvin_filter_tally); it
 * decides nothing about the data. Values go into the messages raw:
 * cli_warn and cli_error escape what they print.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "filters.h"
#include "output.h"

/* Edit distance between a and b (bytes, ASCII letters compared ignoring
 * case), or SIZE_MAX for strings longer than the tally keeps. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb) {
  enum { MAXLEN = 64 };
  size_t row[MAXLEN + 1];
  if (la > MAXLEN || lb > MAXLEN)
    return SIZE_MAX;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      int x = a[i - 1], y = b[j - 1];
      int same = x == y ||
                 ((x | 32) == (y | 32) && (x | 32) >= 'a' && (x | 32) <= 'z');
      size_t best = diag + (same ? 0 : 1);
      if (row[j] + 1 < best)
        best = row[j] + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      diag = row[j];
      row[j] = best;
    }
  }
  return row[lb];
}

/* Appends the kept value i of t, quoted (raw: the message is escaped as
 * it is printed, by cli_warn and cli_error). */
static void append_value(char *buf, size_t size,
                         const nps_csvin_filter_tally *t, uint32_t i) {
  cli_append(buf, size, "'%s%s'", t->value[i],
             t->len[i] > strlen(t->value[i]) ? "..." : "");
}

/* Appends "'a', 'b', ..." for the values of t. */
static void append_values(char *buf, size_t size,
                          const nps_csvin_filter_tally *t) {
  for (uint32_t i = 0; i < t->n_values; i++) {
    if (i)
      cli_append(buf, size, ", ");
    append_value(buf, size, t, i);
  }
  if (t->more)
    cli_append(buf, size, ", ...");
}

/* The kept value closest to want, when it is close enough to be a likely
 * typo or case slip (at most 1 + a third of the longer length); -1 when
 * none is. */
static int closest(const nps_csvin_filter_tally *t, const char *want) {
  size_t lw = strlen(want), best = SIZE_MAX;
  int at = -1;
  for (uint32_t i = 0; i < t->n_values; i++) {
    size_t lv = strlen(t->value[i]);
    if (lv != t->len[i])
      continue;
    size_t d = distance(want, lw, t->value[i], lv);
    size_t longer = lw > lv ? lw : lv;
    if (d < best && d <= 1 + longer / 3)
      best = d, at = (int)i;
  }
  return at;
}

void cli_filter_notes(const cli_common *c, const char *name,
                      const nps_csvin_options *csv, const nps_csvin_report *r) {
  for (size_t j = 0; j < csv->n_filters && j < NPS_CSVIN_TALLY_FILTERS; j++) {
    const nps_csvin_filter *f = &csv->filters[j];
    const nps_csvin_filter_tally *t = &r->filter_tally[j];
    for (size_t v = 0; v < f->n_values && v < 64; v++) {
      if (t->hit >> v & 1)
        continue;
      char tail[1024] = "";
      int near = closest(t, f->values[v]);
      if (near >= 0) {
        cli_append(tail, sizeof tail, " (did you mean ");
        append_value(tail, sizeof tail, t, (uint32_t)near);
        cli_append(tail, sizeof tail, "?)");
      } else if (t->n_values) {
        cli_append(tail, sizeof tail, "; the column holds ");
        append_values(tail, sizeof tail, t);
      }
      cli_warn(c, "%s: %s %s=%s matches no row%s", name,
               f->exclude ? "--exclude" : "--where", f->column, f->values[v],
               tail);
    }
  }
}

const char *cli_empty_reason(const cli_common *c, const nps_csvin_report *r,
                             uint64_t missing, char *buf, size_t size) {
  if (missing)
    return " (every answer is missing)";
  if (!r->filtered)
    return " (only a header?)";
  snprintf(buf, size, " (--where / --exclude removed all %llu rows",
           (unsigned long long)r->filtered);
  const nps_csvin_options *csv = &c->csv;
  size_t pick = 0, n = csv->n_filters < NPS_CSVIN_TALLY_FILTERS
                           ? csv->n_filters
                           : NPS_CSVIN_TALLY_FILTERS;
  /* The filter to blame: a --where whose values matched nothing. */
  for (size_t j = n; j-- > 0;)
    if (!csv->filters[j].exclude && !r->filter_tally[j].hit)
      pick = j;
  if (n && r->filter_tally[pick].n_values) {
    cli_append(buf, size, "; column '%s' holds ", csv->filters[pick].column);
    append_values(buf, size, &r->filter_tally[pick]);
  }
  cli_append(buf, size, ")");
  return buf;
}
