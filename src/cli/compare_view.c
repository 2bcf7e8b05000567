/*
 * compare_view.c - how a comparison is shown: a table for a terminal or
 * markdown with the n, the test, the level and, for bootstrap results, B
 * and the seed, closing with a one-line verdict in plain language (CSV
 * and JSON are in compare_data.c). It formats
 * an nps_compare; every decision in it (significance, direction,
 * fallbacks) was made by the analysis.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "compare_view.h"
#include "grid.h"
#include "output.h"
#include "present.h"

static const nps_compare_row *overall(const compare_view *cv) {
  return nps_compare_overall(cv->res);
}

static void put_str(FILE *fp, const char *s) {
  cli_put_text(fp, s, strlen(s), 0);
}

const char *compare_test_label(const compare_view *cv,
                               const nps_compare_row *r) {
  (void)cv;
  switch (r->test.method) {
  case NPS_TEST2_WALD:
    return "Wald z test";
  case NPS_TEST2_ADJUSTED_WALD:
    return "adjusted Wald z test";
  case NPS_TEST2_BOOTSTRAP:
    return "bootstrap test";
  case NPS_TEST2_PERMUTATION:
    return "permutation test";
  case NPS_TEST2_SIGN_FLIP:
    return "sign-flip test";
  default:
    return nps_test2_method_label(r->test.method);
  }
}

const char *compare_diff_ci_label(const nps_compare_row *r) {
  if (r->diff_ci.method_used == NPS_DIFF_CI_NONE)
    return NULL;
  if (r->diff_ci.method_used != NPS_DIFF_CI_TEST)
    return nps_diff_ci_method_label(r->diff_ci.method_used);
  return r->test.method == NPS_TEST2_PERMUTATION
             ? "test-based, from the permutation p"
         : r->test.method == NPS_TEST2_SIGN_FLIP
             ? "test-based, from the sign-flip p"
             : nps_test2_method_label(r->test.method);
}

int compare_diff_ci_is_boot(const nps_compare_row *r) {
  return r->diff_ci.method_used == NPS_DIFF_CI_BCA ||
         r->diff_ci.method_used == NPS_DIFF_CI_PERCENTILE ||
         r->diff_ci.method_used == NPS_DIFF_CI_BOOT_T;
}

const char *compare_untested_reason(nps_compare_untested u) {
  switch (u) {
  case NPS_UNTESTED_EMPTY:
    return "a sample has no answers";
  case NPS_UNTESTED_SMALL:
    return "n below --min-n";
  case NPS_UNTESTED_FEW_PAIRS:
    return "too few matched respondents";
  case NPS_UNTESTED_NO_SPREAD:
    return "no spread in the differences: z test undefined";
  default:
    return NULL;
  }
}

void compare_fmt_ci_level(char *buf, size_t size, const compare_view *cv,
                          double level) {
  if (!(level > 0.0) || level == cv->opt->level)
    snprintf(buf, size, "%g%%", 100.0 * cv->opt->level);
  else
    snprintf(buf, size, "%.1f%%", 100.0 * level);
}

static int one_sided(const compare_view *cv) {
  return cv->analysis.alternative != NPS_ALT_TWO_SIDED;
}

void compare_fmt_diff_ci(char *buf, size_t size, const compare_view *cv,
                         const nps_compare_row *r) {
  char lv[32], ci[80];
  compare_fmt_ci_level(lv, sizeof lv, cv, r->ci_level);
  cli_fmt_ci(ci, sizeof ci, r->diff_ci.iv.lo, r->diff_ci.iv.hi);
  snprintf(buf, size, "%s %sCI %s", lv, one_sided(cv) ? "one-sided " : "", ci);
}

/* "significant", "borderline" or "not significant"; NULL untested. */
const char *compare_verdict_class(const nps_verdict *v) {
  if (!v->tested)
    return NULL;
  return v->significant                     ? "significant"
         : v->conflict != NPS_CONFLICT_NONE ? "borderline"
                                            : "not significant";
}

