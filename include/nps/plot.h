/*
 * plot.h - gnuplot scripts for the nps-stat charts.
 *
 * Each function writes one complete gnuplot script to a stdio stream: the
 * data inline, terminal, size, fonts, colours and titles, so that
 * `gnuplot chart.gp` draws a presentable chart with no editing. The library
 * only writes text; it never runs gnuplot (the nps-stat tool does that when
 * asked to render). To build a script in memory, pass a stream from
 * open_memstream() or fmemopen().
 *
 * Untrusted text. Group labels, file names and column names come from CSV
 * cells or the command line. The library never writes such text where
 * gnuplot reads commands or strings: every caller-supplied text goes, after
 * nps_plot_label-style cleaning, into an inline data block, one text per
 * line behind a '|', and reaches the chart through gnuplot's data block
 * indexing ($rows[i]), which takes the line as it is. Such a line is never
 * parsed, never expanded (no backticks, macros or escapes), and cannot end
 * the block, since it starts with '|' or a digit and never with EOD.
 * Titles combine those texts with fixed single-quoted text and numbers that
 * the library formats itself. Terminals are set `noenhanced`, so ^ _ @ & { }
 * in a label are drawn as they are.
 *
 * The scripts need gnuplot 5.4 or later (data block indexing) with the cairo
 * terminals (pngcairo, pdfcairo) or svg, and use the font "DejaVu Sans",
 * which covers Latin, Greek and Cyrillic; fontconfig substitutes a similar
 * font where it is missing. Colours keep distinct lightness so that a chart
 * printed in greyscale still separates detractors (dark), passives (light)
 * and promoters (middle). The target's theme picks the colours (see
 * nps_plot_theme).
 *
 * Layout: a title (never the file: that goes to the footnote), an optional
 * subtitle, the chart's own lines in plain words ("95% intervals"), the
 * chart, and a footnote in small type with the technical detail (method,
 * B and seed, test, data source).
 *
 * Scale: every NPS value, interval and difference passed here is on the
 * -1..1 scale; charts show points (-100..100).
 */
#ifndef NPS_PLOT_H
#define NPS_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "export.h"
#include "hist.h"
#include "interval.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Image formats: gnuplot's pngcairo, svg and pdfcairo terminals. */
typedef enum nps_plot_format {
  NPS_PLOT_PNG,
  NPS_PLOT_SVG,
  NPS_PLOT_PDF
} nps_plot_format;

/* Longest bar label drawn, in characters; longer ones end in "…". */
#define NPS_PLOT_LABEL_MAX 40

/* Parses "png", "svg" or "pdf". NPS_EINVAL for anything else. */
NPS_API nps_status nps_plot_format_parse(const char *name,
                                         nps_plot_format *out);

/* "png", "svg" or "pdf": the format's name and file extension. */
NPS_API const char *nps_plot_format_name(nps_plot_format format);

/* How NPS values are drawn in the segment and comparison charts. */
typedef enum nps_plot_style {
  NPS_PLOT_DOTS = 0, /* a dot with its interval whisker (the default) */
  NPS_PLOT_BARS      /* a bar from 0 with its interval whisker */
} nps_plot_style;

/* Parses "dots" or "bars". NPS_EINVAL for anything else. */
NPS_API nps_status nps_plot_style_parse(const char *name, nps_plot_style *out);

/* The colours of a chart.
 *
 * NPS_PLOT_LIGHT: dark text on white, blue marks, red / grey / green
 * categories; the look of every chart before themes existed, unchanged.
 * NPS_PLOT_DARK: for dark slides: a dark blue-grey background (#1f2430),
 * light grey text, a dimmer grey footnote, a light grey border and zero
 * line, and a grid just visible on the background; marks and categories
 * lightened so that each keeps its contrast against the background (a
 * group that stands out is drawn lightest there, a small base darkest,
 * close to the background); the percentages on the passive and promoter
 * shares are dark.
 * NPS_PLOT_PRINT: for black-and-white printing and photocopies: white
 * background, black text, axes and main lines, grey grid and secondary
 * lines, greys only; detractors (darkest), promoters (middle) and
 * passives (lightest) and the plain, dark and faint marks differ in
 * lightness alone, and series in dash pattern and point shape, so no
 * colour is needed to read the chart. */
typedef enum nps_plot_theme {
  NPS_PLOT_LIGHT = 0, /* the default */
  NPS_PLOT_DARK,
  NPS_PLOT_PRINT
} nps_plot_theme;

/* Parses "light", "dark" or "print". NPS_EINVAL for anything else. */
NPS_API nps_status nps_plot_theme_parse(const char *name, nps_plot_theme *out);

