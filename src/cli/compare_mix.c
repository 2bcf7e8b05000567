/*
 * compare_mix.c - how `compare --adjust-for COL` shows the comparison at
 * one mix: the strata with both samples' shares and the standard's
 * weights, both samples' NPS at that mix, the standardized difference
 * with its interval and p, and the part of the raw change that the mix
 * accounts for; the same as CSV and JSON fields. Formats the analysis's
 * nps_standardized; decides nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_view.h"
#include "grid.h"
#include "json.h"
#include "output.h"

/* share of the sample's answers in the standard's strata */
static double share(const nps_standardized *s, const nps_stratum *st, int g) {
  uint64_t all = 0;
  for (size_t k = 0; k < s->n_strata; k++)
    all += nps_counts_total(&s->strata[k].counts[g]);
  return all ? (double)nps_counts_total(&st->counts[g]) / (double)all : NAN;
}

static void points_cell(cli_cell *x, double v) {
  if (isnan(v))
    cli_cell_copy(x, "-");
  else
    cli_cell_fmt(x, "%.1f", 100.0 * v);
}

static void stratum_cells(const nps_standardized *s, const nps_stratum *st,
                          cli_cell *c) {
  cli_cell_text(&c[0], st->key, st->key_len);
  for (int g = 0; g < 2; g++) {
    cli_cell_u64(&c[1 + g], nps_counts_total(&st->counts[g]));
    cli_cell_fmt(&c[3 + g], "%.1f%%", 100.0 * share(s, st, g));
    points_cell(&c[6 + g], st->nps[g]);
  }
  if (st->in_standard)
    cli_cell_fmt(&c[5], "%.1f%%", 100.0 * st->weight);
  else
    cli_cell_copy(&c[5], "left out");
}

static int print_strata(FILE *fp, const compare_view *cv, int md) {
  const nps_standardized *s = cv->res->standardized;
  size_t rows = s->n_strata + 1;
  cli_cell(*cells)[CLI_GRID_MAX_COLS] = calloc(rows, sizeof *cells);
  if (!cells)
    return -1;
  char h[8][96];
  snprintf(h[0], sizeof h[0], "%s", cv->adjust_for);
  for (int g = 0; g < 2; g++) {
    snprintf(h[1 + g], sizeof h[1], "n %s", cv->label[g]);
    snprintf(h[3 + g], sizeof h[3], "mix %s", cv->label[g]);
    snprintf(h[6 + g], sizeof h[6], "NPS %s", cv->label[g]);
  }
  snprintf(h[5], sizeof h[5], "standard");
  for (size_t k = 0; k < 8; k++)
    cli_cell_copy(&cells[0][k], h[k]);
  for (size_t i = 0; i < s->n_strata; i++)
    stratum_cells(s, &s->strata[i], cells[i + 1]);
  unsigned char left[CLI_GRID_MAX_COLS] = {1};
  cli_grid(fp, cells, rows, 8, left, md);
  free(cells);
  return 0;
}

/* "the change of mix accounts for +0.3 of the +10.9 points" */
static void print_mix_share(FILE *fp, const nps_standardized *s) {
  char mix[40], raw[40];
  cli_signed_points(mix, sizeof mix, s->mix);
  cli_signed_points(raw, sizeof raw, s->raw_diff);
  fprintf(fp,
          "the change of mix accounts for %s of the %s points of raw "
          "difference",
          mix, raw);
  if (fabs(s->raw_diff) >= 0.005 && s->mix * s->raw_diff >= 0.0 &&
      fabs(s->mix) <= fabs(s->raw_diff))
    fprintf(fp, " (%.0f%%)", 100.0 * s->mix / s->raw_diff);
  fputc('\n', fp);
}

int compare_print_mix(FILE *fp, const compare_view *cv, int md) {
  const nps_standardized *s = cv->res->standardized;
  fprintf(fp,
          "\nadjusted for %s: both samples at one mix, the pooled mix "
          "of both (direct standardization)\n",
          cv->adjust_for);
  if (!s) {
    fprintf(fp,
            "not possible: no value of %s has answers in both "
            "samples\n",
            cv->adjust_for);
    return 0;
  }
  fputc('\n', fp);
  if (print_strata(fp, cv, md) != 0)
    return -1;
  char a[40], b[40], ci[80], p[40];
  const nps_test2_result *t = &s->test;
  cli_signed_points(b, sizeof b, t->diff);
  cli_fmt_ci(ci, sizeof ci, t->ci.lo, t->ci.hi);
  cli_fmt_p_phrase(p, sizeof p, t->p);
  fputs("\nNPS at the standard mix: ", fp);
  cli_put_str(fp, cv->label[0], md);
  fprintf(fp, " %.1f, ", 100.0 * t->nps2);
  cli_put_str(fp, cv->label[1], md);
  fprintf(fp, " %.1f\n", 100.0 * t->nps1);
  fprintf(fp,
          "%sdifference at the standard mix: %s points, %g%% CI %s, %s "
          "(Wald z test of the standardized NPS)%s\n",
          md ? "**" : "", b, 100.0 * cv->opt->level, ci, p, md ? "**" : "");
  print_mix_share(fp, s);
  if (s->left_out[0] || s->left_out[1]) {
    snprintf(a, sizeof a, "%llu", (unsigned long long)s->left_out[0]);
    fprintf(fp, "left out of the standard: %s answers of ", a);
    cli_put_str(fp, cv->label[0], md);
    fprintf(fp, " and %llu of ", (unsigned long long)s->left_out[1]);
    cli_put_str(fp, cv->label[1], md);
    fputs(" in values of ", fp);
    cli_put_str(fp, cv->adjust_for, md);
    fputs(" that the other sample lacks\n", fp);
  }
  return 0;
}

