/*
 * compare_data.c - a comparison as data: CSV, one row per comparison
 * (overall, segments, every test beside the overall one), and JSON with
 * everything the table shows at full precision. Formats an nps_compare;
 * decides nothing.
 */
#include <math.h>
#include <string.h>

#include "common.h"
#include "compare_view.h"
#include "json.h"
#include "output.h"

static void csv_str(FILE *fp, const char *s) {
  fputc(',', fp);
  if (s)
    cli_csv_field(fp, s, strlen(s));
}

static const char *test_name(const compare_view *cv, const nps_compare_row *r) {
  (void)cv;
  return nps_test2_method_name(r->test.method);
}

static const char *row_note(const nps_compare_row *r) {
  if (!r->verdict.tested)
    return compare_untested_reason(r->untested);
  return r->test.note ? r->test.note : r->diff_ci.note;
}

static void csv_side(FILE *fp, const compare_view *cv, const nps_compare_row *r,
                     int s) {
  const nps_compare_side *x = &r->side[s];
  csv_str(fp, cv->label[s]);
  fprintf(fp, ",%llu,%llu,%llu,%llu", (unsigned long long)x->est.n,
          (unsigned long long)x->counts.promoters,
          (unsigned long long)x->counts.passives,
          (unsigned long long)x->counts.detractors);
  cli_csv_num(fp, x->est.n ? 100 * x->est.nps : NAN);
  cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.lo : NAN);
  cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.hi : NAN);
  fprintf(fp, ",%llu", (unsigned long long)x->missing);
}

static void csv_row(FILE *fp, const compare_view *cv,
                    const nps_compare_row *r) {
  const cli_common *c = cv->opt;
  int tested = r->verdict.tested;
  fputs(r->key ? "segment" : "overall", fp);
  cli_csv_key(fp, r->key, r->key_len, c->n_by);
  csv_side(fp, cv, r, 0);
  csv_side(fp, cv, r, 1);
  fprintf(fp, ",%s", nps_ci_method_name(c->ci));
  cli_csv_num(fp, 100 * r->diff);
  cli_csv_num(fp, 100 * r->diff_ci.iv.lo);
  cli_csv_num(fp, 100 * r->diff_ci.iv.hi);
  cli_csv_num(fp, 100 * r->diff_ci.centre);
  csv_str(fp, tested ? compare_diff_ci_label(r) : NULL);
  cli_csv_num(fp, tested ? r->ci_level : NAN);
  csv_str(fp, tested ? test_name(cv, r) : NULL);
  fprintf(fp, ",%s", nps_alternative_name(cv->analysis.alternative));
  cli_csv_num(fp, tested ? r->test.z : NAN);
  cli_csv_num(fp, tested ? 100 * r->test.se : NAN);
  cli_csv_num(fp, tested ? r->test.p : NAN);
  cli_csv_num(fp, tested ? r->test.p_mc_se : NAN);
  cli_csv_num(fp, r->p_adjusted);
  fprintf(fp, ",%s",
          r->key ? nps_multi_method_name(cv->analysis.adjust) : "none");
  cli_csv_num(fp, c->level);
  fprintf(fp, ",%zu,%lu", c->boot, c->seed);
  cli_csv_num(fp, 100 * r->mdd);
  csv_str(fp, compare_verdict_class(&r->verdict));
  csv_str(fp, row_note(r));
  fputc('\n', fp);
}

void compare_print_csv(FILE *fp, const void *ctx) {
  const compare_view *cv = ctx;
  fputs("row", fp);
  for (size_t i = 0; i < cv->opt->n_by; i++)
    csv_str(fp, cv->opt->by[i]);
  fputs(",label_a,n_a,promoters_a,passives_a,detractors_a,nps_a,ci_low_a,"
        "ci_high_a,missing_a,label_b,n_b,promoters_b,passives_b,detractors_b,"
        "nps_b,ci_low_b,ci_high_b,missing_b,sample_ci_method,difference,"
        "diff_ci_low,diff_ci_high,diff_ci_centre,diff_ci_method,diff_ci_level,"
        "test,"
        "alternative,z,se,p,p_mc_se,p_adjusted,adjust,level,boot,seed,mdd80,"
        "verdict,note\n",
        fp);
  for (size_t i = 0; i < cv->res->n_rows; i++)
    csv_row(fp, cv, &cv->res->rows[i]);
  if (cv->adjust_for)
    compare_csv_mix(fp, cv);
}

/* ---- json ---- */

static void json_side(cli_json *w, const compare_view *cv,
                      const nps_compare_side *x, int s) {
  cli_json_open(w, NULL, '{');
  cli_json_str(w, "label", cv->label[s]);
  cli_json_counts(w, x->est.n, &x->counts, x->missing);
  cli_json_dbl(w, "nps", x->est.n ? 100 * x->est.nps : NAN);
  cli_json_dbl(w, "se", x->est.n ? 100 * x->est.se : NAN);
  cli_json_ci(w, x->has_ci, &x->ci);
  cli_json_close(w, '}', 0);
}

