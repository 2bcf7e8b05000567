/*
 * gen_responses: write a large synthetic NPS survey export for benchmarks.
 *
 *   gen_responses ROWS SEED > responses.csv
 *
 * The columns match docs/examples/responses.csv:
 *   respondent_id,date,channel,customer_type,region,score
 * Channels are drawn with fixed probabilities, each with its own score
 * distribution (so per-channel NPS differ), dates are uniform over 2025, and
 * about 2% of scores are empty (missing). The same ROWS and SEED give the
 * same bytes on every platform: the generator is integer-only (splitmix64)
 * and every draw goes through a fixed lookup table.
 *
 * It uses only libc and formats rows by hand into a large buffer, so it
 * writes several hundred MB/s: the benchmark measures the reader, not this.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_util.h"

#define TABLE_BITS 12
#define TABLE_SIZE (1u << TABLE_BITS)
#define TABLE_MASK (TABLE_SIZE - 1u)
#define OUT_SIZE   (1u << 20)
#define MISSING    11 /* score index meaning "empty cell" */

struct rng {
  uint64_t s;
};

static uint64_t rng_next(struct rng *r) {
  return gen_splitmix(&r->s);
}

struct label {
  const char *text;
  size_t len;
};

#define LABEL(s)                                                               \
  { s, sizeof(s) - 1 }

static const struct label channels[] = {LABEL("chat"),  LABEL("phone"),
                                        LABEL("email"), LABEL("app"),
                                        LABEL("web"),   LABEL("store")};
/* Channel shares in 1/1000: chat, phone, email, app, web, store. */
static const unsigned channel_weights[] = {200, 220, 150, 200, 180, 50};

static const struct label types[] = {LABEL("new"), LABEL("returning"),
                                     LABEL("business")};
static const unsigned type_weights[] = {30, 55, 15};

static const struct label regions[] = {LABEL("north"), LABEL("south"),
                                       LABEL("east"), LABEL("west")};
static const unsigned region_weights[] = {25, 30, 20, 25};

/*
 * Score distributions per channel in 1/1000 over 0..10 and "missing".
 * Promoter minus detractor shares give NPS of about -5 (chat), -15 (phone),
 * 0 (email), +35 (app), +10 (web), +20 (store).
 */
static const unsigned score_weights[6][12] = {
    /* 0   1   2   3   4    5    6    7    8    9   10  NA */
    {31, 16, 23, 31, 39, 93, 140, 128, 156, 136, 187, 20},  /* chat */
    {37, 18, 28, 37, 46, 110, 165, 110, 135, 123, 171, 20}, /* phone */
    {29, 14, 21, 29, 36, 86, 129, 132, 162, 144, 198, 20},  /* email */
    {14, 7, 10, 14, 17, 42, 62, 137, 167, 214, 296, 20},    /* app */
    {24, 12, 18, 24, 31, 74, 110, 132, 162, 165, 228, 20},  /* web */
    {20, 10, 15, 20, 26, 61, 92, 132, 162, 185, 257, 20},   /* store */
};

/* Fill a TABLE_SIZE lookup table so that a uniform index yields category i
 * with probability weights[i] / sum(weights). */
static void fill_table(unsigned char *table, const unsigned *weights,
                       size_t n) {
  unsigned total = 0;
  for (size_t i = 0; i < n; i++)
    total += weights[i];
  size_t pos = 0;
  unsigned cum = 0;
  for (size_t i = 0; i < n; i++) {
    cum += weights[i];
    size_t end = (size_t)(((uint64_t)cum * TABLE_SIZE + total / 2) / total);
    while (pos < end && pos < TABLE_SIZE)
      table[pos++] = (unsigned char)i;
  }
  while (pos < TABLE_SIZE)
    table[pos++] = (unsigned char)(n - 1);
}

struct tables {
  unsigned char channel[TABLE_SIZE];
  unsigned char type[TABLE_SIZE];
  unsigned char region[TABLE_SIZE];
  unsigned char score[6][TABLE_SIZE];
  char dates[365][11]; /* "2025-MM-DD" */
};

static void build_tables(struct tables *t) {
  static const int month_days[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
  fill_table(t->channel, channel_weights, 6);
  fill_table(t->type, type_weights, 3);
  fill_table(t->region, region_weights, 4);
  for (size_t c = 0; c < 6; c++)
    fill_table(t->score[c], score_weights[c], 12);
  int day = 0;
  for (int m = 1; m <= 12; m++) {
    for (int d = 1; d <= month_days[m - 1]; d++, day++) {
      char *s = t->dates[day];
      memcpy(s, "2025-00-00", 11);
      s[5] = (char)('0' + m / 10);
      s[6] = (char)('0' + m % 10);
      s[8] = (char)('0' + d / 10);
      s[9] = (char)('0' + d % 10);
    }
  }
}

static char *put_label(char *p, const struct label *l) {
  memcpy(p, l->text, l->len);
  return p + l->len;
}

static int generate(uint64_t rows, uint64_t seed, const struct tables *t) {
  static char buf[OUT_SIZE];
  static const char header[] =
      "respondent_id,date,channel,customer_type,region,score\n";
  struct rng r = {seed};
  size_t len = sizeof header - 1;
  memcpy(buf, header, len);
  for (uint64_t i = 0; i < rows; i++) {
    if (len > OUT_SIZE - 128) {
      if (gen_flush("gen_responses", buf, len) != 0)
        return -1;
      len = 0;
    }
    /* One 64-bit draw feeds all five categorical choices. */
    uint64_t x = rng_next(&r);
    unsigned ch = t->channel[x & TABLE_MASK];
    unsigned ty = t->type[(x >> 12) & TABLE_MASK];
    unsigned re = t->region[(x >> 24) & TABLE_MASK];
    unsigned sc = t->score[ch][(x >> 36) & TABLE_MASK];
    unsigned day = (unsigned)(((x >> 48) * 365u) >> 16);
    char *p = buf + len;
    p = gen_put_uint(p, 1000000u + i);
    *p++ = ',';
    memcpy(p, t->dates[day], 10);
    p += 10;
    *p++ = ',';
    p = put_label(p, &channels[ch]);
    *p++ = ',';
    p = put_label(p, &types[ty]);
    *p++ = ',';
    p = put_label(p, &regions[re]);
    *p++ = ',';
    if (sc == 10) {
      *p++ = '1';
      *p++ = '0';
    } else if (sc != MISSING) {
      *p++ = (char)('0' + sc);
    }
    *p++ = '\n';
    len = (size_t)(p - buf);
  }
  if (gen_flush("gen_responses", buf, len) != 0)
    return -1;
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gen_responses: write error: %s\n", strerror(errno));
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  uint64_t rows, seed;
  if (argc != 3 || gen_parse_u64(argv[1], &rows) != 0 ||
      gen_parse_u64(argv[2], &seed) != 0) {
    fprintf(stderr, "usage: gen_responses ROWS SEED > file.csv\n");
    return 2;
  }
  static struct tables t;
  build_tables(&t);
  return generate(rows, seed, &t) == 0 ? 0 : 1;
}
