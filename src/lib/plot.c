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

#include "nps/plot.h"

/* Colours: lightness (CIE L*) in brackets keeps them apart in greyscale. */
#define COL_BAR       "#7ba7d7" /* group bars (66) */
#define COL_BAR_EDGE  "#26456e" /* bar borders, overall hatch (29) */
#define COL_DETRACTOR "#a50f15" /* (34) */
#define COL_PASSIVE   "#d9d9d9" /* (87) */
#define COL_PROMOTER  "#41ab5d" /* (62) */
#define COL_HIST      "#9ecae1" /* bootstrap histogram (78) */
#define COL_BAND      "#fde9b5" /* interval band (93) */

#define FONT            "DejaVu Sans"
#define FONT_TITLE_SIZE "13"
#define CHAR_PX         7.4 /* width allowed for a 10-point character */

#define TEXT_MAX 80 /* longest title text, in characters */

static const char *const format_names[] = {"png", "svg", "pdf"};

nps_status nps_plot_format_parse(const char *name, nps_plot_format *out) {
  for (int i = 0; i < 3; i++) {
    if (name && strcmp(name, format_names[i]) == 0) {
      *out = (nps_plot_format)i;
      return NPS_OK;
    }
  }
  return NPS_EINVAL;
}

const char *nps_plot_format_name(nps_plot_format format) {
  return (unsigned)format < 3 ? format_names[format] : "png";
}

/* ---- text cleaning ---- */

/* Decodes the UTF-8 sequence at s[0..len): its length (1..4) with the code
 * point in *cp, or 0 when it is invalid (truncated, overlong, a surrogate,
 * above U+10FFFF, a stray continuation byte). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t need;
  uint32_t c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    need = 2;
    c &= 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 3;
    c &= 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 4;
    c &= 0x07;
  } else {
    return 0;
  }
  if (len < need)
    return 0;
  for (size_t i = 1; i < need; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min[need] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return need;
}

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

static size_t utf8_encode(uint32_t c, char *out) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* The next shown code point of s[*i..len), advancing *i. */
static uint32_t next_cp(const char *s, size_t len, size_t *i) {
  uint32_t c;
  size_t k = utf8_decode((const unsigned char *)s + *i, len - *i, &c);
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
      o += utf8_encode(0x2026, out);
    }
  }
  for (size_t k = 0; k < skip + take; k++) {
    uint32_t c = next_cp(s, len, &i);
    if (k >= skip)
      o += utf8_encode(c, out + o);
  }
  if (total > max && keep == KEEP_HEAD)
    o += utf8_encode(0x2026, out + o);
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
static double text_cells(const char *s) {
  double w = 0;
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    uint32_t c = next_cp(s, len, &i);
    w += c >= 0x1100 && c != REPLACEMENT && c != 0x2026 ? 2.0 : 1.0;
  }
  return w;
}

/* ---- script pieces ---- */

/* A script being written: the stream, the format and the canvas size in
 * pixels. */
typedef struct script {
  FILE *fp;
  nps_plot_format format;
  double w, h;
} script;

/* Runs the writer in the C locale, so that numbers always use '.'. */
typedef struct c_numeric {
  locale_t loc, old;
} c_numeric;

static int numeric_enter(c_numeric *c) {
  c->loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  if (!c->loc)
    return -1;
  c->old = uselocale(c->loc);
  return 0;
}

static void numeric_leave(c_numeric *c) {
  uselocale(c->old);
  freelocale(c->loc);
}

/* A number for a data block: "%.10g", or NaN (which gnuplot skips). */
static void put_num(FILE *fp, double x) {
  if (isfinite(x))
    fprintf(fp, " %.10g", x);
  else
    fputs(" NaN", fp);
}

/* x on -1..1 as points with one decimal and a sign ("+11.3", "-0.4",
 * "0.0"), for fixed title text. */
static void points_text(char *buf, size_t size, double x) {
  double p = 100.0 * x;
  if (fabs(p) < 0.05)
    snprintf(buf, size, "0.0");
  else
    snprintf(buf, size, "%+.1f", p);
}

