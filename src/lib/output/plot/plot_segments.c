/*
 * plot_segments.c - the segment chart: NPS bars with interval whiskers and the
 * category shares of each group (plot.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_internal.h"

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
  snprintf(r->label, sizeof r->label, "%s (n = %llu%s)", clean,
           (unsigned long long)r->est.n,
           g->mark == NPS_PLOT_SMALL ? ", small base" : "");
  double v = 100.0 * r->est.nps;
  r->side = v < 0 ? -1 : 1;
  r->label_x =
      nps_gp_has_ci(g) ? 100.0 * (r->side > 0 ? g->ci.hi : g->ci.lo) : v;
  return 1;
}

/* Column 12 (with marks): 0 plain, 1 stands out, 2 small. */
static void put_seg_row(FILE *fp, size_t line, const seg_row *r, int marks) {
  const nps_plot_group *g = r->g;
  fprintf(fp, "%zu", line);
  nps_gp_put_num(fp, r->y);
  nps_gp_put_num(fp, 100.0 * r->est.nps);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.lo : NAN);
  nps_gp_put_num(fp, nps_gp_has_ci(g) ? 100.0 * g->ci.hi : NAN);
  fprintf(fp, " %llu", (unsigned long long)r->est.n);
  nps_gp_put_num(fp, 100.0 * r->est.share_detractors);
  nps_gp_put_num(fp, 100.0 * r->est.share_passives);
  nps_gp_put_num(fp, 100.0 * r->est.share_promoters);
  nps_gp_put_num(fp, r->label_x);
  fprintf(fp, " %d", r->side);
  if (marks)
    fprintf(fp, " %d", (int)g->mark);
  fprintf(fp, " |%s\n", r->label);
}

typedef struct seg_layout {
  size_t k;        /* groups drawn */
  int overall;     /* an overall row follows them */
  int marks;       /* a group carries a mark: bars by mark, overall line */
  int bars;        /* NPS_PLOT_BARS: bars from 0, else dots */
  double top;      /* y of the first row */
  double top_px;   /* title area */
  double label_px; /* left of the NPS panel */
} seg_layout;

static void seg_size(script *s, const seg_row *rows, size_t n_rows,
                     seg_layout *lay, const nps_plot_info *info) {
  double cells = 8;
  for (size_t i = 0; i < n_rows; i++)
    cells = fmax(cells, nps_gp_text_cells(rows[i].label));
  lay->label_px = 30 + CHAR_PX * cells;
  lay->top = (lay->overall ? 2.5 : 1.0) + (double)lay->k - 1.0;
  lay->top_px = nps_gp_titles_px(info, 1) + 40;
  s->w = fmax(960, lay->label_px + 420 + 50 + 330 + 30);
  s->h = fmax(260, lay->top_px + 62 + 38 * (lay->top + 0.2));
}

/* NPS as bars from 0 (NPS_PLOT_BARS), marked bars dark or faint, the
 * overall bar hatched, intervals as whiskers. */
static void put_seg_bars(const script *s, const seg_layout *lay, int any_ci,
                         const char **sep) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  fprintf(fp, "set style fill solid 1.0 border rgb '%s'\n", p->bar_edge);
  if (lay->k && lay->marks) {
    fprintf(fp,
            "%s$rows every ::0::%zu using 3:2:(0):3:($2 - 0.32):($2 + 0.32):"
            "(markcol($12)):ytic(label($1)) \\\n       with boxxyerror fc "
            "rgb variable notitle",
            *sep, lay->k - 1);
    *sep = ", \\\n     ";
  } else if (lay->k) {
    fprintf(fp,
            "%s$rows every ::0::%zu using 3:2:(0):3:($2 - 0.32):($2 + 0.32):"
            "ytic(label($1)) \\\n       with boxxyerror fc rgb '%s' notitle",
            *sep, lay->k - 1, p->bar);
    *sep = ", \\\n     ";
  }
  if (lay->overall) {
    fprintf(fp,
            "%s$rows every ::%zu::%zu using 3:2:(0):3:($2 - 0.32):($2 + "
            "0.32):ytic(label($1)) \\\n       with boxxyerror fc rgb '%s' fs "
            "pattern 6 border rgb '%s' notitle",
            *sep, lay->k, lay->k, p->strong, p->strong);
    *sep = ", \\\n     ";
  }
  if (any_ci) {
    fprintf(fp,
            "%s$rows using 3:2:4:5 with xerrorbars pt 7 ps 0.5 lw 1.5 "
            "lc rgb '%s' notitle",
            *sep, p->ink);
    *sep = ", \\\n     ";
  }
}

