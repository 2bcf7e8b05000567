/*
 * summary.h - the summary analysis: NPS, category shares and an interval
 * for every group of a table and for all answers together.
 *
 * One options struct, one call, one result that the caller owns and frees
 * with nps_summary_free. Every statistical decision of a summary is made
 * here: the interval method and its fallbacks (through nps_ci_compute), the
 * small-base rule, and the seed of each group, so that a group's random
 * results do not depend on which other groups exist.
 */
#ifndef NPS_SUMMARY_H
#define NPS_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "ci.h"
#include "export.h"
#include "hist.h"
#include "interval.h"
#include "order.h"
#include "status.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The seed of the random results of the group key (len bytes): seed mixed
 * with a 64-bit FNV-1a hash of the key by the splitmix64 finaliser. Used
 * for every per-group and per-sample stream, so one group's numbers are
 * the same whatever other groups a run holds. */
NPS_API unsigned long nps_seed_for_key(unsigned long seed, const char *key,
                                       size_t len);

/* ABI: the caller allocates it and fills it with nps_summary_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_summary_options {
  nps_ci_method method; /* interval method; NPS_CI_DEFAULT by default */
  double level;         /* 0 < level < 1; 0.95 by default */
  size_t replicates;    /* bootstrap B; 0 means NPS_BOOT_DEFAULT_REPLICATES */
  unsigned long seed;   /* the run's seed (nps_seed_for_key per group) */
  uint64_t min_n;       /* groups with fewer answers are small bases */
  int by_group;         /* nonzero: one row per group of the table */
  int keep_replicates;  /* nonzero: keep the overall row's sorted bootstrap
                           replicates (when its interval is a bootstrap) */
  nps_order order;      /* row order; NPS_ORDER_NAME (by key) by default */
} nps_summary_options;

/* Sets the defaults: NPS_CI_DEFAULT, 0.95, default B, seed 0, min_n 0,
 * one overall row, no replicates kept. */
NPS_API void nps_summary_options_init(nps_summary_options *opt);

/* The base of a row: its n against min_n. */
typedef enum nps_small_base {
  NPS_BASE_OK = 0, /* at least min_n answers */
  NPS_BASE_EMPTY,  /* no answers: no estimate, no interval */
  NPS_BASE_BELOW   /* fewer than min_n answers: a small base, shown with its
                      (wide) interval and marked; analyses leave it out of
                      tests */
} nps_small_base;

typedef struct nps_summary_row {
  const char *key; /* the group key (nps_key_part splits it); NULL: all */
  size_t key_len;
  nps_counts counts;
  nps_estimate est; /* est.n is the number of answers */
  uint64_t missing;
  int has_ci; /* 0 only for an empty row */
  nps_small_base base;
  nps_ci_result ci;   /* valid when has_ci; ci.note explains a fallback */
  unsigned long seed; /* the seed the row's interval used */
} nps_summary_row;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_summary {
  nps_summary_row *rows; /* the groups (in options.order), then the overall
                            row */
  size_t n_rows;
  const double *replicates; /* keep_replicates: the overall row's sorted
                               bootstrap replicates, else NULL */
  size_t n_replicates;
  nps_summary_options options; /* as given, defaults filled in */
} nps_summary;

/* Summarises table t (its first-seen order of groups is what
 * NPS_ORDER_FILE follows; t is not changed). Row keys point into t: keep t
 * alive while the result is used. *out receives a result to free with
 * nps_summary_free. NPS_EEMPTY when the table holds no answers at all (*out is
 * still returned, every row with base NPS_BASE_EMPTY); NPS_EINVAL for a bad
 * option; NPS_ENOMEM; the status of nps_ci_compute when an interval fails
 * (*out is then NULL). err (nps_run_error, status.h; may be NULL) is
 * cleared: these failures need no more detail than the status. */
NPS_API nps_status nps_summary_run(const nps_table *t,
                                   const nps_summary_options *opt,
                                   nps_summary **out, nps_run_error *err);

/* The overall row (the last one). */
NPS_API const nps_summary_row *nps_summary_overall(const nps_summary *s);

/* Frees s. nps_summary_free(NULL) is a no-op. */
NPS_API void nps_summary_free(nps_summary *s);

#ifdef __cplusplus
}
#endif
#endif
