/*
 * plot_power.c - power curves against n per arm or against the difference
 * (plot.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

#define MAX_SERIES 8

/* Line colours (the palette's power[]) with dash types 1..8 and point
 * types, so that curves stay apart in greyscale. */
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
      nps_gp_put_num(fp, 100.0 * series[k].power[i]);
      fputs("\n", fp);
    }
  }
  fputs("EOD\n", fp);
}

static void put_power_marks(const script *s, nps_plot_power_axis axis,
                            double target, const nps_plot_series *series,
                            size_t n_series) {
  FILE *fp = s->fp;
  double scale = axis == NPS_PLOT_POWER_VS_DIFF ? 100.0 : 1.0;
  if (isfinite(target))
    fprintf(fp,
            "set arrow 1 from graph 0, first %.10g to graph 1, first %.10g "
            "nohead dt 2 lw 1.5 lc rgb '%s' back\n",
            100.0 * target, 100.0 * target, s->pal->reference);
  for (size_t k = 0; k < n_series; k++) {
    double m = series[k].mark;
    if (!isfinite(m) || !isfinite(target))
      continue;
    const char *c = s->pal->power[k];
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
  if (!fp || !nps_gp_info_ok(target, info) || !series || n_series == 0 ||
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
  if (nps_gp_numeric_enter(&cn))
    return NPS_ENOMEM;
  char labels[MAX_SERIES][4 * NPS_PLOT_LABEL_MAX + 1];
  const char *extra[MAX_SERIES];
  double cells = 10;
  for (size_t k = 0; k < n_series; k++) {
    nps_plot_label(series[k].label, series[k].label_len, NPS_PLOT_LABEL_MAX,
                   labels[k], sizeof labels[k], NULL);
    extra[k] = labels[k];
    cells = fmax(cells, nps_gp_text_cells(labels[k]));
  }
  script s = nps_gp_script(fp, target, info, 0);
  double key_px = 60 + CHAR_PX * cells, top_px = nps_gp_titles_px(info, 1) + 16;
  s.w = 740 + key_px;
  s.h = top_px + 440;
  nps_gp_put_header(fp, axis == NPS_PLOT_POWER_VS_N
                            ? "Power against the sample size per arm."
                            : "Power against the true difference.");
  nps_gp_put_texts(fp, target, info, "Power of the two-sided test", extra,
                   n_series);
  put_power_data(fp, axis, series, n_series);
  nps_gp_put_terminal(&s, target);

  expr l2 = {{0}, 0};
  nps_gp_ex_fixed(&l2, "α = %.10g", 1.0 - info->level);
  if (isfinite(target_power))
    nps_gp_ex_fixed(&l2, " · target power %.10g%%", 100.0 * target_power);
  const char *lines[] = {l2.buf};
  fputs("\n", fp);
  nps_gp_put_titles(&s, info, lines, 1);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\n"
          "set key at screen %.4f, screen %.4f left top vertical "
          "samplen 3 spacing 1.3 box lc rgb '%s'\n"
          "set yrange [0:100]\nset ytics 0, 20, 100 nomirror out\n"
          "set xtics nomirror out\n%s"
          "set grid xtics ytics lc rgb '%s' lw 1 dt 1\n"
          "set ylabel 'power (%%)'\nset xlabel '%s'\n",
          nps_gp_sy(&s, top_px), nps_gp_sy(&s, s.h - 56), nps_gp_sx(&s, 70),
          nps_gp_sx(&s, 660), s.pal->border, nps_gp_sx(&s, 680),
          nps_gp_sy(&s, top_px), s.pal->key_box, logx ? "set logscale x\n" : "",
          s.pal->grid,
          axis == NPS_PLOT_POWER_VS_N ? "sample size per arm"
                                      : "true difference (points)");
  if (axis == NPS_PLOT_POWER_VS_N)
    fprintf(fp, "set xrange [%.10g:%.10g]\n", logx ? xmin : 0.0, xmax);
  else
    fprintf(fp, "set xrange [%.10g:%.10g]\n", 100.0 * xmin, 100.0 * xmax);
  put_power_marks(&s, axis, target_power, series, n_series);
  for (size_t k = 0; k < n_series; k++)
    fprintf(fp,
            "%s$curves index %zu using 1:2 with linespoints lw 2 dt %zu "
            "pt %d ps 0.9 pi -8 lc rgb '%s' title txt(%zu)",
            k ? ", \\\n     " : "plot ", k, k + 1, series_point[k],
            s.pal->power[k], T_FIRST_EXTRA + k);
  if (isfinite(target_power))
    fprintf(fp,
            ", \\\n     NaN with lines dt 2 lw 1.5 lc rgb '%s' "
            "title 'target power %.10g%%'",
            s.pal->reference, 100.0 * target_power);
  fputs("\n", fp);
  nps_status st = nps_gp_finish(fp, 0);
  nps_gp_numeric_leave(&cn);
  return st;
}
