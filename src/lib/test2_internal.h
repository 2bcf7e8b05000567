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

/* t = (P1 - D1) n2 - (P2 - D2) n1 = n1 n2 Delta, exact while below 2^52. */
double nps_test2_scaled_diff(const nps_counts *c1, const nps_counts *c2,
                             double n1, double n2);

#endif
