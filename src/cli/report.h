/*
 * report.h - `nps-stat report`: one self-contained HTML file with the
 * headline NPS, the segments, the trend, the methods and the provenance.
 *
 * cmd_report.c reads the data and runs the analyses; report_html.c writes
 * the page (every text escaped by report_text); report_svg.c turns a chart
 * script into inline SVG by running gnuplot in a private temporary folder.
 */
#ifndef NPS_REPORT_H
#define NPS_REPORT_H

#include "present.h"

/* What cmd_report.c hands to the writer. */
typedef struct report_data {
  cli_common *c;
  const char *path; /* the data set's name (file or "FIRST and N more") */
  const char *date_column; /* --date; NULL: no trend section */
  nps_period period;
  nps_csvin_report read;    /* the read behind summary and segments */
  nps_summary *summary;     /* overall row (and groups with --by) */
  nps_segments *segments;   /* --by; else NULL */
  nps_trend *trend;         /* --date; else NULL */
  const char *compare_path; /* --compare-with; NULL: no comparison */
  nps_compare *compare;     /* FILE against --compare-with; else NULL */
  int n_charts;             /* charts drawn so far (their ids' prefix) */
  int charts_missing;       /* set by the writer: a chart could not be drawn */
  char chart_note[512];     /* why (the first failure) */
} report_data;

/* Writes the whole page to fp. Returns EXIT_OK or EXIT_IO (out of memory;
 * write errors are found when the output is closed). */
int report_html_write(FILE *fp, report_data *d);

/* Writes len bytes of s as HTML text: & < > " ' as entities; tab, line
 * feed, carriage return, U+2028, U+2029 as a space; other control
 * characters (C0, DEL, C1), the bidirectional controls and bytes that are
 * not UTF-8 as U+FFFD. Safe inside element content and quoted attributes. */
void report_text(FILE *fp, const char *s, size_t len);
void report_str(FILE *fp, const char *s);

/* The outcome of report_svg. */
typedef enum report_svg_status {
  REPORT_SVG_OK = 0,
  REPORT_SVG_NO_GNUPLOT, /* gnuplot is not installed */
  REPORT_SVG_FAILED,     /* the script, gnuplot or the image failed */
  REPORT_SVG_NOTHING     /* the writer had nothing to draw */
} report_svg_status;

/* Writes a chart script with write(ctx) for the svg terminal into a fresh
 * private folder, runs gnuplot on it there (posix_spawnp with an argument
 * vector, no shell; killed after a time limit), and returns the image's
 * <svg ...>...</svg> element in *svg (malloc'ed, *len bytes). The folder is
 * removed. why (size bytes) says what failed. An image holding a script,
 * a foreign object or a link is refused. */
report_svg_status report_svg(cli_plot_writer write, const void *ctx, char **svg,
                             size_t *len, char *why, size_t size);

#endif
