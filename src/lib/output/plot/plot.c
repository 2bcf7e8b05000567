/*
 * plot.c - writes gnuplot scripts for the nps-stat charts (plot.h).
 *
 * A script is text: a header comment, a data block $text with the texts
 * the titles use, a data block $rows with the numbers (and, behind a '|',
 * each row's label), then the terminal, layout and plot commands. Every
 * text that did not come from this file travels only inside those blocks,
 * cleaned by clean_text(); commands refer to it as txt(i) or label(i),
 * which gnuplot evaluates by indexing the block, so the text is never read
 * as a command, a string literal or a format. Fixed text is single-quoted
 * (no backtick or escape processing); numbers are printed here, in the C
 * locale. Nothing here runs gnuplot.
 *
 * Layout is computed in pixels (a 10-point DejaVu Sans character is about
 * 6.6 px wide on pngcairo, more for capitals, symbols and in PDF; 7.4 px
 * is allowed) and
 * converted to screen fractions. PDF pages take 72 px to the inch at font
 * scale 1 (pdfcairo's default is 0.5), and SVG fonts are scaled by 1.25,
 * so that all three formats look like the PNG.
 */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plot_internal.h"

static const nps_name formats[] = {
    {"png", NPS_PLOT_PNG, NULL},
    {"svg", NPS_PLOT_SVG, NULL},
    {"pdf", NPS_PLOT_PDF, NULL},
};

nps_status nps_plot_format_parse(const char *name, nps_plot_format *out) {
  int v;
  nps_status st = nps_name_parse(formats, NPS_COUNT_OF(formats), name, &v);
  if (st == NPS_OK)
    *out = (nps_plot_format)v;
  return st;
}

const char *nps_plot_format_name(nps_plot_format format) {
  const nps_name *row =
      nps_name_of(formats, NPS_COUNT_OF(formats), (int)format);
  return row ? row->name : "png";
}

/* ---- text cleaning ---- */

#define REPLACEMENT 0xFFFD

/* What a chart shows for code point c: c itself, a space or U+FFFD. */
static uint32_t display_cp(uint32_t c) {
  if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
      c == 0x2028 || c == 0x2029)
    return ' ';
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return REPLACEMENT;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
    return REPLACEMENT;
  return c;
}

/* The next shown code point of s[*i..len), advancing *i. */
static uint32_t next_cp(const char *s, size_t len, size_t *i) {
  uint32_t c;
  size_t k = nps_utf8_decode((const unsigned char *)s + *i, len - *i, &c);
  *i += k ? k : 1;
  return k ? display_cp(c) : REPLACEMENT;
}

static size_t count_cps(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; n++)
    (void)next_cp(s, len, &i);
  return n;
}

enum { KEEP_HEAD = 0, KEEP_TAIL = 1 };

/* Cleans s[0..len) into out (at least 4 * max + 1 bytes), at most max
 * code points: a longer text loses its end (KEEP_HEAD) or its start
 * (KEEP_TAIL) to "…". Returns the length written. */
static size_t clean_text(const char *s, size_t len, size_t max, int keep,
                         char *out) {
  size_t total = count_cps(s, len), skip = 0, take = total, o = 0, i = 0;
  if (total > max) {
    take = max - 1;
    if (keep == KEEP_TAIL) {
      skip = total - take;
      o += nps_utf8_encode(0x2026, out);
    }
  }
  for (size_t k = 0; k < skip + take; k++) {
    uint32_t c = next_cp(s, len, &i);
    if (k >= skip)
      o += nps_utf8_encode(c, out + o);
  }
  if (total > max && keep == KEEP_HEAD)
    o += nps_utf8_encode(0x2026, out + o);
  out[o] = '\0';
  return o;
}

nps_status nps_plot_label(const char *s, size_t len, size_t max_chars,
                          char *out, size_t size, size_t *out_len) {
  if (!out || max_chars < 8 || size < 4 * max_chars + 1 || (!s && len))
    return NPS_EINVAL;
  size_t n = len ? clean_text(s, len, max_chars, KEEP_HEAD, out) : 0;
  if (n == 0) {
    strcpy(out, "(empty)");
    n = strlen(out);
  }
  if (out_len)
    *out_len = n;
  return NPS_OK;
}

