/*
 * plan_view.c - how a plan is shown: the inputs (baseline shares, NPS and
 * V; the second arm and how it was formed), the formula with its numbers,
 * the answer, and the two small tables (answers by difference, difference
 * by answers) as text or markdown; the tables in long form as CSV; all of
 * it as JSON; and the power chart. It formats an nps_plan; it computes
 * nothing but rounding for display.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "plan_view.h"
#include "present.h"

static const char *mode_name(nps_plan_mode m) {
  return m == NPS_PLAN_SIZE         ? "size"
         : m == NPS_PLAN_DETECTABLE ? "detectable"
                                    : "margin";
}

static const char *given_name(plan_given g) {
  return g == PLAN_GIVEN_PERCENT  ? "percent"
         : g == PLAN_GIVEN_COUNTS ? "counts"
                                  : "data";
}

const char *plan_shift_name(nps_shift_source s) {
  switch (s) {
  case NPS_SHIFT_DETRACTORS:
    return "detractors";
  case NPS_SHIFT_PASSIVES:
    return "passives";
  case NPS_SHIFT_BOTH:
    return "both";
  case NPS_SHIFT_PASSIVES_FIRST:
    return "passives-first";
  case NPS_SHIFT_FEWEST:
    return "fewest";
  default:
    return "any";
  }
}

/* Where the change came from, in words: "from passives". For a fall the
 * opposite category is the promoters. */
static const char *source_words(nps_shift_source s, int rise) {
  switch (s) {
  case NPS_SHIFT_DETRACTORS:
    return rise ? "from detractors" : "from promoters";
  case NPS_SHIFT_PASSIVES:
    return "from passives";
  case NPS_SHIFT_BOTH:
    return rise ? "half from passives, half from detractors"
                : "half from passives, half from promoters";
  case NPS_SHIFT_PASSIVES_FIRST:
    return rise ? "from passives, the rest from detractors"
                : "from passives, the rest from promoters";
  default:
    return rise ? "detractors first" : "promoters first";
  }
}

static int equal_arms(const nps_plan *r) {
  return r->paired || r->ratio == 1.0;
}

/* "45.0% promoters, 30.0% passives, 25.0% detractors" */
static void put_shares(FILE *fp, const nps_shares *s) {
  fprintf(fp, "%.1f%% promoters, %.1f%% passives, %.1f%% detractors",
          100 * s->promoters, 100 * s->passives, 100 * s->detractors);
}

static void put_arm(FILE *fp, const char *name, const nps_plan_arm *a,
                    const char *how) {
  fprintf(fp, "%s: ", name);
  put_shares(fp, &a->shares);
  fprintf(fp, "%s\n  NPS %.1f, V = %.4f\n", how, 100 * a->nps, a->var);
}

static void print_baseline(FILE *fp, const plan_view *p) {
  char how[200];
  if (p->baseline_given == PLAN_GIVEN_PERCENT)
    snprintf(how, sizeof how, " (given in percent)");
  else if (p->baseline_given == PLAN_GIVEN_COUNTS)
    snprintf(how, sizeof how, " (from counts, %.0f answers)", p->baseline_n);
  else
    snprintf(how, sizeof how, " (from %.120s, %.0f answers)", p->from,
             p->baseline_n);
  put_arm(fp, "baseline", &p->res->baseline, how);
}

static const char *direction(double d) {
  return d >= 0 ? "rise" : "fall";
}

static void print_second(FILE *fp, const plan_view *p) {
  const nps_plan *r = p->res;
  if (r->how == NPS_PLAN_SECOND_NONE)
    return;
  if (r->how == NPS_PLAN_SECOND_EXPECTED) {
    put_arm(fp, "expected", &r->second, " (--expected)");
    fprintf(fp,
            "  difference %+.1f points; design effect %.3f (the size "
            "against assuming\n  the baseline's spread in both arms)\n",
            100 * (r->second.nps - r->baseline.nps), r->design_effect);
    return;
  }
  double d = r->second.nps - r->baseline.nps;
  const char *to = d >= 0 ? "promoters" : "detractors";
  put_arm(fp, "second arm", &r->second, "");
  fprintf(fp, "  the baseline after a %.1f-point %s %s:\n  ", fabs(100 * d),
          direction(d), source_words(r->shift_used, d >= 0));
  if (r->moved_from_opposite > 0)
    fprintf(fp, "%.1f%% of answers from %s to %s%s",
            100 * r->moved_from_opposite, d >= 0 ? "detractors" : "promoters",
            to, r->moved_from_passives > 0 ? ",\n  " : "");
  if (r->moved_from_passives > 0)
    fprintf(fp, "%.1f%% %sfrom passives to %s", 100 * r->moved_from_passives,
            r->moved_from_opposite > 0 ? "" : "of answers ", to);
  if (r->shift == NPS_SHIFT_ANY)
    fputs("\n  (--shift any: the source that needs the most answers)\n", fp);
  else
    fprintf(fp, "\n  (--shift %s)\n", plan_shift_name(r->shift));
}

