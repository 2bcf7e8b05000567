/*
 * output.h - how numbers, strings, table cells and phrases are written
 * (output.c).
 */
#ifndef NPS_CLI_OUTPUT_H
#define NPS_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/nps.h"

#include "grid.h"

/* A multiplicity adjustment as sentences name it: "Holm",
 * "Benjamini-Hochberg", "Bonferroni" or "unadjusted". */
const char *cli_multi_label(nps_multi_method m);

/* Formats x (on -1..1) as points with one decimal: "28.5", "-3.0". */
void cli_points(char *buf, size_t size, double x);

/* Formats x with the shortest "%.*g" that reads back exactly. */
void cli_exact(char *buf, size_t size, double x);

/* Writes ",x" with x as cli_exact gives it, or "," for NaN (a CSV cell). */
void cli_csv_num(FILE *fp, double x);

/* Writes s as a JSON string (quoted and escaped), always valid UTF-8: a
 * byte that is not part of valid UTF-8 is written as \ufffd. */
void cli_json_string(FILE *fp, const char *s, size_t len);

/* Writes s as a CSV field, byte for byte: quoted when needed; a field
 * that starts with = + - @, a tab, CR, LF or a full-width = + - @ gets a
 * "'" prefix so that spreadsheets do not evaluate it (docs/cli.md). */
void cli_csv_field(FILE *fp, const char *s, size_t len);

/* The cell shows len bytes at s (not copied). */
void cli_cell_text(cli_cell *x, const char *s, size_t len);

/* The cell shows a copy of s, cut to fit buf. */
void cli_cell_copy(cli_cell *x, const char *s);

/* Writes len bytes of s as a table shows them: controls, bytes that are
 * not UTF-8 and invisible characters as nps_text_escape's visible escapes
 * (tables are for a terminal; exact values are in csv and json); in
 * markdown also | as \| and < > & as &lt; &gt; &amp;. */
void cli_put_text(FILE *fp, const char *s, size_t len, int markdown);

/* cli_put_text for a NUL-terminated s (a file name in a title). */
void cli_put_str(FILE *fp, const char *s, int markdown);

/* Display width of UTF-8 text as cli_put_text shows it outside markdown
 * (code points, an escape counting its characters). */
size_t cli_width(const char *s, size_t len);

/* The width of s in a table cell: cli_width, and in markdown with the
 * escapes of | < > & counted. */
size_t cli_table_width(const char *s, size_t len, int markdown);

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

/* Appends len bytes of s to the string in buf, control characters as
 * spaces (cut to fit). */
void cli_append_plain(char *buf, size_t size, const char *s, size_t len);

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
