/*
 * benchmark_view.c - how a benchmark is shown: a table (or markdown) of
 * every party by NPS with the comparison against us, the verdict in
 * words, the rank and the industry band; CSV (one row per party); JSON.
 * It formats an nps_benchmark; it computes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "present.h"

enum {
  WORD_AHEAD,
  WORD_BEHIND,
  WORD_SAME,
  WORD_BORDERLINE,
  WORD_UNLIKE,
  WORD_OURS
};

static int word_of(const nps_benchmark_party *p) {
  if (p->kind == NPS_BENCHMARK_OURS)
    return WORD_OURS;
  if (!p->comparable)
    return WORD_UNLIKE;
  const nps_verdict *v = &p->verdict;
  if (v->significant)
    return v->direction > 0 ? WORD_AHEAD : WORD_BEHIND;
  return v->conflict != NPS_CONFLICT_NONE ? WORD_BORDERLINE : WORD_SAME;
}

static const char *word_text(int w) {
  static const char *const t[] = {"we are ahead",   "we are behind",
                                  "no difference",  "borderline",
                                  "not comparable", "ours"};
  return t[w];
}

static const char *word_key(int w) {
  static const char *const t[] = {
      "ahead",      "behind",         "indistinguishable",
      "borderline", "not-comparable", "ours"};
  return t[w];
}

const char *benchmark_verdict_word(const nps_benchmark_party *p) {
  return word_text(word_of(p));
}

void benchmark_name_append(char *buf, size_t size,
                           const nps_benchmark_party *p) {
  cli_append_plain(buf, size, p->name, p->name_len);
}

/* Appends "A, B and C" of the parties with word w; returns how many. */
static size_t list_names(const benchmark_view *b, int w, char *buf,
                         size_t size) {
  const nps_benchmark *r = b->res;
  size_t n = 0, k = 0;
  for (size_t i = 0; i < r->n_parties; i++)
    n += word_of(&r->parties[i]) == w;
  for (size_t i = 0; i < r->n_parties; i++) {
    const nps_benchmark_party *p = &r->parties[i];
    if (word_of(p) != w)
      continue;
    k++;
    cli_append(buf, size, "%s", k == 1 ? "" : k == n ? " and " : ", ");
    benchmark_name_append(buf, size, p);
    if (w == WORD_UNLIKE) {
      char why[128];
      benchmark_unlike_text(p, why, sizeof why);
      cli_append(buf, size, " (%s)", why);
    }
  }
  return n;
}

void benchmark_verdict_text(const benchmark_view *b, char *buf, size_t size) {
  static const char *const lead[] = {"ahead of ", "behind ",
                                     "indistinguishable from ",
                                     "borderline against ", "not comparable: "};
  static const int order[] = {WORD_AHEAD, WORD_BEHIND, WORD_SAME,
                              WORD_BORDERLINE, WORD_UNLIKE};
  buf[0] = '\0';
  for (size_t i = 0; i < 5; i++) {
    char names[1024] = "";
    if (!list_names(b, order[i], names, sizeof names))
      continue;
    cli_append(buf, size, "%s%s%s",
               !buf[0]                   ? ""
               : order[i] == WORD_UNLIKE ? "; "
                                         : ", ",
               lead[order[i]], names);
  }
}

void benchmark_band_text(const benchmark_view *b, char *buf, size_t size) {
  const nps_benchmark *r = b->res;
  const nps_benchmark_party *o = &r->parties[r->ours];
  char ci[80], lo[64] = "", hi[64] = "";
  cli_fmt_ci(ci, sizeof ci, o->ci.lo, o->ci.hi);
  if (r->band_below >= 0)
    snprintf(lo, sizeof lo, "p%d (%.1f)",
             nps_benchmark_band_percentile((size_t)r->band_below),
             100.0 * b->comp->band[r->band_below]);
  if (r->band_above >= 0)
    snprintf(hi, sizeof hi, "p%d (%.1f)",
             nps_benchmark_band_percentile((size_t)r->band_above),
             100.0 * b->comp->band[r->band_above]);
  if (lo[0] && hi[0])
    snprintf(buf, size, "our interval %s lies between %s and %s", ci, lo, hi);
  else if (lo[0])
    snprintf(buf, size, "our interval %s lies above %s", ci, lo);
  else if (hi[0])
    snprintf(buf, size, "our interval %s lies below %s", ci, hi);
  else
    snprintf(buf, size,
             "our interval %s lies across the whole industry range given", ci);
}

