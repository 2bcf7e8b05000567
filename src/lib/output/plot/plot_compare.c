/*
 * plot_compare.c - the two-group comparison: both groups' NPS with intervals
 * and the difference with its interval and p (plot.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

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
  nps_gp_put_num(fp, x);
  nps_gp_put_num(fp, y);
  nps_gp_put_num(fp, 100.0 * e->nps);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.lo : NAN);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.hi : NAN);
  fprintf(fp, " %llu", (unsigned long long)e->n);
  nps_gp_put_num(fp, 100.0 * e->share_detractors);
  nps_gp_put_num(fp, 100.0 * e->share_passives);
  nps_gp_put_num(fp, 100.0 * e->share_promoters);
  double v = 100.0 * e->nps;
  double end = nps_gp_has_ci(g) ? 100.0 * (v < 0 ? g->ci.lo : g->ci.hi) : v;
  nps_gp_put_num(fp, end);
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
  nps_gp_points_text(delta, sizeof delta, d->delta);
  nps_gp_level_text(level, sizeof level, info->level);
  nps_gp_ex_text(l2, T_FIRST_EXTRA + 3);
  nps_gp_ex_fixed(l2, " − ");
  nps_gp_ex_text(l2, T_FIRST_EXTRA + 2);
  nps_gp_ex_fixed(l2, ": Δ = %s points", delta);
  if (isfinite(d->ci.lo) && isfinite(d->ci.hi)) {
    nps_gp_points_text(lo, sizeof lo, d->ci.lo);
    nps_gp_points_text(hi, sizeof hi, d->ci.hi);
    nps_gp_ex_fixed(l2, ", %s interval [%s, %s]", level, lo, hi);
  }
  if (isfinite(d->p)) {
    p_text(p, sizeof p, d->p);
    nps_gp_ex_fixed(l2, ", %s", p);
  }
  nps_gp_ex_fixed(l3, "n = %llu and %llu · ", (unsigned long long)ea->n,
                  (unsigned long long)eb->n);
  nps_gp_ex_method(l3, info, "intervals");
}

static range cmp_range(const nps_plot_group *g[2], const nps_estimate e[2]) {
  double lo = 0, hi = 0;
  int neg = 0, pos = 0;
  for (int i = 0; i < 2; i++) {
    double v = 100.0 * e[i].nps;
    lo = fmin(lo, nps_gp_has_ci(g[i]) ? 100.0 * g[i]->ci.lo : v);
    hi = fmax(hi, nps_gp_has_ci(g[i]) ? 100.0 * g[i]->ci.hi : v);
    neg |= v < 0;
    pos |= v >= 0;
  }
  return nps_gp_points_range(lo, hi, neg ? 0.12 : 0.02, pos ? 0.12 : 0.02);
}

/* Both groups as dots with interval whiskers (the default): a light, b
 * dark, a small base faint; the value beside each dot. */
static void put_cmp_dots(const script *s) {
  const palette *p = s->pal;
  fprintf(s->fp,
          "dotcol(i) = small(i) ? %s : i == 1 ? %s : %s\n"
          "plot $rows using 2:4:($5 == $5 ? $5 : $4):($6 == $6 ? $6 : $4):"
          "(dotcol($1)):xtic(txt(%d + $1) . \"\\n\" . sprintf('n = %%d%%s', "
          "int($7), small($1) ? ', small base' : '')) \\\n"
          "     with yerrorbars pt 7 ps 1.6 lw 2 lc rgb variable notitle, "
          "\\\n"
          "     $rows using ($2 + 0.06):4:(points($4)) with labels left "
          "offset 0.5, 0%s notitle\n",
          p->dot_faint_x, p->cmp_a_x, p->dot_plain_x, T_FIRST_EXTRA + 1, p->tc);
}

