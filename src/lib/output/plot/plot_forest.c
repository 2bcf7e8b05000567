/*
 * plot_forest.c - the forest chart: one row per party with its NPS as a
 * dot and its interval as a whisker, our row highlighted, the industry
 * percentiles shaded behind, rows that are not like for like hollow
 * (plot.h). Labels stay in the data block.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

typedef struct forest_row {
  const nps_plot_forest_row *r;
  double y;
  char label[4 * NPS_PLOT_LABEL_MAX + 40];
} forest_row;

static int has_ci(const nps_plot_forest_row *r) {
  return !isnan(r->ci.lo) && !isnan(r->ci.hi);
}

static void row_label(forest_row *f) {
  char clean[4 * NPS_PLOT_LABEL_MAX + 1];
  nps_plot_label(f->r->label, f->r->label_len, NPS_PLOT_LABEL_MAX, clean,
                 sizeof clean, NULL);
  if (f->r->n)
    snprintf(f->label, sizeof f->label, "%s (n = %llu)", clean,
             (unsigned long long)f->r->n);
  else
    snprintf(f->label, sizeof f->label, "%s (n unknown)", clean);
}

/* 1 line, 2 y, 3 NPS, 4-5 interval, 6 mark, 7 where the value goes. */
static void put_row(FILE *fp, size_t line, const forest_row *f) {
  const nps_plot_forest_row *r = f->r;
  fprintf(fp, "%zu", line);
  nps_gp_put_num(fp, f->y);
  nps_gp_put_num(fp, 100.0 * r->nps);
  nps_gp_put_num(fp, has_ci(r) ? 100.0 * r->ci.lo : NAN);
  nps_gp_put_num(fp, has_ci(r) ? 100.0 * r->ci.hi : NAN);
  fprintf(fp, " %d", r->highlight ? 1 : r->unlike ? 2 : 0);
  nps_gp_put_num(fp, 100.0 * (has_ci(r) ? r->ci.hi : r->nps));
  fprintf(fp, " |%s\n", f->label);
}

static void put_band(FILE *fp, int id, double lo, double hi,
                     const char *colour) {
  if (isnan(lo) || isnan(hi))
    return;
  fprintf(fp, "set object %d rect from first", id);
  nps_gp_put_num(fp, 100.0 * lo);
  fputs(", graph 0 to first", fp);
  nps_gp_put_num(fp, 100.0 * hi);
  fprintf(fp, ", graph 1 fc rgb '%s' fs solid 1.0 noborder behind\n", colour);
}

static void put_bands(const script *s, const double *b) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  if (!b)
    return;
  put_band(fp, 1, b[0], b[4], p->band_outer);
  put_band(fp, 2, b[1], b[3], p->band_inner);
  static const char *const names[] = {"p10", "p25", "median", "p75", "p90"};
  for (int i = 0; i < NPS_PLOT_FOREST_BANDS; i++) {
    if (isnan(b[i]))
      continue;
    fprintf(fp, "set label %d '%s' at first", 10 + i, names[i]);
    nps_gp_put_num(fp, 100.0 * b[i]);
    fprintf(fp, ", graph 1.02 center font ',8' tc rgb '%s'\n", p->band_text);
  }
  if (!isnan(b[2])) {
    fputs("set arrow 2 from first", fp);
    nps_gp_put_num(fp, 100.0 * b[2]);
    fputs(", graph 0 to first", fp);
    nps_gp_put_num(fp, 100.0 * b[2]);
    fprintf(fp, ", graph 1 nohead lc rgb '%s' dt 2 lw 1 back\n", p->median);
  }
}

static range x_range(const forest_row *rows, size_t n, const double *b) {
  double lo = 0, hi = 0;
  for (size_t i = 0; i < n; i++) {
    const nps_plot_forest_row *r = rows[i].r;
    lo = fmin(lo, 100.0 * (has_ci(r) ? r->ci.lo : r->nps));
    hi = fmax(hi, 100.0 * (has_ci(r) ? r->ci.hi : r->nps));
  }
  for (int i = 0; b && i < NPS_PLOT_FOREST_BANDS; i++)
    if (!isnan(b[i]))
      lo = fmin(lo, 100.0 * b[i]), hi = fmax(hi, 100.0 * b[i]);
  return nps_gp_points_range(lo, hi, 0.03, 0.14);
}

