/*
 * csvfast_diff.h - the differential check of the reader's two ways of
 * splitting records: the same bytes read with every record through libcsv
 * (NPS_CSVIN_SCAN_LIBCSV), with the fast scan in portable C
 * (NPS_CSVIN_SCAN_SCALAR) and with the fast scan as built (SIMD where the
 * build has it, NPS_CSVIN_SCAN_AUTO) must give the same status, the same
 * error (line, column, message, hints), the same report and the same table
 * (groups in the same order, with the same keys, histograms and missing
 * counts). Used by the fuzz harness fuzz_csvfast.c and by csvfast_sweep.c.
 */
#ifndef NPS_CSVFAST_DIFF_H
#define NPS_CSVFAST_DIFF_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nps/csvin.h"
#include "nps/table.h"

/* The options that byte b picks: bits 0-1 the delimiter (sniffed, ',',
 * ';', tab), bit 2 skip_invalid, bit 3 counts input, bits 4-5 the group
 * columns (none, #1, #2 and #3, #4), bit 6 NA values with a filter on #2
 * and labelled scores, bit 7 a skipped row and a 24-byte field limit. */
static inline void csvfast_options(unsigned b, nps_csvin_options *opt) {
  static const char *const by_one[] = {"#1"};
  static const char *const by_two[] = {"#2", "#3"};
  static const char *const by_last[] = {"#4"};
  static const char *const na_custom[] = {"NA", "5", "x", "-"};
  static const char *const values[] = {"b", "x y"};
  static const nps_csvin_filter filter[] = {{"#2", values, 2, 0}};
  static const char delims[] = {0, ',', ';', '\t'};
  memset(opt, 0, sizeof *opt);
  opt->delimiter = delims[b & 3];
  opt->skip_invalid = (b >> 2) & 1;
  opt->input = (b >> 3) & 1 ? NPS_INPUT_COUNTS : NPS_INPUT_RAW;
  switch ((b >> 4) & 3) {
  case 1:
    opt->group_columns = by_one, opt->n_group_columns = 1;
    break;
  case 2:
    opt->group_columns = by_two, opt->n_group_columns = 2;
    break;
  case 3:
    opt->group_columns = by_last, opt->n_group_columns = 1;
    break;
  }
  if ((b >> 6) & 1) {
    opt->na_values = na_custom;
    opt->n_na_values = sizeof na_custom / sizeof na_custom[0];
    opt->filters = filter;
    opt->n_filters = 1;
    opt->score_labels = 1;
  }
  if ((b >> 7) & 1) {
    opt->skip_rows = 1;
    opt->max_field = 24;
  }
}

typedef struct csvfast_run {
  nps_status st;
  nps_csvin_report rep;
  nps_csvin_error err;
  nps_table *table;
} csvfast_run;

static inline FILE *csvfast_open(const uint8_t *data, size_t size) {
  if (size == 0)
    return fopen("/dev/null", "rb");
  return fmemopen((void *)(uintptr_t)data, size, "rb");
}

/* One read of data with opt and scan; 0, or -1 when it could not run. */
static inline int csvfast_read(const uint8_t *data, size_t size,
                               const nps_csvin_options *opt, size_t max_groups,
                               nps_csvin_scan scan, csvfast_run *run) {
  nps_csvin_options o = *opt;
  o.scan = scan;
  memset(run, 0, sizeof *run);
  FILE *in = csvfast_open(data, size);
  run->table = nps_table_new(max_groups);
  if (!in || !run->table) {
    if (in)
      fclose(in);
    nps_table_free(run->table);
    run->table = NULL;
    return -1;
  }
  run->st = nps_csvin_read(in, &o, run->table, &run->rep, &run->err);
  fclose(in);
  return 0;
}

/* NULL when a and b agree, else what differs. */
static inline const char *csvfast_compare(const csvfast_run *a,
                                          const csvfast_run *b) {
  if (a->st != b->st)
    return "status";
  if (memcmp(&a->err, &b->err, sizeof a->err) != 0)
    return "error (line, column, message or hints)";
  nps_csvin_report ra = a->rep, rb = b->rep;
  ra.records_fast = rb.records_fast = 0;
  if (memcmp(&ra, &rb, sizeof ra) != 0)
    return "report";
  size_t n = nps_table_size(a->table);
  if (n != nps_table_size(b->table))
    return "number of groups";
  for (size_t i = 0; i < n; i++) {
    const nps_group *g = nps_table_group(a->table, i);
    const nps_group *h = nps_table_group(b->table, i);
    if (g->key_len != h->key_len || memcmp(g->key, h->key, g->key_len) != 0)
      return "group key";
    if (memcmp(&g->hist, &h->hist, sizeof g->hist) != 0)
      return "group histogram";
    if (g->missing != h->missing)
      return "group missing count";
  }
  return NULL;
}

/* Reads data three ways; NULL when they agree, else what differs. The
 * records each fast way split are added to fast[0] (scalar) and fast[1]
 * (as built) when fast is not NULL. */
static inline const char *csvfast_diff(const uint8_t *data, size_t size,
                                       const nps_csvin_options *opt,
                                       size_t max_groups, uint64_t *fast) {
  static const nps_csvin_scan scans[3] = {
      NPS_CSVIN_SCAN_LIBCSV, NPS_CSVIN_SCAN_SCALAR, NPS_CSVIN_SCAN_AUTO};
  csvfast_run run[3];
  const char *why = NULL;
  int ok = 1;
  for (int i = 0; i < 3; i++)
    ok &= csvfast_read(data, size, opt, max_groups, scans[i], &run[i]) == 0;
  if (ok) {
    if (run[0].rep.records_fast != 0)
      why = "the libcsv way split a record by the fast scan";
    for (int i = 1; i < 3 && !why; i++) {
      static char msg[128];
      const char *d = csvfast_compare(&run[0], &run[i]);
      if (d) {
        snprintf(msg, sizeof msg, "the %s fast scan differs from libcsv in %s",
                 i == 1 ? "portable" : "built", d);
        why = msg;
      }
    }
    if (fast) {
      fast[0] += run[1].rep.records_fast;
      fast[1] += run[2].rep.records_fast;
    }
  }
  for (int i = 0; i < 3; i++)
    nps_table_free(run[i].table);
  return why;
}

#endif
