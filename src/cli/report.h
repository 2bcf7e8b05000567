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

#include "common.h"
#include "render.h"

/* What cmd_report.c hands to the writer. */
typedef struct report_data {
  cli_common *c;
  const char *path; /* the data set's name (file or "FIRST and N more") */
  const char *date_column; /* --date; NULL: no trend section */
  nps_period period;
  nps_csvin_report read;          /* the read behind summary and segments */
  nps_summary *summary;           /* overall row (and groups with --by) */
  nps_segments *segments;         /* --by; else NULL */
  nps_trend *trend;               /* --date; else NULL */
  const char *compare_path;       /* --compare-with; NULL */
  const char *arm_column;         /* --arm; NULL */
  const char *arms[2];            /* --arms, or the two values found */
  const char *cmp_name[2];        /* the compared samples' names: the other
                                     file and this data's, or the two arms */
  const char *cmp_label[2];       /* their labels in the chart and the analysis
                                     ("before", "after"), as `compare` gives them */
  nps_compare *compare;           /* sample 1 against sample 0; else NULL */
  const char *competitors_path;   /* --competitors; NULL: no section */
  int rank_unlike;                /* --rank-unlike: as benchmark's */
  const nps_competitors *comp;    /* its rows */
  const nps_benchmark *benchmark; /* ours against them; else NULL */
  int n_charts;                   /* charts drawn so far (their ids' prefix) */
  int charts_missing;   /* set by the writer: a chart could not be drawn */
  char chart_note[512]; /* why (the first failure) */
  int out_of_memory;    /* set by the writer: a chart ran out of memory */
} report_data;

/* The command's state: the options, the inputs and what the results
 * point into (kept until the page is written). */
typedef struct report_cmd {
  report_data d;
  cli_common *c;
  nps_trend_options trend;
  char *const *paths;
  size_t n_paths;
  nps_table *trend_table;   /* the trend's keys point into it */
  nps_table *cmp_tables[2]; /* the comparison's two samples */
  char labels[2][4096];     /* the files' names as `compare` gives them */
  char *arm_owned[2];       /* the arms found, when --arms is not given */
  nps_competitors *comp;    /* --competitors */
  nps_benchmark *benchmark;
  nps_counts ours; /* all answers, for the benchmark */
  char **args;     /* argv with -o spelled --output (spell_output) */
  char **made;     /* the strings spell_output made */
  int argc;
  char what[256];
} report_cmd;

/* The analyses beyond the first read (report_load.c), each reading the
 * inputs again as it needs them. EXIT_OK or an exit status after a
 * message. */
int report_load_trend(report_cmd *cmd);     /* --date [--by] */
int report_load_compare(report_cmd *cmd);   /* --compare-with or --arm */
int report_load_benchmark(report_cmd *cmd); /* --competitors */

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
  REPORT_SVG_NOTHING,    /* the writer had nothing to draw */
  REPORT_SVG_NOMEM       /* out of memory: the page is not written */
} report_svg_status;

/* Writes a chart script with write(ctx) for the svg terminal in theme into a
 * fresh private folder, runs gnuplot on it there (posix_spawnp with an argument
 * vector, no shell; killed after a time limit), and returns the image's
 * <svg ...>...</svg> element in *svg (malloc'ed, *len bytes). The folder is
 * removed. why (size bytes) says what failed. An image holding a script,
 * a foreign object or a link is refused. */
report_svg_status report_svg(nps_plot_theme theme, cli_plot_writer write,
                             const void *ctx, char **svg, size_t *len,
                             char *why, size_t size);

#endif
