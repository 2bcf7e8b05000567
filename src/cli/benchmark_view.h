/*
 * benchmark_view.h - the presentation of `nps-stat benchmark`: its writers
 * (benchmark_view.c) and chart (benchmark_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_BENCHMARK_VIEW_H
#define NPS_CLI_BENCHMARK_VIEW_H

#include "present.h"

typedef struct benchmark_view {
  const cli_common *opt;
  const char *path;             /* our responses */
  const char *competitors_path; /* the competitors file, or NULL */
  const char *raw_path;         /* competitors' raw answers, or NULL */
  const char *raw_by;           /* their competitor column */
  nps_csvin_report report;
  const nps_competitors *comp;
  const nps_benchmark *res;
} benchmark_view;

/* The writers of b as a view, with the chart when --plot is given. */
void benchmark_view_init(const benchmark_view *b, cli_view *v);

/* "ahead of B, behind A, indistinguishable from C and D" into buf. */
void benchmark_verdict_text(const benchmark_view *b, char *buf, size_t size);

/* Appends the party's name to the string in buf (size bytes), control
 * characters as spaces, cut to fit: for a line of text. */
void benchmark_name_append(char *buf, size_t size,
                           const nps_benchmark_party *p);

/* The adjustment's name in sentences ("Holm"). */
const char *benchmark_family_name(nps_multi_method m);

/* The chart writer (benchmark_chart.c). */
nps_status benchmark_write_chart(FILE *fp, const nps_plot_target *t,
                                 const void *ctx);

#endif