static void json_test(cli_json *w, const compare_view *cv,
                      const nps_compare_row *r) {
  if (!r->verdict.tested) {
    cli_json_raw(w, "test", "null");
    return;
  }
  cli_json_open(w, "test", '{');
  cli_json_str(w, "method", test_name(cv, r));
  cli_json_dbl(w, "z", r->test.z);
  cli_json_dbl(w, "se", 100 * r->test.se);
  cli_json_dbl(w, "p", r->test.p);
  cli_json_dbl(w, "p_mc_se", r->test.p_mc_se);
  cli_json_dbl(w, "p_adjusted", r->p_adjusted);
  cli_json_str(w, "note", r->test.note);
  cli_json_close(w, '}', 0);
}

/* What made a verdict borderline: the interval, or another test and its
 * p; null otherwise. */
static void json_conflict(cli_json *w, const nps_verdict *v) {
  if (v->conflict == NPS_CONFLICT_NONE) {
    cli_json_raw(w, "conflict", "null");
    return;
  }
  cli_json_open(w, "conflict", '{');
  if (v->conflict == NPS_CONFLICT_INTERVAL) {
    cli_json_str(w, "with", "interval");
  } else {
    cli_json_str(w, "with", "test");
    cli_json_str(w, "test", nps_test2_method_name(v->other_test));
    cli_json_dbl(w, "p", v->other_p);
  }
  cli_json_close(w, '}', 0);
}

static void json_comparison(cli_json *w, const compare_view *cv,
                            const char *key, const nps_compare_row *r) {
  int tested = r->verdict.tested;
  cli_json_open(w, key, '{');
  cli_json_nl(w);
  cli_json_open(w, "samples", '[');
  json_side(w, cv, &r->side[0], 0);
  cli_json_nl(w);
  json_side(w, cv, &r->side[1], 1);
  cli_json_close(w, ']', 0);
  cli_json_nl(w);
  cli_json_bool(w, "tested", tested);
  cli_json_str(w, "reason", compare_untested_reason(r->untested));
  cli_json_nl(w);
  cli_json_dbl(w, "difference", 100 * r->diff);
  if (!tested) {
    cli_json_raw(w, "ci", "null");
  } else {
    cli_json_open(w, "ci", '{');
    cli_json_dbl(w, "low", 100 * r->diff_ci.iv.lo);
    cli_json_dbl(w, "high", 100 * r->diff_ci.iv.hi);
    cli_json_dbl(w, "centre", 100 * r->diff_ci.centre);
    cli_json_str(w, "method", compare_diff_ci_label(r));
    cli_json_dbl(w, "level", r->ci_level);
    cli_json_str(w, "sides",
                 cv->analysis.alternative == NPS_ALT_TWO_SIDED
                     ? "two-sided"
                     : nps_alternative_name(cv->analysis.alternative));
    cli_json_str(w, "note", r->diff_ci.note);
    cli_json_close(w, '}', 0);
  }
  cli_json_nl(w);
  json_test(w, cv, r);
  cli_json_nl(w);
  cli_json_dbl(w, "mdd80", 100 * r->mdd);
  cli_json_str(w, "mdd80_variance",
               !tested           ? NULL
               : r->mdd_adjusted ? "adjusted-wald"
                                 : "plug-in");
  cli_json_str(w, "verdict", compare_verdict_class(&r->verdict));
  json_conflict(w, &r->verdict);
  cli_json_close(w, '}', 1);
}

static void json_tests(cli_json *w, const compare_view *cv) {
  cli_json_open(w, "tests", '[');
  for (size_t i = 0; i < cv->res->n_tests; i++) {
    const nps_compare_test *t = &cv->res->tests[i];
    int ok = t->status == NPS_OK;
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    cli_json_str(w, "method", nps_test2_method_name(t->method));
    cli_json_str(w, "status", ok ? "ok" : nps_strerror(t->status));
    cli_json_dbl(w, "difference", ok ? 100 * t->res.diff : NAN);
    cli_json_dbl(w, "se", ok ? 100 * t->res.se : NAN);
    /* The interval the table shows: of the alternative (a one-sided
     * bound for greater and less), agreeing with p. */
    nps_interval iv = cv->res->paired ? t->res.ci : t->res.ci_alt;
    cli_json_dbl(w, "ci_low", ok ? 100 * iv.lo : NAN);
    cli_json_dbl(w, "ci_high", ok ? 100 * iv.hi : NAN);
    cli_json_dbl(w, "p", ok ? t->res.p : NAN);
    cli_json_dbl(w, "p_mc_se", ok ? t->res.p_mc_se : NAN);
    if (t->method == NPS_TEST2_SIGN_FLIP)
      cli_json_dbl(w, "p_mid", ok ? t->res.p_mid : NAN);
    if (t->method == NPS_TEST2_PAIRED)
      cli_json_str(w, "reason",
                   ok && isnan(t->res.p)
                       ? compare_untested_reason(NPS_UNTESTED_NO_SPREAD)
                       : NULL);
    else if (ok && isnan(t->res.p) && t->res.note)
      cli_json_str(w, "reason", t->res.note); /* no spread: no p */
    if (t->method == NPS_TEST2_PERMUTATION)
      cli_json_bool(w, "exact", ok && t->res.exact);
    if (t->method == NPS_TEST2_BOOTSTRAP || t->method == NPS_TEST2_PERMUTATION)
      cli_json_u64(w, "draws", ok ? t->res.draws : 0);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, ']', cv->res->n_tests > 0);
}