/* "  power at that size if the rise came from detractors 84.9%, ..." */
static void print_by_source(FILE *fp, const nps_plan *r) {
  static const char *const name[3] = {"detractors", "passives", "both"};
  if (r->how != NPS_PLAN_SECOND_SHIFT)
    return;
  fprintf(fp, "  power at that size if the %s came from\n ",
          direction(r->diff));
  for (int i = 0; i < 3; i++) {
    fprintf(fp, "%s%s ", i ? ", " : " ", name[i]);
    if (isnan(r->power_by_source[i]))
      fputs("n/a", fp);
    else
      fprintf(fp, "%.1f%%", 100 * r->power_by_source[i]);
  }
  fputs("\n", fp);
}

static void print_test(FILE *fp, const nps_plan *r) {
  if (r->mode == NPS_PLAN_MARGIN) {
    fprintf(fp, "interval: Wald, %g%% level (1 - alpha)\n",
            100 * (1 - r->alpha));
    return;
  }
  fprintf(fp, "test: z test of the difference, %s, alpha %g, power %g%%",
          nps_alternative_name(r->alternative), r->alpha, 100 * r->power);
  if (r->paired)
    fprintf(fp,
            ";"
            "\n  paired, correlation %g",
            r->correlation);
  else if (r->ratio != 1.0)
    fprintf(fp, "; n2 = %g n1", r->ratio);
  fputs("\n", fp);
}

/* "z_{1-alpha/2}" or "z_{1-alpha}". */
static const char *z_name(const nps_plan *r) {
  return r->sides == 2 ? "z_{1-alpha/2}" : "z_{1-alpha}";
}

static void print_var_term(FILE *fp, const nps_plan *r) {
  if (r->paired)
    fprintf(fp, "%.4f", r->var_term);
  else
    fprintf(fp, "(%.4f + %.4f / %g)", r->baseline.var, r->second.var, r->ratio);
}

/* The paired variance of a difference with its numbers. */
static void print_paired_term(FILE *fp, const nps_plan *r) {
  if (r->paired)
    fprintf(fp,
            "  where V1 + V2 - 2 r sqrt(V1 V2) = %.4f + %.4f - 2 (%g) "
            "sqrt(%.4f x %.4f)"
            "\n                                  = %.4f"
            "\n",
            r->baseline.var, r->second.var, r->correlation, r->baseline.var,
            r->second.var, r->var_term);
}

static void print_formula(FILE *fp, const nps_plan *r) {
  const char *t = r->paired ? "(V1 + V2 - 2 r sqrt(V1 V2))" : "(V1 + V2 / r)";
  if (r->mode == NPS_PLAN_MARGIN) {
    fprintf(fp,
            "formula: n = z_{1-alpha/2}^2 V / E^2\n"
            "       = %.3f^2 x %.4f / %.3f^2 = %.1f\n",
            r->z_alpha, r->baseline.var, r->margin, r->n1);
    return;
  }
  if (r->mode == NPS_PLAN_SIZE) {
    fprintf(fp, "formula: %s = (%s + z_{power})^2 %s / d^2%s\n",
            r->paired ? "n" : "n1", z_name(r), t,
            r->paired ? "" : ", n2 = r n1");
    fprintf(fp, "       = (%.3f + %.3f)^2 ", r->z_alpha, r->z_power);
    print_var_term(fp, r);
    fprintf(fp, " / %.3f^2 = %.1f\n", fabs(r->diff), r->n1);
    print_paired_term(fp, r);
    return;
  }
  fprintf(fp, "formula: d = (%s + z_{power}) sqrt(%s)\n", z_name(r),
          r->paired ? "(V1 + V2 - 2 r sqrt(V1 V2)) / n" : "V1 / n1 + V2 / n2");
  if (r->how == NPS_PLAN_SECOND_SHIFT)
    fputs("  with V2 that of the baseline moved by d itself (solved for d)\n",
          fp);
  print_paired_term(fp, r);
}

