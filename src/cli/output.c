/*
 * output.c - how numbers and strings are written (files are committed by
 * outfile.c). Numbers never depend on the locale: the tool never calls
 * setlocale, so printf uses '.' decimals.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grid.h"
#include "output.h"

const char *cli_multi_label(nps_multi_method m) {
  switch (m) {
  case NPS_MULTI_HOLM:
    return "Holm";
  case NPS_MULTI_BH:
    return "Benjamini-Hochberg";
  case NPS_MULTI_BONFERRONI:
    return "Bonferroni";
  default:
    return "unadjusted";
  }
}

void cli_points(char *buf, size_t size, double x) {
  if (isnan(x)) {
    snprintf(buf, size, "n/a");
    return;
  }
  double p = 100.0 * x;
  /* Avoid "-0.0" for values that round to zero. */
  if (fabs(p) < 0.05)
    p = 0.0;
  snprintf(buf, size, "%.1f", p);
}

void cli_exact(char *buf, size_t size, double x) {
  if (isnan(x) || isinf(x)) {
    snprintf(buf, size, "null");
    return;
  }
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, size, "%.*g", prec, x);
    if (strtod(buf, NULL) == x)
      return;
  }
}

void cli_csv_num(FILE *fp, double x) {
  char buf[40];
  cli_exact(buf, sizeof buf, x);
  fprintf(fp, ",%s", strcmp(buf, "null") ? buf : "");
}

/* JSON strings are always valid UTF-8: a byte that is not part of valid
 * UTF-8 becomes \ufffd (U+FFFD REPLACEMENT CHARACTER); every other
 * character is kept, controls and U+2028/U+2029 as \u escapes. */
void cli_json_string(FILE *fp, const char *s, size_t len) {
  fputc('"', fp);
  for (size_t i = 0, used; i < len; i += used) {
    unsigned char ch = (unsigned char)s[i];
    char esc[NPS_TEXT_ESC_MAX];
    size_t n = nps_text_escape(s + i, len - i, esc, &used);
    if (ch == '"' || ch == '\\')
      fprintf(fp, "\\%c", ch);
    else if (ch == '\n' || ch == '\r' || ch == '\t')
      fputs(esc, fp);
    else if (ch < 0x20 || ch == 0x7f)
      fprintf(fp, "\\u%04x", ch);
    else if (ch >= 0x80 && n && esc[1] == 'x')
      fputs("\\ufffd", fp);
    else if (n && (strcmp(esc, "\\u2028") == 0 || strcmp(esc, "\\u2029") == 0))
      fprintf(fp, "\\u%s", esc + 2);
    else
      fwrite(s + i, 1, used, fp);
  }
  fputc('"', fp);
}

/* A spreadsheet reads a cell that starts with = + - @, a tab, CR or LF
 * (OWASP's CSV injection list, with LF), or their full-width forms
 * U+FF1D, U+FF0B, U+FF0D, U+FF20, as a formula or may strip the blank
 * before one: such a field gets a leading ' inside its quotes. */
static int formula_start(const char *s, size_t len) {
  static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B",
                                     "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
  if (len > 0 && memchr("=+-@\t\r\n", s[0], 7) != NULL)
    return 1;
  for (size_t k = 0; k < 4 && len >= 3; k++)
    if (memcmp(s, wide[k], 3) == 0)
      return 1;
  return 0;
}

void cli_csv_field(FILE *fp, const char *s, size_t len) {
  int formula = formula_start(s, len);
  int quote = formula || (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
  for (size_t i = 0; i < len && !quote; i++)
    quote = memchr(",\"\r\n;\t", s[i], 6) != NULL;
  if (!quote) {
    fwrite(s, 1, len, fp);
    return;
  }
  fputc('"', fp);
  if (formula)
    fputc('\'', fp);
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '"')
      fputc('"', fp);
    fputc(s[i], fp);
  }
  fputc('"', fp);
}

/* Writes s as a table shows it (to fp; only measures when fp is NULL) and
 * returns its width in characters: what nps_text_escape escapes is shown
 * by its escape, and markdown also escapes | < > & so a cell neither
 * breaks the table nor becomes HTML. */
static size_t shown(FILE *fp, const char *s, size_t len, int markdown) {
  size_t w = 0;
  for (size_t i = 0, used; i < len; i += used) {
    char esc[NPS_TEXT_ESC_MAX];
    size_t n = nps_text_escape(s + i, len - i, esc, &used);
    const char *md = !markdown     ? NULL
                     : s[i] == '|' ? "\\|"
                     : s[i] == '<' ? "&lt;"
                     : s[i] == '>' ? "&gt;"
                     : s[i] == '&' ? "&amp;"
                                   : NULL;
    const char *text = n ? esc : md;
    if (text) {
      w += strlen(text);
      if (fp)
        fputs(text, fp);
      continue;
    }
    w++;
    if (fp)
      fwrite(s + i, 1, used, fp);
  }
  return w;
}