/* The difference, and the one its interval is built around where that is
 * another (the adjusted difference of adjusted Wald). */
static void put_difference(FILE *fp, const nps_compare_row *r) {
  char d[40], c[40];
  cli_signed_points(d, sizeof d, r->diff);
  fprintf(fp, "%s points", d);
  if (isfinite(r->diff_ci.centre) &&
      fabs(r->diff_ci.centre - r->diff) >= 0.0005) {
    cli_signed_points(c, sizeof c, r->diff_ci.centre);
    fprintf(fp, " (interval around the adjusted %s)", c);
  }
}

/* The name of row r for a message: its key components joined by ", "
 * (control characters as spaces, cut to fit), or "overall". */
void compare_row_name(char *buf, size_t size, const compare_view *cv,
                      const nps_compare_row *r) {
  if (!r->key) {
    snprintf(buf, size, "overall");
    return;
  }
  snprintf(buf, size, "segment ");
  for (size_t k = 0; k < cv->opt->n_by; k++) {
    const char *p;
    size_t len;
    cli_key_cell(r->key, r->key_len, k, &p, &len);
    if (k)
      cli_append_plain(buf, size, ", ", 2);
    cli_append_plain(buf, size, p, len);
  }
}

/* The --fail-if gate in words: what fired, or how near the family came. */
static void print_gate(FILE *fp, const compare_view *cv) {
  if (cv->fail_if == FAIL_NEVER)
    return;
  nps_gate g;
  const char *what = cv->fail_if == FAIL_DROP ? "drop" : "significant";
  if (nps_compare_gate(cv->res,
                       cv->fail_if == FAIL_DROP ? NPS_GATE_DROP
                                                : NPS_GATE_SIGNIFICANT,
                       &g) != NPS_OK)
    return;
  size_t row = g.fires ? g.row : g.nearest;
  if (row == SIZE_MAX) {
    fprintf(fp, "gate --fail-if %s: not met, no comparison %s\n", what,
            cv->fail_if == FAIL_DROP ? "fell" : "was tested");
    return;
  }
  char name[160], p[40], family[160] = "";
  compare_row_name(name, sizeof name, cv, &cv->res->rows[row]);
  cli_fmt_p_phrase(p, sizeof p, g.fires ? g.p_family : g.p_nearest);
  if (g.family > 1)
    snprintf(family, sizeof family,
             " after %s over the family of %zu comparisons (overall and "
             "segments)",
             nps_multi_method_name(cv->res->options.adjust), g.family);
  fprintf(fp, "gate --fail-if %s: ", what);
  if (g.fires) {
    fputs("met by ", fp);
    cli_put_text(fp, name, strlen(name), 0);
    fprintf(fp, ", %s%s\n", p, family);
  } else if (g.family > 1) {
    cli_fmt_p(p, sizeof p, g.p_nearest);
    fprintf(fp, "not met; the smallest p%s is %s (", family, p);
    cli_put_text(fp, name, strlen(name), 0);
    fputs(")\n", fp);
  } else {
    fputs("not met\n", fp);
  }
}

/* ---- the verdict ---- */

/* One sentence from the row's verdict: what the comparison shows, with
 * the difference, its interval and p, and (when not significant) what
 * could have been seen. */