static void print_answer(FILE *fp, const nps_plan *r) {
  if (r->mode == NPS_PLAN_MARGIN) {
    fprintf(fp, "answer: %.0f answers for NPS +-%.1f points\n", r->n1_planned,
            100 * r->margin);
    return;
  }
  if (r->mode == NPS_PLAN_SIZE) {
    if (r->paired)
      fprintf(fp, "answer: %.0f respondents, each answering twice",
              r->n1_planned);
    else if (equal_arms(r))
      fprintf(fp, "answer: %.0f answers per arm, %.0f in all", r->n1_planned,
              2 * r->n1_planned);
    else
      fprintf(fp, "answer: n1 = %.0f (baseline arm), n2 = %.0f, %.0f in all",
              r->n1_planned, r->n2_planned, r->n1_planned + r->n2_planned);
    fprintf(fp, ",\n  to detect %+.1f points; power at that size %.1f%%\n",
            100 * r->diff, 100 * r->achieved);
    print_by_source(fp, r);
    return;
  }
  if (isnan(r->diff))
    fprintf(fp, "answer: no reachable difference is detectable with these "
                "sizes\n");
  else if (r->paired)
    fprintf(fp,
            "answer: with %.0f respondents, a change of %+.1f points is "
            "detected\n  with %g%% power\n",
            r->n1, 100 * r->diff, 100 * r->power);
  else if (equal_arms(r))
    fprintf(fp,
            "answer: with %.0f answers per arm, a change of %+.1f points "
            "is detected\n  with %g%% power\n",
            r->n1, 100 * r->diff, 100 * r->power);
  else
    fprintf(fp,
            "answer: with n1 = %.0f and n2 = %.0f, a change of %+.1f points "
            "is detected\n  with %g%% power\n",
            r->n1, r->n2, 100 * r->diff, 100 * r->power);
  if (!isnan(r->achieved))
    fprintf(fp, "  power to detect the expected %+.1f points: %.1f%%\n",
            100 * (r->second.nps - r->baseline.nps), 100 * r->achieved);
}

static void cell_size(cli_cell *x, double n) {
  if (isnan(n))
    cli_cell_copy(x, "n/a");
  else
    cli_cell_fmt(x, "%.0f", ceil(n));
}

static void cell_points(cli_cell *x, double d) {
  if (isnan(d))
    cli_cell_copy(x, "n/a");
  else
    cli_cell_fmt(x, "%.1f", 100 * d);
}

static void print_sizes(FILE *fp, const nps_plan *r, int markdown) {
  cli_cell cells[NPS_PLAN_ROWS + 1][CLI_GRID_MAX_COLS];
  int eq = equal_arms(r);
  const char *h_eq[] = {"difference", r->paired ? "respondents" : "n per arm",
                        "in all", "n for +-d interval"};
  const char *h_un[] = {"difference", "n1", "n2", "in all",
                        "n for +-d interval"};
  size_t cols = eq ? 4 : 5;
  for (size_t k = 0; k < cols; k++)
    cli_cell_copy(&cells[0][k], eq ? h_eq[k] : h_un[k]);
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_size_row *s = &r->sizes[i];
    cli_cell *c = cells[i + 1];
    size_t k = 0;
    cell_points(&c[k++], s->diff);
    cell_size(&c[k++], s->n1);
    if (!eq)
      cell_size(&c[k++], s->n2);
    cell_size(&c[k++], r->paired || isnan(s->n1)
                           ? s->n1
                           : ceil(s->n1) + (eq ? ceil(s->n1) : ceil(s->n2)));
    cell_size(&c[k], s->n_margin);
  }
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  fprintf(fp, "\n%sAnswers needed by difference (points)%s\n%s",
          markdown ? "**" : "", markdown ? "**" : "", markdown ? "\n" : "");
  cli_grid(fp, cells, NPS_PLAN_ROWS + 1, cols, left, markdown);
}

