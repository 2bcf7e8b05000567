/* api_tour.c - NPS by one column of a CSV file, then two values of that
 * column compared: the numbers of `nps-stat summary FILE --by COLUMN` and
 * `nps-stat compare FILE --arm COLUMN --arms A,B`, through the library.
 *
 * Usage: api_tour FILE COLUMN A B */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <nps/nps.h>

/* The seed nps-stat uses when --seed is not given. */
#define SEED 20240601UL

/* NPS on -1..1 as points on -100..100, with no "-0.0". */
static double points(double x) {
  return fabs(100 * x) < 0.05 ? 0.0 : 100 * x;
}

/* Reads path into a new table keyed by column, or says why not. */
static nps_table *load(const char *path, const char *column) {
  const char *by[1] = {column};
  nps_csvin_options opt;
  nps_csvin_options_init(&opt);
  opt.group_columns = by;
  opt.n_group_columns = 1;
  nps_csvin_report report;
  nps_csvin_error err;
  FILE *in = fopen(path, "r");
  if (!in) {
    perror(path);
    return NULL;
  }
  nps_table *t = nps_table_new(0);
  nps_status st = t ? nps_csvin_read(in, &opt, t, &report, &err) : NPS_ENOMEM;
  fclose(in);
  if (st == NPS_OK)
    return t;
  if (!t)
    fprintf(stderr, "%s: %s\n", path, nps_strerror(st));
  else if (err.line)
    fprintf(stderr, "%s:%llu: %s\n", path, (unsigned long long)err.line,
            err.message);
  else
    fprintf(stderr, "%s: %s\n", path, err.message);
  nps_table_free(t); /* NULL is fine */
  return NULL;
}

/* One summary row: "app: n = 880, NPS 33.3, 95% CI [28.0, 38.4] (...)". */
static void print_row(const nps_summary_row *r) {
  if (r->key)
    printf("%.*s: ", (int)r->key_len, r->key);
  else
    printf("all: ");
  printf("n = %llu", (unsigned long long)r->est.n);
  if (!r->has_ci) {
    printf(", no answers\n");
    return;
  }
  printf(", NPS %.1f, 95%% CI [%.1f, %.1f] (%s)%s\n", points(r->est.nps),
         points(r->ci.iv.lo), points(r->ci.iv.hi),
         nps_ci_method_label(r->ci.method_used),
         r->base == NPS_BASE_BELOW ? ", small base" : "");
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s FILE COLUMN A B\n", argv[0]);
    return 2;
  }
  gsl_set_error_handler_off(); /* the library checks GSL's status codes */
  nps_table *all = load(argv[1], argv[2]);
  if (!all)
    return 1;

  /* NPS and its interval for every value of the column, and overall. */
  nps_summary_options so;
  nps_summary_options_init(&so);
  so.by_group = 1;
  so.min_n = 2; /* as nps-stat's --min-n */
  so.seed = SEED;
  nps_summary *s = NULL;
  nps_status st = nps_summary_run(all, &so, &s, NULL); /* NULL: no detail */
  if (st != NPS_OK) {
    fprintf(stderr, "summary: %s\n", nps_strerror(st));
    nps_summary_free(s);
    nps_table_free(all);
    return 1;
  }
  printf("NPS by %s (%s)\n", argv[2], argv[1]);
  for (size_t i = 0; i < s->n_rows; i++)
    print_row(&s->rows[i]);
  nps_summary_free(s);

  /* The answers of values A and B as two samples, compared. */
  const char *arm[2] = {argv[3], argv[4]};
  const size_t arm_len[2] = {strlen(arm[0]), strlen(arm[1])};
  nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
  uint64_t other = 0;
  nps_compare *c = NULL;
  nps_run_error err;
  st = t[0] && t[1] ? nps_compare_split_arms(all, arm, arm_len, t, &other)
                    : NPS_ENOMEM;
  if (st == NPS_OK) {
    nps_compare_options co;
    nps_compare_options_init(&co);
    co.seed = SEED;
    co.min_n = 2;
    co.all_tests = 1; /* as nps-stat: the verdict needs every test to agree */
    co.label[0] = arm[0];
    co.label[1] = arm[1];
    const nps_table *const in[2] = {t[0], t[1]}; /* read, not changed */
    st = nps_compare_run(in, &co, &c, &err);
  }
  if (st == NPS_EEMPTY)
    fprintf(stderr, "%s has no answers\n", arm[err.sample]);
  else if (st != NPS_OK)
    fprintf(stderr, "compare: %s\n", nps_strerror(st));
  else {
    const nps_compare_row *r = nps_compare_overall(c);
    const nps_verdict *v = &r->verdict;
    printf("\n%s vs %s (%llu answers in other values left out)\n", arm[1],
           arm[0], (unsigned long long)other);
    for (int i = 0; i < 2; i++) {
      const nps_compare_side *d = &r->side[i];
      printf("%s: n = %llu", arm[i], (unsigned long long)d->est.n);
      if (d->has_ci) /* 0 when empty or below min_n */
        printf(", NPS %.1f, 95%% CI [%.1f, %.1f]", points(d->est.nps),
               points(d->ci.iv.lo), points(d->ci.iv.hi));
      printf("\n");
    }
    printf("%s - %s: %+.1f points, 95%% CI [%.1f, %.1f] (%s), p = %.3f "
           "(%s): %s\n",
           arm[1], arm[0], points(r->diff), points(r->diff_ci.iv.lo),
           points(r->diff_ci.iv.hi),
           nps_diff_ci_method_label(r->diff_ci.method_used), v->p,
           nps_test2_method_label(r->test.method),
           !v->tested                           ? "not tested"
           : v->conflict != NPS_CONFLICT_NONE   ? "borderline"
           : v->significant && v->direction > 0 ? "significantly higher"
           : v->significant                     ? "significantly lower"
                                                : "no significant difference");
  }
  /* The result's keys point into t[0] and t[1]: free it before them. */
  nps_compare_free(c);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  nps_table_free(all);
  return st == NPS_OK ? 0 : 1;
}