/* "95%" for level 0.95. */
static void level_text(char *buf, size_t size, double level) {
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

/* Text block indexes used by every chart. */
enum { T_OUTPUT = 1, T_TITLE, T_SOURCE, T_METHOD, T_NOTE, T_FIRST_EXTRA };

static int info_ok(const nps_plot_target *t, const nps_plot_info *info) {
  if (!t || !info || (unsigned)t->format > NPS_PLOT_PDF)
    return 0;
  if (!(info->level > 0.0 && info->level < 1.0))
    return 0;
  return !t->output || output_ok(t->output);
}

static void put_header(FILE *fp, const char *what) {
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

/* The $text block: output name, title, source, method, note, then the
 * chart's own texts (extra[0..n_extra)). */
static void put_texts(FILE *fp, const nps_plot_target *t,
                      const nps_plot_info *info, const char *default_title,
                      const char *const *extra, size_t n_extra) {
  fputs("\n# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note", fp);
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
  for (size_t i = 0; i < n_extra; i++)
    put_text_line(fp, extra[i], NPS_PLOT_LABEL_MAX, KEEP_HEAD);
  fputs("EOD\ntxt(i) = $text[i][2:]\n", fp);
}

static void put_terminal(const script *s, const nps_plot_target *t) {
  int w = (int)lround(s->w), h = (int)lround(s->h);
  fputs("\n", s->fp);
  switch (s->format) {
  case NPS_PLOT_SVG:
    fprintf(s->fp,
            "set terminal svg size %d,%d fontscale 1.25 font '" FONT
            ",10' noenhanced background rgb 'white'\n",
            w, h);
    break;
  case NPS_PLOT_PDF:
    fprintf(s->fp,
            "set terminal pdfcairo size %.2fin,%.2fin fontscale 1 linewidth 2 "
            "font '" FONT ",10' noenhanced\n",
            s->w / 72.0, s->h / 72.0);
    break;
  default:
    fprintf(s->fp,
            "set terminal pngcairo size %d,%d font '" FONT ",10' noenhanced\n",
            w, h);
  }
  if (t->output)
    fputs("set output txt(1)\n", s->fp);
}

/* Screen coordinates: px from the left, px from the top. */
static double sx(const script *s, double px) {
  return px / s->w;
}
static double sy(const script *s, double px_from_top) {
  return 1.0 - px_from_top / s->h;
}

/* Pixels from the top taken by a title, lines subtitle lines and the
 * note, when there is one. */
static double titles_px(const nps_plot_info *info, int lines) {
  return 40.0 + 18.0 * (lines + (info->note != NULL));
}

/* The title (text 2, then ": " and the source when there is one), lines
 * subtitle lines (gnuplot string expressions) and the note. */
static void put_titles(const script *s, const nps_plot_info *info,
                       const char *const *sub, int lines) {
  FILE *fp = s->fp;
  fprintf(fp,
          "set label 1 (txt(2)%s) at screen 0.5, screen %.4f center "
          "font '," FONT_TITLE_SIZE "'\n",
          info->source ? " . ': ' . txt(3)" : "", sy(s, 22));
  int i = 0;
  for (; i < lines; i++)
    fprintf(fp, "set label %d (%s) at screen 0.5, screen %.4f center\n", i + 2,
            sub[i], sy(s, 44 + 18 * i));
  if (info->note)
    fprintf(fp, "set label %d txt(5) at screen 0.5, screen %.4f center\n",
            i + 2, sy(s, 44 + 18 * i));
}

/* A gnuplot string expression built from single-quoted fixed text and
 * txt(i) references joined by '.'. */
typedef struct expr {
  char buf[768];
  size_t len;
} expr;

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
static void ex_fixed(expr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void ex_fixed(expr *e, const char *fmt, ...) {
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

static void ex_text(expr *e, int i) {
  char ref[32];
  snprintf(ref, sizeof ref, "txt(%d)", i);
  ex_join(e);
  ex_append(e, ref);
}

/* "95% intervals: METHOD · B = 10000, seed 1" (what = "intervals"). */
static void ex_method(expr *e, const nps_plot_info *info, const char *what) {
  char level[32];
  level_text(level, sizeof level, info->level);
  ex_fixed(e, "%s %s%s", level, what, info->method ? ": " : "");
  if (info->method)
    ex_text(e, T_METHOD);
  if (info->replicates)
    ex_fixed(e, " · B = %zu, seed %lu", info->replicates, info->seed);
}

static nps_status finish(FILE *fp, int multiplot) {
  if (multiplot)
    fputs("unset multiplot\n", fp);
  fputs("unset output\n", fp);
  return ferror(fp) ? NPS_EIO : NPS_OK;
}

static int has_ci(const nps_plot_group *g) {
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

/* An axis range in points covering lo..hi and 0, widened by pad_lo and
 * pad_hi (fractions of the span), rounded out to whole tic steps. */
typedef struct range {
  double min, max, step;
} range;

static range points_range(double lo, double hi, double pad_lo, double pad_hi) {
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
static void put_tics(FILE *fp, const char *axis, range r) {
  fprintf(fp, "set %stics %g, %g, %g nomirror out\n", axis, fmax(r.min, -100.0),
          r.step, fmin(r.max, 100.0));
}

/* ---- segment chart ---- */

typedef struct seg_row {
  const nps_plot_group *g;
  nps_estimate est;
  size_t order;
  double y;
  double label_x; /* where the value is written */
  int side;       /* +1 right of label_x, -1 left of it */
  char label[4 * NPS_PLOT_LABEL_MAX + 40];
} seg_row;

static int by_nps_desc(const void *pa, const void *pb) {
  const seg_row *a = pa, *b = pb;
  if (a->est.nps != b->est.nps)
    return a->est.nps > b->est.nps ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* Fills r from g; 0 when g has no answers. */
static int seg_row_init(seg_row *r, const nps_plot_group *g, size_t order) {
  memset(r, 0, sizeof *r);
  if (nps_counts_estimate(&g->counts, &r->est) != NPS_OK)
    return 0;
  r->g = g;
  r->order = order;
  char clean[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(g->label, g->label_len, NPS_PLOT_LABEL_MAX, clean,
                 sizeof clean, NULL);
  snprintf(r->label, sizeof r->label, "%s (n = %llu)", clean,
           (unsigned long long)r->est.n);
  double v = 100.0 * r->est.nps;
  r->side = v < 0 ? -1 : 1;
  r->label_x = has_ci(g) ? 100.0 * (r->side > 0 ? g->ci.hi : g->ci.lo) : v;
  return 1;
}

static void put_seg_row(FILE *fp, size_t line, const seg_row *r) {
  const nps_plot_group *g = r->g;
  fprintf(fp, "%zu", line);
  put_num(fp, r->y);
  put_num(fp, 100.0 * r->est.nps);
  put_num(fp, has_ci(g) ? 100.0 * g->ci.lo : NAN);
  put_num(fp, has_ci(g) ? 100.0 * g->ci.hi : NAN);
  fprintf(fp, " %llu", (unsigned long long)r->est.n);
  put_num(fp, 100.0 * r->est.share_detractors);
  put_num(fp, 100.0 * r->est.share_passives);
  put_num(fp, 100.0 * r->est.share_promoters);
  put_num(fp, r->label_x);
  fprintf(fp, " %d |%s\n", r->side, r->label);
}

/* Legend of the three categories: boxes and names in a row starting at
 * x0 px, centred on y px from the top. */
static void put_category_legend(const script *s, double x0, double y) {
  static const struct {
    const char *colour, *name;
    double dx;
  } items[] = {{COL_DETRACTOR, "detractors 0–6", 0},
               {COL_PASSIVE, "passives 7–8", 120},
               {COL_PROMOTER, "promoters 9–10", 228}};
  for (int i = 0; i < 3; i++) {
    double x = x0 + items[i].dx;
    fprintf(s->fp,
            "set object %d rect from screen %.4f, screen %.4f to screen "
            "%.4f, screen %.4f fc rgb '%s' fs solid 1.0 border rgb "
            "'#333333'\n",
            11 + i, sx(s, x), sy(s, y + 5), sx(s, x + 14), sy(s, y - 5),
            items[i].colour);
    fprintf(s->fp,
            "set label %d '%s' at screen %.4f, screen %.4f left font ',9'\n",
            11 + i, items[i].name, sx(s, x + 19), sy(s, y));
  }
}

/* The stacked shares of every row of $rows: y in column y, the %
 * detractors, passives, promoters in columns d, d + 1, d + 2; bars half_h
 * high, percentages written inside segments of 8% or more. With ytic, the
 * rows are labelled label($1). */
static void put_shares_plot(FILE *fp, double half_h, int y, int d, int ytic) {
  int a = d + 1, p = d + 2;
  fprintf(fp,
          "set style fill solid 1.0 border rgb '#333333'\n"
          "plot $rows using (0):%d:(0):%d:($%d - %g):($%d + %g)%s with "
          "boxxyerror fc rgb '" COL_DETRACTOR "' notitle, \\\n",
          y, d, y, half_h, y, half_h, ytic ? ":ytic(label($1))" : "");
  fprintf(fp,
          "     $rows using (0):%d:%d:($%d + $%d):($%d - %g):($%d + %g) with "
          "boxxyerror fc rgb '" COL_PASSIVE "' notitle, \\\n",
          y, d, d, a, y, half_h, y, half_h);
  fprintf(fp,
          "     $rows using (0):%d:($%d + $%d):(100):($%d - %g):($%d + %g) "
          "with boxxyerror fc rgb '" COL_PROMOTER "' notitle, \\\n",
          y, d, a, y, half_h, y, half_h);
  fprintf(fp,
          "     $rows using ($%d / 2):%d:(percent($%d)) with labels "
          "tc rgb '#ffffff' font ',9' notitle, \\\n"
          "     $rows using ($%d + $%d / 2):%d:(percent($%d)) with labels "
          "font ',9' notitle, \\\n"
          "     $rows using ($%d + $%d + $%d / 2):%d:(percent($%d)) with "
          "labels font ',9' notitle\n",
          d, y, d, d, a, y, a, d, a, p, y, p);
}

typedef struct seg_layout {
  size_t k;        /* groups drawn */
  int overall;     /* an overall row follows them */
  double top;      /* y of the first row */
  double top_px;   /* title area */
  double label_px; /* left of the NPS panel */
} seg_layout;

static void seg_size(script *s, const seg_row *rows, size_t n_rows,
                     seg_layout *lay, const nps_plot_info *info) {
  double cells = 8;
  for (size_t i = 0; i < n_rows; i++)
    cells = fmax(cells, text_cells(rows[i].label));
  lay->label_px = 30 + CHAR_PX * cells;
  lay->top = (lay->overall ? 2.5 : 1.0) + (double)lay->k - 1.0;
  lay->top_px = titles_px(info, 1) + 40;
  s->w = fmax(960, lay->label_px + 420 + 50 + 330 + 30);
  s->h = fmax(260, lay->top_px + 62 + 38 * (lay->top + 0.2));
}

static void put_seg_nps_panel(const script *s, const seg_row *rows,
                              size_t n_rows, const seg_layout *lay,
                              const nps_plot_info *info) {
  FILE *fp = s->fp;
  double lo = 0, hi = 0;
  int neg = 0, pos = 0, any_ci = 0;
  for (size_t i = 0; i < n_rows; i++) {
    const nps_plot_group *g = rows[i].g;
    double v = 100.0 * rows[i].est.nps;
    lo = fmin(lo, has_ci(g) ? 100.0 * g->ci.lo : v);
    hi = fmax(hi, has_ci(g) ? 100.0 * g->ci.hi : v);
    neg |= rows[i].side < 0;
    pos |= rows[i].side > 0;
    any_ci |= has_ci(g);
  }
  range r = points_range(lo, hi, neg ? 0.16 : 0.03, pos ? 0.16 : 0.03);
  char level[32];
  level_text(level, sizeof level, info->level);
  fprintf(fp,
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '#444444'\nunset key\n"
          "set yrange [0.4:%g]\nset ytics scale 0 nomirror\n"
          "set xrange [%g:%g]\n",
          sx(s, lay->label_px), sx(s, s->w - 410), lay->top + 0.6, r.min,
          r.max);
  put_tics(fp, "x", r);
  fprintf(fp,
          "set grid xtics lc rgb '#e6e6e6' lw 1 dt 1\n"
          "set xlabel 'NPS (points)%s%s%s'\n"
          "set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead "
          "lc rgb '#444444' lw 1 front\n",
          any_ci ? " with " : "", any_ci ? level : "",
          any_ci ? " intervals" : "");
  if (lay->overall && lay->k)
    fprintf(fp, "set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 "
                "nohead lc rgb '#999999' dt 2 lw 1\n");
  fprintf(fp, "set style fill solid 1.0 border rgb '" COL_BAR_EDGE "'\n");
  const char *sep = "plot ";
  if (lay->k) {
    fprintf(fp,
            "%s$rows every ::0::%zu using 3:2:(0):3:($2 - 0.32):($2 + 0.32):"
            "ytic(label($1)) \\\n       with boxxyerror fc rgb '" COL_BAR
            "' notitle",
            sep, lay->k - 1);
    sep = ", \\\n     ";
  }
  if (lay->overall) {
    fprintf(
        fp,
        "%s$rows every ::%zu::%zu using 3:2:(0):3:($2 - 0.32):($2 + "
        "0.32):ytic(label($1)) \\\n       with boxxyerror fc rgb '" COL_BAR_EDGE
        "' fs pattern 6 border rgb '" COL_BAR_EDGE "' notitle",
        sep, lay->k, lay->k);
    sep = ", \\\n     ";
  }
  if (any_ci)
    fprintf(fp,
            "%s$rows using 3:2:4:5 with xerrorbars pt 7 ps 0.5 lw 1.5 "
            "lc rgb '#000000' notitle",
            sep);
  if (pos)
    fprintf(fp,
            "%s$rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels "
            "left offset 0.7, 0 font ',9' notitle",
            sep);
  if (neg)
    fprintf(fp,
            "%s$rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels "
            "right offset -0.7, 0 font ',9' notitle",
            sep);
  fputs("\n", fp);
}

static void put_seg_subtitle(expr *e, const nps_plot_info *info, uint64_t n) {
  ex_fixed(e, "n = %llu · ", (unsigned long long)n);
  ex_method(e, info, "intervals");
}

nps_status nps_plot_segments(FILE *fp, const nps_plot_target *target,
                             const nps_plot_info *info,
                             const nps_plot_group *groups, size_t n_groups,
                             const nps_plot_group *overall) {
  if (!fp || !info_ok(target, info) || (n_groups && !groups))
    return NPS_EINVAL;
  seg_row *rows = malloc((n_groups + 1) * sizeof *rows);
  if (!rows)
    return NPS_ENOMEM;
  seg_layout lay = {0};
  uint64_t total = 0;
  for (size_t i = 0; i < n_groups; i++)
    if (seg_row_init(&rows[lay.k], &groups[i], i))
      total += rows[lay.k++].est.n;
  qsort(rows, lay.k, sizeof *rows, by_nps_desc);
  if (overall && seg_row_init(&rows[lay.k], overall, n_groups)) {
    lay.overall = 1;
    total = rows[lay.k].est.n;
  }
  size_t n_rows = lay.k + (size_t)lay.overall;
  if (n_rows == 0) {
    free(rows);
    return NPS_EINVAL;
  }
  c_numeric cn;
  if (numeric_enter(&cn)) {
    free(rows);
    return NPS_ENOMEM;
  }
  script s = {fp, target->format, 0, 0};
  seg_size(&s, rows, n_rows, &lay, info);
  for (size_t i = 0; i < lay.k; i++)
    rows[i].y = lay.top - (double)i;
  if (lay.overall)
    rows[lay.k].y = 1.0;

  put_header(fp, "NPS by group with intervals, and the promoter / passive / "
                 "detractor shares.");
  put_texts(fp, target, info, "NPS by group", NULL, 0);
  fputs("\n# Rows, highest NPS first, then the overall row: 1 line, 2 y, "
        "3 NPS,\n# 4-5 interval (points), 6 n, 7-9 % detractors, passives, "
        "promoters,\n# 10-11 where the value is written and on which side; "
        "the label follows '|'.\n$rows << EOD\n",
        fp);
  for (size_t i = 0; i < n_rows; i++)
    put_seg_row(fp, i + 1, &rows[i]);
  fputs("EOD\n"
        "label(i) = $rows[i][strstrt($rows[i], '|') + 1:]\n"
        "points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)\n"
        "percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''\n",
        fp);
  put_terminal(&s, target);

  expr sub = {{0}, 0};
  put_seg_subtitle(&sub, info, total);
  fputs("\nset multiplot\n", fp);
  const char *lines[] = {sub.buf};
  put_titles(&s, info, lines, 1);
  put_category_legend(&s, s.w - 360, lay.top_px - 16);
  fprintf(fp, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
          sy(&s, lay.top_px), sy(&s, s.h - 62));
  put_seg_nps_panel(&s, rows, n_rows, &lay, info);

  fprintf(fp,
          "\n# Shares of each category, in the same rows.\n"
          "unset label\nunset object\nunset arrow\nunset grid\nunset ytics\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0:100]\nset xtics 0, 20, 100 nomirror out\n"
          "set xlabel 'share of answers (%%)'\n",
          sx(&s, s.w - 360), sx(&s, s.w - 30));
  put_shares_plot(fp, 0.32, 2, 7, 0);
  nps_status st = finish(fp, 1);
  numeric_leave(&cn);
  free(rows);
  return st;
}

/* ---- bootstrap histogram ---- */

/* Bins of replicates: NPS takes the values k/n (k = P - D), so a bin
 * holds m whole steps and its edges lie halfway between steps. */
typedef struct bins {
  double kmin; /* smallest k */
  double m;    /* steps per bin */
  size_t count;
  double *pct; /* share of replicates per bin, % */
} bins;

static nps_status make_bins(const double *x, size_t B, double n, bins *b) {
  double kmin = INFINITY, kmax = -INFINITY;
  for (size_t i = 0; i < B; i++) {
    if (!isfinite(x[i]))
      return NPS_EINVAL;
    double k = round(x[i] * n);
    kmin = fmin(kmin, k);
    kmax = fmax(kmax, k);
  }
  b->kmin = kmin;
  b->m = fmax(1.0, round((kmax - kmin) / 40.0));
  b->count = (size_t)floor((kmax - kmin) / b->m) + 1;
  b->pct = calloc(b->count, sizeof *b->pct);
  if (!b->pct)
    return NPS_ENOMEM;
  for (size_t i = 0; i < B; i++) {
    size_t j = (size_t)floor((round(x[i] * n) - kmin) / b->m);
    b->pct[j < b->count ? j : b->count - 1] += 100.0 / (double)B;
  }
  return NPS_OK;
}

/* Lower edge of bin j, in points. */
static double bin_edge(const bins *b, double n, size_t j) {
  return 100.0 * (b->kmin + (double)j * b->m - 0.5) / n;
}

static void put_boot_lines(const script *s, const nps_plot_group *g,
                           const nps_estimate *est, double ymax) {
  FILE *fp = s->fp;
  char text[32];
  if (has_ci(g)) {
    fprintf(fp,
            "set object 1 rect from first %.10g, graph 0 to first %.10g, "
            "graph 1 fc rgb '" COL_BAND "' fs solid 1.0 noborder behind\n",
            100.0 * g->ci.lo, 100.0 * g->ci.hi);
    points_text(text, sizeof text, g->ci.lo);
    fprintf(fp,
            "set arrow 1 from first %.10g, graph 0 to first %.10g, graph 1 "
            "nohead dt 2 lw 2 lc rgb '#8c510a' front\n"
            "set label 11 'low %s' at first %.10g, first %g right offset "
            "-0.5, 0\n",
            100.0 * g->ci.lo, 100.0 * g->ci.lo, text, 100.0 * g->ci.lo,
            ymax * 0.95);
    points_text(text, sizeof text, g->ci.hi);
    fprintf(fp,
            "set arrow 2 from first %.10g, graph 0 to first %.10g, graph 1 "
            "nohead dt 2 lw 2 lc rgb '#8c510a' front\n"
            "set label 12 'high %s' at first %.10g, first %g left offset "
            "0.5, 0\n",
            100.0 * g->ci.hi, 100.0 * g->ci.hi, text, 100.0 * g->ci.hi,
            ymax * 0.95);
  }
  points_text(text, sizeof text, est->nps);
  fprintf(fp,
          "set arrow 3 from first %.10g, graph 0 to first %.10g, graph 1 "
          "nohead lw 2 lc rgb '#000000' front\n"
          "set label 13 'estimate %s' at first %.10g, first %g left "
          "offset 0.6, 0 front\n",
          100.0 * est->nps, 100.0 * est->nps, text, 100.0 * est->nps,
          ymax * 1.04);
}

nps_status nps_plot_bootstrap(FILE *fp, const nps_plot_target *target,
                              const nps_plot_info *info,
                              const nps_plot_group *group,
                              const double *replicates, size_t B) {
  nps_estimate est;
  if (!fp || !info_ok(target, info) || !group || !replicates || B < 2 ||
      nps_counts_estimate(&group->counts, &est) != NPS_OK)
    return NPS_EINVAL;
  double n = (double)est.n;
  bins b;
  nps_status st = make_bins(replicates, B, n, &b);
  if (st != NPS_OK)
    return st;
  c_numeric cn;
  if (numeric_enter(&cn)) {
    free(b.pct);
    return NPS_ENOMEM;
  }
  script s = {fp, target->format, 900, 0};
  double top_px = titles_px(info, 2) + 14;
  s.h = top_px + 420;

  char label[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(group->label, group->label_len, NPS_PLOT_LABEL_MAX, label,
                 sizeof label, NULL);
  const char *labels[] = {label};
  put_header(fp, "Bootstrap distribution of one NPS, with its interval.");
  put_texts(fp, target, info, "Bootstrap distribution of NPS", labels, 1);
  fputs("\n# Bins: 1 centre, 2 width (points), 3 % of replicates.\n"
        "$bins << EOD\n",
        fp);
  double ymax = 0, xlo = INFINITY, xhi = -INFINITY;
  for (size_t j = 0; j < b.count; j++) {
    double lo = bin_edge(&b, n, j), hi = bin_edge(&b, n, j + 1);
    fprintf(fp, "%.10g %.10g %.10g\n", (lo + hi) / 2, hi - lo, b.pct[j]);
    ymax = fmax(ymax, b.pct[j]);
    xlo = fmin(xlo, lo);
    xhi = fmax(xhi, hi);
  }
  fputs("EOD\n", fp);
  if (has_ci(group)) {
    xlo = fmin(xlo, 100.0 * group->ci.lo);
    xhi = fmax(xhi, 100.0 * group->ci.hi);
  }
  double pad = 0.08 * fmax(xhi - xlo, 1.0);
  put_terminal(&s, target);

  expr l2 = {{0}, 0}, l3 = {{0}, 0};
  ex_text(&l2, T_FIRST_EXTRA);
  ex_fixed(&l2, " (n = %llu) · B = %zu replicates", (unsigned long long)est.n,
           B);
  if (info->replicates)
    ex_fixed(&l2, ", seed %lu", info->seed);
  nps_plot_info no_boot = *info;
  no_boot.replicates = 0;
  ex_method(&l3, &no_boot, "interval");
  if (has_ci(group)) {
    char lo[32], hi[32];
    points_text(lo, sizeof lo, group->ci.lo);
    points_text(hi, sizeof hi, group->ci.hi);
    ex_fixed(&l3, " [%s, %s]", lo, hi);
  }
  const char *lines[] = {l2.buf, l3.buf};
  fputs("\n", fp);
  put_titles(&s, info, lines, 2);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '#444444'\nunset key\n"
          "set xrange [%.10g:%.10g]\nset yrange [0:%.10g]\n"
          "set xtics nomirror out\nset ytics nomirror out\n"
          "set grid ytics lc rgb '#e6e6e6' lw 1 dt 1\n"
          "set xlabel 'NPS (points)'\nset ylabel 'replicates (%%)'\n",
          sy(&s, top_px), sy(&s, s.h - 56), sx(&s, 80), sx(&s, s.w - 30),
          xlo - pad, xhi + pad, ymax * 1.12);
  put_boot_lines(&s, group, &est, ymax);
  fputs("set style fill solid 1.0 border rgb '" COL_BAR_EDGE "'\n"
        "plot $bins using 1:3:2 with boxes fc rgb '" COL_HIST "' notitle\n",
        fp);
  st = finish(fp, 0);
  numeric_leave(&cn);
  free(b.pct);
  return st;
}

/* ---- two-group comparison ---- */

/* "p = 0.033", "p < 0.001". */
static void p_text(char *buf, size_t size, double p) {
  if (p < 0.001)
    snprintf(buf, size, "p < 0.001");
  else
    snprintf(buf, size, p < 0.1 ? "p = %.3f" : "p = %.2f", p);
}

static void put_cmp_row(FILE *fp, int line, const nps_plot_group *g,
                        const nps_estimate *e, double x, double y) {
  fprintf(fp, "%d", line);
  put_num(fp, x);
  put_num(fp, y);
  put_num(fp, 100.0 * e->nps);
  put_num(fp, has_ci(g) ? 100.0 * g->ci.lo : NAN);
  put_num(fp, has_ci(g) ? 100.0 * g->ci.hi : NAN);
  fprintf(fp, " %llu", (unsigned long long)e->n);
  put_num(fp, 100.0 * e->share_detractors);
  put_num(fp, 100.0 * e->share_passives);
  put_num(fp, 100.0 * e->share_promoters);
  double v = 100.0 * e->nps;
  double end = has_ci(g) ? 100.0 * (v < 0 ? g->ci.lo : g->ci.hi) : v;
  put_num(fp, end);
  fprintf(fp, " %d |", v < 0 ? -1 : 1);
  char label[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(g->label, g->label_len, NPS_PLOT_LABEL_MAX, label,
                 sizeof label, NULL);
  fprintf(fp, "%s\n", label);
}

/* Title lines 2 and 3 of the comparison. */
static void cmp_subtitles(expr *l2, expr *l3, const nps_plot_info *info,
                          const nps_plot_diff *d, const nps_estimate *ea,
                          const nps_estimate *eb) {
  char delta[32], lo[32], hi[32], level[32], p[32];
  points_text(delta, sizeof delta, d->delta);
  level_text(level, sizeof level, info->level);
  ex_text(l2, T_FIRST_EXTRA + 3);
  ex_fixed(l2, " − ");
  ex_text(l2, T_FIRST_EXTRA + 2);
  ex_fixed(l2, ": Δ = %s points", delta);
  if (isfinite(d->ci.lo) && isfinite(d->ci.hi)) {
    points_text(lo, sizeof lo, d->ci.lo);
    points_text(hi, sizeof hi, d->ci.hi);
    ex_fixed(l2, ", %s CI [%s, %s]", level, lo, hi);
  }
  if (isfinite(d->p)) {
    p_text(p, sizeof p, d->p);
    ex_fixed(l2, ", %s", p);
  }
  if (d->test) {
    ex_fixed(l2, " (");
    ex_text(l2, T_FIRST_EXTRA + 4);
    ex_fixed(l2, ")");
  }
  ex_fixed(l3, "n = %llu and %llu · ", (unsigned long long)ea->n,
           (unsigned long long)eb->n);
  ex_method(l3, info, "intervals");
}

static range cmp_range(const nps_plot_group *g[2], const nps_estimate e[2]) {
  double lo = 0, hi = 0;
  int neg = 0, pos = 0;
  for (int i = 0; i < 2; i++) {
    double v = 100.0 * e[i].nps;
    lo = fmin(lo, has_ci(g[i]) ? 100.0 * g[i]->ci.lo : v);
    hi = fmax(hi, has_ci(g[i]) ? 100.0 * g[i]->ci.hi : v);
    neg |= v < 0;
    pos |= v >= 0;
  }
  return points_range(lo, hi, neg ? 0.12 : 0.02, pos ? 0.12 : 0.02);
}

static void put_cmp_groups(const script *s, double top_px, double bot_px,
                           const nps_plot_group *g[2], const nps_estimate e[2],
                           const char *level) {
  FILE *fp = s->fp;
  range r = cmp_range(g, e);
  int any_ci = has_ci(g[0]) || has_ci(g[1]);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '#444444'\nunset key\n"
          "set xrange [0.4:2.6]\nset yrange [%g:%g]\n"
          "set xtics scale 0 nomirror\n",
          sy(s, top_px), sy(s, bot_px), sx(s, 80), sx(s, 560), r.min, r.max);
  put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '#e6e6e6' lw 1 dt 1\n"
          "set ylabel 'NPS (points)%s%s%s'\n"
          "set xzeroaxis lt 1 lc rgb '#444444' lw 1\n"
          "set style fill solid 1.0 border rgb '" COL_BAR_EDGE "'\n"
          "plot $rows using 2:4:(0.5):($2 < 1.5 ? 0x9ecae1 : 0x3182bd):"
          "xtic(txt(%d + $1) . \"\\n\" . sprintf('n = %%d', int($7))) with "
          "boxes fc rgb variable notitle",
          any_ci ? " with " : "", any_ci ? level : "",
          any_ci ? " intervals" : "", T_FIRST_EXTRA + 1);
  if (any_ci)
    fputs(", \\\n     $rows using 2:4:5:6 with yerrorbars pt 7 ps 0.6 "
          "lw 1.5 lc rgb '#000000' notitle",
          fp);
  if (e[0].nps >= 0 || e[1].nps >= 0)
    fputs(", \\\n     $rows using 2:($12 > 0 ? $11 : NaN):(points($4)) with "
          "labels center offset 0, 0.9 notitle",
          fp);
  if (e[0].nps < 0 || e[1].nps < 0)
    fputs(", \\\n     $rows using 2:($12 < 0 ? $11 : NaN):(points($4)) with "
          "labels center offset 0, -0.9 notitle",
          fp);
  fputs("\n", fp);
}

static void put_cmp_delta(const script *s, double top_px, double bot_px,
                          const nps_plot_diff *d) {
  FILE *fp = s->fp;
  int ci = isfinite(d->ci.lo) && isfinite(d->ci.hi);
  double lo = 100.0 * (ci ? d->ci.lo : d->delta);
  double hi = 100.0 * (ci ? d->ci.hi : d->delta);
  range r = points_range(lo, hi, 0.06, 0.06);
  fprintf(fp,
          "\n# The difference b - a with its interval.\n"
          "unset label\nunset object\nunset grid\n"
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0.5:1.5]\nset yrange [%g:%g]\n"
          "set xtics ('' 1) scale 0\n",
          sy(s, top_px), sy(s, bot_px), sx(s, 680), sx(s, 870), r.min, r.max);
  put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '#e6e6e6' lw 1 dt 1\n"
          "set ylabel 'difference (points)'\n"
          "set xlabel ('Δ = ' . txt(%d) . \"\\n\" . '− ' . txt(%d))\n"
          "$diff << EOD\n1",
          T_FIRST_EXTRA + 3, T_FIRST_EXTRA + 2);
  put_num(fp, 100.0 * d->delta);
  put_num(fp, ci ? 100.0 * d->ci.lo : NAN);
  put_num(fp, ci ? 100.0 * d->ci.hi : NAN);
  fprintf(fp,
          "\nEOD\n"
          "plot $diff using 1:2%s with %s pt 7 ps 1.2 lw 2 lc rgb "
          "'#000000' notitle, \\\n"
          "     $diff using 1:2:(points($2)) with labels left offset 1.2, 0 "
          "notitle\n",
          ci ? ":3:4" : "", ci ? "yerrorbars" : "points");
}

nps_status nps_plot_compare(FILE *fp, const nps_plot_target *target,
                            const nps_plot_info *info, const nps_plot_group *a,
                            const nps_plot_group *b,
                            const nps_plot_diff *diff) {
  nps_estimate e[2];
  if (!fp || !info_ok(target, info) || !a || !b || !diff ||
      !isfinite(diff->delta) ||
      nps_counts_estimate(&a->counts, &e[0]) != NPS_OK ||
      nps_counts_estimate(&b->counts, &e[1]) != NPS_OK)
    return NPS_EINVAL;
  c_numeric cn;
  if (numeric_enter(&cn))
    return NPS_ENOMEM;
  const nps_plot_group *g[2] = {a, b};
  char full[2][4 * NPS_PLOT_LABEL_MAX + 1], brief[2][4 * 18 + 1];
  double cells = 8;
  for (int i = 0; i < 2; i++) {
    nps_plot_label(g[i]->label, g[i]->label_len, NPS_PLOT_LABEL_MAX, full[i],
                   sizeof full[i], NULL);
    nps_plot_label(g[i]->label, g[i]->label_len, 18, brief[i], sizeof brief[i],
                   NULL);
    cells = fmax(cells, text_cells(full[i]));
  }
  script s = {fp, target->format, 900, 0};
  double top_px = titles_px(info, 2) + 16, main_bot = top_px + 300;
  double strip_top = main_bot + 90, strip_bot = strip_top + 70;
  s.h = strip_bot + 50;
  const char *extra[] = {full[0], full[1], brief[0], brief[1], diff->test};
  put_header(fp, "Two groups compared: NPS with intervals and the "
                 "difference between them.");
  put_texts(fp, target, info, "NPS comparison", extra, diff->test ? 5 : 4);
  fputs("\n# Groups a and b: 1 line, 2 x, 3 y, 4 NPS, 5-6 interval "
        "(points), 7 n,\n# 8-10 % detractors, passives, promoters, "
        "11-12 where the value is written\n# and on which side; the "
        "label follows '|'.\n$rows << EOD\n",
        fp);
  put_cmp_row(fp, 1, a, &e[0], 1, 2);
  put_cmp_row(fp, 2, b, &e[1], 2, 1);
  fputs("EOD\n"
        "label(i) = $rows[i][strstrt($rows[i], '|') + 1:]\n"
        "points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)\n"
        "percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''\n",
        fp);
  put_terminal(&s, target);
  expr l2 = {{0}, 0}, l3 = {{0}, 0};
  cmp_subtitles(&l2, &l3, info, diff, &e[0], &e[1]);
  const char *lines[] = {l2.buf, l3.buf};
  char level[32];
  level_text(level, sizeof level, info->level);
  fputs("\nset multiplot\n", fp);
  put_titles(&s, info, lines, 2);
  put_cmp_groups(&s, top_px, main_bot, g, e, level);
  put_cmp_delta(&s, top_px, main_bot, diff);

  double label_px = 30 + CHAR_PX * cells;
  fprintf(fp, "\n# Shares of each category in both groups.\n"
              "unset label\nunset grid\nunset ylabel\nunset xzeroaxis\n");
  put_category_legend(&s, label_px, strip_top - 16);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0:100]\nset yrange [0.5:2.5]\n"
          "set xtics 0, 20, 100 nomirror out\nset ytics scale 0 nomirror\n"
          "set xlabel 'share of answers (%%)'\n",
          sy(&s, strip_top), sy(&s, strip_bot), sx(&s, label_px),
          sx(&s, s.w - 30));
  put_shares_plot(fp, 0.3, 3, 8, 1);
  nps_status st = finish(fp, 1);
  numeric_leave(&cn);
  return st;
}

/* ---- power curves ---- */

#define MAX_SERIES 8

/* Line colours (L* 20-65) with dash types 1..8 and point types, so that
 * curves stay apart in greyscale. */
static const char *const series_colour[MAX_SERIES] = {
    "#08306b", "#d94801", "#238b45", "#6a51a3",
    "#000000", "#cb181d", "#2c7fb8", "#737373"};
static const int series_point[MAX_SERIES] = {7, 5, 9, 13, 4, 6, 8, 12};

static int series_ok(const nps_plot_series *s) {
  if (!s->x || !s->power || s->n < 2)
    return 0;
  for (size_t i = 0; i < s->n; i++)
    if (!isfinite(s->x[i]) || !isfinite(s->power[i]))
      return 0;
  return 1;
}

static void put_power_data(FILE *fp, nps_plot_power_axis axis,
                           const nps_plot_series *series, size_t n_series) {
  double scale = axis == NPS_PLOT_POWER_VS_DIFF ? 100.0 : 1.0;
  fputs("\n# Curves, one data set each (separated by two blank lines): "
        "1 x, 2 power (%).\n$curves << EOD\n",
        fp);
  for (size_t k = 0; k < n_series; k++) {
    if (k)
      fputs("\n\n", fp);
    for (size_t i = 0; i < series[k].n; i++) {
      fprintf(fp, "%.10g", scale * series[k].x[i]);
      put_num(fp, 100.0 * series[k].power[i]);
      fputs("\n", fp);
    }
  }
  fputs("EOD\n", fp);
}

static void put_power_marks(FILE *fp, nps_plot_power_axis axis, double target,
                            const nps_plot_series *series, size_t n_series) {
  double scale = axis == NPS_PLOT_POWER_VS_DIFF ? 100.0 : 1.0;
  if (isfinite(target))
    fprintf(fp,
            "set arrow 1 from graph 0, first %.10g to graph 1, first %.10g "
            "nohead dt 2 lw 1.5 lc rgb '#555555' back\n",
            100.0 * target, 100.0 * target);
  for (size_t k = 0; k < n_series; k++) {
    double m = series[k].mark;
    if (!isfinite(m) || !isfinite(target))
      continue;
    const char *c = series_colour[k];
    fprintf(fp,
            "set arrow %zu from first %.10g, graph 0 to first %.10g, first "
            "%.10g nohead dt 3 lw 1.5 lc rgb '%s' back\n",
            k + 2, scale * m, scale * m, 100.0 * target, c);
    if (axis == NPS_PLOT_POWER_VS_N)
      fprintf(fp,
              "set label %zu '%.0f' at first %.10g, graph 0 left rotate by "
              "90 offset 0.5, 0.6 tc rgb '%s'\n",
              k + 11, ceil(m), m, c);
    else
      fprintf(fp,
              "set label %zu '%+.1f' at first %.10g, graph 0 left rotate by "
              "90 offset 0.5, 0.6 tc rgb '%s'\n",
              k + 11, 100.0 * m, 100.0 * m, c);
  }
}

nps_status nps_plot_power(FILE *fp, const nps_plot_target *target,
                          const nps_plot_info *info, nps_plot_power_axis axis,
                          double target_power, const nps_plot_series *series,
                          size_t n_series) {
  if (!fp || !info_ok(target, info) || !series || n_series == 0 ||
      n_series > MAX_SERIES ||
      (axis != NPS_PLOT_POWER_VS_N && axis != NPS_PLOT_POWER_VS_DIFF))
    return NPS_EINVAL;
  double xmin = INFINITY, xmax = -INFINITY;
  for (size_t k = 0; k < n_series; k++) {
    if (!series_ok(&series[k]))
      return NPS_EINVAL;
    xmin = fmin(xmin, series[k].x[0]);
    xmax = fmax(xmax, series[k].x[series[k].n - 1]);
  }
  int logx = axis == NPS_PLOT_POWER_VS_N && xmin > 0 && xmax / xmin > 50;
  c_numeric cn;
  if (numeric_enter(&cn))
    return NPS_ENOMEM;
  char labels[MAX_SERIES][4 * NPS_PLOT_LABEL_MAX + 1];
  const char *extra[MAX_SERIES];
  double cells = 10;
  for (size_t k = 0; k < n_series; k++) {
    nps_plot_label(series[k].label, series[k].label_len, NPS_PLOT_LABEL_MAX,
                   labels[k], sizeof labels[k], NULL);
    extra[k] = labels[k];
    cells = fmax(cells, text_cells(labels[k]));
  }
  script s = {fp, target->format, 0, 0};
  double key_px = 60 + CHAR_PX * cells, top_px = titles_px(info, 1) + 16;
  s.w = 700 + key_px;
  s.h = top_px + 440;
  put_header(fp, axis == NPS_PLOT_POWER_VS_N
                     ? "Power against the sample size per arm."
                     : "Power against the true difference.");
  put_texts(fp, target, info, "Power of the two-sided test", extra, n_series);
  put_power_data(fp, axis, series, n_series);
  put_terminal(&s, target);

  expr l2 = {{0}, 0};
  ex_fixed(&l2, "α = %.10g", 1.0 - info->level);
  if (isfinite(target_power))
    ex_fixed(&l2, " · target power %.10g%%", 100.0 * target_power);
  if (info->method) {
    ex_fixed(&l2, " · ");
    ex_text(&l2, T_METHOD);
  }
  if (info->replicates)
    ex_fixed(&l2, " · %zu simulations, seed %lu", info->replicates, info->seed);
  const char *lines[] = {l2.buf};
  fputs("\n", fp);
  put_titles(&s, info, lines, 1);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '#444444'\n"
          "set key at screen %.4f, screen %.4f left top vertical "
          "samplen 3 spacing 1.3 box lc rgb '#bbbbbb'\n"
          "set yrange [0:100]\nset ytics 0, 20, 100 nomirror out\n"
          "set xtics nomirror out\n%s"
          "set grid xtics ytics lc rgb '#e6e6e6' lw 1 dt 1\n"
          "set ylabel 'power (%%)'\nset xlabel '%s'\n",
          sy(&s, top_px), sy(&s, s.h - 56), sx(&s, 70), sx(&s, 660),
          sx(&s, 680), sy(&s, top_px), logx ? "set logscale x\n" : "",
          axis == NPS_PLOT_POWER_VS_N ? "sample size per arm"
                                      : "true difference (points)");
  if (axis == NPS_PLOT_POWER_VS_N)
    fprintf(fp, "set xrange [%.10g:%.10g]\n", logx ? xmin : 0.0, xmax);
  else
    fprintf(fp, "set xrange [%.10g:%.10g]\n", 100.0 * xmin, 100.0 * xmax);
  put_power_marks(fp, axis, target_power, series, n_series);
  for (size_t k = 0; k < n_series; k++)
    fprintf(fp,
            "%s$curves index %zu using 1:2 with linespoints lw 2 dt %zu "
            "pt %d ps 0.9 pi -8 lc rgb '%s' title txt(%zu)",
            k ? ", \\\n     " : "plot ", k, k + 1, series_point[k],
            series_colour[k], T_FIRST_EXTRA + k);
  if (isfinite(target_power))
    fprintf(fp,
            ", \\\n     NaN with lines dt 2 lw 1.5 lc rgb '#555555' "
            "title 'target power %.10g%%'",
            100.0 * target_power);
  fputs("\n", fp);
  nps_status st = finish(fp, 0);
  numeric_leave(&cn);
  return st;
}