static void print_diffs(FILE *fp, const nps_plan *r, int markdown) {
  cli_cell cells[NPS_PLAN_ROWS + 1][CLI_GRID_MAX_COLS];
  int eq = equal_arms(r);
  const char *h_eq[] = {r->paired ? "respondents" : "n per arm", "detectable",
                        "+- interval"};
  const char *h_un[] = {"n1", "n2", "detectable", "+- interval (n1)"};
  size_t cols = eq ? 3 : 4;
  for (size_t k = 0; k < cols; k++)
    cli_cell_copy(&cells[0][k], eq ? h_eq[k] : h_un[k]);
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_diff_row *d = &r->diffs[i];
    cli_cell *c = cells[i + 1];
    size_t k = 0;
    cli_cell_fmt(&c[k++], "%.0f", d->n1);
    if (!eq)
      cli_cell_fmt(&c[k++], "%.0f", d->n2);
    cell_points(&c[k++], fabs(d->diff));
    cell_points(&c[k], d->margin);
  }
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  fprintf(fp, "\n%sDetectable difference by size (points)%s\n%s",
          markdown ? "**" : "", markdown ? "**" : "", markdown ? "\n" : "");
  cli_grid(fp, cells, NPS_PLAN_ROWS + 1, cols, left, markdown);
}

static int print_table(FILE *fp, const void *ctx, int markdown) {
  const plan_view *p = ctx;
  const nps_plan *r = p->res;
  const char *b = markdown ? "**" : "";
  static const char *const title[] = {"answers per arm to detect a change",
                                      "the difference these answers can detect",
                                      "answers for a margin of error"};
  /* In markdown the inputs and the formula keep their lines in a code
   * block (and their ^ and _ stay literal). */
  fprintf(fp, "%sNPS plan%s: %s\n%s", b, b, title[r->mode],
          markdown ? "\n```\n" : "");
  print_baseline(fp, p);
  print_second(fp, p);
  print_test(fp, r);
  print_formula(fp, r);
  print_answer(fp, r);
  if (markdown)
    fputs("```\n", fp);
  print_sizes(fp, r, markdown);
  print_diffs(fp, r, markdown);
  fprintf(fp,
          "\n%s%s%s"
          "Sizes are for a z test of the difference (normal "
          "approximation); compare's\ndefault is the studentized "
          "permutation test, whose power at these sizes\ndocs/methods.md "
          "(\"Planning\") measures. Round sizes up; add for "
          "non-response.\n",
          r->note ? "note: " : "", r->note ? r->note : "", r->note ? "\n" : "");
  return 0;
}

static void print_csv(FILE *fp, const void *ctx) {
  const nps_plan *r = ((const plan_view *)ctx)->res;
  const char *shift =
      r->how == NPS_PLAN_SECOND_NONE || r->how == NPS_PLAN_SECOND_EXPECTED
          ? ""
          : plan_shift_name(r->shift);
  fputs("row,difference,n1,n2,power,margin,n_margin,shift\n", fp);
  fputs("answer", fp);
  cli_csv_num(fp, 100 * r->diff);
  cli_csv_num(fp, r->mode == NPS_PLAN_DETECTABLE ? r->n1 : r->n1_planned);
  cli_csv_num(fp, r->mode == NPS_PLAN_SIZE         ? r->n2_planned
                  : r->mode == NPS_PLAN_DETECTABLE ? r->n2
                                                   : NAN);
  cli_csv_num(fp, r->mode == NPS_PLAN_SIZE ? r->achieved : r->power);
  cli_csv_num(fp, r->mode == NPS_PLAN_MARGIN ? 100 * r->margin : NAN);
  cli_csv_num(fp, r->mode == NPS_PLAN_MARGIN ? r->n1 : NAN);
  fprintf(fp, ",%s\n", shift);
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_size_row *s = &r->sizes[i];
    fputs("size", fp);
    cli_csv_num(fp, 100 * s->diff);
    cli_csv_num(fp, s->n1);
    cli_csv_num(fp, s->n2);
    cli_csv_num(fp, r->power);
    cli_csv_num(fp, 100 * s->diff);
    cli_csv_num(fp, s->n_margin);
    fprintf(fp, ",%s\n", shift);
  }
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_diff_row *d = &r->diffs[i];
    fputs("detectable", fp);
    cli_csv_num(fp, 100 * d->diff);
    cli_csv_num(fp, d->n1);
    cli_csv_num(fp, d->n2);
    cli_csv_num(fp, r->power);
    cli_csv_num(fp, 100 * d->margin);
    cli_csv_num(fp, d->n1);
    fprintf(fp, ",%s\n", shift);
  }
}

