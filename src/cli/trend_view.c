/*
 * trend_view.c - how a trend analysis is shown: a table (or markdown) of
 * the periods with their change from the period before and the control
 * band, then the slope, the control limits and the latest period in
 * words; CSV with one row per period; JSON. It formats an nps_trend; it
 * computes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "present.h"
#include "trend_view.h"

const char *trend_fail_name(trend_fail_if f) {
  return f == TREND_FAIL_DROP             ? "drop"
         : f == TREND_FAIL_OUT_OF_CONTROL ? "out-of-control"
                                          : "never";
}

static const nps_trend_point *latest(const nps_trend *r) {
  return &r->points[r->n_points - 1];
}

/* "channel = web: " for a segment's series, "" for all answers. */
static void series_prefix(char *buf, size_t size, const trend_view *s,
                          const nps_trend *r) {
  buf[0] = '\0';
  if (!r->segment)
    return;
  char *name = cli_display_key(r->segment, r->segment_len);
  for (size_t i = 0; i < s->opt->n_by; i++)
    cli_append(buf, size, "%s%s", i ? " / " : "", s->opt->by[i]);
  cli_append(buf, size, " = %s: ", name ? name : "?");
  free(name);
}

static int series_fails(const trend_view *s, const nps_trend *r, char *msg,
                        size_t size) {
  const nps_trend_point *p = latest(r);
  char d[32], ps[32], who[256];
  series_prefix(who, sizeof who, s, r);
  if (s->fail_if == TREND_FAIL_DROP && r->latest_drop) {
    cli_points(d, sizeof d, -p->change.test.diff);
    cli_fmt_p_phrase(ps, sizeof ps, r->latest_p);
    snprintf(msg, size, "%s%s fell %s points from %s (%s%s)", who, p->label, d,
             p[-1].label, ps,
             r->segment ? ", adjusted across segments" : ", this change alone");
    return 1;
  }
  if (s->fail_if == TREND_FAIL_OUT_OF_CONTROL && r->latest_outside) {
    int above = r->latest_outside > 0;
    double lim = above ? p->limits.hi : p->limits.lo;
    char v[32], l[32];
    cli_points(v, sizeof v, p->est.nps);
    cli_points(l, sizeof l, lim);
    cli_points(d, sizeof d, fabs(p->est.nps - lim));
    snprintf(msg, size, "%s%s NPS %s is %s points %s the %s control limit %s",
             who, p->label, v, d, above ? "above" : "below",
             above ? "upper" : "lower", l);
    return 1;
  }
  return 0;
}

int trend_fails(const trend_view *s, char *msg, size_t size) {
  if (series_fails(s, s->res, msg, size))
    return 1;
  for (size_t i = 0; i < s->res->n_segments; i++)
    if (series_fails(s, s->res->segments[i], msg, size))
      return 1;
  return 0;
}

/* ---- table and markdown ---- */

/* "weeks" for 2 periods of a week, "week" for one. */
static const char *periods_word(nps_period period, double count) {
  static const char *const one[] = {"day", "week", "month", "quarter", "year"},
                           *const many[] = {"days", "weeks", "months",
                                            "quarters", "years"};
  return count == 1.0 ? one[period] : many[period];
}

/* Whether p is left out of the tests as partial. */
static int partial_out(const nps_trend *r, const nps_trend_point *p) {
  return p->partial && !r->options.include_partial;
}

enum { NCOLS = 12 };

static void change_cells(const nps_trend_point *p, cli_cell *cells) {
  const nps_trend_change *c = &p->change;
  char d[32] = "", ci[80] = "", pa[16] = "";
  if (c->tested) {
    cli_signed_points(d, sizeof d, c->test.diff);
    cli_fmt_ci(ci, sizeof ci, c->ci.lo, c->ci.hi);
    cli_fmt_p(pa, sizeof pa, c->p_adjusted);
  }
  cli_cell_copy(&cells[0], d);
  cli_cell_copy(&cells[1], ci);
  cli_cell_copy(&cells[2], pa);
  cli_cell_copy(&cells[3], !c->tested || !c->verdict.significant ? ""
                           : c->verdict.direction > 0            ? "up"
                                                                 : "down");
}

