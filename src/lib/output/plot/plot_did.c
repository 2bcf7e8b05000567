/*
 * plot_did.c - the difference-in-differences chart: the NPS of the four
 * cells with intervals, a before -> after line for each arm, and the DiD
 * with its interval and p in the title (plot.h).
 *
 * Arm and period names come from CSV cells: they travel only in $text and
 * reach the chart as txt(i) in the legend, the x tics and the title.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

/* Texts after the common ones: arm names, period names, the test. */
enum { T_CONTROL = T_FIRST_EXTRA, T_PILOT, T_BEFORE, T_AFTER };

/* Half the distance between the two arms' points in a period. */
#define ARM_OFFSET 0.06

static void p_text(char *buf, size_t size, double p) {
  if (p < 0.001)
    snprintf(buf, size, "p < 0.001");
  else
    snprintf(buf, size, p < 0.1 ? "p = %.3f" : "p = %.2f", p);
}

/* One data line: x, NPS, interval (points), n. */
static void put_cell(FILE *fp, const nps_plot_group *g, const nps_estimate *e,
                     double x) {
  nps_gp_put_num(fp, x);
  nps_gp_put_num(fp, 100.0 * e->nps);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.lo : NAN);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.hi : NAN);
  fprintf(fp, " %llu\n", (unsigned long long)e->n);
}

static void did_subtitles(expr *l2, expr *l3, const nps_plot_info *info,
                          const nps_plot_diff *d, const nps_estimate e[4]) {
  char delta[32], lo[32], hi[32], level[32], p[32];
  nps_gp_points_text(delta, sizeof delta, d->delta);
  nps_gp_level_text(level, sizeof level, info->level);
  nps_gp_ex_fixed(l2, "DiD (");
  nps_gp_ex_text(l2, T_PILOT);
  nps_gp_ex_fixed(l2, " change − ");
  nps_gp_ex_text(l2, T_CONTROL);
  nps_gp_ex_fixed(l2, " change) = %s points", delta);
  if (isfinite(d->ci.lo) && isfinite(d->ci.hi)) {
    nps_gp_points_text(lo, sizeof lo, d->ci.lo);
    nps_gp_points_text(hi, sizeof hi, d->ci.hi);
    nps_gp_ex_fixed(l2, ", %s interval [%s, %s]", level, lo, hi);
  }
  if (isfinite(d->p)) {
    p_text(p, sizeof p, d->p);
    nps_gp_ex_fixed(l2, ", %s", p);
  }
  nps_gp_ex_fixed(l3, "n = %llu, %llu, %llu, %llu · ",
                  (unsigned long long)e[0].n, (unsigned long long)e[1].n,
                  (unsigned long long)e[2].n, (unsigned long long)e[3].n);
  nps_gp_ex_method(l3, info, "intervals");
}

static range did_range(const nps_plot_group cells[4], const nps_estimate e[4]) {
  double lo = 100.0 * e[0].nps, hi = lo;
  for (int i = 0; i < 4; i++) {
    double v = 100.0 * e[i].nps;
    lo = fmin(lo, nps_gp_has_ci(&cells[i]) ? 100.0 * cells[i].ci.lo : v);
    hi = fmax(hi, nps_gp_has_ci(&cells[i]) ? 100.0 * cells[i].ci.hi : v);
  }
  return nps_gp_points_range(lo, hi, 0.08, 0.08);
}