static void json_arm(cli_json *w, const char *key, const nps_plan_arm *a) {
  cli_json_open(w, key, '{');
  cli_json_dbl(w, "promoters", a->shares.promoters);
  cli_json_dbl(w, "passives", a->shares.passives);
  cli_json_dbl(w, "detractors", a->shares.detractors);
  cli_json_dbl(w, "nps", 100 * a->nps);
  cli_json_dbl(w, "variance", a->var);
}

static void json_inputs(cli_json *w, const plan_view *p) {
  const nps_plan *r = p->res;
  json_arm(w, "baseline", &r->baseline);
  cli_json_str(w, "given_as", given_name(p->baseline_given));
  if (p->baseline_given != PLAN_GIVEN_PERCENT)
    cli_json_dbl(w, "n", p->baseline_n);
  if (p->from)
    cli_json_str(w, "input", p->from);
  cli_json_close(w, '}', 0);
  cli_json_nl(w);
  if (r->how == NPS_PLAN_SECOND_NONE) {
    cli_json_raw(w, "second", "null");
  } else {
    json_arm(w, "second", &r->second);
    cli_json_str(w, "formed_by",
                 r->how == NPS_PLAN_SECOND_EXPECTED ? "expected" : "shift");
    if (r->how == NPS_PLAN_SECOND_SHIFT) {
      cli_json_dbl(w, "moved_between_detractors_and_promoters",
                   r->moved_from_opposite);
      cli_json_dbl(w, "moved_from_passives", r->moved_from_passives);
      cli_json_nl(w);
      cli_json_str(w, "shift", plan_shift_name(r->shift));
      cli_json_str(w, "shift_used", plan_shift_name(r->shift_used));
    }
    cli_json_close(w, '}', 0);
  }
}

static void json_test(cli_json *w, const nps_plan *r) {
  cli_json_open(w, "test", '{');
  cli_json_str(w, "test",
               r->mode == NPS_PLAN_MARGIN ? "wald interval" : "z test");
  cli_json_str(w, "alternative", nps_alternative_name(r->alternative));
  cli_json_dbl(w, "alpha", r->alpha);
  cli_json_dbl(w, "power", r->power);
  cli_json_dbl(w, "ratio", r->ratio);
  cli_json_bool(w, "paired", r->paired);
  if (r->paired)
    cli_json_dbl(w, "correlation", r->correlation);
  cli_json_nl(w);
  cli_json_dbl(w, "z_alpha", r->z_alpha);
  cli_json_dbl(w, "z_power", r->z_power);
  cli_json_dbl(w, "variance_term", r->var_term);
  cli_json_dbl(w, "design_effect", r->design_effect);
  cli_json_close(w, '}', 0);
}

static void json_answer(cli_json *w, const nps_plan *r) {
  cli_json_open(w, "answer", '{');
  cli_json_dbl(w, "difference", 100 * r->diff);
  cli_json_dbl(w, "margin", 100 * r->margin);
  cli_json_dbl(w, "n1", r->n1);
  cli_json_dbl(w, "n2", r->mode == NPS_PLAN_MARGIN ? NAN : r->n2);
  cli_json_nl(w);
  cli_json_dbl(w, "n1_planned",
               r->mode == NPS_PLAN_DETECTABLE ? NAN : r->n1_planned);
  cli_json_dbl(w, "n2_planned", r->mode == NPS_PLAN_SIZE ? r->n2_planned : NAN);
  cli_json_dbl(w, "achieved_power", r->achieved);
  if (r->mode == NPS_PLAN_SIZE && r->how == NPS_PLAN_SECOND_SHIFT) {
    cli_json_nl(w);
    cli_json_open(w, "power_by_source", '{');
    cli_json_dbl(w, "detractors", r->power_by_source[0]);
    cli_json_dbl(w, "passives", r->power_by_source[1]);
    cli_json_dbl(w, "both", r->power_by_source[2]);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, '}', 0);
}

