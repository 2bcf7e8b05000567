/*
 * summary_view.h - the presentation of `nps-stat summary`: its writers
 * (summary_view.c) and charts (summary_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_SUMMARY_VIEW_H
#define NPS_CLI_SUMMARY_VIEW_H

#include "common.h"
#include "present.h"

typedef struct summary_view {
  const cli_common *opt;
  const char *path;
  const char *plot_boot; /* bootstrap histogram script, or NULL */
  nps_csvin_report report;
  const nps_summary *res;
} summary_view;

/* The writers of s as a view (charts not included). */
void summary_view_init(summary_view *s, cli_view *v);

/* Rows whose n is below the small-base limit. */
size_t summary_count_below(const nps_summary *res);

/* The charts' data, prepared before any output is written. */
typedef struct summary_chart {
  const summary_view *s;
  nps_plot_group *groups;
  size_t n_groups;
  nps_plot_group overall;
  char **labels; /* owned label text, one per group */
  char title[512];
  char note[256];
  char all[256]; /* the overall row's label */
} summary_chart;

/* Picks the groups to draw and adds the asked charts to v. Returns
 * EXIT_OK or EXIT_IO (out of memory, after a message). */
int summary_chart_init(summary_chart *ch, const summary_view *s, cli_view *v);

void summary_chart_free(summary_chart *ch);

#endif
