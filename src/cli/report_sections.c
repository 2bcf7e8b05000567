/*
 * report_sections.c - the segment and trend sections of `nps-stat report`:
 * each a one-line finding, a chart and a table, from the same results
 * `nps-stat segments` and `nps-stat trend` print. A finding claims a
 * difference only when the analysis's verdict and the interval shown
 * beside it agree; otherwise it says the evidence does not settle it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "report.h"
#include "report_page.h"
#include "segments_view.h"
#include "trend_view.h"

/* The segments whose vs-rest verdict and interval agree on direction dir. */
static size_t list_side(FILE *fp, report_data *d, const nps_segments *s,
                        int dir) {
  size_t k = 0;
  for (size_t i = 0; i + 1 < s->n_rows; i++) {
    const nps_segments_row *r = &s->rows[i];
    const nps_segments_test *t = &r->vs_rest;
    if (!t->tested || !t->verdict.significant || report_side(t->ci) != dir)
      continue;
    fputs(k++ ? ", " : "", fp);
    report_key(fp, d, r->key, r->key_len);
  }
  return k;
}

static size_t count_side(const nps_segments *s, int dir) {
  size_t k = 0;
  for (size_t i = 0; i + 1 < s->n_rows; i++) {
    const nps_segments_test *t = &s->rows[i].vs_rest;
    k += t->tested && t->verdict.significant && report_side(t->ci) == dir;
  }
  return k;
}

static void seg_finding(FILE *fp, report_data *d) {
  const nps_segments *s = d->segments;
  const nps_verdict *v = &s->omnibus_verdict;
  char p[32];
  cli_fmt_p_phrase(p, sizeof p, v->p);
  fputs("<p class=\"finding\">", fp);
  if (s->answer == NPS_SEGMENTS_NOT_COMPARED)
    fprintf(fp,
            "Fewer than two segments have %llu answers or more: the "
            "segments cannot be compared.",
            (unsigned long long)d->c->min_n);
  else if (s->answer == NPS_SEGMENTS_DIFFER) {
    fputs("The segments differ (omnibus test, ", fp);
    report_str(fp, p);
    fputs(").", fp);
    if (count_side(s, 1)) {
      fputs(" Above the rest: ", fp);
      list_side(fp, d, s, 1);
      fputc('.', fp);
    }
    if (count_side(s, -1)) {
      fputs(" Below the rest: ", fp);
      list_side(fp, d, s, -1);
      fputc('.', fp);
    }
  } else if (s->answer == NPS_SEGMENTS_DIFFER_OVERALL) {
    fputs("The segments differ overall (omnibus test, ", fp);
    report_str(fp, p);
    fputs("), but no single segment stands out from the rest.", fp);
  } else
    fprintf(fp,
            "No evidence that the segments differ (omnibus test, %s): "
            "the gaps in the table are within what chance gives.",
            p);
  fputs("</p>\n", fp);
}

static void seg_row(FILE *fp, report_data *d, const nps_segments_row *r,
                    int overall) {
  char nps[32], ci[64], diff[32], dci[64], p[32];
  report_points(nps, sizeof nps, r->est.nps);
  report_ci(ci, sizeof ci, r->has_ci, r->ci.iv);
  fputs("<tr><td class=\"l\">", fp);
  if (overall)
    report_str(fp, "all responses");
  else
    report_key(fp, d, r->key, r->key_len);
  fprintf(fp,
          "</td><td>%llu</td><td>%.1f%%</td><td>%.1f%%</td><td>%.1f%%</td>"
          "<td>%s</td><td>%s</td>",
          (unsigned long long)r->est.n, 100.0 * r->est.share_promoters,
          100.0 * r->est.share_passives, 100.0 * r->est.share_detractors, nps,
          ci);
  const nps_segments_test *t = &r->vs_rest;
  if (overall || !t->tested) {
    fprintf(fp, "<td></td><td></td><td></td><td class=\"l\">%s</td></tr>\n",
            overall                     ? ""
            : r->base == NPS_BASE_BELOW ? "small base, not tested"
            : r->base == NPS_BASE_EMPTY ? "no answers"
                                        : "not tested");
    return;
  }
  cli_signed_points(diff, sizeof diff, t->diff);
  report_ci(dci, sizeof dci, 1, t->ci);
  cli_fmt_p(p, sizeof p, t->p_adjusted);
  int side = report_side(t->ci);
  const char *note = !t->verdict.significant ? ""
                     : side > 0              ? "above the rest"
                     : side < 0              ? "below the rest"
                                             : "borderline";
  fprintf(fp, "<td>%s</td><td>%s</td><td>", diff, dci);
  report_str(fp, p);
  fprintf(fp, "</td><td class=\"l\">%s</td></tr>\n", note);
}

