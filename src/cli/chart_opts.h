/*
 * chart_opts.h - the chart look options (--title, --subtitle, --size,
 * --chart-style, --theme) and what every chart's info starts with
 * (chart_opts.c).
 */
#ifndef NPS_CLI_CHART_OPTS_H
#define NPS_CLI_CHART_OPTS_H

#include <stddef.h>

#include "nps/nps.h"

#include "common.h"

/* Applies one chart look option (--title, --subtitle, --size,
 * --chart-style): 0, EXIT_USAGE after a message, or -1 for another opt. */
int cli_chart_option(cli_common *c, int opt, const char *arg);

/* A chart's info as every command starts it: title, the data source
 * (path, "-" as "standard input"; NULL: none), the interval method and
 * level of c, and B and the seed when the intervals are bootstrap ones. */
nps_plot_info cli_chart_base(const cli_common *c, const char *path,
                             const char *title);

/* Applies the chart options of c to a chart's info: --title replaces
 * info->title; --subtitle, or else the --where / --exclude filters in
 * words ("channel = store only"), becomes info->subtitle, written into
 * sub (size bytes). */
void cli_chart_info(const cli_common *c, nps_plot_info *info, char *sub,
                    size_t size);

/* "p = 0.019", "p = 0.13", "p < 0.001": p as the charts write it (three
 * decimals below 0.1, else two). */
void cli_chart_p(char *buf, size_t size, double p);

/* The --where / --exclude filters of c in words into buf ("channel =
 * store only · without status = preview"); "" when there are none. */
void cli_filter_words(const cli_common *c, char *buf, size_t size);

#endif
