/*
 * json.h - the streaming JSON writer of the views (json.c).
 */
#ifndef NPS_CLI_JSON_H
#define NPS_CLI_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/nps.h"

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
/* The top of every command's document: opens the object and writes
 * "command", then (each when not NULL) "input" and "score_column", a
 * line each; the caller goes on after score_column's line break or, with
 * no score_column, on a new line. */
void cli_json_head(cli_json *w, const char *command, const char *input,
                   const char *score_column);

void cli_json_strings(cli_json *w, const char *key, const char *const *s,
                      size_t n);

/* The object "group": {"COL": "value", ...} of a group key, one member a
 * column of names[0..n). */
void cli_json_group(cli_json *w, const char *key, size_t key_len,
                    const char *const *names, size_t n);

#endif
