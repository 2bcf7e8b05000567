/* A program built against an installed nps-stat (tests/install/install.sh):
 * it reads a CSV with the library's reader, computes NPS of a fixed
 * histogram and a bootstrap interval with its own gsl_rng, and checks the
 * numbers against values worked out by hand. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <nps/nps.h>

static int failures;

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "consumer: %s\n", what);
    failures++;
  }
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off();
  check(strcmp(nps_version(), NPS_VERSION_STRING) == 0,
        "nps_version() differs from the header's NPS_VERSION_STRING");

  /* Counts of the scores 0..10: detractors 1 + 2 + 3 + 4 = 10, passives
   * 5 + 6 = 11, promoters 7 + 8 = 15; n = 36, NPS = (15 - 10) / 36. */
  nps_hist h = {{1, 0, 2, 0, 3, 0, 4, 5, 6, 7, 8}};
  nps_counts c = nps_hist_counts(&h);
  nps_estimate e;
  check(nps_counts_estimate(&c, &e) == NPS_OK, "nps_counts_estimate failed");
  check(e.n == 36 && fabs(e.nps - 5.0 / 36.0) < 1e-15,
        "NPS of the fixed histogram is not 5/36");

  /* A bootstrap interval with the caller's generator (gsl_rng in the
   * public headers: GSL is a public dependency). */
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 1);
  nps_ci_request req = {.method = NPS_CI_PERCENTILE,
                        .level = 0.95,
                        .replicates = 2000,
                        .rng = rng};
  nps_ci_result r;
  check(nps_ci_compute(&c, &req, &r) == NPS_OK, "nps_ci_compute failed");
  check(r.method_used == NPS_CI_PERCENTILE && r.iv.lo < e.nps &&
            e.nps < r.iv.hi && r.iv.lo > -1 && r.iv.hi < 1,
        "the bootstrap interval does not surround the estimate");
  gsl_rng_free(rng);

  /* The CSV reader (libcsv behind it): scores 10 9 9 8 7 6 0 10 are 4
   * promoters, 2 passives, 2 detractors, NPS = 2 / 8. */
  if (argc > 1) {
    nps_csvin_options opt;
    nps_csvin_options_init(&opt);
    nps_csvin_report rep;
    nps_csvin_error err;
    nps_table *t = nps_table_new(0);
    FILE *f = fopen(argv[1], "r");
    check(t && f && nps_csvin_read(f, &opt, t, &rep, &err) == NPS_OK,
          "cannot read the CSV file");
    if (f)
      fclose(f);
    nps_hist all = {{0}};
    uint64_t missing = 0;
    if (t)
      nps_table_total(t, &all, &missing);
    nps_counts cc = nps_hist_counts(&all);
    nps_estimate ee;
    check(nps_counts_estimate(&cc, &ee) == NPS_OK && ee.n == 8 &&
              fabs(ee.nps - 0.25) < 1e-15,
          "NPS of the CSV file is not 2/8");
    nps_table_free(t);
  }
  printf("%s: NPS %.6f of n = %llu, 95%% percentile interval [%.3f, %.3f]\n",
         nps_version(), e.nps, (unsigned long long)e.n, r.iv.lo, r.iv.hi);
  return failures ? 1 : 0;
}