static void row_cells(const nps_trend_point *p, cli_cell *cells) {
  char status[96];
  snprintf(status, sizeof status, "%s",
           p->out_of_control > 0   ? "above"
           : p->out_of_control < 0 ? "below"
                                   : "");
  if (p->partial)
    cli_append(status, sizeof status, "%spartial (%lld of %lld days)",
               status[0] ? "; " : "", (long long)p->covered_days,
               (long long)p->period_days);
  cli_cell_copy(&cells[0], p->label);
  size_t k = 1 + cli_estimate_cells(&cells[1], &p->est);
  if (p->est.n == 0)
    cli_cell_copy(&cells[5], "gap");
  char ci[80] = "";
  if (p->has_ci)
    cli_fmt_ci(ci, sizeof ci, p->ci.iv.lo, p->ci.iv.hi);
  cli_cell_fmt(&cells[k++], "%s%s%s", ci, p->has_ci && p->ci.note ? " *" : "",
               p->base == NPS_BASE_BELOW ? " **" : "");
  change_cells(p, &cells[k]);
  k += 4;
  char lim[80] = "";
  if (p->has_limits)
    cli_fmt_ci(lim, sizeof lim, p->limits.lo, p->limits.hi);
  cli_cell_copy(&cells[k++], lim);
  cli_cell_copy(&cells[k], status);
}

static int print_grid(FILE *fp, const trend_view *s, const nps_trend *r,
                      int markdown) {
  cli_cell(*cells)[CLI_GRID_MAX_COLS] = calloc(r->n_points + 1, sizeof *cells);
  if (!cells)
    return -1;
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * s->opt->level);
  const char *heads[NCOLS] = {nps_period_name(r->options.period),
                              "n",
                              "promoters",
                              "passives",
                              "detractors",
                              "NPS",
                              level,
                              "change",
                              "CI (matched)",
                              "p adj.",
                              "",
                              "control limits"};
  for (size_t i = 0; i < NCOLS; i++)
    cli_cell_text(&cells[0][i], heads[i], strlen(heads[i]));
  cli_cell_text(&cells[0][NCOLS], "", 0);
  for (size_t i = 0; i < r->n_points; i++)
    row_cells(&r->points[i], cells[i + 1]);
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  left[0] = left[6] = left[8] = left[10] = left[11] = left[12] = 1;
  cli_grid(fp, cells, r->n_points + 1, NCOLS + 1, left, markdown);
  free(cells);
  return 0;
}

static void print_header(FILE *fp, const trend_view *s, int markdown) {
  const cli_common *c = s->opt;
  const nps_trend *r = s->res;
  const char *b = markdown ? "**" : "", *gap = markdown ? "\n" : "";
  fprintf(fp, "%sNPS trend%s: ", b, b);
  cli_put_str(fp, s->path, markdown);
  fputs(", column '", fp);
  cli_put_str(fp, s->date_column, markdown);
  fprintf(fp, "' by %s\n%s", nps_period_name(r->options.period), gap);
  fprintf(fp, "responses: %llu, missing: %llu",
          (unsigned long long)nps_counts_total(&r->total),
          (unsigned long long)r->missing);
  if (s->report.invalid)
    fprintf(fp, ", skipped invalid: %llu",
            (unsigned long long)s->report.invalid);
  if (r->invalid_answers)
    fprintf(fp, ", skipped with bad dates: %llu",
            (unsigned long long)r->invalid_answers);
  if (r->outside_answers)
    fprintf(fp, ", outside --since/--until: %llu",
            (unsigned long long)r->outside_answers);
  if (s->report.filtered)
    fprintf(fp, ", filtered out: %llu", (unsigned long long)s->report.filtered);
  fprintf(fp, "\n%speriods: %zu, gaps: %zu, below --min-n %llu: %zu", gap,
          r->n_points, r->n_gaps, (unsigned long long)c->min_n, r->n_small);
  if (r->n_partial)
    fprintf(fp, ", partial: %zu%s", r->n_partial,
            r->options.include_partial ? " (included, --include-partial)" : "");
  if (c->n_by)
    fprintf(fp, "; segments: %zu", r->n_segments);
  fputc('\n', fp);
  fprintf(fp, "%sinterval: %s, %g%% level", gap, nps_ci_method_label(c->ci),
          100.0 * c->level);
  if (cli_is_boot(c->ci))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  if (r->n_segments)
    fprintf(fp,
            "; change: Wald z from the period before, %s across the "
            "changes of each series\n\n",
            cli_multi_label(r->options.adjust));
  else
    fprintf(fp,
            "; change: Wald z from the period before, %s across the %zu "
            "changes\n\n",
            cli_multi_label(r->options.adjust), r->n_tested);
}