int report_segments(FILE *fp, report_data *d) {
  const nps_segments *s = d->segments;
  segments_view view = {.opt = d->c, .path = d->path, .res = s};
  if (segments_view_prepare(&view) != EXIT_OK) {
    segments_view_release(&view);
    return EXIT_IO;
  }
  size_t with = 0;
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    with += s->rows[i].est.n > 0;
  fputs("<section id=\"segments\">\n<h2>Segments: ", fp);
  for (size_t i = 0; i < d->c->n_by; i++) {
    fputs(i ? ", " : "", fp);
    report_str(fp, d->c->by[i]);
  }
  fputs("</h2>\n", fp);
  seg_finding(fp, d);
  if (with)
    report_chart(fp, d, segments_write_chart, &view, "segments");
  if (with > SEGMENTS_CHART_MAX)
    fprintf(fp,
            "<p class=\"muted\">The chart shows the %d largest segments; "
            "the table has all %zu.</p>\n",
            SEGMENTS_CHART_MAX, s->n_rows - 1);
  fprintf(fp,
          "<table>\n<tr><th class=\"l\">segment</th><th>n</th>"
          "<th>promoters</th><th>passives</th><th>detractors</th>"
          "<th>NPS</th><th>%g%% CI</th><th>vs rest</th><th>its CI</th>"
          "<th>p (adj.)</th><th class=\"l\">note</th></tr>\n",
          100.0 * d->c->level);
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    seg_row(fp, d, &s->rows[i], 0);
  seg_row(fp, d, nps_segments_overall(s), 1);
  fputs("</table>\n</section>\n", fp);
  segments_view_release(&view);
  return EXIT_OK;
}

/* ---- trend ---- */

static void trend_finding(FILE *fp, const report_data *d) {
  const nps_trend *r = d->trend;
  const nps_trend_slope *s = &r->slope;
  const char *per = nps_period_name(r->options.period);
  char v[32], ci[64], p[32], ch[32], chci[64];
  fputs("<p class=\"finding\">", fp);
  if (!s->tested)
    fputs("Too few periods with enough answers to estimate a trend.", fp);
  else {
    cli_signed_points(v, sizeof v, s->per_period);
    report_ci(ci, sizeof ci, 1, s->ci);
    cli_fmt_p_phrase(p, sizeof p, s->p);
    cli_signed_points(ch, sizeof ch, s->change);
    report_ci(chci, sizeof chci, 1, s->change_ci);
    int side = report_side(s->ci);
    if (s->verdict.significant && side != 0) {
      report_points(v, sizeof v, fabs(s->per_period));
      fprintf(fp, "NPS %s by %s points a %s (%g%% CI %s, ",
              side > 0 ? "rose" : "fell", v, per, 100.0 * d->c->level, ci);
    } else
      fprintf(fp,
              "No clear trend: %s points a %s, and its %g%% CI %s "
              "includes zero (",
              v, per, 100.0 * d->c->level, ci);
    report_str(fp, p);
    fprintf(fp, "): %s points over the %g %s%s from ", ch, s->span, per,
            s->span == 1 ? "" : "s");
    report_str(fp, r->points[s->first].label);
    fputs(" to ", fp);
    report_str(fp, r->points[s->last].label);
    fprintf(fp, " (CI %s)", chci);
    if (s->has_per_year && r->options.period != NPS_PERIOD_YEAR) {
      cli_signed_points(v, sizeof v, s->per_year);
      report_ci(ci, sizeof ci, 1, s->per_year_ci);
      fprintf(fp, ", %s a year (CI %s)", v, ci);
    }
    fputc('.', fp);
  }
  const nps_trend_point *last = r->n_points ? &r->points[r->n_points - 1] : 0;
  if (last && last->partial) {
    fputs(" The latest period, ", fp);
    report_str(fp, last->label);
    fprintf(fp, ", is partial (%lld of %lld days)%s.",
            (long long)last->covered_days, (long long)last->period_days,
            r->options.include_partial ? "" : " and is left out of the tests");
  }
  const nps_trend_change *c = last ? &last->change : 0;
  if (c && c->tested && c->verdict.significant && c->test.diff < 0) {
    char pa[32];
    cli_fmt_p_phrase(pa, sizeof pa, c->p_adjusted);
    fputs(" The latest period, ", fp);
    report_str(fp, last->label);
    fputs(", fell significantly from the one before (", fp);
    report_str(fp, pa);
    fputs(" adjusted across the changes).", fp);
  }
  if (r->n_out)
    fprintf(fp, " %zu period%s outside the control limits.", r->n_out,
            r->n_out == 1 ? " is" : "s are");
  fputs("</p>\n", fp);
}

