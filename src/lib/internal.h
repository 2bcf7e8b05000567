/*
 * internal.h - helpers shared by the library's modules, not part of the API.
 */
#ifndef NPS_INTERNAL_H
#define NPS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/csvin.h"
#include "nps/hist.h"

/* c as doubles: promoters, passives, detractors, n. */
static inline void nps_counts_as_double(const nps_counts *c, double *p,
                                        double *a, double *d, double *n) {
  *p = (double)c->promoters;
  *a = (double)c->passives;
  *d = (double)c->detractors;
  *n = *p + *a + *d;
}

/* Nonzero when 0 < level < 1. */
static inline int nps_level_valid(double level) {
  return level > 0.0 && level < 1.0;
}

/* A view of the records of a CSV read as the parser delivers them, after
 * the reader's own preparation of the bytes (encoding checks, BOM, "sep="
 * line, delimiter, line splitting): field gets each field's len bytes (not
 * NUL-terminated, quotes removed), record_end the end of each record, the
 * header and skipped rows included. ctx is passed back to both. */
typedef struct nps_csvin_tap {
  void (*field)(const char *s, size_t len, void *ctx);
  void (*record_end)(void *ctx);
  void *ctx;
} nps_csvin_tap;

/* nps_csvin_read with a tap (NULL: none) watching the records; what the
 * reader does with them is unchanged. The CSV conformance test checks the
 * parsed records through it. NPS_EINVAL when tap lacks a callback. */
nps_status nps_csvin_read_tap(FILE *in, const nps_csvin_options *opt,
                              nps_table *table, nps_csvin_report *report,
                              nps_csvin_error *err, const nps_csvin_tap *tap);

#endif