void compare_print_verdict(FILE *fp, const compare_view *cv,
                           const nps_compare_row *r) {
  const char *a = cv->label[0], *b = cv->label[1];
  const nps_verdict *v = &r->verdict;
  nps_alternative alt = cv->analysis.alternative;
  if (!v->tested) {
    fputs("no test of ", fp);
    put_str(fp, b);
    fputs(" against ", fp);
    put_str(fp, a);
    fprintf(fp, ": %s", compare_untested_reason(r->untested));
    return;
  }
  char ci[128], p[40], mdd[40], other[40];
  compare_fmt_diff_ci(ci, sizeof ci, cv, r);
  cli_fmt_p_phrase(p, sizeof p, v->p);
  if (v->conflict != NPS_CONFLICT_NONE) {
    fputs("borderline: ", fp);
    put_str(fp, b);
    fputs(" minus ", fp);
    put_str(fp, a);
    fputs(" is ", fp);
    put_difference(fp, r);
    if (v->conflict == NPS_CONFLICT_INTERVAL) {
      /* The interval disagrees with p: it excludes 0 when p does not
       * reject, and the other way round. */
      int excludes = r->diff_ci.iv.lo > 0 || r->diff_ci.iv.hi < 0;
      fprintf(fp, "; %s (%s) is %ssignificant at %g%% but the %s (%s) %s 0", p,
              compare_test_label(cv, r), excludes ? "not " : "",
              100 * (1 - cv->opt->level), ci, compare_diff_ci_label(r),
              excludes ? "excludes" : "contains");
    } else {
      cli_fmt_p_phrase(other, sizeof other, v->other_p);
      fprintf(fp, ", %s, %s (%s) but %s (%s)", ci, p, compare_test_label(cv, r),
              other, nps_test2_method_label(v->other_test));
    }
    fputs(": the procedures disagree, no verdict either way", fp);
    return;
  }
  if (v->significant) {
    put_str(fp, b);
    fprintf(fp, " is %s than ", v->direction > 0 ? "higher" : "lower");
    put_str(fp, a);
  } else if (alt == NPS_ALT_TWO_SIDED) {
    fputs("no significant difference between ", fp);
    put_str(fp, b);
    fputs(" and ", fp);
    put_str(fp, a);
  } else {
    put_str(fp, b);
    fprintf(fp, " is not significantly %s than ",
            alt == NPS_ALT_GREATER ? "higher" : "lower");
    put_str(fp, a);
  }
  fputs(": ", fp);
  put_difference(fp, r);
  fprintf(fp, ", %s, %s (%s)", ci, p, compare_test_label(cv, r));
  if (!v->significant && !isnan(r->mdd)) {
    cli_points(mdd, sizeof mdd, r->mdd);
    fprintf(fp, "; these samples detect %s points with 80%% power%s", mdd,
            r->mdd_adjusted ? " (adjusted-Wald variances)" : "");
  }
}

/* ---- table and markdown ---- */

typedef cli_cell cell;

static void print_grid(FILE *fp, cell (*cells)[CLI_GRID_MAX_COLS], size_t rows,
                       size_t cols, const size_t *left, size_t n_left,
                       int markdown) {
  unsigned char align[CLI_GRID_MAX_COLS] = {0};
  for (size_t i = 0; i < n_left; i++)
    align[left[i]] = 1;
  cli_grid(fp, cells, rows, cols, align, markdown);
}

static void side_cells(const compare_view *cv, int s, cell *c) {
  const nps_compare_side *x = &overall(cv)->side[s];
  cli_cell_text(&c[0], cv->label[s], strlen(cv->label[s]));
  cli_cell_u64(&c[1], x->est.n);
  cli_cell_pct(&c[2], x->est.n, x->est.share_promoters);
  cli_cell_pct(&c[3], x->est.n, x->est.share_passives);
  cli_cell_pct(&c[4], x->est.n, x->est.share_detractors);
  cli_points(c[5].buf, sizeof c[5].buf, x->est.n ? x->est.nps : NAN);
  cli_cell_text(&c[5], c[5].buf, strlen(c[5].buf));
  char ci[80] = "n/a";
  if (x->has_ci)
    cli_fmt_ci(ci, sizeof ci, x->ci.iv.lo, x->ci.iv.hi);
  cli_cell_fmt(&c[6], "%s%s%s", ci, x->has_ci && x->ci.note ? " *" : "",
               x->est.n && x->est.n < cv->opt->min_n ? " **" : "");
  cli_cell_u64(&c[7], x->missing);
}