static void trend_row(FILE *fp, const nps_trend *r, const nps_trend_point *pt) {
  char nps[32], ci[64], ch[32], p[32];
  report_points(nps, sizeof nps, pt->est.n ? pt->est.nps : NAN);
  report_ci(ci, sizeof ci, pt->has_ci, pt->ci.iv);
  fputs("<tr><td class=\"l\">", fp);
  report_str(fp, pt->label);
  fprintf(fp, "</td><td>%llu</td><td>%s</td><td>%s</td>",
          (unsigned long long)pt->est.n, nps, ci);
  const nps_trend_change *c = &pt->change;
  if (c->tested) {
    cli_signed_points(ch, sizeof ch, c->test.diff);
    cli_fmt_p(p, sizeof p, c->p_adjusted);
    fprintf(fp, "<td>%s</td><td>", ch);
    report_str(fp, p);
    fputs("</td>", fp);
  } else
    fputs("<td></td><td></td>", fp);
  const char *note =
      pt->est.n == 0               ? "gap"
      : pt->base == NPS_BASE_BELOW ? "small base, not tested"
      : pt->out_of_control > 0     ? "above the control limits"
      : pt->out_of_control < 0     ? "below the control limits"
      : c->tested && c->verdict.significant && report_side(c->ci) != 0
          ? "changed from the period before"
          : "";
  fprintf(fp, "<td class=\"l\">%s", note);
  if (pt->partial)
    fprintf(fp, "%spartial: %lld of %lld days%s", *note ? "; " : "",
            (long long)pt->covered_days, (long long)pt->period_days,
            r->options.include_partial ? "" : ", not tested");
  fputs("</td></tr>\n", fp);
}

/* One row per segment: its answers, its latest period and its slope. */
static void trend_segment_row(FILE *fp, report_data *d, const nps_trend *q) {
  const nps_trend_point *last = q->n_points ? &q->points[q->n_points - 1] : 0;
  char nps[32], ci[64], slope[32], sci[64], p[32];
  report_points(nps, sizeof nps, last && last->est.n ? last->est.nps : NAN);
  report_ci(ci, sizeof ci, last && last->has_ci,
            last ? last->ci.iv : (nps_interval){NAN, NAN});
  fputs("<tr><td class=\"l\">", fp);
  report_key(fp, d, q->segment, q->segment_len);
  fprintf(fp, "</td><td>%llu</td><td>%llu</td><td>%s</td><td>%s</td>",
          (unsigned long long)nps_counts_total(&q->total),
          (unsigned long long)(last ? last->est.n : 0), nps, ci);
  if (q->slope.tested) {
    cli_signed_points(slope, sizeof slope, q->slope.per_period);
    report_ci(sci, sizeof sci, 1, q->slope.ci);
    cli_fmt_p(p, sizeof p, q->slope.p);
    fprintf(fp, "<td>%s</td><td>%s</td><td>", slope, sci);
    report_str(fp, p);
    fputs("</td>", fp);
  } else
    fputs("<td>n/a</td><td>n/a</td><td></td>", fp);
  const char *note =
      !last || last->est.n == 0      ? "no answers in the latest period"
      : last->base == NPS_BASE_BELOW ? "small base in the latest period"
      : q->latest_drop ? "the latest period fell (p adjusted across segments)"
                       : "";
  fprintf(fp, "<td class=\"l\">%s</td></tr>\n", note);
}

static void trend_segments(FILE *fp, report_data *d) {
  const nps_trend *r = d->trend;
  fputs("<h3>By segment</h3>\n", fp);
  if (r->n_segments > NPS_PLOT_TREND_MAX_LINES)
    fprintf(fp,
            "<p class=\"muted\">The chart draws the %d largest of %zu "
            "segments; the table has all.</p>\n",
            NPS_PLOT_TREND_MAX_LINES, r->n_segments);
  fprintf(fp,
          "<table>\n<tr><th class=\"l\">segment</th><th>n</th>"
          "<th>n latest</th><th>NPS latest</th><th>%g%% CI</th>"
          "<th>trend a %s</th><th>its CI</th><th>p</th>"
          "<th class=\"l\">note</th></tr>\n",
          100.0 * d->c->level, nps_period_name(r->options.period));
  for (size_t i = 0; i < r->n_segments; i++)
    trend_segment_row(fp, d, r->segments[i]);
  fputs("</table>\n", fp);
}

int report_trend(FILE *fp, report_data *d) {
  const nps_trend *r = d->trend;
  trend_view view = {
      .opt = d->c, .path = d->path, .date_column = d->date_column, .res = r};
  fputs("<section id=\"trend\">\n<h2>Trend by ", fp);
  report_str(fp, nps_period_name(d->period));
  fputs(" (", fp);
  report_str(fp, d->date_column);
  fputs(")</h2>\n", fp);
  trend_finding(fp, d);
  report_chart(fp, d, trend_write_chart, &view, "trend");
  fprintf(fp,
          "<table>\n<tr><th class=\"l\">period</th><th>n</th>"
          "<th>NPS</th><th>%g%% CI</th><th>change</th><th>p (adj.)</th>"
          "<th class=\"l\">note</th></tr>\n",
          100.0 * d->c->level);
  for (size_t i = 0; i < r->n_points; i++)
    trend_row(fp, r, &r->points[i]);
  fputs("</table>\n", fp);
  if (r->n_segments)
    trend_segments(fp, d);
  fputs("</section>\n", fp);
  return EXIT_OK;
}