static void put_plot(const script *s, double top_px, double bot_px,
                     const nps_plot_group cells[4], const nps_estimate e[4],
                     const char *level) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  range r = did_range(cells, e);
  int any_ci = 0;
  for (int i = 0; i < 4; i++)
    any_ci |= nps_gp_has_ci(&cells[i]);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\n"
          "set key top left reverse Left samplen 3 spacing 1.2\n"
          "set xrange [0.5:2.5]\nset yrange [%g:%g]\n"
          "set xtics (txt(%d) 1, txt(%d) 2) scale 0 nomirror\n",
          nps_gp_sy(s, top_px), nps_gp_sy(s, bot_px), nps_gp_sx(s, 80),
          nps_gp_sx(s, s->w - 40), p->border, r.min, r.max, T_BEFORE, T_AFTER);
  nps_gp_put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '%s' lw 1 dt 1\n"
          "set ylabel 'NPS (points)%s%s%s'\n"
          "set xzeroaxis lt 1 lc rgb '%s' lw 1\n",
          p->grid, any_ci ? " with " : "", any_ci ? level : "",
          any_ci ? " intervals" : "", p->zero);
  const char *const colour[2] = {p->muted, p->strong};
  static const char *const dash[2] = {"dt 2", "dt 1"};
  static const char *const side[2] = {"right offset -1.2, 0",
                                      "left offset 1.2, 0"};
  fputs("plot ", fp);
  for (int a = 0; a < 2; a++) {
    fprintf(fp,
            "%s$rows index %d using 1:2 with linespoints %s lw 2 pt 7 ps 1 "
            "lc rgb '%s' title txt(%d), \\\n",
            a ? "     " : "", a, dash[a], colour[a], a ? T_PILOT : T_CONTROL);
    if (any_ci)
      fprintf(fp,
              "     $rows index %d using 1:2:3:4 with yerrorbars pt 7 ps 1 "
              "lw 1.5 lc rgb '%s' notitle, \\\n",
              a, colour[a]);
    fprintf(fp,
            "     $rows index %d using 1:2:(points($2)) with labels %s%s "
            "notitle%s",
            a, side[a], p->tc, a ? "\n" : ", \\\n");
  }
}

nps_status nps_plot_did(FILE *fp, const nps_plot_target *target,
                        const nps_plot_info *info,
                        const nps_plot_group cells[4],
                        const char *const period[2], const nps_plot_diff *did) {
  nps_estimate e[4];
  if (!fp || !nps_gp_info_ok(target, info) || !cells || !did ||
      !isfinite(did->delta))
    return NPS_EINVAL;
  for (int i = 0; i < 4; i++)
    if (nps_counts_estimate(&cells[i].counts, &e[i]) != NPS_OK)
      return NPS_EINVAL;
  /* The test goes to the footnote unless the caller wrote one. */
  nps_plot_info with_test = *info;
  if (!with_test.footnote)
    with_test.footnote = did->test;
  info = &with_test;
  c_numeric cn;
  if (nps_gp_numeric_enter(&cn))
    return NPS_ENOMEM;
  char arm[2][4 * NPS_PLOT_LABEL_MAX + 1];
  for (int a = 0; a < 2; a++)
    nps_plot_label(cells[2 * a].label, cells[2 * a].label_len,
                   NPS_PLOT_LABEL_MAX, arm[a], sizeof arm[a], NULL);
  const char *extra[] = {arm[0], arm[1],
                         period && period[0] ? period[0] : "before",
                         period && period[1] ? period[1] : "after"};
  script s = nps_gp_script(fp, target, info, 860);
  double top_px = nps_gp_titles_px(info, 2) + 16, bot_px = top_px + 380;
  s.h = bot_px + 50;
  nps_gp_put_header(fp, "Difference in differences: NPS of each arm before "
                        "and after, with intervals.");
  nps_gp_put_texts(fp, target, info, "NPS pilot vs control", extra, 4);
  fputs("\n# Control (block 0), then pilot (block 1), before and after: "
        "1 x, 2 NPS,\n# 3-4 interval (points), 5 n.\n$rows << EOD\n",
        fp);
  for (int a = 0; a < 2; a++) {
    double dx = a ? ARM_OFFSET : -ARM_OFFSET;
    put_cell(fp, &cells[2 * a], &e[2 * a], 1 + dx);
    put_cell(fp, &cells[2 * a + 1], &e[2 * a + 1], 2 + dx);
    if (!a)
      fputs("\n\n", fp);
  }
  fputs("EOD\n"
        "points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)\n",
        fp);
  nps_gp_put_terminal(&s, target);
  expr l2 = {{0}, 0}, l3 = {{0}, 0};
  did_subtitles(&l2, &l3, info, did, e);
  const char *lines[] = {l2.buf, l3.buf};
  char level[32];
  nps_gp_level_text(level, sizeof level, info->level);
  fputs("\nset multiplot\n", fp);
  nps_gp_put_titles(&s, info, lines, 2);
  put_plot(&s, top_px, bot_px, cells, e, level);
  nps_status st = nps_gp_finish(fp, 1);
  nps_gp_numeric_leave(&cn);
  return st;
}