static void print_samples(FILE *fp, const compare_view *cv, int md) {
  cell cells[3][CLI_GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * cv->opt->level);
  const char *heads[] = {"sample",     "n",   "promoters", "passives",
                         "detractors", "NPS", level,       "missing"};
  for (size_t k = 0; k < 8; k++)
    cli_cell_copy(&cells[0][k], heads[k]);
  for (int s = 0; s < 2; s++)
    side_cells(cv, s, cells[s + 1]);
  static const size_t left[] = {0, 6};
  print_grid(fp, cells, 3, 8, left, 2, md);
}

static void test_note(char *buf, size_t size, const compare_view *cv,
                      const nps_compare_test *t) {
  const cli_common *c = cv->opt;
  if (t->status != NPS_OK)
    snprintf(buf, size, "not run: %s", nps_strerror(t->status));
  else if (isnan(t->res.p) && t->res.note && t->method != NPS_TEST2_PAIRED)
    snprintf(buf, size, "%s", t->res.note); /* no spread: no p (library) */
  else if (t->method == NPS_TEST2_BOOTSTRAP)
    snprintf(buf, size, "B = %zu, seed %lu%s", t->res.draws, c->seed,
             t->res.bca_ok ? "" : ", percentile");
  else if (t->method == NPS_TEST2_PERMUTATION && t->res.exact)
    snprintf(buf, size, "studentized, mid-p; exact, %.0f table%s",
             t->res.tables, t->res.tables == 1.0 ? "" : "s");
  else if (t->method == NPS_TEST2_PERMUTATION)
    snprintf(buf, size,
             "studentized, mid-p; Monte Carlo, %zu draws, seed %lu, "
             "MC SE %.4f%s",
             t->res.draws, c->seed, t->res.p_mc_se,
             t->res.note ? "; normal-limit draws" : "");
  else if (t->method == NPS_TEST2_ADJUSTED_WALD)
    snprintf(buf, size, "difference of adjusted NPS");
  else if (t->method == NPS_TEST2_SIGN_FLIP) {
    char mid[40];
    cli_fmt_p(mid, sizeof mid, t->res.p_mid);
    snprintf(buf, size, "exact, ties whole (mid-p %s); test-based interval",
             mid);
  } else if (t->method == NPS_TEST2_PAIRED && isnan(t->res.p))
    snprintf(buf, size, "%s", compare_untested_reason(NPS_UNTESTED_NO_SPREAD));
  else
    buf[0] = '\0';
}