static void put_cmp_groups(const script *s, double top_px, double bot_px,
                           const nps_plot_group *g[2], const nps_estimate e[2],
                           const char *level, int bars) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  range r = cmp_range(g, e);
  int any_ci = nps_gp_has_ci(g[0]) || nps_gp_has_ci(g[1]);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\nunset key\n"
          "set xrange [0.4:2.6]\nset yrange [%g:%g]\n"
          "set xtics scale 0 nomirror\n",
          nps_gp_sy(s, top_px), nps_gp_sy(s, bot_px), nps_gp_sx(s, 80),
          nps_gp_sx(s, 560), p->border, r.min, r.max);
  nps_gp_put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '%s' lw 1 dt 1\n"
          "set ylabel 'NPS (points)%s%s%s'\n"
          "set xzeroaxis lt 1 lc rgb '%s' lw 1\n"
          "small_ab = %d\n",
          p->grid, any_ci ? " with " : "", any_ci ? level : "",
          any_ci ? " intervals" : "", p->zero,
          (g[0]->mark == NPS_PLOT_SMALL) + 2 * (g[1]->mark == NPS_PLOT_SMALL));
  fputs("small(i) = i == 1 ? small_ab % 2 : small_ab >= 2\n", fp);
  if (!bars) {
    put_cmp_dots(s);
    return;
  }
  fprintf(fp,
          "set style fill solid 1.0 border rgb '%s'\n"
          "plot $rows using 2:4:(0.5):($2 < 1.5 ? %s : %s):"
          "xtic(txt(%d + $1) . \"\\n\" . sprintf('n = %%d', int($7))) with "
          "boxes fc rgb variable notitle",
          p->bar_edge, p->cmp_bar_x[0], p->cmp_bar_x[1], T_FIRST_EXTRA + 1);
  if (any_ci)
    fprintf(fp,
            ", \\\n     $rows using 2:4:5:6 with yerrorbars pt 7 ps 0.6 "
            "lw 1.5 lc rgb '%s' notitle",
            p->ink);
  if (e[0].nps >= 0 || e[1].nps >= 0)
    fprintf(fp,
            ", \\\n     $rows using 2:($12 > 0 ? $11 : NaN):(points($4)) "
            "with labels center offset 0, 0.9%s notitle",
            p->tc);
  if (e[0].nps < 0 || e[1].nps < 0)
    fprintf(fp,
            ", \\\n     $rows using 2:($12 < 0 ? $11 : NaN):(points($4)) "
            "with labels center offset 0, -0.9%s notitle",
            p->tc);
  fputs("\n", fp);
}

static void put_cmp_delta(const script *s, double top_px, double bot_px,
                          const nps_plot_diff *d) {
  FILE *fp = s->fp;
  int ci = isfinite(d->ci.lo) && isfinite(d->ci.hi);
  double lo = 100.0 * (ci ? d->ci.lo : d->delta);
  double hi = 100.0 * (ci ? d->ci.hi : d->delta);
  range r = nps_gp_points_range(lo, hi, 0.06, 0.06);
  fprintf(fp,
          "\n# The difference b - a with its interval.\n"
          "unset label\nunset object\nunset grid\n"
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0.5:1.5]\nset yrange [%g:%g]\n"
          "set xtics ('' 1) scale 0\n",
          nps_gp_sy(s, top_px), nps_gp_sy(s, bot_px), nps_gp_sx(s, 680),
          nps_gp_sx(s, 870), r.min, r.max);
  nps_gp_put_tics(fp, "y", r);
  fprintf(fp,
          "set grid ytics lc rgb '%s' lw 1 dt 1\n"
          "set ylabel 'difference (points)'\n"
          "set xlabel ('Δ = ' . txt(%d) . \"\\n\" . '− ' . txt(%d))\n"
          "$diff << EOD\n1",
          s->pal->grid, T_FIRST_EXTRA + 3, T_FIRST_EXTRA + 2);
  nps_gp_put_num(fp, 100.0 * d->delta);
  nps_gp_put_num(fp, ci ? 100.0 * d->ci.lo : NAN);
  nps_gp_put_num(fp, ci ? 100.0 * d->ci.hi : NAN);
  fprintf(fp,
          "\nEOD\n"
          "plot $diff using 1:2%s with %s pt 7 ps 1.2 lw 2 lc rgb "
          "'%s' notitle, \\\n"
          "     $diff using 1:2:(points($2)) with labels left offset 1.2, 0"
          "%s notitle\n",
          ci ? ":3:4" : "", ci ? "yerrorbars" : "points", s->pal->ink,
          s->pal->tc);
}

