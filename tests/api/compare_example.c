/* The numbers and verdict of `nps-stat compare before.csv after.csv`
 * through the public API alone (what a C user of the library writes). */
#include <gsl/gsl_errno.h>
#include <stdio.h>

#include "nps/nps.h"

static nps_table *load(const char *path) {
  nps_csvin_options opt;
  nps_csvin_options_init(&opt);
  nps_csvin_report rep;
  nps_csvin_error err;
  nps_table *t = nps_table_new(0);
  FILE *f = fopen(path, "r");
  if (!t || !f || nps_csvin_read(f, &opt, t, &rep, &err) != NPS_OK)
    return fprintf(stderr, "%s: cannot read\n", path), NULL;
  fclose(f);
  return t;
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off();
  nps_table *t[2] = {load(argv[1]), load(argv[2])};
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.seed = 20240601; /* the tool's default seed */
  o.label[0] = "before", o.label[1] = "after";
  nps_compare *c;
  if (argc < 3 || !t[0] || !t[1] ||
      nps_compare_run((const nps_table *const *)t, &o, &c, NULL) != NPS_OK)
    return 1;
  const nps_compare_row *r = nps_compare_overall(c);
  printf("%s: %+.1f points, 95%% CI [%.1f, %.1f], p = %.3f\n",
         r->verdict.significant ? "significant" : "not significant",
         100 * r->diff, 100 * r->diff_ci.iv.lo, 100 * r->diff_ci.iv.hi,
         r->verdict.p);
  nps_compare_free(c);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  return 0;
}