static void print_tests(FILE *fp, const compare_view *cv, int md) {
  cell cells[NPS_COMPARE_MAX_TESTS + 1][CLI_GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  char level[48], ci[80], note[96];
  snprintf(level, sizeof level, "%g%% %sCI", 100.0 * cv->opt->level,
           one_sided(cv) ? "one-sided " : "");
  const char *heads[] = {"test", "difference", level, "p", "note"};
  for (size_t k = 0; k < 5; k++)
    cli_cell_copy(&cells[0][k], heads[k]);
  for (size_t i = 0; i < cv->res->n_tests; i++) {
    const nps_compare_test *t = &cv->res->tests[i];
    cell *c = cells[i + 1];
    int ok = t->status == NPS_OK;
    cli_cell_copy(&c[0], nps_test2_method_label(t->method));
    cli_signed_points(c[1].buf, sizeof c[1].buf, ok ? t->res.diff : NAN);
    cli_cell_text(&c[1], c[1].buf, strlen(c[1].buf));
    /* The test's own interval, agreeing with its p (the bootstrap's is
     * the percentile interval; paired rows keep ci). */
    nps_interval iv = cv->res->paired ? t->res.ci : t->res.ci_alt;
    cli_fmt_ci(ci, sizeof ci, iv.lo, iv.hi);
    cli_cell_copy(&c[2], ok && !isnan(iv.lo) ? ci : "-");
    cli_fmt_p(c[3].buf, sizeof c[3].buf, ok ? t->res.p : NAN);
    if (ok && isnan(t->res.p)) /* no p: the test is undefined (note) */
      snprintf(c[3].buf, sizeof c[3].buf, "-");
    cli_cell_text(&c[3], c[3].buf, strlen(c[3].buf));
    test_note(note, sizeof note, cv, t);
    cli_cell_copy(&c[4], note);
  }
  static const size_t left[] = {0, 2, 4};
  print_grid(fp, cells, cv->res->n_tests + 1, 5, left, 3, md);
}

static void segment_cells(const compare_view *cv, const nps_compare_row *r,
                          cell *c) {
  size_t nb = cv->opt->n_by;
  for (size_t k = 0; k < nb; k++) {
    const char *p;
    size_t len;
    cli_key_cell(r->key, r->key_len, k, &p, &len);
    cli_cell_text(&c[k], p, len);
  }
  c += nb;
  for (int s = 0; s < 2; s++) {
    const nps_estimate *e = &r->side[s].est;
    cli_cell_u64(&c[2 * s], e->n);
    cli_points(c[2 * s + 1].buf, sizeof c[0].buf, e->n ? e->nps : NAN);
    cli_cell_text(&c[2 * s + 1], c[2 * s + 1].buf, strlen(c[2 * s + 1].buf));
  }
  int tested = r->verdict.tested;
  char buf[80];
  cli_signed_points(buf, sizeof buf, r->diff);
  cli_cell_copy(&c[4], buf);
  cli_fmt_ci(buf, sizeof buf, r->diff_ci.iv.lo, r->diff_ci.iv.hi);
  cli_cell_copy(&c[5], tested ? buf : "not tested *");
  compare_fmt_ci_level(buf, sizeof buf, cv, r->ci_level);
  cli_cell_copy(&c[6], tested ? buf : "-");
  cli_fmt_p(buf, sizeof buf, tested ? r->test.p : NAN);
  cli_cell_copy(&c[7], buf);
  cli_fmt_p(buf, sizeof buf, r->p_adjusted);
  cli_cell_copy(&c[8], r->key ? buf : "-");
}

/* Row r of the segments table: the header, then one row per segment and
 * the overall row. */
static void segment_row(const void *ctx, size_t r, cell *c) {
  const compare_view *cv = ctx;
  if (r > 0) {
    segment_cells(cv, &cv->res->rows[r - 1], c);
    return;
  }
  size_t nb = cv->opt->n_by;
  for (size_t k = 0; k < nb; k++)
    cli_cell_text(&c[k], cv->opt->by[k], strlen(cv->opt->by[k]));
  c += nb;
  cli_cell_fmt(&c[0], "n %s", cv->label[0]);
  cli_cell_fmt(&c[1], "NPS %s", cv->label[0]);
  cli_cell_fmt(&c[2], "n %s", cv->label[1]);
  cli_cell_fmt(&c[3], "NPS %s", cv->label[1]);
  cli_cell_copy(&c[4], "difference");
  cli_cell_copy(&c[5], one_sided(cv) ? "one-sided CI" : "CI");
  cli_cell_copy(&c[6], "CI level");
  cli_cell_copy(&c[7], "p");
  cli_cell_fmt(&c[8], "p %s", nps_multi_method_name(cv->analysis.adjust));
}

/* Returns 0 (rows are formatted as they are written). */
static int print_segments(FILE *fp, const compare_view *cv, int md) {
  size_t nb = cv->opt->n_by, ncols = nb + 9;
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  for (size_t k = 0; k < nb; k++)
    left[k] = 1;
  left[nb + 5] = 1;
  cli_grid_rows(fp, segment_row, cv, cv->res->n_rows + 1, ncols, left, md);
  return 0;
}

static void print_pairs(FILE *fp, const compare_view *cv, int md) {
  const nps_compare *res = cv->res;
  fprintf(fp,
          "paired on '%s': %llu respondents answered both; left out: "
          "%llu only in ",
          cv->id_column, (unsigned long long)overall(cv)->side[0].est.n,
          (unsigned long long)res->unmatched[0]);
  put_str(fp, cv->label[0]);
  fprintf(fp, ", %llu only in ", (unsigned long long)res->unmatched[1]);
  put_str(fp, cv->label[1]);
  if (res->no_id[0] || res->no_id[1])
    fprintf(fp, ", %llu and %llu without an id",
            (unsigned long long)res->no_id[0],
            (unsigned long long)res->no_id[1]);
  fputs("\n\n", fp);
  cell cells[4][CLI_GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  static const char *names[3] = {"detractor", "passive", "promoter"};
  char corner[200];
  snprintf(corner, sizeof corner, "%.80s \\ %.80s", cv->label[0], cv->label[1]);
  cli_cell_text(&cells[0][0], corner, strlen(corner));
  for (int j = 0; j < 3; j++) {
    cli_cell_copy(&cells[0][j + 1], names[j]);
    cli_cell_copy(&cells[j + 1][0], names[j]);
  }
  /* Rows: sample 0 (before); columns: sample 1 (after). The library's
   * table has sample 1 as rows. */
  for (int b = 0; b < 3; b++)
    for (int a = 0; a < 3; a++)
      cli_cell_u64(&cells[b + 1][a + 1], res->pairs.count[a][b]);
  static const size_t left[] = {0};
  print_grid(fp, cells, 4, 4, left, 1, md);
}

static void print_title(FILE *fp, const compare_view *cv) {
  if (cv->arm_column) {
    fputs("column '", fp);
    put_str(fp, cv->arm_column);
    fputs("' of ", fp);
    put_str(fp, cv->path[0]);
    fputs(", ", fp);
    put_str(fp, cv->label[1]);
    fputs(" vs ", fp);
    put_str(fp, cv->label[0]);
    return;
  }
  put_str(fp, cv->label[1]);
  fputs(" (", fp);
  put_str(fp, cv->path[1]);
  fputs(") vs ", fp);
  put_str(fp, cv->label[0]);
  fputs(" (", fp);
  put_str(fp, cv->path[0]);
  fputc(')', fp);
}

static void print_header(FILE *fp, const compare_view *cv, int md) {
  const cli_common *c = cv->opt;
  const nps_compare_row *r = overall(cv);
  const char *b = md ? "**" : "", *gap = md ? "\n" : "";
  fprintf(fp, "%sNPS comparison%s: ", b, b);
  print_title(fp, cv);
  fprintf(fp, "\n%sdifference: ", gap);
  put_str(fp, cv->label[1]);
  fputs(" - ", fp);
  put_str(fp, cv->label[0]);
  fprintf(fp, " (points); test: %s, %s, %g%% level\n%s",
          compare_test_label(cv, r),
          nps_alternative_name(cv->analysis.alternative), 100 * c->level, gap);
  const char *how = compare_diff_ci_label(r);
  fprintf(fp, "interval of the difference: %s", how ? how : "none");
  if (how && cv->res->paired && cv->analysis.alternative != NPS_ALT_TWO_SIDED)
    fprintf(fp, ", one-sided bound (%s)",
            cv->analysis.alternative == NPS_ALT_GREATER ? "lower" : "upper");
  if (compare_diff_ci_is_boot(r))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "\n%ssample intervals: %s", gap, nps_ci_method_label(c->ci));
  if (cli_is_boot(c->ci))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "\n\n");
}

