/*
 * trend_view.h - the presentation of `nps-stat trend`: its writers
 * (trend_view.c) and chart (trend_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_TREND_VIEW_H
#define NPS_CLI_TREND_VIEW_H

#include "common.h"
#include "present.h"

typedef enum trend_fail_if {
  TREND_FAIL_NEVER,
  TREND_FAIL_DROP,          /* the latest period fell significantly */
  TREND_FAIL_OUT_OF_CONTROL /* the latest period is outside the limits */
} trend_fail_if;

typedef struct trend_view {
  const cli_common *opt;
  const char *path;
  const char *date_column;
  trend_fail_if fail_if;
  nps_csvin_report report;
  const nps_trend *res;
} trend_view;

/* The writers of s as a view, with the chart when --plot is given. */
void trend_view_init(const trend_view *s, cli_view *v);

/* Whether the result meets the --fail-if condition; when it does, msg
 * receives what happened ("2025-12 fell 8.3 points from 2025-11 ..."). */
int trend_fails(const trend_view *s, char *msg, size_t size);

/* The --fail-if condition's name. */
const char *trend_fail_name(trend_fail_if f);

/* --format counts for trend (trend_counts.c): the table read (keyed by
 * day or period label, then the --by values) with each date replaced by
 * the label of its period of o->period, dates outside o->since..o->until
 * left out, written by cli_counts_write. EXIT_OK, EXIT_DATA or EXIT_IO. */
int trend_counts_write(const cli_common *c, const nps_trend_options *o,
                       const nps_table *t);

/* The reader and analysis options of a trend (cmd_trend.c): csv keyed
 * through nps_trend_key_map into o, what (size bytes, kept alive with
 * csv) saying what a date cell must be, and o's statistics from c. */
void trend_read_setup(const cli_common *c, nps_csvin_options *csv,
                      nps_trend_options *o, char *what, size_t size);

/* The chart writer (trend_chart.c). */
nps_status trend_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx);

#endif
