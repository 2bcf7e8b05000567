/*
 * plot_trend.c - the trend chart: NPS per period in time order with its
 * interval band, the control limits and center, periods outside the
 * limits ringed, small bases hollow, partial periods in an open diamond,
 * n under each period (plot.h).
 *
 * The x axis is a category axis (period 1, 2, ...) labelled from the data
 * block: a date axis with monthly data repeats month tics in gnuplot 5.4.
 * Period labels travel only in $rows behind a '|' and reach the chart
 * through label(i), like every other text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

#define MAX_N_LABELS 40 /* more periods: no n labels, thinned x tics */

/* Segment lines: the palette's trend[] colours, with dash types and point
 * shapes that tell them apart in greyscale too. */

static int has(nps_interval iv) {
  return isfinite(iv.lo) && isfinite(iv.hi);
}

/* One data line: x, NPS, interval, limits (points), n, mark | label. */
static void put_period(FILE *fp, size_t x, const nps_plot_period *p) {
  nps_estimate e;
  int any = nps_counts_estimate(&p->counts, &e) == NPS_OK;
  fprintf(fp, "%zu", x);
  nps_gp_put_num(fp, any ? 100.0 * e.nps : NAN);
  nps_gp_put_num(fp, any && has(p->ci) ? 100.0 * p->ci.lo : NAN);
  nps_gp_put_num(fp, any && has(p->ci) ? 100.0 * p->ci.hi : NAN);
  nps_gp_put_num(fp, any && has(p->limits) ? 100.0 * p->limits.lo : NAN);
  nps_gp_put_num(fp, any && has(p->limits) ? 100.0 * p->limits.hi : NAN);
  fprintf(fp, " %llu %d %d |", (unsigned long long)(any ? e.n : 0),
          (int)p->mark, any && p->partial);
  char clean[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(p->label, p->label_len, NPS_PLOT_LABEL_MAX, clean,
                 sizeof clean, NULL);
  fprintf(fp, "%s\n", clean);
}

/* The segment lines: block i holds line i's x, NPS (NaN: a gap) and
 * mark. */
static void put_lines(FILE *fp, size_t n, const nps_plot_trend_line *lines,
                      size_t n_lines) {
  fputs("\n# Segment lines, one block each: 1 x, 2 NPS (points; NaN: a "
        "gap),\n# 3 mark (2 below min n).\n$lines << EOD\n",
        fp);
  for (size_t l = 0; l < n_lines; l++) {
    if (l)
      fputs("\n\n", fp);
    for (size_t i = 0; i < n; i++) {
      nps_estimate e;
      int any = nps_counts_estimate(&lines[l].periods[i].counts, &e) == NPS_OK;
      fprintf(fp, "%zu", i + 1);
      nps_gp_put_num(fp, any ? 100.0 * e.nps : NAN);
      fprintf(fp, " %d\n", (int)lines[l].periods[i].mark);
    }
  }
  fputs("EOD\n", fp);
}

static void widen(double *lo, double *hi, const nps_plot_trend_line *lines,
                  size_t n_lines, size_t n) {
  for (size_t l = 0; l < n_lines; l++)
    for (size_t i = 0; i < n; i++) {
      nps_estimate e;
      if (nps_counts_estimate(&lines[l].periods[i].counts, &e) != NPS_OK)
        continue;
      *lo = fmin(*lo, 100.0 * e.nps);
      *hi = fmax(*hi, 100.0 * e.nps);
    }
}

static range trend_range(const nps_plot_period *p, size_t n, double center,
                         const nps_plot_trend_line *lines, size_t n_lines) {
  double lo = isfinite(center) ? 100.0 * center : 0.0, hi = lo;
  widen(&lo, &hi, lines, n_lines, n);
  for (size_t i = 0; i < n; i++) {
    nps_estimate e;
    if (nps_counts_estimate(&p[i].counts, &e) != NPS_OK)
      continue;
    lo = fmin(lo, 100.0 * (has(p[i].ci) ? p[i].ci.lo : e.nps));
    hi = fmax(hi, 100.0 * (has(p[i].ci) ? p[i].ci.hi : e.nps));
    if (has(p[i].limits)) {
      lo = fmin(lo, 100.0 * p[i].limits.lo);
      hi = fmax(hi, 100.0 * p[i].limits.hi);
    }
  }
  range r = nps_gp_points_range(fmax(lo, -100.0), fmin(hi, 100.0), 0.12, 0.06);
  r.min = fmax(r.min, -110.0);
  r.max = fmin(r.max, 110.0);
  return r;
}

/* The legend: above the plot in one row, or, with segment lines, in a
 * column key_px wide right of it. */
static void put_axes(const script *s, double top_px, size_t n, range r,
                     int rotate, double key_px) {
  FILE *fp = s->fp;
  char key[160];
  if (key_px > 0)
    snprintf(key, sizeof key,
             "set key at screen %.4f, screen %.4f left top vertical Left "
             "reverse samplen 2 spacing 1.1\n",
             nps_gp_sx(s, s->w - key_px), nps_gp_sy(s, top_px));
  else
    snprintf(key, sizeof key,
             "set key at screen 0.5, screen %.4f center top horizontal "
             "samplen 2 width 1\n",
             nps_gp_sy(s, top_px - 26));
  size_t step = n <= 24 ? 1 : (n + 23) / 24;
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\n"
          "%s"
          "set xrange [0.5:%zu.5]\nset yrange [%g:%g]\n"
          "set xtics scale 0 nomirror%s\n",
          nps_gp_sy(s, top_px), nps_gp_sy(s, s->h - (rotate ? 96 : 70)),
          nps_gp_sx(s, 80), nps_gp_sx(s, s->w - 30 - key_px), s->pal->border,
          key, n, r.min, r.max, rotate ? " rotate by 45 right" : "");
  nps_gp_put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '%s' lw 1 dt 1\n"
          "set ylabel 'NPS (points)'\n"
          "tic(i) = (int(i) - 1) %% %zu == 0 ? label(i) : ''\n",
          s->pal->grid, step);
}

