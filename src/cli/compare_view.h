/*
 * compare_view.h - the presentation of `nps-stat compare`: its writers
 * (compare_view.c: the table; compare_data.c: CSV and JSON) and charts
 * (compare_chart.c). Private to the CLI.
 *
 * Direction: sample 0 is the first file (or the first arm: before,
 * control), sample 1 the second (after, pilot); every difference is
 * sample 1 minus sample 0.
 */
#ifndef NPS_CLI_COMPARE_VIEW_H
#define NPS_CLI_COMPARE_VIEW_H

#include "common.h"
#include "json.h"
#include "present.h"

typedef enum cmp_fail_if {
  FAIL_NEVER,
  FAIL_SIGNIFICANT,
  FAIL_DROP
} cmp_fail_if;

typedef struct compare_view {
  cli_common *opt;
  const char *path[2];  /* path[1] NULL with one file and --arm */
  const char *label[2]; /* sample names */
  const char *arm_column;
  const char *id_column;  /* --paired */
  const char *adjust_for; /* --adjust-for COL, or NULL */
  nps_compare_options analysis;
  cmp_fail_if fail_if;
  const char *plot_power; /* --plot-power FILE.gp, or NULL */
  nps_csvin_report report[2];
  const nps_compare *res;
} compare_view;

/* The writers of cv as a view, with the charts asked for. */
void compare_view_init(const compare_view *cv, cli_view *v);

/* The chart writers (compare_chart.c). */
nps_status compare_write_chart(FILE *fp, const nps_plot_target *t,
                               const void *ctx);
nps_status compare_write_power_chart(FILE *fp, const nps_plot_target *t,
                                     const void *ctx);

/* Short name of the test behind a row's p-value, for sentences. */
const char *compare_test_label(const compare_view *cv,
                               const nps_compare_row *r);

/* How the row's difference interval was made ("bootstrap BCa"), or NULL. */
const char *compare_diff_ci_label(const nps_compare_row *r);

/* Row r's interval of the difference with its level, as a sentence
 * shows it: "95% CI [a, b]", "98.7% CI [a, b]" for a segment at the level
 * matched to its adjusted p, or "95% one-sided CI [a, 200.0]" for a
 * one-sided alternative. */
void compare_fmt_diff_ci(char *buf, size_t size, const compare_view *cv,
                         const nps_compare_row *r);

/* The level of row r's interval as a table cell: "95%" or "98.7%". */
void compare_fmt_ci_level(char *buf, size_t size, const compare_view *cv,
                          double level);

/* The name of row r for a message: "segment " and its key components
 * joined by ", " (control characters as spaces, cut to fit size), or
 * "overall". */
void compare_row_name(char *buf, size_t size, const compare_view *cv,
                      const nps_compare_row *r);

/* Why a row was not tested ("n below --min-n"), or NULL. */
const char *compare_untested_reason(nps_compare_untested u);

/* "significant", "borderline" or "not significant"; NULL untested. */
const char *compare_verdict_class(const nps_verdict *v);

/* The verdict of row r in a sentence, without a newline. */
void compare_print_verdict(FILE *fp, const compare_view *cv,
                           const nps_compare_row *r);

/* The CSV and JSON writers (compare_data.c). */
void compare_print_csv(FILE *fp, const void *ctx);
void compare_print_json(cli_json *w, const void *ctx);

/* --adjust-for (compare_mix.c): the strata, the comparison at the
 * standard mix and what the mix accounts for (-1 when out of memory); its
 * verdict line; its JSON member. */
int compare_print_mix(FILE *fp, const compare_view *cv, int md);
void compare_print_mix_verdict(FILE *fp, const compare_view *cv);
void compare_json_mix(cli_json *w, const compare_view *cv);
void compare_csv_mix(FILE *fp, const compare_view *cv);

/* Whether the row's interval of the difference is a bootstrap one (it
 * then has B and a seed). */
int compare_diff_ci_is_boot(const nps_compare_row *r);

#endif