static void print_slope(FILE *fp, const trend_view *s, const nps_trend *r) {
  const nps_trend_slope *sl = &r->slope;
  if (!sl->tested) {
    fprintf(fp,
            "Trend: fewer than two periods with --min-n answers%s; no "
            "slope.\n",
            r->n_partial && !r->options.include_partial
                ? " (partial periods left out)"
                : "");
    return;
  }
  nps_period per = r->options.period;
  char b[32], ci[80], p[32];
  cli_signed_points(b, sizeof b, sl->per_period);
  cli_fmt_ci(ci, sizeof ci, sl->ci.lo, sl->ci.hi);
  cli_fmt_p_phrase(p, sizeof p, sl->p);
  fprintf(fp, "Trend: %s points per %s, %g%% CI %s, %s%s;\n", b,
          nps_period_name(per), 100.0 * s->opt->level, ci, p,
          !sl->verdict.significant ? ": no clear trend"
          : sl->per_period > 0     ? ": rising"
                                   : ": falling");
  cli_signed_points(b, sizeof b, sl->change);
  cli_fmt_ci(ci, sizeof ci, sl->change_ci.lo, sl->change_ci.hi);
  fprintf(fp, "  %s points over the %g %s from %s to %s, %g%% CI %s", b,
          sl->span, periods_word(per, sl->span), r->points[sl->first].label,
          r->points[sl->last].label, 100.0 * s->opt->level, ci);
  if (sl->has_per_year && per != NPS_PERIOD_YEAR) {
    cli_signed_points(b, sizeof b, sl->per_year);
    cli_fmt_ci(ci, sizeof ci, sl->per_year_ci.lo, sl->per_year_ci.hi);
    fprintf(fp, ";\n  %s points per year, %g%% CI %s", b, 100.0 * s->opt->level,
            ci);
  }
  fprintf(fp,
          "\n  (weighted least squares of NPS on time over %zu periods, "
          "weights n/V%s).\n",
          sl->periods,
          r->n_partial && !r->options.include_partial
              ? ";\n  partial periods left out"
              : "");
}

static void print_control(FILE *fp, const nps_trend *r) {
  if (!r->has_center)
    return;
  char c[32];
  cli_points(c, sizeof c, r->center);
  fprintf(fp, "Control limits: %s +- %g SE at each period's n, from ", c,
          NPS_TREND_SIGMAS);
  if (r->options.baseline)
    fprintf(fp, "the first %zu periods (--baseline)", r->center_periods);
  else
    fprintf(fp, "all %zu periods pooled", r->center_periods);
  if (r->n_partial && !r->options.include_partial)
    fprintf(fp, ",\n  partial periods left out");
  fprintf(fp, ";\n  outside: ");
  size_t shown = 0;
  for (size_t i = 0; i < r->n_points; i++) {
    const nps_trend_point *p = &r->points[i];
    if (!p->out_of_control)
      continue;
    fprintf(fp, "%s%s (%s)", shown++ ? ", " : "", p->label,
            p->out_of_control > 0 ? "above" : "below");
  }
  fprintf(fp, "%s.\n", shown ? "" : "none");
}

/* Why the latest period p has no change test. */
static const char *untested_why(const nps_trend *r, const nps_trend_point *p) {
  if (p->est.n == 0)
    return "it has no answers";
  if (partial_out(r, p))
    return "it is partial; --include-partial tests it";
  if (p->base == NPS_BASE_BELOW)
    return "it is below --min-n";
  if (r->n_points < 2)
    return "there is no period before";
  if (partial_out(r, &p[-1]))
    return "the period before is partial; --include-partial tests it";
  if (p[-1].base != NPS_BASE_OK)
    return "the period before is a gap or below --min-n";
  return "neither period has any spread";
}

