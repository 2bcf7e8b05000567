/*
 * plot_internal.h - the gnuplot script infrastructure shared by the chart
 * files (plot.c has it, plot_theme.c the colours; plot_segments.c,
 * plot_boot.c, plot_compare.c, plot_did.c, plot_trend.c, plot_power.c and
 * plot_forest.c draw one chart each). Private to the library.
 */
#ifndef NPS_PLOT_INTERNAL_H
#define NPS_PLOT_INTERNAL_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/plot.h"

/* The colours of one theme (nps_plot_theme), by role. Strings go into the
 * script as they are: '#rrggbb' after `rgb`, 0xrrggbb (the *_x roles) in
 * the functions that feed `rgb variable`. plot_theme.c has one palette per
 * theme, with each colour's lightness (CIE L*), which keeps the roles apart
 * in greyscale. */
#define PAL_SERIES 8 /* power curves and trend segment lines */
typedef struct palette {
  const char *term_bg; /* terminal background; NULL: as the light charts */
  const char *tc;      /* " tc rgb '...'" for every text; "": default black */
  const char *tc_fill; /* the same for text on passive / promoter bars */
  const char *text, *foot; /* text; footnote and other secondary text */
  const char *border, *grid, *zero; /* axes, grid, zero line */
  const char *rule;                 /* dashed rule above the overall row */
  const char *outline;  /* borders of the share bars and legend boxes */
  const char *bar;      /* group bars */
  const char *bar_edge; /* bar borders */
  const char *strong;   /* overall hatch and line, main trend line */
  const char *ink;      /* whiskers and the difference dot */
  const char *overall;  /* the overall diamond */
  const char *detractor, *passive, *promoter, *on_detractor;
  const char *hist, *band; /* bootstrap histogram, interval band */
  const char *limit;       /* bootstrap interval limits */
  const char *alert;       /* control limits, periods outside them */
  const char *muted;       /* trend center line, DiD control arm */
  const char *reference;   /* the target power rule */
  const char *hollow;      /* fill of a hollow point */
  const char *band_outer, *band_inner, *band_text, *median; /* forest */
  const char *key_box;                                      /* power key */
  const char *mark_plain_x, *mark_dark_x, *mark_faint_x;    /* bars */
  const char *dot_plain_x, *dot_dark_x, *dot_faint_x;       /* dots */
  const char *cmp_a_x;           /* compare: group a's dot */
  const char *cmp_bar_x[2];      /* compare: a's and b's bars */
  const char *power[PAL_SERIES]; /* power curves */
  const char *trend[PAL_SERIES]; /* trend segment lines */
} palette;

/* The palette of theme (which nps_gp_info_ok has checked). */
const palette *nps_gp_palette(nps_plot_theme theme);

#define FONT            "DejaVu Sans"
#define FONT_TITLE_SIZE "13"
#define CHAR_PX         7.4 /* width allowed for a 10-point character */

#define TEXT_MAX 80 /* longest title text, in characters */

/* A script being written: the stream, the format and the canvas size in
 * pixels. */
typedef struct script {
  FILE *fp;
  nps_plot_format format;
  double w, h;
  double foot; /* px under h for the footnote (set by nps_gp_put_terminal) */
  const nps_plot_info *info;
  const palette *pal;
} script;

/* A script for target (checked) and info. */
script nps_gp_script(FILE *fp, const nps_plot_target *t,
                     const nps_plot_info *info, double w);

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

/* For the dark and print themes, the text colour of tics, axis labels and
 * the key; nothing for light. `unset ytics` and `unset ylabel` forget it,
 * and setting it again would turn the tics back on, so a panel after such
 * an unset draws no y tics or y label of its own. */
void nps_gp_put_text_colours(const script *s);

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
void nps_gp_put_shares_plot(const script *s, double half_h, int y, int d,
                            int ytic);

#endif