/* ---- table and markdown ---- */

enum { NCOLS = 11 };

static void row_cells(const benchmark_view *b, const nps_benchmark_party *p,
                      cli_cell *cells) {
  size_t k = 0;
  int ours = p->kind == NPS_BENCHMARK_OURS;
  cli_cell_copy(&cells[k++], ours ? ">" : "");
  cli_cell_text(&cells[k++], p->name, p->name_len);
  if (p->has_n)
    cli_cell_u64(&cells[k++], p->n);
  else
    cli_cell_copy(&cells[k++], "-");
  char buf[80];
  cli_points(buf, sizeof buf, p->nps);
  cli_cell_copy(&cells[k++], buf);
  if (p->has_ci)
    cli_fmt_ci(buf, sizeof buf, p->ci.lo, p->ci.hi);
  else
    snprintf(buf, sizeof buf, "-");
  cli_cell_copy(&cells[k++], buf);
  if (ours) {
    for (int j = 0; j < 4; j++)
      cli_cell_copy(&cells[k++], "");
  } else {
    cli_signed_points(buf, sizeof buf, p->diff);
    cli_cell_copy(&cells[k++], buf);
    cli_fmt_ci(buf, sizeof buf, p->diff_ci_matched.lo, p->diff_ci_matched.hi);
    cli_cell_copy(&cells[k++], buf);
    cli_cell_fmt(&cells[k++], "%.1f%%", 100.0 * p->level_matched);
    if (p->comparable)
      cli_fmt_p(buf, sizeof buf, p->p_adjusted);
    else
      snprintf(buf, sizeof buf, "-");
    cli_cell_copy(&cells[k++], buf);
  }
  cli_cell_fmt(&cells[k++], "%s%s", nps_benchmark_kind_name(p->kind),
               p->mismatch ? " !" : "");
  cli_cell_copy(&cells[k], ours ? "" : word_text(word_of(p)));
  (void)b;
}

static int print_grid(FILE *fp, const benchmark_view *b, int markdown) {
  const nps_benchmark *r = b->res;
  cli_cell(*cells)[CLI_GRID_MAX_COLS] = calloc(r->n_parties + 1, sizeof *cells);
  if (!cells)
    return -1;
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * r->options.level);
  const char *heads[NCOLS] = {
      "",          "party",        "n",     "NPS",    level,
      "us - them", "CI (matched)", "level", "p adj.", "comparison",
      "verdict"};
  for (size_t i = 0; i < NCOLS; i++)
    cli_cell_text(&cells[0][i], heads[i], strlen(heads[i]));
  for (size_t i = 0; i < r->n_parties; i++)
    row_cells(b, &r->parties[i], cells[i + 1]);
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  left[0] = left[1] = left[9] = left[10] = 1;
  cli_grid(fp, cells, r->n_parties + 1, NCOLS, left, markdown);
  free(cells);
  return 0;
}

static void count_kinds(const nps_benchmark *r, size_t n[4]) {
  memset(n, 0, 4 * sizeof *n);
  for (size_t i = 0; i < r->n_parties; i++)
    n[r->parties[i].kind]++;
}

static void print_header(FILE *fp, const benchmark_view *b, int markdown) {
  const nps_benchmark *r = b->res;
  const nps_competitors *c = b->comp;
  const char *bo = markdown ? "**" : "", *gap = markdown ? "\n" : "";
  size_t n[4];
  count_kinds(r, n);
  fprintf(fp, "%sNPS benchmark%s: ", bo, bo);
  cli_put_str(fp, b->path, markdown);
  fputs(" against ", fp);
  cli_put_str(fp, b->competitors_path ? b->competitors_path : "", markdown);
  fputs(b->competitors_path && b->raw_path ? " and " : "", fp);
  cli_put_str(fp, b->raw_path ? b->raw_path : "", markdown);
  fprintf(fp, "\n%s", gap);
  fprintf(fp, "competitors: %zu (%zu full, %zu conservative, %zu fixed)",
          r->n_parties - 1, n[NPS_BENCHMARK_FULL],
          n[NPS_BENCHMARK_CONSERVATIVE], n[NPS_BENCHMARK_FIXED]);
  if (c->invalid)
    fprintf(fp, ", skipped invalid: %llu", (unsigned long long)c->invalid);
  if (b->competitors_path)
    fprintf(fp, "; distribution cells read as %s (%s)",
            c->shares == NPS_SHARES_PERCENT ? "percentages" : "counts",
            c->shares_detected ? "detected" : "given");
  if (b->raw_path) {
    fputs("; raw answers of competitors by ", fp);
    cli_put_str(fp, b->raw_by, 0);
  }
  fprintf(fp, "\n%s", gap);
  fprintf(fp,
          "interval: %s, %g%% level; p adjusted: %s across %zu "
          "competitors\n\n",
          nps_ci_method_label(r->options.ci), 100.0 * r->options.level,
          cli_multi_label(r->adjust), r->family);
}