/* NPS as dots with interval whiskers (the default): groups by mark (small
 * bases faint), the overall row a larger dark diamond. Rows without an
 * interval get a dot alone (NaN limits draw no whisker). */
static void put_seg_dots(const script *s, const seg_layout *lay,
                         const char **sep) {
  FILE *fp = s->fp;
  if (lay->k) {
    fprintf(fp,
            "%s$rows every ::0::%zu using 3:2:($4 == $4 ? $4 : $3):"
            "($5 == $5 ? $5 : $3):(dotcol(%s)):ytic(label($1)) \\\n"
            "       with xerrorbars pt 7 ps 1.3 lw 2 lc rgb variable notitle",
            *sep, lay->k - 1, lay->marks ? "$12" : "0");
    *sep = ", \\\n     ";
  }
  if (lay->overall) {
    fprintf(fp,
            "%s$rows every ::%zu::%zu using 3:2:($4 == $4 ? $4 : $3):"
            "($5 == $5 ? $5 : $3):ytic(label($1)) \\\n"
            "       with xerrorbars pt 13 ps 1.6 lw 2 lc rgb '%s' notitle",
            *sep, lay->k, lay->k, s->pal->overall);
    *sep = ", \\\n     ";
  }
}

static void put_seg_nps_panel(const script *s, const seg_row *rows,
                              size_t n_rows, const seg_layout *lay,
                              const nps_plot_info *info) {
  FILE *fp = s->fp;
  const palette *p = s->pal;
  double lo = 0, hi = 0;
  int neg = 0, pos = 0, any_ci = 0;
  for (size_t i = 0; i < n_rows; i++) {
    const nps_plot_group *g = rows[i].g;
    double v = 100.0 * rows[i].est.nps;
    lo = fmin(lo, nps_gp_has_ci(g) ? 100.0 * g->ci.lo : v);
    hi = fmax(hi, nps_gp_has_ci(g) ? 100.0 * g->ci.hi : v);
    neg |= rows[i].side < 0;
    pos |= rows[i].side > 0;
    any_ci |= nps_gp_has_ci(g);
  }
  range r = nps_gp_points_range(lo, hi, neg ? 0.16 : 0.03, pos ? 0.16 : 0.03);
  char level[32];
  nps_gp_level_text(level, sizeof level, info->level);
  fprintf(fp,
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set border 3 lc rgb '%s'\nunset key\n"
          "set yrange [0.4:%g]\nset ytics scale 0 nomirror\n"
          "set xrange [%g:%g]\n",
          nps_gp_sx(s, lay->label_px), nps_gp_sx(s, s->w - 410), p->border,
          lay->top + 0.6, r.min, r.max);
  nps_gp_put_tics(fp, "x", r);
  fprintf(fp,
          "set grid xtics lc rgb '%s' lw 1 dt 1\n"
          "set xlabel 'NPS (points)%s%s%s'\n"
          "set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead "
          "lc rgb '%s' lw 1 front\n",
          p->grid, any_ci ? " with " : "", any_ci ? level : "",
          any_ci ? " intervals" : "", p->zero);
  if (lay->overall && lay->k)
    fprintf(fp,
            "set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 "
            "nohead lc rgb '%s' dt 2 lw 1\n",
            p->rule);
  if ((lay->marks || !lay->bars) && lay->overall) {
    fprintf(fp, "set arrow 3 from first");
    nps_gp_put_num(fp, 100.0 * rows[lay->k].est.nps);
    fprintf(fp, ", graph 0 to first");
    nps_gp_put_num(fp, 100.0 * rows[lay->k].est.nps);
    fprintf(fp, ", graph 1 nohead lc rgb '%s' dt 3 lw 1.5 back\n", p->strong);
  }
  const char *sep = "plot ";
  if (lay->bars)
    put_seg_bars(s, lay, any_ci, &sep);
  else
    put_seg_dots(s, lay, &sep);
  if (pos)
    fprintf(fp,
            "%s$rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels "
            "left offset 0.7, 0 font ',9'%s notitle",
            sep, p->tc);
  if (neg)
    fprintf(fp,
            "%s$rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels "
            "right offset -0.7, 0 font ',9'%s notitle",
            sep, p->tc);
  fputs("\n", fp);
}

