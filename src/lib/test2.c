/*
 * test2.c - two-sample tests of NPS (placeholder: every test reports
 * NPS_EINVAL until the implementation lands).
 */
#include <math.h>
#include <string.h>

#include "nps/test2.h"

static const struct {
  nps_alternative alt;
  const char *name;
} alternatives[] = {
    {NPS_ALT_TWO_SIDED, "two-sided"},
    {NPS_ALT_GREATER, "greater"},
    {NPS_ALT_LESS, "less"},
};

static const struct {
  nps_test2_method method;
  const char *name;
  const char *label;
} methods[] = {
    {NPS_TEST2_WALD, "wald", "Wald z test"},
    {NPS_TEST2_ADJUSTED_WALD, "adjusted-wald",
     "adjusted-Wald z test (MeasuringU)"},
    {NPS_TEST2_BOOTSTRAP, "bootstrap", "bootstrap test"},
    {NPS_TEST2_PERMUTATION, "permutation", "permutation test"},
};

#define COUNT_OF(x) (sizeof(x) / sizeof((x)[0]))

nps_status nps_alternative_parse(const char *name, nps_alternative *out) {
  for (size_t i = 0; name && i < COUNT_OF(alternatives); i++) {
    if (strcmp(name, alternatives[i].name) == 0) {
      *out = alternatives[i].alt;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_alternative_name(nps_alternative alt) {
  for (size_t i = 0; i < COUNT_OF(alternatives); i++)
    if (alternatives[i].alt == alt)
      return alternatives[i].name;
  return "unknown";
}

nps_status nps_test2_method_parse(const char *name, nps_test2_method *out) {
  for (size_t i = 0; name && i < COUNT_OF(methods); i++) {
    if (strcmp(name, methods[i].name) == 0) {
      *out = methods[i].method;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_test2_method_name(nps_test2_method method) {
  for (size_t i = 0; i < COUNT_OF(methods); i++)
    if (methods[i].method == method)
      return methods[i].name;
  return "unknown";
}

const char *nps_test2_method_label(nps_test2_method method) {
  for (size_t i = 0; i < COUNT_OF(methods); i++)
    if (methods[i].method == method)
      return methods[i].label;
  return "unknown";
}

static void clear(nps_test2_result *out) {
  memset(out, 0, sizeof *out);
  out->level = out->nps1 = out->nps2 = out->diff = out->se = out->z = NAN;
  out->p = out->p_mc_se = out->z0 = out->accel = out->tables = NAN;
  out->ci = out->ci_percentile = (nps_interval){NAN, NAN};
}

nps_status nps_test2_wald(const nps_counts *g1, const nps_counts *g2,
                          nps_alternative alt, double level,
                          nps_test2_result *out) {
  (void)g1, (void)g2, (void)alt, (void)level;
  clear(out);
  return NPS_EINVAL;
}

nps_status nps_test2_adjusted_wald(const nps_counts *g1, const nps_counts *g2,
                                   nps_alternative alt, double level,
                                   nps_test2_result *out) {
  (void)g1, (void)g2, (void)alt, (void)level;
  clear(out);
  return NPS_EINVAL;
}

double nps_test2_boot_accel(const nps_counts *g1, const nps_counts *g2) {
  (void)g1, (void)g2;
  return NAN;
}

nps_status nps_test2_bootstrap(const nps_counts *g1, const nps_counts *g2,
                               nps_alternative alt, double level, size_t B,
                               gsl_rng *r, double *replicates,
                               nps_test2_result *out) {
  (void)g1, (void)g2, (void)alt, (void)level, (void)B, (void)r;
  (void)replicates;
  clear(out);
  return NPS_EINVAL;
}

double nps_test2_permutation_tables(const nps_counts *g1,
                                    const nps_counts *g2) {
  (void)g1, (void)g2;
  return NAN;
}

nps_status nps_test2_permutation(const nps_counts *g1, const nps_counts *g2,
                                 nps_alternative alt, double level,
                                 double max_tables, size_t draws, gsl_rng *r,
                                 nps_test2_result *out) {
  (void)g1, (void)g2, (void)alt, (void)level, (void)max_tables, (void)draws;
  (void)r;
  clear(out);
  return NPS_EINVAL;
}

nps_status nps_test2_paired(const nps_paired *t, nps_alternative alt,
                            double level, nps_test2_result *out) {
  (void)t, (void)alt, (void)level;
  clear(out);
  return NPS_EINVAL;
}

nps_status nps_test2_compute(const nps_counts *g1, const nps_counts *g2,
                             const nps_test2_request *req,
                             nps_test2_result *out, const char **note) {
  (void)g1, (void)g2, (void)req;
  if (note)
    *note = NULL;
  clear(out);
  return NPS_EINVAL;
}