static void print_notes(FILE *fp, const compare_view *cv) {
  const nps_compare_row *r = overall(cv);
  for (int s = 0; s < 2; s++)
    if (r->side[s].has_ci && r->side[s].ci.note) {
      fprintf(fp, "* %s\n", r->side[s].ci.note);
      break;
    }
  if (r->verdict.tested && r->test.note)
    fprintf(fp, "note: %s\n", r->test.note);
  if (r->diff_ci.note)
    fprintf(fp, "note: %s\n", r->diff_ci.note);
  for (size_t i = 0; i + 1 < cv->res->n_rows; i++)
    if (!cv->res->rows[i].verdict.tested) {
      fprintf(fp,
              "* not tested: a sample has fewer than --min-n %llu "
              "answers (a small base, shown with its wide interval)\n",
              (unsigned long long)cv->opt->min_n);
      break;
    }
}

static void print_power(FILE *fp, const compare_view *cv) {
  const nps_compare_row *r = overall(cv);
  if (!r->verdict.tested)
    return;
  if (isnan(r->mdd)) {
    fputs("power: not computed, the differences have no spread\n", fp);
    return;
  }
  char mdd[40];
  cli_points(mdd, sizeof mdd, r->mdd);
  fprintf(fp,
          "power: these samples detect a difference of %s points with "
          "80%% power (%s, %g%% level%s)\n",
          mdd, nps_alternative_name(cv->analysis.alternative),
          100 * (1 - cv->opt->level),
          r->mdd_adjusted ? "; adjusted-Wald variances, as a sample has every "
                            "answer in one category and a plug-in variance "
                            "of 0"
                          : "");
}

