/*
 * internal.h - helpers shared by the library's modules, not part of the API.
 */
#ifndef NPS_INTERNAL_H
#define NPS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

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

#endif