size_t cli_width(const char *s, size_t len) {
  return shown(NULL, s, len, 0);
}

size_t cli_table_width(const char *s, size_t len, int markdown) {
  return shown(NULL, s, len, markdown);
}

/* ---- aligned text tables ---- */

void cli_cell_text(cli_cell *x, const char *s, size_t len) {
  x->text = s;
  x->len = len;
}

void cli_cell_copy(cli_cell *x, const char *s) {
  snprintf(x->buf, sizeof x->buf, "%s", s);
  cli_cell_text(x, x->buf, strlen(x->buf));
}

void cli_put_text(FILE *fp, const char *s, size_t len, int markdown) {
  shown(fp, s, len, markdown);
}

void cli_put_str(FILE *fp, const char *s, int markdown) {
  shown(fp, s, strlen(s), markdown);
}

/* ---- shared cells and phrases (output.h) ---- */

void cli_signed_points(char *buf, size_t size, double x) {
  char tmp[32];
  cli_points(tmp, sizeof tmp, x);
  snprintf(buf, size, "%s%s",
           !isnan(x) && strcmp(tmp, "0.0") && x > 0 ? "+" : "", tmp);
}

void cli_fmt_ci(char *buf, size_t size, double lo, double hi) {
  char a[32], b[32];
  if (isnan(lo) || isnan(hi)) {
    snprintf(buf, size, "n/a");
    return;
  }
  cli_points(a, sizeof a, lo);
  cli_points(b, sizeof b, hi);
  snprintf(buf, size, "[%s, %s]", a, b);
}

void cli_fmt_p(char *buf, size_t size, double p) {
  if (isnan(p))
    snprintf(buf, size, "n/a");
  else if (p < 0.001)
    snprintf(buf, size, "<0.001");
  else
    snprintf(buf, size, "%.3f", p);
}

void cli_fmt_p_phrase(char *buf, size_t size, double p) {
  char v[16];
  cli_fmt_p(v, sizeof v, p);
  snprintf(buf, size, "p%s%s",
           v[0] == '<' ? " < "
           : isnan(p)  ? " "
                       : " = ",
           v[0] == '<' ? v + 1 : v);
}

void cli_cell_pct(cli_cell *x, uint64_t n, double share) {
  if (n == 0)
    cli_cell_copy(x, "n/a");
  else
    cli_cell_fmt(x, "%.1f%%", 100.0 * share);
}

void cli_cell_u64(cli_cell *x, uint64_t v) {
  cli_cell_fmt(x, "%llu", (unsigned long long)v);
}

void cli_cell_fmt(cli_cell *x, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->buf, sizeof x->buf, fmt, ap);
  va_end(ap);
  cli_cell_text(x, x->buf, strlen(x->buf));
}

int cli_is_boot(nps_ci_method m) {
  return m == NPS_CI_PERCENTILE || m == NPS_CI_BCA;
}

void cli_append(char *buf, size_t size, const char *fmt, ...) {
  size_t len = strlen(buf);
  if (len + 1 >= size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + len, size - len, fmt, ap);
  va_end(ap);
}

void cli_append_plain(char *buf, size_t size, const char *s, size_t len) {
  size_t at = strlen(buf);
  for (size_t i = 0; i < len && at + 1 < size; i++) {
    unsigned char c = (unsigned char)s[i];
    buf[at++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
  }
  buf[at] = '\0';
}

char *cli_display_key(const char *key, size_t len) {
  char *out = malloc(3 * len + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t k = 0; nps_key_part(key, len, k, NULL, NULL); k++) {
    const char *p;
    size_t plen;
    nps_key_part(key, len, k, &p, &plen);
    if (k)
      memcpy(out + o, " / ", 3), o += 3;
    memcpy(out + o, p, plen);
    o += plen;
  }
  out[o] = '\0';
  return out;
}

void cli_key_cell(const char *key, size_t key_len, size_t k, const char **p,
                  size_t *len) {
  if (key) {
    nps_key_part(key, key_len, k, p, len);
    return;
  }
  *p = k ? "" : "all";
  *len = k ? 0 : 3;
}

void cli_csv_key(FILE *fp, const char *key, size_t key_len, size_t n) {
  for (size_t k = 0; k < n; k++) {
    const char *p = "";
    size_t len = 0;
    if (key)
      nps_key_part(key, key_len, k, &p, &len);
    fputc(',', fp);
    cli_csv_field(fp, p, len);
  }
}

size_t cli_estimate_cells(cli_cell *cells, const nps_estimate *e) {
  cli_cell_u64(&cells[0], e->n);
  cli_cell_pct(&cells[1], e->n, e->share_promoters);
  cli_cell_pct(&cells[2], e->n, e->share_passives);
  cli_cell_pct(&cells[3], e->n, e->share_detractors);
  cli_points(cells[4].buf, sizeof cells[4].buf, e->n ? e->nps : NAN);
  cli_cell_text(&cells[4], cells[4].buf, strlen(cells[4].buf));
  return 5;
}
