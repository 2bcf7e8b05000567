/*
 * benchmark_load.c - reading a competitors file with messages by file,
 * line and column, and the warnings about competitors whose number is of
 * another year, region or survey type: shared by `nps-stat benchmark` and
 * the competitors section of `nps-stat report`.
 */
#include <errno.h>
#include <string.h>

#include "benchmark_view.h"
#include "cli.h"
#include "common.h"
#include "outfile.h"
#include "output.h"

int benchmark_read_file(cli_common *c, const char *path,
                        const nps_competitors_options *o,
                        nps_competitors **comp) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "standard input" : path;
  FILE *in = is_stdin ? stdin : fopen(path, "rb");
  if (!in) {
    cli_error("%s: %s", path, strerror(errno));
    return EXIT_IO;
  }
  int same = is_stdin ? 0 : cli_input_check(c, fileno(in), path);
  if (same) {
    fclose(in);
    return same;
  }
  nps_csvin_error err;
  nps_status st = nps_competitors_read(in, o, comp, &err);
  if (!is_stdin)
    fclose(in);
  if (st == NPS_ENOMEM)
    return cli_out_of_memory();
  if (st != NPS_OK) {
    if (err.line && err.column)
      cli_error("%s:%llu:%zu: %s", name, (unsigned long long)err.line,
                err.column, err.message);
    else if (err.line)
      cli_error("%s:%llu: %s", name, (unsigned long long)err.line, err.message);
    else
      cli_error("%s: %s", name, err.message);
    return st == NPS_EIO ? EXIT_IO : EXIT_DATA;
  }
  const nps_competitors *k = *comp;
  if (k->invalid)
    cli_warn(c, "%s: skipped %llu invalid row%s (first: line %llu: %s)", name,
             (unsigned long long)k->invalid, k->invalid == 1 ? "" : "s",
             (unsigned long long)k->first_invalid.line,
             k->first_invalid.message);
  return EXIT_OK;
}

static const char *const context_names[NPS_CONTEXT_N] = {"year", "region",
                                                         "survey type"};
static const char *const context_flags[NPS_CONTEXT_N] = {
    "--ours-year", "--ours-region", "--ours-type"};

void benchmark_mismatch_text(const nps_benchmark *b,
                             const nps_benchmark_party *p, char *buf,
                             size_t size) {
  buf[0] = '\0';
  for (int j = 0; j < NPS_CONTEXT_N; j++)
    if (p->mismatch & (1u << j))
      cli_append(buf, size, "%s%s %s, ours %s", buf[0] ? "; " : "",
                 context_names[j], p->src->context[j], b->context[j]);
}

void benchmark_warn_context(const cli_common *c, const char *comp_path,
                            const nps_benchmark *b, int name_flags) {
  const char *name = comp_path ? comp_path : "";
  for (size_t i = 0; i < b->n_parties; i++) {
    const nps_benchmark_party *p = &b->parties[i];
    if (!p->mismatch)
      continue;
    char what[512];
    benchmark_mismatch_text(b, p, what, sizeof what);
    char disp[256] = "";
    benchmark_name_append(disp, sizeof disp, p);
    cli_warn(c, "%s:%llu: '%s' is not like for like: %s; %s", name,
             (unsigned long long)p->src->line, disp, what,
             p->comparable ? "compared and ranked anyway, as asked"
             : name_flags  ? "not compared or ranked (--rank-unlike accepts "
                             "the mismatch)"
                           : "not compared or ranked");
  }
  unsigned any = 0;
  for (size_t i = 0; i < b->n_parties; i++)
    any |= b->parties[i].mismatch;
  for (int j = 0; j < NPS_CONTEXT_N; j++)
    if ((any & (1u << j)) && !b->context_given[j])
      cli_warn(c, "ours taken as %s %s, the most common in %s%s%s",
               context_names[j], b->context[j], name,
               name_flags ? "; set it with " : "",
               name_flags ? context_flags[j] : "");
}

void benchmark_unlike_text(const nps_benchmark_party *p, char *buf,
                           size_t size) {
  size_t n = 0, k = 0;
  for (int j = 0; j < NPS_CONTEXT_N; j++)
    n += (p->mismatch >> j) & 1u;
  snprintf(buf, size, "different ");
  for (int j = 0; j < NPS_CONTEXT_N; j++)
    if (p->mismatch & (1u << j)) {
      k++;
      cli_append(buf, size, "%s%s",
                 k == 1   ? ""
                 : k == n ? " and "
                          : ", ",
                 context_names[j]);
    }
}