static void print_rank(FILE *fp, const benchmark_view *b) {
  const nps_benchmark *r = b->res;
  fprintf(fp,
          "rank: %zu of %zu; %g%% rank interval %zu..%zu (bootstrap, B "
          "= %zu, seed %lu)\n",
          r->rank, r->n_ranked, 100.0 * r->options.level, r->rank_lo,
          r->rank_hi, r->replicates, r->options.seed);
  if (r->n_unlike)
    fprintf(fp, "  not ranked: %zu competitor%s not like for like\n",
            r->n_unlike, r->n_unlike == 1 ? "" : "s");
  if (!r->n_bands)
    return;
  char band[256];
  benchmark_band_text(b, band, sizeof band);
  fprintf(fp, "industry: %s\n", band);
}

static void print_notes(FILE *fp, const benchmark_view *b) {
  const nps_benchmark *r = b->res;
  size_t n[4];
  count_kinds(r, n);
  fputc('\n', fp);
  fputs("us - them: our NPS minus theirs; positive means we are ahead.\n", fp);
  fprintf(fp,
          "CI (matched): us - them at the level (column 'level') matched to "
          "its\n  %s-adjusted p: it excludes 0 exactly when that p is below "
          "%g.\n",
          nps_multi_method_name(r->options.adjust), 1.0 - r->options.level);
  if (n[NPS_BENCHMARK_FULL])
    fputs("full: their distribution and n: exact permutation test (mid-p) "
          "and the MOVER\n  interval from the two Jeffreys intervals, as "
          "compare.\n",
          fp);
  if (n[NPS_BENCHMARK_CONSERVATIVE])
    fputs("conservative: their NPS and n only: each of their answers' "
          "variance taken at\n  its worst, 1 - NPS^2 (no passives); z test "
          "and interval wider than the truth.\n",
          fp);
  if (n[NPS_BENCHMARK_FIXED])
    fputs("fixed: their NPS only: taken as exact, our adjusted-Wald "
          "interval against it;\n  their own uncertainty is unknown and not "
          "in the interval.\n",
          fp);
  fputs("rank: 1 = highest NPS, ties share the better rank; parties with a "
        "distribution\n  are resampled, NPS-and-n parties drawn from a "
        "normal with their worst-case\n  SE, NPS-only parties fixed.\n",
        fp);
  if (r->n_mismatch)
    fputs(r->n_unlike ? "!: another year, region or survey type than ours "
                        "(see the warnings): not\n  comparable, so no "
                        "verdict, no adjusted p, not ranked; us - them is "
                        "shown at the\n  run's level for reference only "
                        "(--rank-unlike compares and ranks it).\n"
                      : "!: another year, region or survey type than ours "
                        "(see the warnings),\n  compared and ranked as "
                        "asked (--rank-unlike).\n",
          fp);
  for (size_t i = 0; i < r->n_parties; i++)
    if (word_of(&r->parties[i]) == WORD_BORDERLINE) {
      fputs("borderline: the adjusted p and the interval of the difference "
            "disagree.\n",
            fp);
      break;
    }
}

static int print_table(FILE *fp, const void *ctx, int markdown) {
  const benchmark_view *b = ctx;
  print_header(fp, b, markdown);
  if (print_grid(fp, b, markdown) != 0)
    return -1;
  char verdict[4096];
  benchmark_verdict_text(b, verdict, sizeof verdict);
  const nps_benchmark_party *o = &b->res->parties[b->res->ours];
  char name[512] = "";
  benchmark_name_append(name, sizeof name, o);
  fprintf(fp, "\n%s", markdown ? "\n" : "");
  cli_put_str(fp, name, markdown);
  fputs(": ", fp);
  cli_put_str(fp, verdict, markdown);
  fputc('\n', fp);
  print_rank(fp, b);
  print_notes(fp, b);
  return 0;
}

/* ---- CSV ---- */

