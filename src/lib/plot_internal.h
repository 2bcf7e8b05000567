/*
 * plot_internal.h - the gnuplot script infrastructure shared by the chart
 * files (plot.c has it; plot_segments.c, plot_boot.c, plot_compare.c and
 * plot_power.c draw one chart each). Private to the library.
 */
#ifndef NPS_PLOT_INTERNAL_H
#define NPS_PLOT_INTERNAL_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/plot.h"

/* Colours: lightness (CIE L*) in brackets keeps them apart in greyscale. */
#define COL_BAR       "#7ba7d7" /* group bars (66) */
#define COL_BAR_EDGE  "#26456e" /* bar borders, overall hatch (29) */
#define COL_DETRACTOR "#a50f15" /* (34) */
#define COL_PASSIVE   "#d9d9d9" /* (87) */
#define COL_PROMOTER  "#41ab5d" /* (62) */
#define COL_HIST      "#9ecae1" /* bootstrap histogram (78) */
#define COL_BAND      "#fde9b5" /* interval band (93) */
/* The same bar colours as numbers, for `fc rgb variable`. */
#define COL_MARK_PLAIN "0x7ba7d7" /* COL_BAR (66) */
#define COL_MARK_DARK  "0x26456e" /* COL_BAR_EDGE (29): stands out */
#define COL_MARK_FAINT "0xdce6f2" /* a small base (91) */
/* Dots of the dot-and-whisker charts. */
#define COL_DOT_PLAIN "0x4f81bd" /* (53) */
#define COL_DOT_DARK  "0x0b2545" /* stands out (15) */
#define COL_DOT_FAINT "0xbfcde0" /* a small base (82) */

#define FONT            "DejaVu Sans"
#define FONT_TITLE_SIZE "13"
#define FOOT_COLOUR     "#555555" /* footnote text */
#define CHAR_PX         7.4       /* width allowed for a 10-point character */

#define TEXT_MAX 80 /* longest title text, in characters */

/* A script being written: the stream, the format and the canvas size in
 * pixels. */
typedef struct script {
  FILE *fp;
  nps_plot_format format;
  double w, h;
  double foot; /* px under h for the footnote (set by nps_gp_put_terminal) */
  const nps_plot_info *info;
} script;

/* Runs the writer in the C locale, so that numbers always use '.'. */
typedef struct c_numeric {
  locale_t loc, old;
} c_numeric;

/* A gnuplot string expression built from single-quoted fixed text and
 * txt(i) references joined by '.'. */
typedef struct expr {
  char buf[768];
  size_t len;
} expr;

/* An axis range in points covering lo..hi and 0, widened by pad_lo and
 * pad_hi (fractions of the span), rounded out to whole tic steps. */
typedef struct range {
  double min, max, step;
} range;

/* Text block indexes used by every chart. */
enum {
  T_OUTPUT = 1,
  T_TITLE,
  T_SOURCE,
  T_METHOD,
  T_NOTE,
  T_SUBTITLE,
  T_FOOTNOTE,
  T_FIRST_EXTRA
};

/* Display width of cleaned UTF-8 text in character cells: East Asian wide
 * characters (U+1100 and up, roughly) count two. */
double nps_gp_text_cells(const char *s);

int nps_gp_numeric_enter(c_numeric *c);

void nps_gp_numeric_leave(c_numeric *c);

/* A number for a data block: "%.10g", or NaN (which gnuplot skips). */
void nps_gp_put_num(FILE *fp, double x);

/* x on -1..1 as points with one decimal and a sign ("+11.3", "-0.4",
 * "0.0"), for fixed title text. */
void nps_gp_points_text(char *buf, size_t size, double x);

/* "95%" for level 0.95. */
void nps_gp_level_text(char *buf, size_t size, double level);

int nps_gp_info_ok(const nps_plot_target *t, const nps_plot_info *info);

void nps_gp_put_header(FILE *fp, const char *what);

/* The $text block: output name, title, source, method, note, then the
 * chart's own texts (extra[0..n_extra)). */
void nps_gp_put_texts(FILE *fp, const nps_plot_target *t,
                      const nps_plot_info *info, const char *default_title,
                      const char *const *extra, size_t n_extra);

/* The terminal, at the target's size when it has one (the layout of s
 * scaled, fonts too), with the footnote's room added under s->h. */
void nps_gp_put_terminal(script *s, const nps_plot_target *t);

/* Screen coordinates: px from the left, px from the top. */
double nps_gp_sx(const script *s, double px);

double nps_gp_sy(const script *s, double px_from_top);

/* Pixels from the top taken by a title, the subtitle, lines chart lines
 * and the note, when there are. */
double nps_gp_titles_px(const nps_plot_info *info, int lines);

/* The title (text 2), the subtitle, lines chart lines (gnuplot string
 * expressions), the note and the footnote (method, data source). */
void nps_gp_put_titles(const script *s, const nps_plot_info *info,
                       const char *const *sub, int lines);

void nps_gp_ex_fixed(expr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void nps_gp_ex_text(expr *e, int i);

/* "95% intervals" (what = "intervals"): the method is in the footnote. */
void nps_gp_ex_method(expr *e, const nps_plot_info *info, const char *what);

nps_status nps_gp_finish(FILE *fp, int multiplot);

int nps_gp_has_ci(const nps_plot_group *g);

range nps_gp_points_range(double lo, double hi, double pad_lo, double pad_hi);

/* `set xtics` (or ytics) for r, numbered only inside -100..100. */
void nps_gp_put_tics(FILE *fp, const char *axis, range r);

/* Legend of the three categories: boxes and names in a row starting at
 * x0 px, centred on y px from the top. */
void nps_gp_put_category_legend(const script *s, double x0, double y);

/* The stacked shares of every row of $rows: y in column y, the %
 * detractors, passives, promoters in columns d, d + 1, d + 2; bars half_h
 * high, percentages written inside segments of 8% or more. With ytic, the
 * rows are labelled label($1). */
void nps_gp_put_shares_plot(FILE *fp, double half_h, int y, int d, int ytic);

#endif
