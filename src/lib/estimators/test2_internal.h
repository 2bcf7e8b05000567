/*
 * test2_internal.h - pieces shared by the two-sample tests (test2.c,
 * test2_boot.c, test2_perm.c); not part of the API.
 */
#ifndef NPS_TEST2_INTERNAL_H
#define NPS_TEST2_INTERNAL_H

#include "internal.h"
#include "nps/test2.h"

/* out emptied for method m: every number NAN, counts 0, note NULL. */
void nps_test2_clear(nps_test2_result *out, nps_test2_method m,
                     nps_alternative alt, double level);

/* Validates the common arguments of an independent-groups test and sets
 * out->n1, out->n2: NPS_OK, NPS_EINVAL (alternative or level),
 * NPS_EOVERFLOW or NPS_EEMPTY. */
nps_status nps_test2_check_groups(const nps_counts *g1, const nps_counts *g2,
                                  nps_alternative alt, double level,
                                  nps_test2_result *out);

/* z, p and Delta +- z_level SE from out->diff and out->se (out->level and
 * out->alternative set). SE = 0 gives the limits: z = +-inf (p 0 or 1)
 * for Delta != 0, z NAN and p 1 for Delta = 0, a point interval, and
 * out->note = flat_note. Returns NPS_OK. */
nps_status nps_test2_z_finish(nps_test2_result *out, const char *flat_note);

/* The interval of alt from a z procedure: two_sided itself, or the
 * one-sided bound Delta - z_level se as [L, 2] (greater), Delta + z_level
 * se as [-2, U] (less). */
nps_interval nps_test2_sided(nps_interval two_sided, double d, double se,
                             double level, nps_alternative alt);

/* Nonzero for a known alternative. */
int nps_test2_alt_valid(nps_alternative alt);

/* t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta, exact while below 2^52. */
double nps_test2_scaled_diff(const nps_counts *c1, const nps_counts *c2,
                             double n1, double n2);

#endif
