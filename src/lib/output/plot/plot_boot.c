/*
 * plot_boot.c - the bootstrap histogram of one group's NPS with its interval
 * (plot.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

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
  const palette *p = s->pal;
  char text[32];
  if (nps_gp_has_ci(g)) {
    fprintf(fp,
            "set object 1 rect from first %.10g, graph 0 to first %.10g, "
            "graph 1 fc rgb '%s' fs solid 1.0 noborder behind\n",
            100.0 * g->ci.lo, 100.0 * g->ci.hi, p->band);
    nps_gp_points_text(text, sizeof text, g->ci.lo);
    fprintf(fp,
            "set arrow 1 from first %.10g, graph 0 to first %.10g, graph 1 "
            "nohead dt 2 lw 2 lc rgb '%s' front\n"
            "set label 11 'low %s' at first %.10g, first %g right offset "
            "-0.5, 0%s\n",
            100.0 * g->ci.lo, 100.0 * g->ci.lo, p->limit, text,
            100.0 * g->ci.lo, ymax * 0.95, p->tc);
    nps_gp_points_text(text, sizeof text, g->ci.hi);
    fprintf(fp,
            "set arrow 2 from first %.10g, graph 0 to first %.10g, graph 1 "
            "nohead dt 2 lw 2 lc rgb '%s' front\n"
            "set label 12 'high %s' at first %.10g, first %g left offset "
            "0.5, 0%s\n",
            100.0 * g->ci.hi, 100.0 * g->ci.hi, p->limit, text,
            100.0 * g->ci.hi, ymax * 0.95, p->tc);
  }
  nps_gp_points_text(text, sizeof text, est->nps);
  fprintf(fp,
          "set arrow 3 from first %.10g, graph 0 to first %.10g, graph 1 "
          "nohead lw 2 lc rgb '%s' front\n"
          "set label 13 'estimate %s' at first %.10g, first %g left "
          "offset 0.6, 0 front%s\n",
          100.0 * est->nps, 100.0 * est->nps, p->ink, text, 100.0 * est->nps,
          ymax * 1.04, p->tc);
}

nps_status nps_plot_bootstrap(FILE *fp, const nps_plot_target *target,
                              const nps_plot_info *info,
                              const nps_plot_group *group,
                              const double *replicates, size_t B) {
  nps_estimate est;
  if (!fp || !nps_gp_info_ok(target, info) || !group || !replicates || B < 2 ||
      nps_counts_estimate(&group->counts, &est) != NPS_OK)
    return NPS_EINVAL;
  double n = (double)est.n;
  bins b;
  nps_status st = make_bins(replicates, B, n, &b);
  if (st != NPS_OK)
    return st;
  c_numeric cn;
  if (nps_gp_numeric_enter(&cn)) {
    free(b.pct);
    return NPS_ENOMEM;
  }
  script s = nps_gp_script(fp, target, info, 900);
  double top_px = nps_gp_titles_px(info, 2) + 14;
  s.h = top_px + 420;

  char label[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(group->label, group->label_len, NPS_PLOT_LABEL_MAX, label,
                 sizeof label, NULL);
  const char *labels[] = {label};
  nps_gp_put_header(fp,
                    "Bootstrap distribution of one NPS, with its interval.");
  nps_gp_put_texts(fp, target, info, "Bootstrap distribution of NPS", labels,
                   1);
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
  if (nps_gp_has_ci(group)) {
    xlo = fmin(xlo, 100.0 * group->ci.lo);
    xhi = fmax(xhi, 100.0 * group->ci.hi);
  }
  double pad = 0.08 * fmax(xhi - xlo, 1.0);
  nps_gp_put_terminal(&s, target);

  expr l2 = {{0}, 0}, l3 = {{0}, 0};
  nps_gp_ex_text(&l2, T_FIRST_EXTRA);
  nps_gp_ex_fixed(&l2, " (n = %llu) · B = %zu replicates",
                  (unsigned long long)est.n, B);
  if (info->replicates)
    nps_gp_ex_fixed(&l2, ", seed %lu", info->seed);
  nps_plot_info no_boot = *info;
  no_boot.replicates = 0;
  nps_gp_ex_method(&l3, &no_boot, "interval");
  if (nps_gp_has_ci(group)) {
    char lo[32], hi[32];
    nps_gp_points_text(lo, sizeof lo, group->ci.lo);
    nps_gp_points_text(hi, sizeof hi, group->ci.hi);
    nps_gp_ex_fixed(&l3, " [%s, %s]", lo, hi);
  }
  const char *lines[] = {l2.buf, l3.buf};
  fputs("\n", fp);
  nps_gp_put_titles(&s, info, lines, 2);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\nunset key\n"
          "set xrange [%.10g:%.10g]\nset yrange [0:%.10g]\n"
          "set xtics nomirror out\nset ytics nomirror out\n"
          "set grid ytics lc rgb '%s' lw 1 dt 1\n"
          "set xlabel 'NPS (points)'\nset ylabel 'replicates (%%)'\n",
          nps_gp_sy(&s, top_px), nps_gp_sy(&s, s.h - 56), nps_gp_sx(&s, 80),
          nps_gp_sx(&s, s.w - 30), s.pal->border, xlo - pad, xhi + pad,
          ymax * 1.12, s.pal->grid);
  put_boot_lines(&s, group, &est, ymax);
  fprintf(fp,
          "set style fill solid 1.0 border rgb '%s'\n"
          "plot $bins using 1:3:2 with boxes fc rgb '%s' notitle\n",
          s.pal->bar_edge, s.pal->hist);
  st = nps_gp_finish(fp, 0);
  nps_gp_numeric_leave(&cn);
  free(b.pct);
  return st;
}