static void json_rows(cli_json *w, const nps_plan *r) {
  cli_json_open(w, "sizes", '[');
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_size_row *s = &r->sizes[i];
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    cli_json_dbl(w, "difference", 100 * s->diff);
    cli_json_dbl(w, "n1", s->n1);
    cli_json_dbl(w, "n2", s->n2);
    cli_json_dbl(w, "n_margin", s->n_margin);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, ']', 1);
  cli_json_nl(w);
  cli_json_open(w, "detectable", '[');
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    const nps_plan_diff_row *d = &r->diffs[i];
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    cli_json_dbl(w, "n1", d->n1);
    cli_json_dbl(w, "n2", d->n2);
    cli_json_dbl(w, "difference", 100 * d->diff);
    cli_json_dbl(w, "margin", 100 * d->margin);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, ']', 1);
}

static void print_json(cli_json *w, const void *ctx) {
  const plan_view *p = ctx;
  const nps_plan *r = p->res;
  cli_json_open(w, NULL, '{');
  cli_json_nl(w);
  cli_json_str(w, "command", "plan");
  cli_json_str(w, "mode", mode_name(r->mode));
  cli_json_str(w, "scale", "points");
  cli_json_nl(w);
  json_inputs(w, p);
  cli_json_nl(w);
  json_test(w, r);
  cli_json_nl(w);
  json_answer(w, r);
  cli_json_nl(w);
  json_rows(w, r);
  cli_json_nl(w);
  cli_json_str(w, "note", r->note);
  cli_json_close(w, '}', 1);
}

nps_status plan_write_chart(FILE *fp, const nps_plot_target *t,
                            const void *ctx) {
  const plan_view *p = ctx;
  const nps_plan *r = p->res;
  nps_plot_series series[NPS_PLAN_CURVES];
  char label[NPS_PLAN_CURVES][48];
  for (size_t k = 0; k < r->n_curves; k++) {
    const nps_plan_curve *c = &r->curves[k];
    snprintf(label[k], sizeof label[k], "%+.1f points", 100 * c->diff);
    series[k] = (nps_plot_series){label[k], strlen(label[k]), r->grid,
                                  c->power, NPS_PLAN_GRID,    NAN};
    if (c->n_needed >= r->grid[0] && c->n_needed <= r->grid[NPS_PLAN_GRID - 1])
      series[k].mark = ceil(c->n_needed);
  }
  char title[120], note[160], method[120], sub[256];
  snprintf(title, sizeof title,
           "Answers per arm needed to detect a change from NPS %+.1f",
           100 * r->baseline.nps);
  snprintf(note, sizeof note,
           "starting from %.0f%% promoters, %.0f%% passives, %.0f%% "
           "detractors; %s",
           100 * r->baseline.shares.promoters,
           100 * r->baseline.shares.passives,
           100 * r->baseline.shares.detractors,
           r->paired         ? "paired"
           : r->ratio == 1.0 ? "equal arms"
                             : "unequal arms (n2 = ratio n1)");
  snprintf(method, sizeof method, "z test, %s; V = %.4f%s%s",
           nps_alternative_name(r->alternative), r->baseline.var,
           r->how == NPS_PLAN_SECOND_SHIFT ? "; shift " : "",
           r->how == NPS_PLAN_SECOND_SHIFT ? plan_shift_name(r->shift) : "");
  nps_plot_info info = {.title = title,
                        .source = p->from,
                        .method = method,
                        .level = 1.0 - r->alpha,
                        .note = note};
  cli_chart_info(p->opt, &info, sub, sizeof sub);
  if (r->n_curves == 0)
    return NPS_EINVAL;
  return nps_plot_power(fp, t, &info, NPS_PLOT_POWER_VS_N, r->power, series,
                        r->n_curves);
}

void plan_view_init(const plan_view *p, cli_view *v) {
  *v = (cli_view){
      .ctx = p, .table = print_table, .csv = print_csv, .json = print_json};
  cli_view_chart(v, p->opt->plot, plan_write_chart, p);
}