static void print_latest(FILE *fp, const nps_trend *r) {
  const nps_trend_point *p = latest(r);
  const nps_trend_change *c = &p->change;
  char v[32], d[32], ci[80], p_[32];
  cli_points(v, sizeof v, p->est.nps);
  fprintf(fp, "Latest: %s, NPS %s (n = %llu", p->label, v,
          (unsigned long long)p->est.n);
  if (p->partial)
    fprintf(fp, "; partial: %lld of %lld days", (long long)p->covered_days,
            (long long)p->period_days);
  fputc(')', fp);
  if (c->tested) {
    cli_signed_points(d, sizeof d, c->test.diff);
    cli_fmt_ci(ci, sizeof ci, c->ci.lo, c->ci.hi);
    cli_fmt_p_phrase(p_, sizeof p_, c->p_adjusted);
    fprintf(fp,
            ": %s from %s;\n  %s points, %.4g%% CI %s (the level matched to "
            "the adjusted p),\n  %s (%s across the %zu change%s)",
            !c->verdict.significant ? "no significant change"
            : c->test.diff < 0      ? "a significant drop"
                                    : "a significant rise",
            p[-1].label, d, 100.0 * c->ci_level, ci, p_,
            cli_multi_label(r->options.adjust), r->n_tested,
            r->n_tested == 1 ? "" : "s");
    int table_drop = c->verdict.significant && c->test.diff < 0;
    if (r->latest_drop != table_drop) {
      cli_fmt_p_phrase(p_, sizeof p_, r->latest_p);
      fprintf(fp, ";\n  %s, as --fail-if drop takes it: %s, %s",
              r->segment ? "adjusted across the segments' latest changes"
                         : "taken alone",
              p_, r->latest_drop ? "a drop" : "not a drop");
    }
  } else {
    fprintf(fp, ": no change test\n  (%s)", untested_why(r, p));
  }
  fprintf(fp, "; %s the control limits.\n",
          partial_out(r, p)       ? "not judged against"
          : p->out_of_control > 0 ? "above"
          : p->out_of_control < 0 ? "below"
                                  : "inside");
}

static int any_fallback(const nps_trend *r) {
  for (size_t i = 0; i < r->n_points; i++)
    if (r->points[i].has_ci && r->points[i].ci.note)
      return 1;
  return 0;
}

static void print_notes(FILE *fp, const trend_view *s) {
  const nps_trend *r = s->res;
  int note = any_fallback(r);
  size_t small = r->n_small;
  for (size_t i = 0; i < r->n_segments; i++) {
    note |= any_fallback(r->segments[i]);
    small += r->segments[i]->n_small;
  }
  if (r->n_partial)
    fprintf(fp,
            "partial: the answers' days do not cover the period: %lld or "
            "more days\n  without answers at its start or end, twice the "
            "typical gap of %lld day%s\n  between answer days; %s\n",
            (long long)(2 * r->cadence), (long long)r->cadence,
            r->cadence == 1 ? "" : "s",
            r->options.include_partial
                ? "tested like the others (--include-partial)"
                : "left out of the changes, the slope and the control "
                  "limits\n  (--include-partial keeps them)");
  if (note)
    fprintf(fp, "* the interval fell back to another method (see --format "
                "json)\n");
  if (small)
    fprintf(fp,
            "** below --min-n %llu: shown, left out of the changes, the "
            "slope and the control flags\n",
            (unsigned long long)s->opt->min_n);
  if (r->invalid_keys) {
    fprintf(fp, "skipped %llu date value%s that are not dates (first: '",
            (unsigned long long)r->invalid_keys,
            r->invalid_keys == 1 ? "" : "s");
    cli_put_text(fp, r->first_invalid, r->first_invalid_len, 0);
    fprintf(fp, "')\n");
  }
}

static int print_series(FILE *fp, const trend_view *s, const nps_trend *r,
                        int markdown) {
  if (print_grid(fp, s, r, markdown))
    return -1;
  fputc('\n', fp);
  print_slope(fp, s, r);
  print_control(fp, r);
  print_latest(fp, r);
  return 0;
}

static int print_table(FILE *fp, const void *ctx, int markdown) {
  const trend_view *s = ctx;
  print_header(fp, s, markdown);
  if (print_series(fp, s, s->res, markdown))
    return -1;
  for (size_t i = 0; i < s->res->n_segments; i++) {
    const nps_trend *q = s->res->segments[i];
    char who[256];
    series_prefix(who, sizeof who, s, q);
    who[strlen(who) - 2] = '\0'; /* the ": " */
    fprintf(fp, "\n%s", markdown ? "**" : "");
    cli_put_text(fp, who, strlen(who), markdown);
    fprintf(fp, "%s\n\n", markdown ? "**" : "");
    if (print_series(fp, s, q, markdown))
      return -1;
  }
  print_notes(fp, s);
  return 0;
}