static void csv_text(FILE *fp, const char *s) {
  fputc(',', fp);
  if (s)
    cli_csv_field(fp, s, strlen(s));
}

static void print_csv(FILE *fp, const void *ctx) {
  const benchmark_view *b = ctx;
  const nps_benchmark *r = b->res;
  fputs("party,ours,kind,n,nps,ci_lo,ci_hi,diff,diff_lo,diff_hi,"
        "diff_matched_lo,diff_matched_hi,level_matched,p,p_adjusted,verdict,"
        "rank,rank_lo,rank_hi,source,year,region,"
        "survey_type,mismatch,line\n",
        fp);
  for (size_t i = 0; i < r->n_parties; i++) {
    const nps_benchmark_party *p = &r->parties[i];
    int ours = p->kind == NPS_BENCHMARK_OURS;
    cli_csv_field(fp, p->name, p->name_len);
    fprintf(fp, ",%d,%s,", ours, nps_benchmark_kind_name(p->kind));
    if (p->has_n)
      fprintf(fp, "%llu", (unsigned long long)p->n);
    cli_csv_num(fp, 100 * p->nps);
    cli_csv_num(fp, p->has_ci ? 100 * p->ci.lo : NAN);
    cli_csv_num(fp, p->has_ci ? 100 * p->ci.hi : NAN);
    cli_csv_num(fp, 100 * p->diff);
    cli_csv_num(fp, 100 * p->diff_ci.lo);
    cli_csv_num(fp, 100 * p->diff_ci.hi);
    cli_csv_num(fp, 100 * p->diff_ci_matched.lo);
    cli_csv_num(fp, 100 * p->diff_ci_matched.hi);
    cli_csv_num(fp, p->level_matched);
    cli_csv_num(fp, p->p);
    cli_csv_num(fp, p->p_adjusted);
    fprintf(fp, ",%s", word_key(word_of(p)));
    if (ours)
      fprintf(fp, ",%zu,%zu,%zu", r->rank, r->rank_lo, r->rank_hi);
    else
      fputs(",,,", fp);
    csv_text(fp, p->src ? p->src->source : NULL);
    for (int j = 0; j < NPS_CONTEXT_N; j++)
      csv_text(fp, p->src ? p->src->context[j] : r->context[j]);
    static const char *const ctx_keys[] = {"year", "region", "survey_type"};
    fputc(',', fp);
    for (int j = 0, k = 0; j < NPS_CONTEXT_N; j++)
      if (p->mismatch & (1u << j))
        fprintf(fp, "%s%s", k++ ? ";" : "", ctx_keys[j]);
    fputc(',', fp);
    if (p->src && p->src->line)
      fprintf(fp, "%llu", (unsigned long long)p->src->line);
    fputc('\n', fp);
  }
}

/* ---- JSON ---- */

/* An interval on -1..1 as [lo, hi] in points. */
static void json_interval(cli_json *w, const char *key, nps_interval iv) {
  cli_json_open(w, key, '[');
  cli_json_dbl(w, NULL, 100 * iv.lo);
  cli_json_dbl(w, NULL, 100 * iv.hi);
  cli_json_close(w, ']', 0);
}

static void json_party(cli_json *w, const nps_benchmark *r,
                       const nps_benchmark_party *p) {
  static const char *const ctx_keys[] = {"year", "region", "survey_type"};
  cli_json_nl(w);
  cli_json_open(w, NULL, '{');
  cli_json_strn(w, "name", p->name, p->name_len);
  cli_json_bool(w, "ours", p->kind == NPS_BENCHMARK_OURS);
  cli_json_str(w, "kind", nps_benchmark_kind_name(p->kind));
  if (p->has_n)
    cli_json_u64(w, "n", p->n);
  else
    cli_json_raw(w, "n", "null");
  cli_json_dbl(w, "nps", 100 * p->nps);
  json_interval(w, "ci", p->has_ci ? p->ci : (nps_interval){NAN, NAN});
  if (p->kind != NPS_BENCHMARK_OURS) {
    cli_json_bool(w, "comparable", p->comparable);
    cli_json_dbl(w, "diff", 100 * p->diff);
    json_interval(w, "diff_ci", p->diff_ci);
    json_interval(w, "diff_ci_matched", p->diff_ci_matched);
    cli_json_dbl(w, "level_matched", p->level_matched);
    cli_json_dbl(w, "p", p->p);
    cli_json_dbl(w, "p_adjusted", p->p_adjusted);
    if (p->kind == NPS_BENCHMARK_FULL)
      cli_json_str(w, "test", nps_test2_method_name(p->test));
    cli_json_str(w, "verdict", word_key(word_of(p)));
    cli_json_bool(w, "significant", p->verdict.significant);
  }
  if (p->src) {
    cli_json_str(w, "source", p->src->source);
    for (int j = 0; j < NPS_CONTEXT_N; j++)
      cli_json_str(w, ctx_keys[j], p->src->context[j]);
    if (p->src->line)
      cli_json_u64(w, "line", p->src->line);
    cli_json_bool(w, "mismatch", p->mismatch != 0);
  }
  (void)r;
  cli_json_close(w, '}', 0);
}