/* Display width of cleaned UTF-8 text in character cells: East Asian wide
 * characters (U+1100 and up, roughly) count two. */
double nps_gp_text_cells(const char *s) {
  double w = 0;
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    uint32_t c = next_cp(s, len, &i);
    w += c >= 0x1100 && c != REPLACEMENT && c != 0x2026 ? 2.0 : 1.0;
  }
  return w;
}

/* ---- script pieces ---- */

int nps_gp_numeric_enter(c_numeric *c) {
  c->loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  if (!c->loc)
    return -1;
  c->old = uselocale(c->loc);
  return 0;
}

void nps_gp_numeric_leave(c_numeric *c) {
  uselocale(c->old);
  freelocale(c->loc);
}

/* A number for a data block: "%.10g", or NaN (which gnuplot skips). */
void nps_gp_put_num(FILE *fp, double x) {
  if (isfinite(x))
    fprintf(fp, " %.10g", x);
  else
    fputs(" NaN", fp);
}

/* x on -1..1 as points with one decimal and a sign ("+11.3", "-0.4",
 * "0.0"), for fixed title text. */
void nps_gp_points_text(char *buf, size_t size, double x) {
  double p = 100.0 * x;
  if (fabs(p) < 0.05)
    snprintf(buf, size, "0.0");
  else
    snprintf(buf, size, "%+.1f", p);
}

/* "95%" for level 0.95. */
void nps_gp_level_text(char *buf, size_t size, double level) {
  snprintf(buf, size, "%.10g%%", 100.0 * level);
}

/* One line of a text block: '|' and the cleaned text. */
static void put_text_line(FILE *fp, const char *s, size_t max, int keep) {
  char buf[4 * TEXT_MAX + 8];
  if (max > TEXT_MAX)
    max = TEXT_MAX;
  size_t n = s ? clean_text(s, strlen(s), max, keep, buf) : 0;
  buf[n] = '\0';
  fprintf(fp, "|%s\n", buf);
}

/* Nonzero when name may follow `set output`: no control characters. */
static int output_ok(const char *name) {
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    if (*p < 0x20 || *p == 0x7F)
      return 0;
  return *name != '\0';
}

int nps_gp_info_ok(const nps_plot_target *t, const nps_plot_info *info) {
  if (!t || !info || (unsigned)t->format > NPS_PLOT_PDF ||
      (unsigned)t->theme > NPS_PLOT_PRINT)
    return 0;
  if (!(info->level > 0.0 && info->level < 1.0))
    return 0;
  return !t->output || output_ok(t->output);
}

void nps_gp_put_header(FILE *fp, const char *what) {
  fprintf(fp,
          "# %s\n"
          "# Written by nps-stat. Draw it with: gnuplot FILE.gp "
          "(gnuplot 5.4 or later)\n"
          "#\n"
          "# Texts from the input (group names, file and column names) are "
          "kept in\n"
          "# the data blocks below, one per line behind a '|', and reach the "
          "chart\n"
          "# only through $text[i] and $rows[i]: gnuplot never reads them as "
          "commands.\n",
          what);
}

/* The $text block: output name, title, source, method, note, subtitle,
 * footnote, then the chart's own texts (extra[0..n_extra)). */
void nps_gp_put_texts(FILE *fp, const nps_plot_target *t,
                      const nps_plot_info *info, const char *default_title,
                      const char *const *extra, size_t n_extra) {
  fputs("\n# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, "
        "6 subtitle,\n# 7 footnote",
        fp);
  fputs(n_extra ? ", then labels\n" : "\n", fp);
  fputs("$text << EOD\n", fp);
  if (t->output) {
    /* gnuplot pipes output to a command when the name starts with '|'. */
    int prefix = t->output[0] == '|' || t->output[0] == ' ';
    fprintf(fp, "|%s%s\n", prefix ? "./" : "", t->output);
  } else {
    fputs("|\n", fp);
  }
  put_text_line(fp, info->title ? info->title : default_title, TEXT_MAX,
                KEEP_HEAD);
  put_text_line(fp, info->source, 60, KEEP_TAIL);
  put_text_line(fp, info->method, TEXT_MAX, KEEP_HEAD);
  put_text_line(fp, info->note, TEXT_MAX, KEEP_HEAD);
  put_text_line(fp, info->subtitle, TEXT_MAX, KEEP_HEAD);
  put_text_line(fp, info->footnote, TEXT_MAX, KEEP_HEAD);
  for (size_t i = 0; i < n_extra; i++)
    put_text_line(fp, extra[i], NPS_PLOT_LABEL_MAX, KEEP_HEAD);
  fputs("EOD\ntxt(i) = $text[i][2:]\n", fp);
}