static void put_panel(const script *s, const forest_row *rows, size_t n,
                      double label_px, double top_px, const double *b,
                      const nps_plot_info *info) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  range r = x_range(rows, n, b);
  char level[32];
  nps_gp_level_text(level, sizeof level, info->level);
  fprintf(fp,
          "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\nunset key\n"
          "set yrange [0.4:%g]\nset ytics scale 0 nomirror\n"
          "set xrange [%g:%g]\n",
          nps_gp_sy(s, top_px), nps_gp_sy(s, s->h - 62), nps_gp_sx(s, label_px),
          nps_gp_sx(s, s->w - 30), p->border, (double)n + 0.6, r.min, r.max);
  nps_gp_put_tics(fp, "x", r);
  fprintf(fp,
          "set grid xtics lc rgb '%s' lw 1 dt 1\n"
          "set xlabel 'NPS (points) with %s intervals; a dot alone: no "
          "interval known'\n"
          "set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead "
          "lc rgb '%s' lw 1 front\n",
          p->grid, level, p->zero);
  put_bands(s, b);
  for (size_t i = 0; i < n; i++) {
    if (!rows[i].r->highlight)
      continue;
    fprintf(fp, "set arrow %zu from first", 20 + i);
    nps_gp_put_num(fp, 100.0 * rows[i].r->nps);
    fputs(", graph 0 to first", fp);
    nps_gp_put_num(fp, 100.0 * rows[i].r->nps);
    fprintf(fp, ", graph 1 nohead lc rgb '%s' dt 3 lw 1.5 back\n", p->strong);
  }
  int unlike = 0;
  for (size_t i = 0; i < n; i++)
    unlike |= rows[i].r->unlike && !rows[i].r->highlight;
  /* The key entry as two labels (a key would add a sample group in the
   * default colours for every variable-colour plot). */
  if (unlike)
    fprintf(fp,
            "set label 30 '' at graph 0.975, graph 0.045 point pt 6 ps 1.3 "
            "lw 2 lc rgb '%s'%s front\n"
            "set label 31 'not like for like (hollow)' at graph 0.96, graph "
            "0.045 right font ',9'%s front\n",
            p->ink, p->tc, p->tc);
  fputs("plot $rows using 3:2:4:5:(markcol($6)) with xerrorbars pt 7 "
        "ps 0 lw 1.5 lc rgb variable notitle, \\\n"
        "     $rows using 3:2:(markcol($6)):ytic(label($1)) with points pt 7 "
        "ps 0 lc rgb variable notitle, \\\n"
        "     $rows using ($6 == 2 ? NaN : $3):2:(markcol($6)) with points "
        "pt 7 ps 1.3 lc rgb variable notitle, \\\n"
        "     $rows using ($6 == 2 ? $3 : NaN):2:(markcol($6)) with points "
        "pt 6 ps 1.3 lw 2 lc rgb variable notitle, \\\n",
        fp);
  fprintf(fp,
          "     $rows using ($6 == 1 ? $3 : NaN):2 with points pt 6 ps 2.2 "
          "lw 2 lc rgb '%s' notitle, \\\n"
          "     $rows using 7:2:(points($3)) with labels left offset 0.8, 0 "
          "font ',9'%s notitle\n",
          p->strong, p->tc);
}

nps_status nps_plot_forest(FILE *fp, const nps_plot_target *target,
                           const nps_plot_info *info,
                           const nps_plot_forest_row *rows, size_t n_rows,
                           const double *bands) {
  if (!fp || !nps_gp_info_ok(target, info) || !rows || n_rows == 0)
    return NPS_EINVAL;
  for (size_t i = 0; i < n_rows; i++)
    if (!isfinite(rows[i].nps))
      return NPS_EINVAL;
  forest_row *f = malloc(n_rows * sizeof *f);
  if (!f)
    return NPS_ENOMEM;
  c_numeric cn;
  if (nps_gp_numeric_enter(&cn)) {
    free(f);
    return NPS_ENOMEM;
  }
  double cells = 8;
  for (size_t i = 0; i < n_rows; i++) {
    f[i].r = &rows[i];
    f[i].y = (double)(n_rows - i);
    row_label(&f[i]);
    cells = fmax(cells, nps_gp_text_cells(f[i].label));
  }
  script s = nps_gp_script(fp, target, info, 0);
  double label_px = 30 + CHAR_PX * cells;
  double top_px = nps_gp_titles_px(info, 1) + 30;
  s.w = fmax(900, label_px + 640);
  s.h = fmax(260, top_px + 62 + 34 * ((double)n_rows + 0.2));
  nps_gp_put_header(fp, "Forest chart: each party's NPS with its interval, "
                        "ours highlighted, industry percentiles shaded.");
  nps_gp_put_texts(fp, target, info, "NPS against competitors", NULL, 0);
  fputs("\n# Rows from the top: 1 line, 2 y, 3 NPS, 4-5 interval (points; "
        "NaN: none),\n# 6 ours (1), not like for like (2) or neither (0), "
        "7 where the value is\n# written; the label follows '|'.\n"
        "$rows << EOD\n",
        fp);
  for (size_t i = 0; i < n_rows; i++)
    put_row(fp, i + 1, &f[i]);
  fputs("EOD\n"
        "label(i) = $rows[i][strstrt($rows[i], '|') + 1:]\n"
        "points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)\n",
        fp);
  fprintf(fp, "markcol(m) = m == 1 ? %s : %s\n", s.pal->mark_dark_x,
          s.pal->mark_plain_x);
  nps_gp_put_terminal(&s, target);
  expr sub = {{0}, 0};
  nps_gp_ex_method(&sub, info, "intervals");
  fputs("\nset multiplot\n", fp);
  const char *lines[] = {sub.buf};
  nps_gp_put_titles(&s, info, lines, 1);
  put_panel(&s, f, n_rows, label_px, top_px, bands, info);
  nps_status st = nps_gp_finish(fp, 1);
  nps_gp_numeric_leave(&cn);
  free(f);
  return st;
}