/* Whether line l has a period marked small. */
static int line_has_small(const nps_plot_trend_line *line, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (line->periods[i].mark == NPS_PLOT_SMALL &&
        nps_counts_total(&line->periods[i].counts) > 0)
      return 1;
  return 0;
}

static void put_plot(const script *s, size_t n, range r, double center,
                     int marks, int partial, const nps_plot_trend_line *lines,
                     size_t n_lines) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  fprintf(fp,
          "plot $rows using 1:3:4 with filledcurves fc rgb '%s' fs solid 1.0 "
          "title 'interval', \\\n"
          "     $rows using 1:5 with lines dt 2 lw 1.5 lc rgb '%s' "
          "title 'control limits', \\\n"
          "     $rows using 1:6 with lines dt 2 lw 1.5 lc rgb '%s' "
          "notitle, \\\n",
          p->band, p->alert, p->alert);
  if (isfinite(center))
    fprintf(fp,
            "     $rows using 1:(%.10g) with lines dt 3 lw 1 lc rgb "
            "'%s' title 'center', \\\n",
            100.0 * center, p->muted);
  fprintf(fp,
          "     $rows using 1:2 with linespoints lw 2 pt 7 ps 0.9 lc rgb "
          "'%s' title '%s', \\\n",
          p->strong, n_lines ? "all answers" : "NPS");
  for (size_t l = 0; l < n_lines; l++)
    fprintf(fp,
            "     $lines index %zu using 1:2 with linespoints lw 1.5 dt %zu "
            "pt %zu ps 0.6 lc rgb '%s' title txt(%zu), \\\n",
            l, l % 4 + 1, l + 4, p->trend[l], (size_t)T_FIRST_EXTRA + l);
  /* a segment's small bases: an open circle in its colour, whatever its
   * point shape (the point is blanked first) */
  int small = 0;
  for (size_t l = 0; l < n_lines; l++) {
    if (!line_has_small(&lines[l], n))
      continue;
    small = 1;
    fprintf(fp,
            "     $lines index %zu using 1:($3 == 2 ? $2 : NaN) with points "
            "pt 7 ps 0.9 lc rgb '%s' notitle, \\\n"
            "     $lines index %zu using 1:($3 == 2 ? $2 : NaN) with points "
            "pt 6 ps 0.9 lw 1.5 lc rgb '%s' notitle, \\\n",
            l, p->hollow, l, p->trend[l]);
  }
  if (small && !marks)
    fprintf(fp,
            "     NaN with points pt 6 ps 0.9 lw 1.5 lc rgb '%s' "
            "title 'below min n (hollow)', \\\n",
            p->strong);
  if (marks)
    fprintf(fp,
            "     $rows using 1:($8 == 1 ? $2 : NaN) with points pt 6 ps 2.4 "
            "lw 2 lc rgb '%s' title 'outside the limits', \\\n"
            "     $rows using 1:($8 == 2 ? $2 : NaN) with points pt 7 ps 0.7 "
            "lc rgb '%s' title 'below min n (hollow)', \\\n",
            p->alert, p->hollow);
  if (partial)
    fprintf(fp,
            "     $rows using 1:($9 == 1 ? $2 : NaN) with points pt 12 ps 2.2 "
            "lw 1.5 lc rgb '%s' title 'partial period', \\\n",
            p->strong);
  double yn = r.min + 0.03 * (r.max - r.min);
  if (n <= MAX_N_LABELS)
    fprintf(fp,
            "     $rows using 1:(%.10g):($7 > 0 ? sprintf('%%d', $7) : "
            "'gap'):xtic(tic($1)) with labels font ',8' tc rgb '%s' "
            "notitle\n",
            yn, p->foot);
  else
    fprintf(fp,
            "     $rows using 1:(%.10g):xtic(tic($1)) with points ps 0 "
            "notitle\n",
            yn);
}