static const nps_name styles[] = {
    {"dots", NPS_PLOT_DOTS, NULL},
    {"bars", NPS_PLOT_BARS, NULL},
};

nps_status nps_plot_style_parse(const char *name, nps_plot_style *out) {
  int v;
  nps_status st = nps_name_parse(styles, NPS_COUNT_OF(styles), name, &v);
  if (st == NPS_OK)
    *out = (nps_plot_style)v;
  return st;
}

/* Lines of the footnote: the method (with B, seed and info->footnote) and
 * the data source. */
static int foot_lines(const nps_plot_info *info) {
  int method = info->method || info->replicates || info->footnote;
  return method + (info->source != NULL);
}

/* Ends a cairo terminal line, with the theme's background if it has one
 * (light keeps the terminal's own white). */
static void put_background(FILE *fp, const char *bg) {
  if (bg)
    fprintf(fp, " background rgb '%s'", bg);
  fputs("\n", fp);
}

void nps_gp_put_terminal(script *s, const nps_plot_target *t) {
  int lines = s->info ? foot_lines(s->info) : 0;
  s->foot = lines ? 12.0 + 15.0 * lines : 0.0;
  double w = s->w, h = s->h + s->foot, scale = 1.0;
  if (t->width > 0 && t->height > 0) {
    scale = fmin(t->width / w, t->height / h);
    w = t->width;
    h = t->height;
  }
  fputs("\n", s->fp);
  const char *bg = s->pal->term_bg;
  switch (s->format) {
  case NPS_PLOT_SVG:
    fprintf(s->fp,
            "set terminal svg size %d,%d fontscale %.4g font '" FONT
            ",10' noenhanced background rgb '%s'\n",
            (int)lround(w), (int)lround(h), 1.25 * scale, bg ? bg : "white");
    break;
  case NPS_PLOT_PDF:
    fprintf(s->fp,
            "set terminal pdfcairo size %.2fin,%.2fin fontscale %.4g "
            "linewidth 2 font '" FONT ",10' noenhanced",
            w / 72.0, h / 72.0, scale);
    put_background(s->fp, bg);
    break;
  default:
    fprintf(s->fp, "set terminal pngcairo size %d,%d ", (int)lround(w),
            (int)lround(h));
    if (scale != 1.0)
      fprintf(s->fp, "fontscale %.4g ", scale);
    fputs("font '" FONT ",10' noenhanced", s->fp);
    put_background(s->fp, bg);
  }
  if (t->output)
    fputs("set output txt(1)\n", s->fp);
  nps_gp_put_text_colours(s);
}

/* Screen coordinates: px from the left, px from the top. */
double nps_gp_sx(const script *s, double px) {
  return px / s->w;
}
double nps_gp_sy(const script *s, double px_from_top) {
  return 1.0 - px_from_top / (s->h + s->foot);
}

/* Pixels from the top taken by a title, the subtitle, lines chart lines
 * and the note, when there are. */
double nps_gp_titles_px(const nps_plot_info *info, int lines) {
  return 40.0 +
         18.0 * (lines + (info->note != NULL) + (info->subtitle != NULL));
}

/* The footnote, in small type at the bottom left: "Method: METHOD ·
 * B = 10000, seed 1 · FOOTNOTE", then "Data: SOURCE". */
