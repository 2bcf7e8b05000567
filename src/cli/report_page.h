/*
 * report_page.h - helpers shared by the sections of the report page
 * (report_html.c, report_sections.c).
 */
#ifndef NPS_REPORT_PAGE_H
#define NPS_REPORT_PAGE_H

#include "render.h"
#include "report.h"

/* Points with one decimal, or "n/a" for NaN. */
void report_points(char *buf, size_t size, double x);

/* "[lo, hi]" in points, or "n/a" when has is 0 or a limit is NaN. */
void report_ci(char *buf, size_t size, int has, nps_interval iv);

/* +1 when the interval as shown lies above zero, -1 below, else 0. */
int report_side(nps_interval iv);

/* Writes a group key as the commands show it ("web / new"), escaped; out
 * of memory sets d->out_of_memory (the page is then not written). */
void report_key(FILE *fp, report_data *d, const char *key, size_t len);

/* Draws a chart inline (report_svg), or a visible note of why not. */
void report_chart(FILE *fp, report_data *d, cli_plot_writer write,
                  const void *ctx, const char *what);

/* The sections (report_sections.c). EXIT_OK, or EXIT_IO when out of
 * memory. */
int report_segments(FILE *fp, report_data *d);
int report_trend(FILE *fp, report_data *d);
int report_compare(FILE *fp, report_data *d);   /* report_compare.c */
int report_benchmark(FILE *fp, report_data *d); /* report_benchmark.c */

#endif
