/*
 * present.h - the presentation step shared by every command: a result is
 * handed over as a view (one writer per output format plus the charts it
 * draws), and cli_present writes it in the chosen format and commits the
 * output and the chart scripts together (present.c). Private to the CLI.
 */
#ifndef NPS_CLI_PRESENT_H
#define NPS_CLI_PRESENT_H

#include <stddef.h>
#include <stdio.h>

#include "common.h"
#include "json.h"
#include "render.h"

#define CLI_MAX_CHARTS 4

typedef struct cli_chart {
  const char *path;      /* the script to write */
  cli_plot_writer write; /* draws the chart from ctx */
  const void *ctx;
} cli_chart;

typedef struct cli_view {
  const void *ctx;
  /* table (markdown 0) or markdown (1); 0, or -1 when out of memory */
  int (*table)(FILE *fp, const void *ctx, int markdown);
  void (*csv)(FILE *fp, const void *ctx);
  void (*json)(cli_json *w, const void *ctx); /* one top-level value */
  cli_chart charts[CLI_MAX_CHARTS];
  size_t n_charts;
} cli_view;

/* Adds a chart to v (path NULL: nothing added). */
void cli_view_chart(cli_view *v, const char *path, cli_plot_writer write,
                    const void *ctx);

/* Writes v in c's format to c's output and every chart script, then
 * commits them together (all files in place, or none), and renders the
 * charts last when asked. Returns EXIT_OK, EXIT_IO (out of memory or a
 * write failure, after a message), EXIT_DATA or EXIT_RENDER as cli_plot. */
int cli_present(const cli_common *c, const cli_view *v);

#endif