static void put_footnote(const script *s, const nps_plot_info *info) {
  double y = s->h - 3.0;
  if (info->method || info->replicates || info->footnote) {
    expr e = {{0}, 0};
    nps_gp_ex_fixed(&e, "Method: ");
    if (info->method)
      nps_gp_ex_text(&e, T_METHOD);
    if (info->replicates)
      nps_gp_ex_fixed(&e, "%sB = %zu, seed %lu", info->method ? " · " : "",
                      info->replicates, info->seed);
    if (info->footnote) {
      if (info->method || info->replicates)
        nps_gp_ex_fixed(&e, " · ");
      nps_gp_ex_text(&e, T_FOOTNOTE);
    }
    y += 15.0;
    fprintf(s->fp,
            "set label 98 (%s) at screen %.4f, screen %.4f left font ',8' "
            "tc rgb '%s'\n",
            e.buf, nps_gp_sx(s, 12), nps_gp_sy(s, y), s->pal->foot);
  }
  if (info->source) {
    y += 15.0;
    fprintf(s->fp,
            "set label 99 ('Data: ' . txt(%d)) at screen %.4f, screen %.4f "
            "left font ',8' tc rgb '%s'\n",
            T_SOURCE, nps_gp_sx(s, 12), nps_gp_sy(s, y), s->pal->foot);
  }
}

/* The title (text 2), the subtitle, lines chart lines (gnuplot string
 * expressions), the note and the footnote. */
void nps_gp_put_titles(const script *s, const nps_plot_info *info,
                       const char *const *sub, int lines) {
  FILE *fp = s->fp;
  const char *tc = s->pal->tc;
  fprintf(fp,
          "set label 1 txt(2) at screen 0.5, screen %.4f center "
          "font '," FONT_TITLE_SIZE "'%s\n",
          nps_gp_sy(s, 22), tc);
  int i = 0, k = 2;
  double y = 44;
  if (info->subtitle) {
    fprintf(fp, "set label %d txt(%d) at screen 0.5, screen %.4f center%s\n",
            k++, T_SUBTITLE, nps_gp_sy(s, y), tc);
    y += 18;
  }
  for (; i < lines; i++, y += 18)
    fprintf(fp, "set label %d (%s) at screen 0.5, screen %.4f center%s\n", k++,
            sub[i], nps_gp_sy(s, y), tc);
  if (info->note)
    fprintf(fp, "set label %d txt(5) at screen 0.5, screen %.4f center%s\n", k,
            nps_gp_sy(s, y), tc);
  put_footnote(s, info);
}

static void ex_append(expr *e, const char *s) {
  size_t n = strlen(s);
  if (e->len + n >= sizeof e->buf)
    n = sizeof e->buf - 1 - e->len;
  memcpy(e->buf + e->len, s, n);
  e->len += n;
  e->buf[e->len] = '\0';
}

static void ex_join(expr *e) {
  if (e->len)
    ex_append(e, " . ");
}

/* Appends fixed text (from this file and numbers only), single-quoted with
 * ' doubled. */

void nps_gp_ex_fixed(expr *e, const char *fmt, ...) {
  char raw[256], quoted[520];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(raw, sizeof raw, fmt, ap);
  va_end(ap);
  size_t o = 0;
  quoted[o++] = '\'';
  for (const char *p = raw; *p && o < sizeof quoted - 3; p++) {
    if (*p == '\'')
      quoted[o++] = '\'';
    quoted[o++] = *p;
  }
  quoted[o++] = '\'';
  quoted[o] = '\0';
  ex_join(e);
  ex_append(e, quoted);
}

void nps_gp_ex_text(expr *e, int i) {
  char ref[32];
  snprintf(ref, sizeof ref, "txt(%d)", i);
  ex_join(e);
  ex_append(e, ref);
}

/* "95% intervals" (what = "intervals"): the method is in the footnote. */
void nps_gp_ex_method(expr *e, const nps_plot_info *info, const char *what) {
  char level[32];
  nps_gp_level_text(level, sizeof level, info->level);
  nps_gp_ex_fixed(e, "%s %s", level, what);
}

nps_status nps_gp_finish(FILE *fp, int multiplot) {
  if (multiplot)
    fputs("unset multiplot\n", fp);
  fputs("unset output\n", fp);
  return ferror(fp) ? NPS_EIO : NPS_OK;
}

int nps_gp_has_ci(const nps_plot_group *g) {
  return isfinite(g->ci.lo) && isfinite(g->ci.hi);
}