static void json_verdict(cli_json *w, const compare_view *cv) {
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (!mem) {
    cli_json_raw(w, "verdict", "null");
    return;
  }
  compare_print_verdict(mem, cv, nps_compare_overall(cv->res));
  fclose(mem);
  cli_json_strn(w, "verdict", text, len);
  free(text);
}

static void json_paired(cli_json *w, const compare_view *cv) {
  const nps_compare *res = cv->res;
  cli_json_nl(w);
  cli_json_open(w, "paired", '{');
  cli_json_str(w, "id_column", cv->id_column);
  cli_json_u64(w, "matched", nps_compare_overall(cv->res)->side[0].est.n);
  cli_json_open(w, "unmatched", '[');
  cli_json_u64(w, NULL, res->unmatched[0]);
  cli_json_u64(w, NULL, res->unmatched[1]);
  cli_json_close(w, ']', 0);
  cli_json_open(w, "no_id", '[');
  cli_json_u64(w, NULL, res->no_id[0]);
  cli_json_u64(w, NULL, res->no_id[1]);
  cli_json_close(w, ']', 0);
  cli_json_open(w, "transitions_a_by_b", '[');
  for (int b = 0; b < 3; b++) {
    cli_json_open(w, NULL, '[');
    for (int a = 0; a < 3; a++)
      cli_json_u64(w, NULL, res->pairs.count[a][b]);
    cli_json_close(w, ']', 0);
  }
  cli_json_close(w, ']', 0);
  cli_json_close(w, '}', 0);
}

/* Two files read with different score columns (--a-score, --b-score, or
 * one read as counts): each file's, in input order, after score_column
 * (the first file's). Absent when they agree. */
static void json_score_columns(cli_json *w, const compare_view *cv) {
  const nps_csvin_report *rp = cv->report;
  if (!cv->path[1] || strcmp(rp[0].score_column, rp[1].score_column) == 0)
    return;
  const char *names[2] = {rp[0].score_column, rp[1].score_column};
  cli_json_strings(w, "score_columns", names, 2);
  cli_json_nl(w);
}

static void json_head(cli_json *w, const compare_view *cv) {
  const cli_common *c = cv->opt;
  const nps_compare_options *o = &cv->analysis;
  cli_json_open(w, "inputs", '[');
  for (int i = 0; i < 2 && cv->path[i]; i++)
    cli_json_str(w, NULL, cv->path[i]);
  cli_json_close(w, ']', 0);
  cli_json_nl(w);
  cli_json_str(w, "arm_column", cv->arm_column);
  cli_json_nl(w);
  cli_json_open(w, "labels", '[');
  cli_json_str(w, NULL, cv->label[0]);
  cli_json_str(w, NULL, cv->label[1]);
  cli_json_close(w, ']', 0);
  cli_json_nl(w);
  cli_json_str(w, "difference_of", "B - A (points)");
  cli_json_nl(w);
  cli_json_str(w, "score_column", cv->report[0].score_column);
  cli_json_nl(w);
  json_score_columns(w, cv);
  cli_json_str(
      w, "test",
      nps_test2_method_name(cv->res->paired ? o->paired_test : o->test));
  cli_json_str(w, "alternative", nps_alternative_name(o->alternative));
  cli_json_dbl(w, "level", c->level);
  cli_json_u64(w, "boot", c->boot);
  cli_json_u64(w, "seed", c->seed);
  cli_json_nl(w);
  cli_json_str(w, "sample_ci_method", nps_ci_method_name(c->ci));
  cli_json_u64(w, "min_n", c->min_n);
  cli_json_str(w, "adjust", nps_multi_method_name(o->adjust));
}

static void json_segments(cli_json *w, const compare_view *cv) {
  const cli_common *c = cv->opt;
  cli_json_nl(w);
  cli_json_strings(w, "by", c->by, c->n_by);
  cli_json_nl(w);
  cli_json_open(w, "segments", '[');
  for (size_t i = 0; i + 1 < cv->res->n_rows; i++) {
    const nps_compare_row *r = &cv->res->rows[i];
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    cli_json_group(w, r->key, r->key_len, c->by, c->n_by);
    cli_json_nl(w);
    json_comparison(w, cv, "comparison", r);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, ']', cv->res->n_rows > 1);
}

void compare_print_json(cli_json *w, const void *ctx) {
  const compare_view *cv = ctx;
  cli_json_head(w, "compare", NULL, NULL);
  json_head(w, cv);
  if (cv->res->paired)
    json_paired(w, cv);
  cli_json_nl(w);
  json_comparison(w, cv, "overall", nps_compare_overall(cv->res));
  cli_json_nl(w);
  json_tests(w, cv);
  json_segments(w, cv);
  if (cv->adjust_for)
    compare_json_mix(w, cv);
  cli_json_nl(w);
  json_verdict(w, cv);
  cli_json_close(w, '}', 1);
}