/* Where a script draws. */
typedef struct nps_plot_target {
  nps_plot_format format;
  /* The image file the script writes (`set output`), e.g. "chart.png",
   * relative to the directory gnuplot runs in; NULL writes no `set output`
   * (the caller adds one, e.g. with gnuplot -e). Any bytes except control
   * characters; a name starting with '|' (which gnuplot would run as a
   * command) or with a space is written with "./" in front. */
  const char *output;
  /* Image size in pixels (PDF: 72 to the inch); 0 and 0: the chart's own
   * size, which grows with its rows. Otherwise both between 200 and 10000:
   * the layout is scaled to fit and the fonts with it, so nothing is cut
   * off at any size. */
  int width, height;
  nps_plot_style style; /* segment and comparison charts; 0: dots */
  /* Colours; 0: NPS_PLOT_LIGHT, so a target that leaves it out draws as
   * before. Any other value than the three themes makes every chart
   * function return NPS_EINVAL. */
  nps_plot_theme theme;
} nps_plot_target;

/* What the titles say. Every text may be NULL (left out) and may hold any
 * bytes: it is cleaned (see nps_plot_label) and kept in the data block. */
typedef struct nps_plot_info {
  const char *title;    /* first title line, e.g. "NPS by channel"; NULL: the
                           chart's own default */
  const char *source;   /* e.g. the input file; shown in the footnote, long
                           ones keep their end ("…/exports/may.csv") */
  const char *method;   /* interval method, e.g. nps_ci_method_label(); the
                           chart says "95% intervals", the footnote names it */
  double level;         /* confidence level of the intervals, 0 < level < 1;
                           for nps_plot_power, 1 - alpha of the test */
  size_t replicates;    /* bootstrap B behind the intervals; 0: none */
  unsigned long seed;   /* random seed, shown when replicates > 0 */
  const char *note;     /* one more line under the title, e.g. "the 40
                           largest of 312 groups"; NULL: none */
  const char *subtitle; /* a line right under the title, e.g. "store
                           channel only"; NULL: none */
  const char *footnote; /* more technical detail for the footnote, after
                           the method, e.g. the test; NULL: none */
} nps_plot_info;

/* How a group is drawn in the segment (and comparison) chart. */
typedef enum nps_plot_mark {
  NPS_PLOT_PLAIN = 0,  /* the usual dot or bar */
  NPS_PLOT_STANDS_OUT, /* dark: the group differs (e.g. from the rest) */
  NPS_PLOT_SMALL       /* faint, labelled "small base": not tested */
} nps_plot_mark;

/* One group: a label, its category counts and its interval. */
typedef struct nps_plot_group {
  const char *label; /* any bytes (a CSV cell); need not be NUL-terminated */
  size_t label_len;
  nps_counts counts;  /* n, the shares and NPS are computed from these */
  nps_interval ci;    /* on -1..1; NAN limits: no interval */
  nps_plot_mark mark; /* segment and comparison charts; 0: plain */
} nps_plot_group;

/* Segment chart (the `summary` and `segments` charts), one image of two
 * panels sharing the rows: left, NPS as dots with interval whiskers
 * against a zero line and a dotted line at the overall NPS, the value
 * printed beside each (target->style NPS_PLOT_BARS: bars from 0 instead,
 * the overall line only when a group carries a mark); right, the
 * detractor / passive / promoter shares as stacked bars. Marked groups are
 * drawn dark (NPS_PLOT_STANDS_OUT) or faint (NPS_PLOT_SMALL, whose label
 * then says "small base"). Groups are sorted by NPS, highest on top (ties
 * keep the given order); each row is labelled "label (n = N)". overall
 * (may be NULL) is drawn last, below a dashed rule, as a dark diamond (a
 * hatched bar). Groups with n = 0 are left out. The chart line under the
 * title shows the total n (overall's, else the sum) and the level; the
 * footnote the method and, for bootstrap intervals, B and the seed. A
 * chart is readable up to about 40 rows; the height grows with the rows,
 * so the caller should limit them.
 * Returns NPS_OK; NPS_EINVAL for a NULL fp, target or info, a bad level or
 * output name, or no group with answers; NPS_ENOMEM; NPS_EIO when writing
 * to fp failed. */
NPS_API nps_status nps_plot_segments(FILE *fp, const nps_plot_target *target,
                                     const nps_plot_info *info,
                                     const nps_plot_group *groups,
                                     size_t n_groups,
                                     const nps_plot_group *overall);