void compare_print_mix_verdict(FILE *fp, const compare_view *cv) {
  const nps_standardized *s = cv->res->standardized;
  const nps_verdict *v = &cv->res->standardized_verdict;
  if (!s)
    return;
  char d[40], ci[80], p[40];
  cli_signed_points(d, sizeof d, s->test.diff);
  cli_fmt_ci(ci, sizeof ci, s->test.ci.lo, s->test.ci.hi);
  cli_fmt_p_phrase(p, sizeof p, v->p);
  fputs("at one mix of ", fp);
  cli_put_str(fp, cv->adjust_for, 0);
  fputs(": ", fp);
  if (!v->significant)
    fputs("no significant difference between ", fp);
  cli_put_str(fp, cv->label[1], 0);
  if (v->significant)
    fprintf(fp, " is %s than ", v->direction > 0 ? "higher" : "lower");
  else
    fputs(" and ", fp);
  cli_put_str(fp, cv->label[0], 0);
  fprintf(fp, ": %s points, %g%% CI %s, %s (Wald z test)\n", d,
          100.0 * cv->opt->level, ci, p);
}

void compare_json_mix(cli_json *w, const compare_view *cv) {
  const nps_standardized *s = cv->res->standardized;
  cli_json_nl(w);
  cli_json_open(w, "adjusted_for", '{');
  cli_json_str(w, "column", cv->adjust_for);
  cli_json_str(w, "standard", "pooled mix of both samples");
  cli_json_bool(w, "possible", s != NULL);
  if (s) {
    cli_json_open(w, "strata", '[');
    for (size_t i = 0; i < s->n_strata; i++) {
      const nps_stratum *st = &s->strata[i];
      cli_json_nl(w);
      cli_json_open(w, NULL, '{');
      cli_json_strn(w, "value", st->key, st->key_len);
      cli_json_u64(w, "n_a", nps_counts_total(&st->counts[0]));
      cli_json_u64(w, "n_b", nps_counts_total(&st->counts[1]));
      cli_json_dbl(w, "nps_a", 100.0 * st->nps[0]);
      cli_json_dbl(w, "nps_b", 100.0 * st->nps[1]);
      cli_json_dbl(w, "weight", st->weight);
      cli_json_bool(w, "in_standard", st->in_standard);
      cli_json_close(w, '}', 0);
    }
    cli_json_close(w, ']', 1);
    cli_json_nl(w);
    cli_json_dbl(w, "nps_a", 100.0 * s->test.nps2);
    cli_json_dbl(w, "nps_b", 100.0 * s->test.nps1);
    cli_json_dbl(w, "difference", 100.0 * s->test.diff);
    cli_json_dbl(w, "se", 100.0 * s->test.se);
    cli_json_dbl(w, "ci_low", 100.0 * s->test.ci.lo);
    cli_json_dbl(w, "ci_high", 100.0 * s->test.ci.hi);
    cli_json_dbl(w, "z", s->test.z);
    cli_json_dbl(w, "p", s->test.p);
    cli_json_str(w, "test", "wald");
    cli_json_dbl(w, "raw_difference", 100.0 * s->raw_diff);
    cli_json_dbl(w, "mix_accounts_for", 100.0 * s->mix);
    cli_json_u64(w, "left_out_a", s->left_out[0]);
    cli_json_u64(w, "left_out_b", s->left_out[1]);
    cli_json_bool(w, "significant", cv->res->standardized_verdict.significant);
  }
  cli_json_close(w, '}', 1);
}

/* One side of the CSV row: label, answers in the standard, the NPS at
 * the standard mix; the columns of counts, interval and missing empty. */
static void csv_mix_side(FILE *fp, const compare_view *cv, int g) {
  const nps_standardized *s = cv->res->standardized;
  uint64_t n = 0;
  for (size_t k = 0; k < s->n_strata; k++)
    if (s->strata[k].in_standard)
      n += nps_counts_total(&s->strata[k].counts[g]);
  fputc(',', fp);
  cli_csv_field(fp, cv->label[g], strlen(cv->label[g]));
  fprintf(fp, ",%llu,,,", (unsigned long long)n);
  cli_csv_num(fp, 100.0 * (g ? s->test.nps1 : s->test.nps2));
  fputs(",,,", fp);
}

void compare_csv_mix(FILE *fp, const compare_view *cv) {
  const nps_standardized *s = cv->res->standardized;
  if (!s)
    return;
  const nps_test2_result *t = &s->test;
  fputs("standardized", fp);
  csv_mix_side(fp, cv, 0);
  csv_mix_side(fp, cv, 1);
  fputc(',', fp);
  cli_csv_num(fp, 100.0 * t->diff);
  cli_csv_num(fp, 100.0 * t->ci.lo);
  cli_csv_num(fp, 100.0 * t->ci.hi);
  cli_csv_num(fp, 100.0 * t->diff);
  fputs(",Wald,wald,", fp);
  fputs(nps_alternative_name(t->alternative), fp);
  cli_csv_num(fp, t->z);
  cli_csv_num(fp, 100.0 * t->se);
  cli_csv_num(fp, t->p);
  cli_csv_num(fp, 0.0);
  cli_csv_num(fp, t->p);
  fputs(",none", fp);
  cli_csv_num(fp, cv->opt->level);
  fprintf(fp, ",%zu,%lu,,%s,", cv->opt->boot, cv->opt->seed,
          cv->res->standardized_verdict.significant ? "significant"
                                                    : "not significant");
  char note[200];
  snprintf(note, sizeof note,
           "at the pooled mix of %s; raw difference %.17g, the mix accounts "
           "for %.17g",
           cv->adjust_for, 100.0 * s->raw_diff, 100.0 * s->mix);
  cli_csv_field(fp, note, strlen(note));
  fputc('\n', fp);
}
