/*
 * trend_chart.c - the chart of `nps-stat trend`: NPS per period in time
 * order with its interval band, the control limits, flagged periods and n
 * per period (nps_plot_trend).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trend_view.h"

nps_status trend_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx) {
  (void)fp;
  (void)t;
  (void)ctx;
  return NPS_EINVAL;
}
