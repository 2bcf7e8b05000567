/*
 * trend_counts.c - `trend --format counts`: the histograms per period (and
 * per --by segment), the period's label in the date column, so that shards
 * summarised by period merge into the same series a single run gives.
 * Labels (2025-03, 2025-W09, 2025-Q1) are read back by trend as dates of
 * their period (dates.h), with the same --period or a coarser one that
 * holds them whole.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "counts_out.h"
#include "trend_view.h"

/* The period of a key's date part (a day YYYY-MM-DD or a label as the
 * reader's map kept it): 0, or -1 when it is not one. */
static int period_of(const nps_trend_options *o, const char *s, size_t len,
                     int64_t *index, int64_t *first) {
  if (nps_period_bucket(s, len, NULL, o->period, index, first) == NPS_OK)
    return 0;
  if (o->date_format && nps_period_bucket(s, len, o->date_format, o->period,
                                          index, first) == NPS_OK)
    return 0;
  return -1;
}

/* Adds group g into out under key label + the rest of g's key. */
static nps_status add_group(nps_table *out, const nps_group *g,
                            const char *label, char *key, size_t cap) {
  const char *rest = memchr(g->key, NPS_KEY_SEP, g->key_len);
  size_t lab = strlen(label);
  size_t rest_len = rest ? g->key_len - (size_t)(rest - g->key) : 0;
  if (lab + rest_len > cap)
    return NPS_ENOMEM;
  memcpy(key, label, lab);
  if (rest_len)
    memcpy(key + lab, rest, rest_len);
  size_t len = lab + rest_len;
  nps_status st = nps_table_add_missing(out, key, len, g->missing);
  for (int s = 0; s < NPS_NSCORES && st == NPS_OK; s++)
    if (g->hist.count[s])
      st = nps_table_add(out, key, len, s, g->hist.count[s]);
  return st;
}

int trend_counts_write(const cli_common *c, const nps_trend_options *o,
                       const nps_table *t) {
  nps_table *out = nps_table_new(nps_table_max_groups(t));
  char *key = NULL;
  size_t cap = 0;
  for (size_t i = 0; i < nps_table_size(t); i++)
    if (nps_table_group(t, i)->key_len > cap)
      cap = nps_table_group(t, i)->key_len;
  cap += NPS_PERIOD_LABEL_SIZE;
  if (!out || !(key = malloc(cap))) {
    nps_table_free(out);
    return cli_out_of_memory();
  }
  nps_status st = NPS_OK;
  for (size_t i = 0; i < nps_table_size(t) && st == NPS_OK; i++) {
    const nps_group *g = nps_table_group(t, i);
    const char *d;
    size_t len;
    int64_t index, first;
    nps_key_part(g->key, g->key_len, 0, &d, &len);
    if (period_of(o, d, len, &index, &first) != 0) {
      cli_error("trend: '%.*s' is not a date of a %s", (int)len, d,
                nps_period_name(o->period));
      free(key);
      nps_table_free(out);
      return EXIT_DATA;
    }
    if (first < o->since || first > o->until)
      continue;
    char label[NPS_PERIOD_LABEL_SIZE];
    nps_period_label(o->period, index, label, sizeof label);
    st = add_group(out, g, label, key, cap);
  }
  free(key);
  int rc;
  if (st == NPS_OK) {
    rc = cli_counts_write(c, out);
  } else {
    cli_error("trend: %s", nps_strerror(st));
    rc = st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  nps_table_free(out);
  return rc;
}
