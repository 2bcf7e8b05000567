/*
 * segments_view.h - the presentation of `nps-stat segments`: its writers
 * (segments_view.c) and chart (segments_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_SEGMENTS_VIEW_H
#define NPS_CLI_SEGMENTS_VIEW_H

#include "common.h"
#include "present.h"

typedef enum seg_fail_if {
  SEG_FAIL_NEVER,
  SEG_FAIL_DIFFER,    /* the omnibus test rejects one common NPS */
  SEG_FAIL_ANY_BELOW, /* a segment is significantly below the rest */
  SEG_FAIL_ANY_ABOVE  /* a segment is significantly above the rest */
} seg_fail_if;

typedef struct segments_view {
  const cli_common *opt;
  const char *path;
  seg_fail_if fail_if;
  nps_csvin_report report;
  const nps_segments *res;
  char **names; /* display name of each row (components joined by " / ") */
} segments_view;

/* Prepares the display names; EXIT_OK or EXIT_IO (out of memory, after a
 * message). */
int segments_view_prepare(segments_view *s);
void segments_view_release(segments_view *s);

/* The writers of s as a view, with the chart when --plot is given. */
void segments_view_init(const segments_view *s, cli_view *v);

/* Whether the result meets the --fail-if condition. */
int segments_fails(const segments_view *s);

/* The --fail-if condition's name. */
const char *segments_fail_name(seg_fail_if f);

/* Most segments the chart draws: the largest, when there are more. */
#define SEGMENTS_CHART_MAX 40

/* The chart writer (segments_chart.c). */
nps_status segments_write_chart(FILE *fp, const nps_plot_target *t,
                                const void *ctx);

#endif