static void trend_subtitles(expr *l2, const nps_plot_info *info, size_t n,
                            uint64_t total) {
  nps_gp_ex_fixed(l2, "%zu periods, n = %llu", n, (unsigned long long)total);
  if (n <= MAX_N_LABELS)
    nps_gp_ex_fixed(l2, " (n per period at the bottom)");
  nps_gp_ex_fixed(l2, " · ");
  nps_gp_ex_method(l2, info, "intervals");
}

nps_status nps_plot_trend(FILE *fp, const nps_plot_target *target,
                          const nps_plot_info *info,
                          const nps_plot_period *periods, size_t n,
                          double center, const nps_plot_trend_line *lines,
                          size_t n_lines) {
  if (!fp || !nps_gp_info_ok(target, info) || !periods || n == 0 ||
      n_lines > NPS_PLOT_TREND_MAX_LINES || (n_lines && !lines))
    return NPS_EINVAL;
  for (size_t l = 0; l < n_lines; l++)
    if (!lines[l].periods)
      return NPS_EINVAL;
  uint64_t total = 0;
  int marks = 0, partial = 0;
  for (size_t i = 0; i < n; i++) {
    total += nps_counts_total(&periods[i].counts);
    marks |= periods[i].mark != NPS_PLOT_PLAIN;
    partial |= periods[i].partial && nps_counts_total(&periods[i].counts) > 0;
  }
  if (total == 0)
    return NPS_EINVAL;
  c_numeric cn;
  if (nps_gp_numeric_enter(&cn))
    return NPS_ENOMEM;
  size_t chars = 4;
  for (size_t i = 0; i < n; i++)
    chars = periods[i].label_len > chars ? periods[i].label_len : chars;
  double slot = CHAR_PX * (double)chars + 10.0;
  double width = fmax(720.0, fmin(1400.0, 110.0 + slot * (double)n));
  int rotate = (width - 100.0) / (double)n < slot;
  double key_px = 0.0;
  for (size_t l = 0; l < n_lines; l++) {
    char clean[4 * NPS_PLOT_LABEL_MAX + 1];
    nps_plot_label(lines[l].label, lines[l].label_len, NPS_PLOT_LABEL_MAX,
                   clean, sizeof clean, NULL);
    key_px =
        fmax(key_px, 80.0 + CHAR_PX * fmax(14.0, nps_gp_text_cells(clean)));
  }
  width += key_px;
  script s = nps_gp_script(fp, target, info, width);
  double top_px = nps_gp_titles_px(info, 1) + 34;
  s.h = top_px + (rotate ? 446 : 420);
  nps_gp_put_header(fp, "NPS per period with its interval band and control "
                        "limits, in time order.");
  char names[NPS_PLOT_TREND_MAX_LINES][4 * NPS_PLOT_LABEL_MAX + 1];
  const char *extra[NPS_PLOT_TREND_MAX_LINES];
  for (size_t l = 0; l < n_lines; l++) {
    nps_plot_label(lines[l].label, lines[l].label_len, NPS_PLOT_LABEL_MAX,
                   names[l], sizeof names[l], NULL);
    extra[l] = names[l];
  }
  nps_gp_put_texts(fp, target, info, "NPS over time", extra, n_lines);
  fputs("\n# Periods in time order: 1 x, 2 NPS, 3-4 interval, 5-6 control "
        "limits\n# (points; NaN: none), 7 n (0: a gap), 8 mark (1 outside "
        "the limits,\n# 2 below min n), 9 partial (1: the data do not cover "
        "it);\n# the period's label follows '|'.\n"
        "$rows << EOD\n",
        fp);
  for (size_t i = 0; i < n; i++)
    put_period(fp, i + 1, &periods[i]);
  fputs("EOD\nlabel(i) = $rows[i][strstrt($rows[i], '|') + 1:]\n", fp);
  if (n_lines)
    put_lines(fp, n, lines, n_lines);
  nps_gp_put_terminal(&s, target);
  expr l2 = {{0}, 0};
  trend_subtitles(&l2, info, n, total);
  const char *sub[] = {l2.buf};
  fputs("\nset multiplot\n", fp);
  nps_gp_put_titles(&s, info, sub, 1);
  range r = trend_range(periods, n, center, lines, n_lines);
  put_axes(&s, top_px, n, r, rotate, key_px);
  put_plot(&s, n, r, center, marks, partial, lines, n_lines);
  nps_status st = nps_gp_finish(fp, 1);
  nps_gp_numeric_leave(&cn);
  return st;
}
