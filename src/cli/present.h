/*
 * present.h - the presentation step shared by every command: a result is
 * handed over as a view (one writer per output format plus the charts it
 * draws), and cli_present writes it in the chosen format and commits the
 * output and the chart scripts together. Also the JSON writer the views
 * use. Private to the CLI.
 */
#ifndef NPS_CLI_PRESENT_H
#define NPS_CLI_PRESENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* ---- JSON (json.c) ---- */

/* A streaming JSON writer: it places the commas, quotes and escapes; the
 * caller opens and closes containers and says where a line breaks, so the
 * layout stays readable (short members together, one row per line). */
typedef struct cli_json {
  FILE *fp;
  int depth; /* open containers */
  int first; /* nothing written yet in the current container */
  int brk;   /* the next member starts a new line */
} cli_json;

void cli_json_init(cli_json *w, FILE *fp);

/* The next member starts on a new line, indented two spaces a level. */
void cli_json_nl(cli_json *w);

/* Opens an object ('{') or array ('[') as the member key (NULL inside an
 * array or at the top). */
void cli_json_open(cli_json *w, const char *key, char bracket);

/* Closes the innermost container with bracket ('}' or ']'), on a new line
 * when newline is nonzero. */
void cli_json_close(cli_json *w, char bracket, int newline);

/* Members (key NULL inside an array): a string (NULL s: null), len bytes
 * of a string, a number (NaN: null; shortest exact form), an unsigned
 * integer, a boolean, and literal JSON text. */
void cli_json_str(cli_json *w, const char *key, const char *s);
void cli_json_strn(cli_json *w, const char *key, const char *s, size_t len);
void cli_json_dbl(cli_json *w, const char *key, double x);
void cli_json_u64(cli_json *w, const char *key, uint64_t x);
void cli_json_bool(cli_json *w, const char *key, int x);
void cli_json_raw(cli_json *w, const char *key, const char *text);

/* The members "n", "promoters", "passives", "detractors", "missing" of one
 * sample. */
void cli_json_counts(cli_json *w, uint64_t n, const nps_counts *c,
                     uint64_t missing);

/* The member "ci": {"low", "high" (points), "method", "note" if any}, or
 * null when has_ci is 0. */
void cli_json_ci(cli_json *w, int has_ci, const nps_ci_result *ci);

/* An array of n strings as the member key. */
void cli_json_strings(cli_json *w, const char *key, const char *const *s,
                      size_t n);

/* The object "group": {"COL": "value", ...} of a group key, one member a
 * column of names[0..n). */
void cli_json_group(cli_json *w, const char *key, size_t key_len,
                    const char *const *names, size_t n);

/* ---- the presentation step (present.c) ---- */

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

/* ---- shared cells and phrases (output.c) ---- */

/* Points with a sign: "+10.9", "-3.0", "0.0", "n/a". */
void cli_signed_points(char *buf, size_t size, double x);

/* "[lo, hi]" in points, or "n/a". */
void cli_fmt_ci(char *buf, size_t size, double lo, double hi);

/* A p-value: "0.033", "<0.001", "n/a". */
void cli_fmt_p(char *buf, size_t size, double p);

/* "p = 0.033", "p < 0.001" or "p n/a". */
void cli_fmt_p_phrase(char *buf, size_t size, double p);

/* A share of n as a percentage cell: "53.1%", "n/a" for n = 0. */
void cli_cell_pct(cli_cell *x, uint64_t n, double share);

/* An unsigned count cell. */
void cli_cell_u64(cli_cell *x, uint64_t v);

/* A cell with printf-formatted text (cut to fit). */
void cli_cell_fmt(cli_cell *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Nonzero for the bootstrap interval methods. */
int cli_is_boot(nps_ci_method m);

/* snprintf appended to the string in buf (cut to fit). */
void cli_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A group key with its components joined by " / " (malloc'ed; NULL when
 * out of memory). */
char *cli_display_key(const char *key, size_t len);

/* The cells n, promoters, passives, detractors (shares) and NPS (points)
 * of an estimate; returns the number of cells written (5). */
size_t cli_estimate_cells(cli_cell *cells, const nps_estimate *e);

/* Component k of a row's key in *p, *len; a NULL key (the overall row)
 * reads "all" in its first column and "" in the others. */
void cli_key_cell(const char *key, size_t key_len, size_t k, const char **p,
                  size_t *len);

/* ",value" for each of the n key columns (empty for a NULL key), as CSV
 * fields. */
void cli_csv_key(FILE *fp, const char *key, size_t key_len, size_t n);

#endif