static void json_rank(cli_json *w, const nps_benchmark *r) {
  cli_json_nl(w);
  cli_json_open(w, "rank", '{');
  cli_json_u64(w, "rank", r->rank);
  cli_json_u64(w, "of", r->n_ranked);
  cli_json_u64(w, "not_ranked", r->n_unlike);
  cli_json_u64(w, "lo", r->rank_lo);
  cli_json_u64(w, "hi", r->rank_hi);
  cli_json_u64(w, "replicates", r->replicates);
  cli_json_str(w, "conservative_parties",
               r->options.draw_conservative ? "normal with worst-case SE"
                                            : "fixed");
  cli_json_open(w, "share", '[');
  for (size_t i = 0; i < r->n_ranked; i++)
    cli_json_dbl(w, NULL, r->rank_share[i]);
  cli_json_close(w, ']', 0);
  cli_json_close(w, '}', 0);
}

static void json_bands(cli_json *w, const benchmark_view *b) {
  const nps_benchmark *r = b->res;
  static const char *const keys[] = {"p10", "p25", "median", "p75", "p90"};
  cli_json_nl(w);
  cli_json_open(w, "industry", '{');
  for (int i = 0; i < NPS_BENCHMARK_BANDS; i++)
    cli_json_dbl(w, keys[i], 100 * b->comp->band[i]);
  if (r->band_below >= 0)
    cli_json_str(w, "interval_above", keys[r->band_below]);
  else
    cli_json_raw(w, "interval_above", "null");
  if (r->band_above >= 0)
    cli_json_str(w, "interval_below", keys[r->band_above]);
  else
    cli_json_raw(w, "interval_below", "null");
  cli_json_close(w, '}', 0);
}

static void print_json(cli_json *w, const void *ctx) {
  const benchmark_view *b = ctx;
  const nps_benchmark *r = b->res;
  cli_json_open(w, NULL, '{');
  cli_json_str(w, "command", "benchmark");
  cli_json_str(w, "file", b->path);
  cli_json_str(w, "competitors_file", b->competitors_path);
  if (b->raw_path)
    cli_json_str(w, "competitors_raw_file", b->raw_path);
  cli_json_nl(w);
  cli_json_dbl(w, "level", r->options.level);
  cli_json_str(w, "ci_method", nps_ci_method_name(r->options.ci));
  cli_json_str(w, "adjust", nps_multi_method_name(r->adjust));
  cli_json_u64(w, "family", r->family);
  cli_json_u64(w, "seed", r->options.seed);
  cli_json_str(w, "scale", "points");
  cli_json_bool(w, "rank_unlike", r->options.rank_unlike);
  cli_json_str(w, "shares", nps_shares_mode_name(b->comp->shares));
  cli_json_bool(w, "shares_detected", b->comp->shares_detected);
  cli_json_u64(w, "skipped_invalid", b->comp->invalid);
  char verdict[4096];
  benchmark_verdict_text(b, verdict, sizeof verdict);
  cli_json_nl(w);
  cli_json_str(w, "verdict", verdict);
  json_rank(w, r);
  json_bands(w, b);
  cli_json_nl(w);
  cli_json_open(w, "parties", '[');
  for (size_t i = 0; i < r->n_parties; i++)
    json_party(w, r, &r->parties[i]);
  cli_json_close(w, ']', 1);
  cli_json_close(w, '}', 1);
}

void benchmark_view_init(const benchmark_view *b, cli_view *v) {
  memset(v, 0, sizeof *v);
  v->ctx = b;
  v->table = print_table;
  v->csv = print_csv;
  v->json = print_json;
  cli_view_chart(v, b->opt->plot, benchmark_write_chart, b);
}