/* ---- csv: one row per period ---- */

static void csv_series(FILE *fp, const trend_view *s, const nps_trend *r);

static void print_csv(FILE *fp, const void *ctx) {
  const trend_view *s = ctx;
  if (s->opt->n_by) {
    fputs("series", fp);
    for (size_t i = 0; i < s->opt->n_by; i++) {
      fputc(',', fp);
      cli_csv_field(fp, s->opt->by[i], strlen(s->opt->by[i]));
    }
    fputc(',', fp);
  }
  fputs("period,n,promoters,passives,detractors,missing,nps,ci_low,ci_high,"
        "method,level,small_base,change,change_ci_low,change_ci_high,"
        "change_ci_level,z,p,p_adjusted,significant,adjust,control_low,"
        "control_high,out_of_control,partial,period_days,covered_days\n",
        fp);
  csv_series(fp, s, s->res);
  for (size_t i = 0; i < s->res->n_segments; i++)
    csv_series(fp, s, s->res->segments[i]);
}

static void csv_series(FILE *fp, const trend_view *s, const nps_trend *r) {
  for (size_t i = 0; i < r->n_points; i++) {
    const nps_trend_point *p = &r->points[i];
    const nps_trend_change *c = &p->change;
    if (s->opt->n_by) {
      fputs(r->segment ? "segment" : "all", fp);
      cli_csv_key(fp, r->segment, r->segment_len, s->opt->n_by);
      fputc(',', fp);
    }
    fprintf(fp, "%s,%llu,%llu,%llu,%llu,%llu", p->label,
            (unsigned long long)p->est.n,
            (unsigned long long)p->counts.promoters,
            (unsigned long long)p->counts.passives,
            (unsigned long long)p->counts.detractors,
            (unsigned long long)p->missing);
    cli_csv_num(fp, p->est.n ? 100 * p->est.nps : NAN);
    cli_csv_num(fp, p->has_ci ? 100 * p->ci.iv.lo : NAN);
    cli_csv_num(fp, p->has_ci ? 100 * p->ci.iv.hi : NAN);
    fprintf(fp, ",%s", p->has_ci ? nps_ci_method_name(p->ci.method_used) : "");
    cli_csv_num(fp, s->opt->level);
    fprintf(fp, ",%d", p->base == NPS_BASE_BELOW);
    cli_csv_num(fp, c->tested ? 100 * c->test.diff : NAN);
    cli_csv_num(fp, c->tested ? 100 * c->ci.lo : NAN);
    cli_csv_num(fp, c->tested ? 100 * c->ci.hi : NAN);
    cli_csv_num(fp, c->tested ? c->ci_level : NAN);
    cli_csv_num(fp, c->tested ? c->test.z : NAN);
    cli_csv_num(fp, c->tested ? c->test.p : NAN);
    cli_csv_num(fp, c->tested ? c->p_adjusted : NAN);
    fprintf(fp, ",%s,%s", c->tested ? (c->verdict.significant ? "1" : "0") : "",
            c->tested ? nps_multi_method_name(r->options.adjust) : "");
    cli_csv_num(fp, p->has_limits ? 100 * p->limits.lo : NAN);
    cli_csv_num(fp, p->has_limits ? 100 * p->limits.hi : NAN);
    fprintf(fp, ",%d", p->out_of_control);
    if (p->coverage_known)
      fprintf(fp, ",%d,%lld,%lld\n", p->partial, (long long)p->period_days,
              (long long)p->covered_days);
    else
      fprintf(fp, ",,%lld,\n", (long long)p->period_days);
  }
}

/* ---- json ---- */

