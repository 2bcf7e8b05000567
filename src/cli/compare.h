/*
 * compare.h - the data of one `nps-stat compare` run, shared by the code
 * that computes it (cmd_compare.c) and the code that prints it
 * (compare_report.c). Private to the CLI.
 *
 * Direction: sample 0 is the first file (or the first arm: before,
 * control), sample 1 the second (after, pilot). Every difference is
 * sample 1 minus sample 0, so a positive difference means the second
 * sample scored higher.
 */
#ifndef NPS_CLI_COMPARE_H
#define NPS_CLI_COMPARE_H

#include "cli.h"

/* The headline interval of the difference. */
typedef enum cmp_diff_ci {
  DIFF_CI_BCA,        /* bootstrap BCa of the difference (default) */
  DIFF_CI_PERCENTILE, /* bootstrap percentile */
  DIFF_CI_TEST        /* the chosen z test's own interval */
} cmp_diff_ci;

typedef enum cmp_fail_if {
  FAIL_NEVER,
  FAIL_SIGNIFICANT,
  FAIL_DROP
} cmp_fail_if;

/* One sample of one comparison. */
typedef struct cmp_side {
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  nps_ci_result ci;
  int has_ci;
} cmp_side;

/* One test of the overall comparison, for the table of every test. */
typedef struct cmp_test {
  nps_test2_method method;
  nps_status status; /* NPS_OK, or why the test could not run */
  nps_test2_result res;
} cmp_test;

/* One comparison: a segment (key of the --by columns) or the overall one. */
typedef struct cmp_row {
  const char *key; /* NULL: overall */
  size_t key_len;
  cmp_side side[2];
  int tested;              /* 0: no test (reason says why) */
  const char *reason;      /* static text when !tested */
  nps_test2_result test;   /* the chosen test (or its fallback) */
  const char *test_note;   /* static text on a fallback, else NULL */
  nps_interval diff_ci;    /* headline interval of the difference */
  const char *diff_ci_how; /* "bootstrap BCa", ... */
  const char *diff_note;   /* static text when the interval fell back */
  double diff;             /* raw difference theta1 - theta0 */
  double p_adj;            /* adjusted p (segments), else test.p */
  double mdd;              /* difference detectable with 80% power */
  double power;            /* power against the observed difference */
} cmp_row;

#define CMP_MAX_TESTS 4

typedef struct compare {
  cli_common *opt;
  const char *path[2];  /* path[1] NULL with one file and --arm */
  const char *label[2]; /* sample names */
  char *label_owned[2];
  const char *arm_column; /* one-file form */
  const char *arms[2];    /* arm values, in order; NULL: the two found */
  const char *id_column;  /* --paired */
  int paired;
  nps_test2_method method;
  nps_alternative alt;
  nps_multi_method adjust;
  cmp_diff_ci diff_ci;
  cmp_fail_if fail_if;
  const char *plot_power; /* --plot-power FILE.gp, or NULL */
  nps_csvin_report report[2];
  uint64_t other_arms; /* answers in arms other than the two compared */
  /* paired */
  nps_paired pairs;
  uint64_t unmatched[2]; /* answered in one sample only */
  /* results */
  cmp_row *rows; /* segments, then the overall comparison last */
  size_t n_rows;
  cmp_test all[CMP_MAX_TESTS]; /* every test on the overall comparison */
  size_t n_all;
} compare;

/* Writes the results in the chosen format; returns an exit status. */
int compare_emit(const compare *cmp);

/* Whether row r meets the --fail-if condition. */
int compare_fails(const compare *cmp, const cmp_row *r);

#endif
