/*
 * plan_view.h - the presentation of `nps-stat plan`: its writers and chart
 * (plan_view.c). Private to the CLI.
 */
#ifndef NPS_CLI_PLAN_VIEW_H
#define NPS_CLI_PLAN_VIEW_H

#include "common.h"
#include "present.h"

/* How a distribution was given on the command line. */
typedef enum plan_given {
  PLAN_GIVEN_PERCENT, /* three numbers summing to 100 */
  PLAN_GIVEN_COUNTS,  /* whole numbers that do not sum to 100 */
  PLAN_GIVEN_DATA     /* --from FILE */
} plan_given;

typedef struct plan_view {
  const cli_common *opt;
  const nps_plan *res;
  plan_given baseline_given;
  double baseline_n; /* counts and data: the answers behind the baseline */
  const char *from;  /* --from FILE, or NULL */
  plan_given expected_given;
  double expected_n;
  nps_csvin_report report;
} plan_view;

/* The name of a shift source as --shift spells it ("any", "passives"). */
const char *plan_shift_name(nps_shift_source s);

/* The writers of p as a view, with the chart when --plot is given. */
void plan_view_init(const plan_view *p, cli_view *v);

/* The chart writer: power against the answers per arm. */
nps_status plan_write_chart(FILE *fp, const nps_plot_target *t,
                            const void *ctx);

#endif