static void print_segment_count(FILE *fp, const compare_view *cv) {
  size_t sig = 0;
  for (size_t i = 0; i + 1 < cv->res->n_rows; i++)
    sig += cv->res->rows[i].verdict.significant;
  fprintf(fp,
          "segments with a significant difference (%s-adjusted): "
          "%zu of %zu\n",
          nps_multi_method_name(cv->analysis.adjust), sig, cv->res->n_rows - 1);
  for (size_t i = 0; i + 1 < cv->res->n_rows; i++) {
    const nps_compare_row *r = &cv->res->rows[i];
    if (r->verdict.tested && r->ci_level != cv->opt->level) {
      fprintf(fp,
              "segment intervals are at the level matched to the %s-adjusted "
              "p (CI level = 1 - alpha p / p_adjusted, alpha = %g%%): "
              "interval and adjusted p answer the same question\n",
              nps_multi_method_name(cv->analysis.adjust),
              100 * (1 - cv->opt->level));
      break;
    }
  }
}

/* Returns -1 when out of memory (the output is incomplete), else 0. */
static int print_table(FILE *fp, const void *ctx, int md) {
  const compare_view *cv = ctx;
  const nps_compare_row *r = overall(cv);
  print_header(fp, cv, md);
  if (cv->res->paired)
    print_pairs(fp, cv, md), fputc('\n', fp);
  print_samples(fp, cv, md);
  char ci[128], p[40];
  compare_fmt_diff_ci(ci, sizeof ci, cv, r);
  cli_fmt_p_phrase(p, sizeof p, r->verdict.tested ? r->test.p : NAN);
  fprintf(fp, "\n%sdifference: ", md ? "**" : "");
  put_difference(fp, r);
  if (r->verdict.tested)
    fprintf(fp, ", %s, %s%s\n", ci, p, md ? "**" : "");
  else
    fprintf(fp, ", not tested: %s%s\n", compare_untested_reason(r->untested),
            md ? "**" : "");
  if (cv->res->n_tests) {
    fputc('\n', fp);
    print_tests(fp, cv, md);
  }
  if (cv->opt->n_by) {
    fputc('\n', fp);
    if (print_segments(fp, cv, md) != 0)
      return -1;
  }
  if (cv->adjust_for && compare_print_mix(fp, cv, md) != 0)
    return -1;
  fputc('\n', fp);
  print_power(fp, cv);
  print_notes(fp, cv);
  if (cv->opt->n_by)
    print_segment_count(fp, cv);
  print_gate(fp, cv);
  fputc('\n', fp);
  compare_print_verdict(fp, cv, r);
  fputc('\n', fp);
  if (cv->adjust_for)
    compare_print_mix_verdict(fp, cv);
  return 0;
}

void compare_view_init(const compare_view *cv, cli_view *v) {
  *v = (cli_view){.ctx = cv,
                  .table = print_table,
                  .csv = compare_print_csv,
                  .json = compare_print_json};
  cli_view_chart(v, cv->opt->plot, compare_write_chart, cv);
  cli_view_chart(v, cv->plot_power, compare_write_power_chart, cv);
}