nps_status nps_plot_compare(FILE *fp, const nps_plot_target *target,
                            const nps_plot_info *info, const nps_plot_group *a,
                            const nps_plot_group *b,
                            const nps_plot_diff *diff) {
  nps_estimate e[2];
  if (!fp || !nps_gp_info_ok(target, info) || !a || !b || !diff ||
      !isfinite(diff->delta) ||
      nps_counts_estimate(&a->counts, &e[0]) != NPS_OK ||
      nps_counts_estimate(&b->counts, &e[1]) != NPS_OK)
    return NPS_EINVAL;
  /* The test goes to the footnote unless the caller wrote one. */
  nps_plot_info with_test = *info;
  if (!with_test.footnote)
    with_test.footnote = diff->test;
  info = &with_test;
  c_numeric cn;
  if (nps_gp_numeric_enter(&cn))
    return NPS_ENOMEM;
  const nps_plot_group *g[2] = {a, b};
  char full[2][4 * NPS_PLOT_LABEL_MAX + 1], brief[2][4 * 18 + 1];
  double cells = 8;
  for (int i = 0; i < 2; i++) {
    nps_plot_label(g[i]->label, g[i]->label_len, NPS_PLOT_LABEL_MAX, full[i],
                   sizeof full[i], NULL);
    nps_plot_label(g[i]->label, g[i]->label_len, 18, brief[i], sizeof brief[i],
                   NULL);
    cells = fmax(cells, nps_gp_text_cells(full[i]));
  }
  script s = nps_gp_script(fp, target, info, 900);
  double top_px = nps_gp_titles_px(info, 2) + 16, main_bot = top_px + 300;
  double strip_top = main_bot + 90, strip_bot = strip_top + 70;
  s.h = strip_bot + 50;
  const char *extra[] = {full[0], full[1], brief[0], brief[1]};
  nps_gp_put_header(fp, "Two groups compared: NPS with intervals and the "
                        "difference between them.");
  nps_gp_put_texts(fp, target, info, "NPS comparison", extra, 4);
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
  nps_gp_put_terminal(&s, target);
  expr l2 = {{0}, 0}, l3 = {{0}, 0};
  cmp_subtitles(&l2, &l3, info, diff, &e[0], &e[1]);
  const char *lines[] = {l2.buf, l3.buf};
  char level[32];
  nps_gp_level_text(level, sizeof level, info->level);
  fputs("\nset multiplot\n", fp);
  nps_gp_put_titles(&s, info, lines, 2);
  put_cmp_groups(&s, top_px, main_bot, g, e, level,
                 target->style == NPS_PLOT_BARS);
  put_cmp_delta(&s, top_px, main_bot, diff);

  double label_px = 30 + CHAR_PX * cells;
  fprintf(fp, "\n# Shares of each category in both groups.\n"
              "unset label\nunset grid\nunset ylabel\nunset xzeroaxis\n");
  nps_gp_put_category_legend(&s, label_px, strip_top - 16);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0:100]\nset yrange [0.5:2.5]\n"
          "set xtics 0, 20, 100 nomirror out\nset ytics scale 0 nomirror\n"
          "set xlabel 'share of answers (%%)'\n",
          nps_gp_sy(&s, strip_top), nps_gp_sy(&s, strip_bot),
          nps_gp_sx(&s, label_px), nps_gp_sx(&s, s.w - 30));
  nps_gp_put_shares_plot(&s, 0.3, 3, 8, 1);
  nps_status st = nps_gp_finish(fp, 1);
  nps_gp_numeric_leave(&cn);
  return st;
}