static void put_seg_subtitle(expr *e, const nps_plot_info *info, uint64_t n) {
  nps_gp_ex_fixed(e, "n = %llu · ", (unsigned long long)n);
  nps_gp_ex_method(e, info, "intervals");
}

nps_status nps_plot_segments(FILE *fp, const nps_plot_target *target,
                             const nps_plot_info *info,
                             const nps_plot_group *groups, size_t n_groups,
                             const nps_plot_group *overall) {
  if (!fp || !nps_gp_info_ok(target, info) || (n_groups && !groups))
    return NPS_EINVAL;
  seg_row *rows = malloc((n_groups + 1) * sizeof *rows);
  if (!rows)
    return NPS_ENOMEM;
  seg_layout lay = {0};
  lay.bars = target && target->style == NPS_PLOT_BARS;
  uint64_t total = 0;
  for (size_t i = 0; i < n_groups; i++)
    if (seg_row_init(&rows[lay.k], &groups[i], i))
      total += rows[lay.k++].est.n;
  qsort(rows, lay.k, sizeof *rows, by_nps_desc);
  for (size_t i = 0; i < lay.k; i++)
    lay.marks |= rows[i].g->mark != NPS_PLOT_PLAIN;
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
  if (nps_gp_numeric_enter(&cn)) {
    free(rows);
    return NPS_ENOMEM;
  }
  script s = nps_gp_script(fp, target, info, 0);
  seg_size(&s, rows, n_rows, &lay, info);
  for (size_t i = 0; i < lay.k; i++)
    rows[i].y = lay.top - (double)i;
  if (lay.overall)
    rows[lay.k].y = 1.0;

  nps_gp_put_header(fp,
                    "NPS by group with intervals, and the promoter / passive / "
                    "detractor shares.");
  nps_gp_put_texts(fp, target, info, "NPS by group", NULL, 0);
  fputs("\n# Rows, highest NPS first, then the overall row: 1 line, 2 y, "
        "3 NPS,\n# 4-5 interval (points), 6 n, 7-9 % detractors, passives, "
        "promoters,\n# 10-11 where the value is written and on which side; "
        "the label follows '|'.\n",
        fp);
  if (lay.marks)
    fputs("# 12 the bar: 0 plain, 1 stands out (dark), 2 small base "
          "(faint).\n",
          fp);
  fputs("$rows << EOD\n", fp);
  for (size_t i = 0; i < n_rows; i++)
    put_seg_row(fp, i + 1, &rows[i], lay.marks);
  fputs("EOD\n"
        "label(i) = $rows[i][strstrt($rows[i], '|') + 1:]\n"
        "points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)\n"
        "percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''\n",
        fp);
  if (!lay.bars)
    fprintf(fp, "dotcol(m) = m == 1 ? %s : m == 2 ? %s : %s\n",
            s.pal->dot_dark_x, s.pal->dot_faint_x, s.pal->dot_plain_x);
  if (lay.marks && lay.bars)
    fprintf(fp, "markcol(m) = m == 1 ? %s : m == 2 ? %s : %s\n",
            s.pal->mark_dark_x, s.pal->mark_faint_x, s.pal->mark_plain_x);
  nps_gp_put_terminal(&s, target);

  expr sub = {{0}, 0};
  put_seg_subtitle(&sub, info, total);
  fputs("\nset multiplot\n", fp);
  const char *lines[] = {sub.buf};
  nps_gp_put_titles(&s, info, lines, 1);
  nps_gp_put_category_legend(&s, s.w - 360, lay.top_px - 16);
  fprintf(fp, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
          nps_gp_sy(&s, lay.top_px), nps_gp_sy(&s, s.h - 62));
  put_seg_nps_panel(&s, rows, n_rows, &lay, info);

  fprintf(fp,
          "\n# Shares of each category, in the same rows.\n"
          "unset label\nunset object\nunset arrow\nunset grid\nunset ytics\n"
          "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
          "set xrange [0:100]\nset xtics 0, 20, 100 nomirror out\n"
          "set xlabel 'share of answers (%%)'\n",
          nps_gp_sx(&s, s.w - 360), nps_gp_sx(&s, s.w - 30));
  nps_gp_put_shares_plot(&s, 0.32, 2, 7, 0);
  nps_status st = nps_gp_finish(fp, 1);
  nps_gp_numeric_leave(&cn);
  free(rows);
  return st;
}
