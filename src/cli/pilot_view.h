/*
 * pilot_view.h - the presentation of `nps-stat pilot`: its writers
 * (pilot_view.c) and chart (pilot_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_PILOT_VIEW_H
#define NPS_CLI_PILOT_VIEW_H

#include "common.h"
#include "present.h"

typedef enum pilot_fail_if {
  PILOT_FAIL_NEVER,
  PILOT_FAIL_SIGNIFICANT, /* the DiD is significant either way */
  PILOT_FAIL_DROP         /* the pilot fell significantly against control */
} pilot_fail_if;

typedef struct pilot_view {
  const cli_common *opt;
  const char *path[NPS_DID_CELLS]; /* four files; one: path[0] only */
  int one_file;
  const char *arm_column, *period_column; /* one file */
  const char *arm[2], *period[2];         /* the names shown */
  nps_csvin_report report;                /* the first file's */
  uint64_t other; /* one file: answers in other arms or periods */
  pilot_fail_if fail_if;
  const nps_did *res;
} pilot_view;

/* The writers of p as a view, with the chart when --plot is given. */
void pilot_view_init(const pilot_view *p, cli_view *v);

/* Whether the result meets the --fail-if condition. */
int pilot_fails(const pilot_view *p);

/* The chart writer (pilot_chart.c). */
nps_status pilot_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx);

#endif