static void json_change(cli_json *w, const nps_trend *r,
                        const nps_trend_point *p) {
  const nps_trend_change *c = &p->change;
  if (!c->tested) {
    cli_json_raw(w, "change", "null");
    return;
  }
  cli_json_open(w, "change", '{');
  cli_json_str(w, "from", p[-1].label);
  cli_json_dbl(w, "diff", 100 * c->test.diff);
  cli_json_dbl(w, "ci_low", 100 * c->ci.lo);
  cli_json_dbl(w, "ci_high", 100 * c->ci.hi);
  cli_json_dbl(w, "ci_level", c->ci_level);
  cli_json_nl(w);
  cli_json_str(w, "test", nps_test2_method_name(c->test.method));
  cli_json_dbl(w, "z", c->test.z);
  cli_json_dbl(w, "p", c->test.p);
  cli_json_dbl(w, "p_adjusted", c->p_adjusted);
  cli_json_str(w, "adjust", nps_multi_method_name(r->options.adjust));
  cli_json_bool(w, "significant", c->verdict.significant);
  cli_json_close(w, '}', 0);
}

static void json_point(cli_json *w, const nps_trend *r,
                       const nps_trend_point *p) {
  cli_json_open(w, NULL, '{');
  cli_json_str(w, "period", p->label);
  cli_json_counts(w, p->est.n, &p->counts, p->missing);
  cli_json_nl(w);
  cli_json_dbl(w, "nps", p->est.n ? 100 * p->est.nps : NAN);
  cli_json_ci(w, p->has_ci, &p->ci);
  cli_json_bool(w, "gap", p->est.n == 0);
  cli_json_bool(w, "small_base", p->base == NPS_BASE_BELOW);
  if (p->coverage_known)
    cli_json_bool(w, "partial", p->partial);
  else
    cli_json_raw(w, "partial", "null");
  cli_json_u64(w, "period_days", (uint64_t)p->period_days);
  if (p->coverage_known)
    cli_json_u64(w, "covered_days", (uint64_t)p->covered_days);
  else
    cli_json_raw(w, "covered_days", "null");
  cli_json_nl(w);
  json_change(w, r, p);
  cli_json_nl(w);
  if (p->has_limits) {
    cli_json_open(w, "control", '{');
    cli_json_dbl(w, "low", 100 * p->limits.lo);
    cli_json_dbl(w, "high", 100 * p->limits.hi);
    cli_json_close(w, '}', 0);
  } else {
    cli_json_raw(w, "control", "null");
  }
  cli_json_dbl(w, "out_of_control", p->out_of_control);
  cli_json_close(w, '}', 1);
}

static void json_summary(cli_json *w, const nps_trend *r) {
  const nps_trend_slope *sl = &r->slope;
  int t = sl->tested, y = t && sl->has_per_year;
  cli_json_open(w, "slope", '{');
  cli_json_bool(w, "tested", t);
  cli_json_u64(w, "periods", sl->periods);
  cli_json_str(w, "unit", nps_period_name(r->options.period));
  cli_json_nl(w);
  cli_json_dbl(w, "per_period", t ? 100 * sl->per_period : NAN);
  cli_json_dbl(w, "per_period_se", t ? 100 * sl->se : NAN);
  cli_json_dbl(w, "per_period_ci_low", t ? 100 * sl->ci.lo : NAN);
  cli_json_dbl(w, "per_period_ci_high", t ? 100 * sl->ci.hi : NAN);
  cli_json_nl(w);
  if (t) {
    cli_json_str(w, "first", r->points[sl->first].label);
    cli_json_str(w, "last", r->points[sl->last].label);
  } else {
    cli_json_raw(w, "first", "null");
    cli_json_raw(w, "last", "null");
  }
  cli_json_dbl(w, "span_periods", t ? sl->span : NAN);
  cli_json_dbl(w, "change", t ? 100 * sl->change : NAN);
  cli_json_dbl(w, "change_ci_low", t ? 100 * sl->change_ci.lo : NAN);
  cli_json_dbl(w, "change_ci_high", t ? 100 * sl->change_ci.hi : NAN);
  cli_json_nl(w);
  cli_json_dbl(w, "per_year", y ? 100 * sl->per_year : NAN);
  cli_json_dbl(w, "per_year_ci_low", y ? 100 * sl->per_year_ci.lo : NAN);
  cli_json_dbl(w, "per_year_ci_high", y ? 100 * sl->per_year_ci.hi : NAN);
  cli_json_nl(w);
  cli_json_dbl(w, "z", t ? sl->z : NAN);
  cli_json_dbl(w, "p", t ? sl->p : NAN);
  cli_json_bool(w, "significant", sl->verdict.significant);
  cli_json_close(w, '}', 0);
  cli_json_nl(w);
  cli_json_open(w, "control", '{');
  cli_json_dbl(w, "center", r->has_center ? 100 * r->center : NAN);
  cli_json_dbl(w, "sigmas", NPS_TREND_SIGMAS);
  cli_json_u64(w, "baseline_periods", r->center_periods);
  cli_json_str(w, "from", r->options.baseline ? "baseline" : "all");
  cli_json_u64(w, "outside", r->n_out);
  cli_json_close(w, '}', 0);
  cli_json_nl(w);
  cli_json_open(w, "latest", '{');
  cli_json_str(w, "period", r->points[r->n_points - 1].label);
  cli_json_bool(w, "drop", r->latest_drop);
  cli_json_dbl(w, "p", r->latest_p);
  cli_json_str(w, "p_family", r->segment ? "segments" : "one test");
  cli_json_dbl(w, "out_of_control", r->latest_outside);
  cli_json_close(w, '}', 0);
}