/* Histogram of bootstrap replicates of one group's NPS, with the interval
 * group->ci shaded and its limits and the estimate (from group->counts)
 * drawn as vertical lines and labelled. replicates[0..B-1] are NPS values
 * on -1..1 in any order (nps_boot_ci's sorted work buffer will do). NPS
 * takes only the values k/n, so bins span whole numbers of those steps and
 * no bin is empty by construction. The title shows n, B, the seed (when
 * info->replicates > 0), level and method.
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, B < 2, n = 0, a bad level
 * or output name, or a non-finite replicate; NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_bootstrap(FILE *fp, const nps_plot_target *target,
                                      const nps_plot_info *info,
                                      const nps_plot_group *group,
                                      const double *replicates, size_t B);

/* The difference between two groups, as a two-sample test reports it. */
typedef struct nps_plot_diff {
  double delta;     /* NPS(b) - NPS(a), on -1..1 */
  nps_interval ci;  /* interval of delta; NAN limits: none */
  double p;         /* two-sided p-value; NAN: none */
  const char *test; /* the test, e.g. "adjusted-Wald z"; NULL: none */
} nps_plot_diff;

/* Two-group comparison (the `compare` chart): left, a and b side by side as
 * NPS dots with interval whiskers and values, on an axis that shows 0
 * (target->style NPS_PLOT_BARS: bars from 0), a group marked
 * NPS_PLOT_SMALL faint; right, the difference b - a with its interval
 * against a zero line. Under the title: "b − a: Δ = +11.3 points, 95%
 * interval [0.9, 21.6], p = 0.033" and both n; the footnote names the
 * method, B and the seed for bootstrap results, and diff->test (unless
 * info->footnote is given). Below, each group's promoter / passive /
 * detractor shares.
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, a group with n = 0, a
 * non-finite delta, a bad level or output name; NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_compare(FILE *fp, const nps_plot_target *target,
                                    const nps_plot_info *info,
                                    const nps_plot_group *a,
                                    const nps_plot_group *b,
                                    const nps_plot_diff *diff);

/* Difference in differences (the `pilot` chart): the NPS of four cells,
 * cells[0..3] = control before, control after, pilot before, pilot after
 * (the order of did.h), each with its interval whisker and value, joined
 * before -> after by one line per arm (control dashed, pilot solid); the
 * legend names the arms by cells[0].label and cells[2].label, the x axis
 * the periods period[0] and period[1] (untrusted, NUL-terminated; NULL:
 * "before", "after"). Under the title: "DiD (pilot change − control
 * change) = +8.1 points, 95% interval [..], p = .." from did, then the
 * four n; the footnote names the method, B and the seed for bootstrap
 * results, and did->test (unless info->footnote is given).
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, a cell with n = 0, a
 * non-finite did->delta, a bad level or output name; NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_did(FILE *fp, const nps_plot_target *target,
                                const nps_plot_info *info,
                                const nps_plot_group cells[4],
                                const char *const period[2],
                                const nps_plot_diff *did);

/* One period of a trend chart. */
typedef struct nps_plot_period {
  const char *label; /* e.g. "2025-03" (any bytes, cleaned) */
  size_t label_len;
  nps_counts counts;   /* n = 0: a gap, drawn as a break and "gap" */
  nps_interval ci;     /* on -1..1; NAN limits: no interval */
  nps_interval limits; /* control limits on -1..1; NAN: none */
  nps_plot_mark mark;  /* NPS_PLOT_STANDS_OUT: outside the limits (ringed);
                          NPS_PLOT_SMALL: a small base (hollow) */
  int partial;         /* nonzero: the data do not cover the period (an
                          open diamond around its point, keyed "partial
                          period"); main series only */
} nps_plot_period;

/* Most segment lines a trend chart draws. */
#define NPS_PLOT_TREND_MAX_LINES 8

/* A segment's series on a trend chart: the same n periods as the main
 * series (their counts, and NPS_PLOT_SMALL marks drawn hollow; intervals,
 * limits and other marks are not drawn). */
typedef struct nps_plot_trend_line {
  const char *label; /* legend text, e.g. the segment (any bytes, cleaned) */
  size_t label_len;
  const nps_plot_period *periods;
} nps_plot_trend_line;

