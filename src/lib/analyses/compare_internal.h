/*
 * compare_internal.h - what the compare analysis's files share
 * (compare.c, compare_paired.c, compare_power.c). Not part of the API.
 */
#ifndef NPS_COMPARE_INTERNAL_H
#define NPS_COMPARE_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "internal.h"
#include "nps/compare.h"
#include "nps/power.h"

/* A new result with the options checked and defaults filled in. */
nps_status nps_compare_new(const nps_compare_options *opt, nps_compare **out,
                           nps_run_error *err);

/* Sample i's estimate and (unless empty or below min_n) its interval,
 * seeded by the sample's label and the row's key. */
nps_status nps_compare_side_stats(const nps_compare *c, nps_compare_row *r,
                                  int i, gsl_rng *rng);

/* Sets the row's interval, adjusted p and mdd to "none". */
void nps_compare_row_clear(nps_compare_row *r);

/* The detectable difference for variances v1, v0 of sizes n1, n0. */
void nps_compare_mdd_of(const nps_compare *c, nps_compare_row *r, double v1,
                        double n1, double v0, double n0);

/* The row's verdict from its adjusted p, its interval, the tests beside
 * it (the overall row) and its difference. */
void nps_compare_decide(const nps_compare *c, nps_compare_row *r);

#endif