static void print_json(cli_json *w, const void *ctx) {
  const trend_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_trend *r = s->res;
  cli_json_head(w, "trend", s->path, s->report.score_column);
  cli_json_str(w, "date_column", s->date_column);
  cli_json_str(w, "period", nps_period_name(r->options.period));
  cli_json_nl(w);
  cli_json_str(w, "scale", "points");
  cli_json_nl(w);
  cli_json_str(w, "method", nps_ci_method_name(c->ci));
  cli_json_dbl(w, "level", c->level);
  cli_json_u64(w, "boot", c->boot);
  cli_json_u64(w, "seed", c->seed);
  cli_json_nl(w);
  cli_json_u64(w, "min_n", c->min_n);
  cli_json_str(w, "change_test", "wald");
  cli_json_str(w, "adjust", nps_multi_method_name(r->options.adjust));
  cli_json_u64(w, "changes_tested", r->n_tested);
  cli_json_nl(w);
  cli_json_u64(w, "responses", nps_counts_total(&r->total));
  cli_json_u64(w, "missing", r->missing);
  cli_json_u64(w, "gaps", r->n_gaps);
  cli_json_u64(w, "invalid_dates", r->invalid_keys);
  cli_json_u64(w, "invalid_date_answers", r->invalid_answers);
  cli_json_u64(w, "outside_answers", r->outside_answers);
  cli_json_nl(w);
  cli_json_bool(w, "include_partial", r->options.include_partial);
  cli_json_u64(w, "partial_periods", r->n_partial);
  if (r->cadence)
    cli_json_u64(w, "cadence_days", (uint64_t)r->cadence);
  else
    cli_json_raw(w, "cadence_days", "null");
  cli_json_nl(w);
  cli_json_open(w, "periods", '[');
  for (size_t i = 0; i < r->n_points; i++) {
    cli_json_nl(w);
    json_point(w, r, &r->points[i]);
  }
  cli_json_close(w, ']', 1);
  cli_json_nl(w);
  json_summary(w, r);
  if (c->n_by) {
    cli_json_nl(w);
    cli_json_strings(w, "by", c->by, c->n_by);
    cli_json_nl(w);
    cli_json_open(w, "segments", '[');
    for (size_t i = 0; i < r->n_segments; i++) {
      const nps_trend *q = r->segments[i];
      cli_json_nl(w);
      cli_json_open(w, NULL, '{');
      cli_json_group(w, q->segment, q->segment_len, c->by, c->n_by);
      cli_json_u64(w, "responses", nps_counts_total(&q->total));
      cli_json_u64(w, "changes_tested", q->n_tested);
      cli_json_nl(w);
      cli_json_open(w, "periods", '[');
      for (size_t k = 0; k < q->n_points; k++) {
        cli_json_nl(w);
        json_point(w, q, &q->points[k]);
      }
      cli_json_close(w, ']', 1);
      cli_json_nl(w);
      json_summary(w, q);
      cli_json_close(w, '}', 1);
    }
    cli_json_close(w, ']', r->n_segments > 0);
  }
  cli_json_close(w, '}', 1);
}

void trend_view_init(const trend_view *s, cli_view *v) {
  *v = (cli_view){
      .ctx = s, .table = print_table, .csv = print_csv, .json = print_json};
  cli_view_chart(v, s->opt->plot, trend_write_chart, s);
}