/* Trend chart (the `trend` chart): NPS per period in the given (time)
 * order as a line with points over the interval band, the control limits
 * as dashed lines and center (NAN: none) as a dotted line, marked periods
 * ringed or hollow, partial periods in an open diamond, and, up to 40
 * periods, n under each period ("gap" for
 * n = 0). lines[0..n_lines) (at most NPS_PLOT_TREND_MAX_LINES; may be NULL
 * when n_lines is 0) add one thinner line per segment, named in the
 * legend, the main series then being "all answers". The x axis is a
 * category axis labelled with the periods' labels (every k-th of more than
 * 24, rotated when they do not fit). The title shows the number of
 * periods, the total n, level and method, and info->note (e.g. the slope)
 * on the next line.
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, n = 0, no answers at all,
 * too many lines, a bad level or output name; NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_trend(FILE *fp, const nps_plot_target *target,
                                  const nps_plot_info *info,
                                  const nps_plot_period *periods, size_t n,
                                  double center,
                                  const nps_plot_trend_line *lines,
                                  size_t n_lines);

/* The x axis of a power chart. */
typedef enum nps_plot_power_axis {
  NPS_PLOT_POWER_VS_N,   /* x: sample size per arm */
  NPS_PLOT_POWER_VS_DIFF /* x: true difference, on -1..1 (shown in points) */
} nps_plot_power_axis;

/* One power curve: power[i] at x[i], i < n, x increasing. */
typedef struct nps_plot_series {
  const char *label; /* legend text, e.g. "Δ = 10 points" (any bytes) */
  size_t label_len;
  const double *x;
  const double *power; /* 0..1 */
  size_t n;            /* at least 2 */
  double mark;         /* x where the curve reaches the target power,
                          marked with a drop line; NAN: none */
} nps_plot_series;

/* Power curves (the `power` chart): power (0..100%) against the sample size
 * per arm or against the true difference, one line per series (at most 8,
 * told apart by dash pattern and point shape as well as colour), the target
 * power as a horizontal rule (target_power NAN: none) and each series' mark.
 * The x axis is logarithmic when sizes span more than a factor of 50. The
 * power values come from the caller (e.g. the power module), so the chart
 * works for any test. info->level is 1 - alpha.
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, no series or more than 8, a
 * series with n < 2 or non-finite values, a bad level or output name;
 * NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_power(FILE *fp, const nps_plot_target *target,
                                  const nps_plot_info *info,
                                  nps_plot_power_axis axis, double target_power,
                                  const nps_plot_series *series,
                                  size_t n_series);

/* One row of a forest chart: a party's NPS with its interval. */
typedef struct nps_plot_forest_row {
  const char *label; /* any bytes (a CSV cell); need not be NUL-terminated */
  size_t label_len;
  double nps;      /* on -1..1 */
  nps_interval ci; /* on -1..1; NAN limits: a point without interval */
  uint64_t n;      /* answers behind it; 0: unknown */
  int highlight;   /* nonzero: our own row, drawn dark and larger */
  int unlike;      /* nonzero: not like for like (another year, region or
                      survey type): drawn hollow, with a key entry */
} nps_plot_forest_row;

/* Industry percentiles a forest chart can shade: p10, p25, median, p75,
 * p90 (NAN: not given). */
#define NPS_PLOT_FOREST_BANDS 5

/* Forest chart (the `benchmark` chart): one row per party, in the order
 * given from the top, each its NPS as a dot with its interval as a
 * whisker (a dot alone where the interval is unknown) and the value
 * written beside it; rows are labelled "label (n = N)" or "label (n
 * unknown)". Highlighted rows are dark with a dotted vertical line at
 * their NPS; unlike rows are drawn as hollow circles, and a key entry
 * "not like for like (hollow)" is shown when there is one. bands (may be
 * NULL) shades the industry range p10..p90
 * lightly and p25..p75 darker, each where both ends are given, and draws
 * the median as a dashed line. The title shows the level and method.
 * Returns NPS_OK; NPS_EINVAL for NULL arguments, no rows, a non-finite
 * NPS, a bad level or output name; NPS_ENOMEM; NPS_EIO. */
NPS_API nps_status nps_plot_forest(FILE *fp, const nps_plot_target *target,
                                   const nps_plot_info *info,
                                   const nps_plot_forest_row *rows,
                                   size_t n_rows, const double *bands);

/* The label cleaning every chart applies, for callers that want to show a
 * label the way the chart does. Copies s[0..len) into out as UTF-8:
 * an invalid UTF-8 byte becomes U+FFFD; tab, line feed, carriage return,
 * vertical tab, form feed and U+2028/U+2029 become a space; other control
 * characters (C0, DEL, C1, ESC included) and the bidirectional embedding,
 * override and isolate controls (U+202A-U+202E, U+2066-U+2069) become
 * U+FFFD; text longer than max_chars characters keeps max_chars - 1 and
 * ends in "…"; an empty label becomes "(empty)". out (size bytes) receives
 * the NUL-terminated result and *out_len (may be NULL) its length.
 * NPS_EINVAL when max_chars < 8 or size < 4 * max_chars + 1. */
NPS_API nps_status nps_plot_label(const char *s, size_t len, size_t max_chars,
                                  char *out, size_t size, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
