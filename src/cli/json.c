/*
 * json.c - the streaming JSON writer of the CLI's views (json.h):
 * commas, quoting, escaping and numbers in one place.
 */
#include <math.h>
#include <string.h>

#include "json.h"
#include "output.h"

void cli_json_init(cli_json *w, FILE *fp) {
  *w = (cli_json){fp, 0, 1, 0};
}

void cli_json_nl(cli_json *w) {
  w->brk = 1;
}

static void indent(cli_json *w) {
  fputc('\n', w->fp);
  for (int i = 0; i < w->depth; i++)
    fputs("  ", w->fp);
}

/* The separator before a member, and its key. */
static void member(cli_json *w, const char *key) {
  if (!w->first)
    fputc(',', w->fp);
  if (w->brk)
    indent(w);
  else if (!w->first)
    fputc(' ', w->fp);
  w->first = 0;
  w->brk = 0;
  if (key) {
    cli_json_string(w->fp, key, strlen(key));
    fputs(": ", w->fp);
  }
}

void cli_json_open(cli_json *w, const char *key, char bracket) {
  member(w, key);
  fputc(bracket, w->fp);
  w->depth++;
  w->first = 1;
}

void cli_json_close(cli_json *w, char bracket, int newline) {
  w->depth--;
  if (newline)
    indent(w);
  fputc(bracket, w->fp);
  w->first = 0;
  w->brk = 0;
}

void cli_json_str(cli_json *w, const char *key, const char *s) {
  if (!s)
    cli_json_raw(w, key, "null");
  else
    cli_json_strn(w, key, s, strlen(s));
}

void cli_json_strn(cli_json *w, const char *key, const char *s, size_t len) {
  member(w, key);
  cli_json_string(w->fp, s, len);
}

void cli_json_dbl(cli_json *w, const char *key, double x) {
  char buf[40];
  cli_exact(buf, sizeof buf, x);
  cli_json_raw(w, key, isnan(x) ? "null" : buf);
}

void cli_json_u64(cli_json *w, const char *key, uint64_t x) {
  member(w, key);
  fprintf(w->fp, "%llu", (unsigned long long)x);
}

void cli_json_bool(cli_json *w, const char *key, int x) {
  cli_json_raw(w, key, x ? "true" : "false");
}

void cli_json_raw(cli_json *w, const char *key, const char *text) {
  member(w, key);
  fputs(text, w->fp);
}

void cli_json_group(cli_json *w, const char *key, size_t key_len,
                    const char *const *names, size_t n) {
  cli_json_open(w, "group", '{');
  for (size_t k = 0; k < n; k++) {
    const char *p;
    size_t len;
    nps_key_part(key, key_len, k, &p, &len);
    cli_json_strn(w, names[k], p, len);
  }
  cli_json_close(w, '}', 0);
}

void cli_json_head(cli_json *w, const char *command, const char *input,
                   const char *score_column) {
  cli_json_open(w, NULL, '{');
  cli_json_nl(w);
  cli_json_str(w, "command", command);
  cli_json_nl(w);
  if (input) {
    cli_json_str(w, "input", input);
    cli_json_nl(w);
  }
  if (score_column)
    cli_json_str(w, "score_column", score_column);
}

void cli_json_strings(cli_json *w, const char *key, const char *const *s,
                      size_t n) {
  cli_json_open(w, key, '[');
  for (size_t i = 0; i < n; i++)
    cli_json_str(w, NULL, s[i]);
  cli_json_close(w, ']', 0);
}

void cli_json_counts(cli_json *w, uint64_t n, const nps_counts *c,
                     uint64_t missing) {
  cli_json_u64(w, "n", n);
  cli_json_u64(w, "promoters", c->promoters);
  cli_json_u64(w, "passives", c->passives);
  cli_json_u64(w, "detractors", c->detractors);
  cli_json_u64(w, "missing", missing);
}

void cli_json_ci(cli_json *w, int has_ci, const nps_ci_result *ci) {
  if (!has_ci) {
    cli_json_raw(w, "ci", "null");
    return;
  }
  cli_json_open(w, "ci", '{');
  cli_json_dbl(w, "low", 100 * ci->iv.lo);
  cli_json_dbl(w, "high", 100 * ci->iv.hi);
  cli_json_str(w, "method", nps_ci_method_name(ci->method_used));
  if (ci->note)
    cli_json_str(w, "note", ci->note);
  cli_json_close(w, '}', 0);
}