/* A step of 1, 2, 5, 10, 20, 25 or 50 points giving at most 10 tics. */
static double nice_step(double span) {
  static const double steps[] = {1, 2, 5, 10, 20, 25, 50};
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    if (span / steps[i] <= 10.0)
      return steps[i];
  return 100;
}

range nps_gp_points_range(double lo, double hi, double pad_lo, double pad_hi) {
  range r;
  lo = fmin(lo, 0.0);
  hi = fmax(hi, 0.0);
  double span = fmax(hi - lo, 10.0);
  lo -= pad_lo * span;
  hi += pad_hi * span;
  r.step = nice_step(hi - lo);
  r.min = floor(lo / r.step) * r.step;
  r.max = ceil(hi / r.step) * r.step;
  return r;
}

/* `set xtics` (or ytics) for r, numbered only inside -100..100. */
void nps_gp_put_tics(FILE *fp, const char *axis, range r) {
  fprintf(fp, "set %stics %g, %g, %g nomirror out\n", axis, fmax(r.min, -100.0),
          r.step, fmin(r.max, 100.0));
}

/* Legend of the three categories: boxes and names in a row starting at
 * x0 px, centred on y px from the top. */
void nps_gp_put_category_legend(const script *s, double x0, double y) {
  const palette *p = s->pal;
  const struct {
    const char *colour, *name;
    double dx;
  } items[] = {{p->detractor, "detractors 0–6", 0},
               {p->passive, "passives 7–8", 120},
               {p->promoter, "promoters 9–10", 228}};
  for (int i = 0; i < 3; i++) {
    double x = x0 + items[i].dx;
    fprintf(s->fp,
            "set object %d rect from screen %.4f, screen %.4f to screen "
            "%.4f, screen %.4f fc rgb '%s' fs solid 1.0 border rgb '%s'\n",
            11 + i, nps_gp_sx(s, x), nps_gp_sy(s, y + 5), nps_gp_sx(s, x + 14),
            nps_gp_sy(s, y - 5), items[i].colour, p->outline);
    fprintf(s->fp,
            "set label %d '%s' at screen %.4f, screen %.4f left font ',9'%s\n",
            11 + i, items[i].name, nps_gp_sx(s, x + 19), nps_gp_sy(s, y),
            p->tc);
  }
}

/* The stacked shares of every row of $rows: y in column y, the %
 * detractors, passives, promoters in columns d, d + 1, d + 2; bars half_h
 * high, percentages written inside segments of 8% or more. With ytic, the
 * rows are labelled label($1). */
void nps_gp_put_shares_plot(const script *s, double half_h, int y, int d,
                            int ytic) {
  FILE *fp = s->fp;
  const palette *pal = s->pal;
  int a = d + 1, p = d + 2;
  fprintf(fp,
          "set style fill solid 1.0 border rgb '%s'\n"
          "plot $rows using (0):%d:(0):%d:($%d - %g):($%d + %g)%s with "
          "boxxyerror fc rgb '%s' notitle, \\\n",
          pal->outline, y, d, y, half_h, y, half_h,
          ytic ? ":ytic(label($1))" : "", pal->detractor);
  fprintf(fp,
          "     $rows using (0):%d:%d:($%d + $%d):($%d - %g):($%d + %g) with "
          "boxxyerror fc rgb '%s' notitle, \\\n",
          y, d, d, a, y, half_h, y, half_h, pal->passive);
  fprintf(fp,
          "     $rows using (0):%d:($%d + $%d):(100):($%d - %g):($%d + %g) "
          "with boxxyerror fc rgb '%s' notitle, \\\n",
          y, d, a, y, half_h, y, half_h, pal->promoter);
  fprintf(fp,
          "     $rows using ($%d / 2):%d:(percent($%d)) with labels "
          "tc rgb '%s' font ',9' notitle, \\\n"
          "     $rows using ($%d + $%d / 2):%d:(percent($%d)) with labels "
          "font ',9'%s notitle, \\\n"
          "     $rows using ($%d + $%d + $%d / 2):%d:(percent($%d)) with "
          "labels font ',9'%s notitle\n",
          d, y, d, pal->on_detractor, d, a, y, a, pal->tc_fill, d, a, p, y, p,
          pal->tc_fill);
}
