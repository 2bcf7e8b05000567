/*
 * gen_wide: write a large synthetic survey export shaped like a Qualtrics
 * CSV export, for the ingest benchmark (bench/ingest.sh).
 *
 *   gen_wide ROWS SEED > wide.csv
 *
 * The file has 60 columns and three header rows, as a Qualtrics export has
 * them: the column ids, the question texts, and the JSON ImportId of each
 * column; a reader needs the first as its header and skips the other two
 * (nps-stat --skip-rows 2).
 * Every cell is quoted and records end in CRLF. The columns:
 *
 *   - Qualtrics metadata: StartDate, EndDate, Status, IPAddress, Progress,
 *     Duration (in seconds), Finished, RecordedDate, ResponseId,
 *     RecipientLastName, RecipientFirstName, RecipientEmail,
 *     ExternalReference, LocationLatitude, LocationLongitude,
 *     DistributionChannel, UserLanguage, Q_RecaptchaScore;
 *   - the NPS question Q1 (0-10) and Q1_NPS_GROUP (1 detractor, 2 passive,
 *     3 promoter), both empty for about 2% of rows (unfinished responses);
 *   - answers: free text Q2 (reason for the score), a matrix Q3_1..Q3_8
 *     (agreement labels), a multiple-answer Q4 (choices joined by commas)
 *     with Q4_8_TEXT, Q5, free text Q6 (what to improve), sliders
 *     Q7_1..Q7_5, a date Q8, Q9, Q10, free text Q11, a rank order
 *     Q12_1..Q12_4, Q13, Q14;
 *   - embedded data: channel, region, customer_type, plan, tenure_months,
 *     account_id, country, signup_date, order_value, agent_id, ticket_id,
 *     survey_version.
 *
 * The free-text cells are built from a bank of phrases holding commas,
 * doubled quotes, semicolons and UTF-8 text, joined by spaces, LF, CRLF or
 * blank lines, so quoted fields span lines. The score depends on the
 * channel and the region, so the NPS differs between groups of
 * `--by channel,region`. Rows average a little under 1 KB.
 *
 * The same ROWS and SEED give the same bytes on every platform: the
 * generator is integer-only (splitmix64) and weighted draws go through
 * fixed lookup tables. Rows are formatted by hand into a large buffer, so
 * it writes several hundred MB/s: the benchmark measures the reader.
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
#define OUT_SIZE   (1u << 21)
#define MAX_ROW    (1u << 15) /* bound on one formatted row, see row() */
#define MAX_PHRASE 200        /* bound on one escaped phrase */
#define MAX_WORDS  12         /* phrases per free-text cell, at most */

struct rng {
  uint64_t s;
  uint64_t pool; /* unused random bits of the last draw */
  unsigned left; /* how many */
};

static uint64_t rng_next(struct rng *r) {
  return gen_splitmix(&r->s);
}

/* k (1..32) random bits, taken from a 64-bit pool refilled when short. */
static unsigned rng_bits(struct rng *r, unsigned k) {
  if (r->left < k) {
    r->pool = rng_next(r);
    r->left = 64;
  }
  unsigned v = (unsigned)(r->pool & ((1ull << k) - 1u));
  r->pool >>= k;
  r->left -= k;
  return v;
}

/* A uniform integer in [0, n), n <= 2^16 (16 random bits, scaled). */
static unsigned rng_below(struct rng *r, unsigned n) {
  return (unsigned)(((uint64_t)rng_bits(r, 16) * n) >> 16);
}

struct text {
  const char *s;
  size_t len;
};

#define T(s)                                                                   \
  { s, sizeof(s) - 1 }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A weighted choice: a uniform 12-bit index yields i with probability
 * weights[i] / sum(weights). */
struct dist {
  unsigned char t[TABLE_SIZE];
};

static void dist_fill(struct dist *d, const unsigned *weights, size_t n) {
  unsigned total = 0;
  for (size_t i = 0; i < n; i++)
    total += weights[i];
  size_t pos = 0;
  unsigned cum = 0;
  for (size_t i = 0; i < n; i++) {
    cum += weights[i];
    size_t end = (size_t)(((uint64_t)cum * TABLE_SIZE + total / 2) / total);
    while (pos < end && pos < TABLE_SIZE)
      d->t[pos++] = (unsigned char)i;
  }
  while (pos < TABLE_SIZE)
    d->t[pos++] = (unsigned char)(n - 1);
}

static unsigned draw(struct rng *r, const struct dist *d) {
  return d->t[rng_bits(r, TABLE_BITS)];
}

/* ---- the columns' values ------------------------------------------------ */

static const struct text channels[] = {T("chat"), T("phone"), T("email"),
                                       T("app"),  T("web"),   T("store")};
static const unsigned channel_w[] = {200, 220, 150, 200, 180, 50};

static const struct text regions[] = {T("North America"), T("Europe"),
                                      T("Asia Pacific"), T("Latin America"),
                                      T("Middle East & Africa")};
static const unsigned region_w[] = {40, 28, 17, 10, 5};
/* Per region, the chance in 1/4096 that a score moves one point down
 * (first) or up (second): the regions' NPS differ. */
static const unsigned region_shift[5][2] = {
    {0, 0}, {300, 100}, {100, 500}, {50, 700}, {600, 50}};

static const struct text types[] = {T("new"), T("returning"), T("business")};
static const unsigned type_w[] = {30, 55, 15};

static const struct text plans[] = {T("Free"), T("Starter"), T("Pro"),
                                    T("Enterprise")};
static const unsigned plan_w[] = {35, 30, 25, 10};

/* Score distributions per channel in 1/1000 over 0..10. */
static const unsigned score_w[6][11] = {
    /* 0   1   2   3   4    5    6    7    8    9   10 */
    {32, 16, 23, 32, 40, 95, 143, 131, 159, 139, 190},  /* chat */
    {38, 18, 29, 38, 47, 112, 168, 112, 138, 126, 174}, /* phone */
    {30, 14, 21, 30, 37, 88, 132, 135, 165, 147, 201},  /* email */
    {14, 7, 10, 14, 17, 43, 63, 140, 170, 218, 304},    /* app */
    {24, 12, 18, 24, 32, 76, 112, 135, 165, 168, 234},  /* web */
    {20, 10, 15, 20, 27, 62, 94, 135, 165, 189, 263},   /* store */
};

static const struct text statuses[] = {T("IP Address"), T("Survey Preview"),
                                       T("Spam")};
static const unsigned status_w[] = {975, 20, 5};

static const struct text dist_channels[] = {T("anonymous"), T("email"),
                                            T("sms"), T("qr")};
static const unsigned dist_channel_w[] = {55, 35, 6, 4};

static const struct text languages[] = {T("EN"), T("ES"), T("FR"), T("DE"),
                                        T("PT-BR")};
static const unsigned language_w[] = {80, 8, 5, 4, 3};

static const struct text recaptcha[] = {T("1"), T("0.9"), T("0.8"), T("0.7"),
                                        T("0.3")};
static const unsigned recaptcha_w[] = {40, 35, 15, 7, 3};

static const struct text first_names[] = {
    T("Maria"), T("James"), T("Aiko"),  T("Olga"),     T("Pedro"), T("Fatima"),
    T("Liam"),  T("Chen"),  T("Anna"),  T("Kwame"),    T("Sofia"), T("Noah"),
    T("Zoë"),   T("Ivan"),  T("Priya"), T("Jean-Luc"),
};
static const struct text last_names[] = {
    T("Garcia"), T("Smith"),  T("Tanaka"), T("Ivanova"), T("Silva"), T("Khan"),
    T("Brown"),  T("Wang"),   T("Müller"), T("Mensah"),  T("Rossi"), T("Jones"),
    T("O'Neil"), T("Petrov"), T("Patel"),  T("Dupont"),
};

/* Latitude, longitude of a few cities (Qualtrics writes 4 decimals). */
static const struct text places[][2] = {
    {T("39.7392"), T("-104.9847")}, {T("40.7128"), T("-74.0060")},
    {T("51.5072"), T("-0.1276")},   {T("48.8566"), T("2.3522")},
    {T("52.5200"), T("13.4050")},   {T("35.6762"), T("139.6503")},
    {T("-23.5505"), T("-46.6333")}, {T("19.4326"), T("-99.1332")},
    {T("-33.8688"), T("151.2093")}, {T("1.3521"), T("103.8198")},
    {T("25.2048"), T("55.2708")},   {T("6.5244"), T("3.3792")},
    {T("55.7558"), T("37.6173")},   {T("43.6532"), T("-79.3832")},
    {T("41.8781"), T("-87.6298")},  {T("37.7749"), T("-122.4194")},
};
static const struct text countries[] = {
    T("US"), T("US"), T("GB"), T("FR"), T("DE"), T("JP"), T("BR"), T("MX"),
    T("AU"), T("SG"), T("AE"), T("NG"), T("RU"), T("CA"), T("US"), T("US")};

static const struct text agreement[] = {
    T("Strongly agree"), T("Somewhat agree"), T("Neither agree nor disagree"),
    T("Somewhat disagree"), T("Strongly disagree")};
static const unsigned agreement_w[] = {30, 33, 17, 12, 8};

static const struct text q4_choices[] = {T("Price"),
                                         T("Product quality"),
                                         T("Customer support"),
                                         T("Delivery speed"),
                                         T("Ease of use"),
                                         T("Mobile app"),
                                         T("Billing"),
                                         T("Other")};

static const struct text frequencies[] = {T("Daily"), T("Weekly"), T("Monthly"),
                                          T("Less often"),
                                          T("This was my first time")};
static const unsigned frequency_w[] = {25, 35, 22, 13, 5};

static const struct text products[] = {T("Acme Basic"), T("Acme Plus"),
                                       T("Acme Pro"), T("Acme for Teams"),
                                       T("Acme Mobile")};
static const unsigned product_w[] = {30, 25, 20, 15, 10};

static const struct text yes_no[] = {T("Yes"), T("No")};
static const struct text true_false[] = {T("False"), T("True")};
static const struct text version = T("2025.3");

static const struct text satisfaction[] = {T("Very satisfied"), T("Satisfied"),
                                           T("Neutral"), T("Dissatisfied"),
                                           T("Very dissatisfied")};
static const unsigned satisfaction_w[] = {28, 37, 18, 11, 6};

/* Free-text phrases, unescaped; row() writes them quoted with every '"'
 * doubled. */
static const struct text phrases[] = {
    T("The app is fast, but the login keeps timing out"),
    T("Support took too long, \"again\""),
    T("I'd recommend it to colleagues - it \"just works\""),
    T("Price went up 20% this year, which is hard to justify"),
    T("Delivery was on time"),
    T("Great onboarding; the checklist, videos and docs helped"),
    T("Не смог дозвониться; перезвонили через день"),
    T("Le service client était très réactif, merci"),
    T("The \"Export to CSV\" button is hidden in Settings > Data"),
    T("Agent (Maria) was friendly, patient and knowledgeable"),
    T("Billing: charged twice in March, refund took 3 weeks"),
    T("Nothing to add"),
    T("Too many emails, please stop the \"tips & tricks\" newsletter"),
    T("Works on desktop, crashes on Android 14"),
    T("Search is slow when the account has more than 10,000 items"),
    T("Love the new dashboard!!!"),
    T("5 stars, would buy again"),
    T("Die Lieferung kam zwei Tage zu spät, aber gut verpackt"),
    T("Entrega rápida, producto \"como nuevo\""),
    T("The chat bot kept saying \"I didn't get that\""),
    T("Had to call three times; each agent asked for my account number"),
    T("Easy to set up, hard to cancel"),
    T("Good value for a small team, expensive for a large one"),
    T("Please add dark mode, SSO and an API for reports"),
    T("The installer said \"unknown error\" - no idea what that means"),
    T("Store staff were great"),
    T("Checkout failed twice, then worked"),
    T("Fine"),
    T("The price, the support, the speed: all good"),
    T("配送が早くて助かりました"),
    T("Sync between phone and laptop is unreliable, I lose notes"),
    T("Would be 10 if the mobile app had offline mode"),
};

/* What joins two phrases of a free-text cell, in 1/4096. */
static const struct text joins[] = {T(". "),   T(", "),   T("\n"),
                                    T("\r\n"), T("\n\n"), T(" - ")};
static const unsigned join_w[] = {2000, 800, 600, 300, 200, 196};

static const int month_days[12] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};

struct tables {
  struct dist channel, region, type, plan, score[6], status, dist_channel,
      language, recaptcha, agreement, frequency, product, satisfaction, join;
  char dates[366][11]; /* "2025-01-01" .. "2026-01-01" */
  char phrase[COUNT(phrases)][MAX_PHRASE];
  size_t phrase_len[COUNT(phrases)];
};

static int build_tables(struct tables *t) {
  dist_fill(&t->channel, channel_w, COUNT(channel_w));
  dist_fill(&t->region, region_w, COUNT(region_w));
  dist_fill(&t->type, type_w, COUNT(type_w));
  dist_fill(&t->plan, plan_w, COUNT(plan_w));
  for (size_t c = 0; c < 6; c++)
    dist_fill(&t->score[c], score_w[c], 11);
  dist_fill(&t->status, status_w, COUNT(status_w));
  dist_fill(&t->dist_channel, dist_channel_w, COUNT(dist_channel_w));
  dist_fill(&t->language, language_w, COUNT(language_w));
  dist_fill(&t->recaptcha, recaptcha_w, COUNT(recaptcha_w));
  dist_fill(&t->agreement, agreement_w, COUNT(agreement_w));
  dist_fill(&t->frequency, frequency_w, COUNT(frequency_w));
  dist_fill(&t->product, product_w, COUNT(product_w));
  dist_fill(&t->satisfaction, satisfaction_w, COUNT(satisfaction_w));
  dist_fill(&t->join, join_w, COUNT(join_w));
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
  memcpy(t->dates[365], "2026-01-01", 11);
  for (size_t i = 0; i < COUNT(phrases); i++) {
    size_t n = 0;
    for (size_t j = 0; j < phrases[i].len; j++) {
      if (n + 2 > MAX_PHRASE)
        return -1;
      if (phrases[i].s[j] == '"')
        t->phrase[i][n++] = '"';
      t->phrase[i][n++] = phrases[i].s[j];
    }
    t->phrase_len[i] = n;
  }
  return 0;
}

/* ---- formatting -----------------------------------------------------------
 */

static char *put(char *p, const char *s, size_t n) {
  memcpy(p, s, n);
  return p + n;
}

/* Starts the next quoted cell: ',' unless first, then '"'. */
static char *open_cell(char *p, int first) {
  if (!first)
    *p++ = ',';
  *p++ = '"';
  return p;
}

static char *cell(char *p, const struct text *v) {
  p = open_cell(p, 0);
  p = put(p, v->s, v->len);
  *p++ = '"';
  return p;
}

static char *empty_cell(char *p) {
  *p++ = ',';
  *p++ = '"';
  *p++ = '"';
  return p;
}

/* v with at least `width` digits, zero-padded. */
static char *put_uint_w(char *p, uint64_t v, unsigned width) {
  char tmp[20];
  unsigned n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0 || n < width);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

static char *uint_cell(char *p, uint64_t v) {
  p = open_cell(p, 0);
  p = gen_put_uint(p, v);
  *p++ = '"';
  return p;
}

/* "YYYY-MM-DD hh:mm:ss" for second s of 2025 (s may run into 2026-01-01). */
static char *put_datetime(char *p, const struct tables *t, unsigned s) {
  unsigned day = s / 86400u, sec = s % 86400u;
  if (day > 365)
    day = 365;
  p = put(p, t->dates[day], 10);
  *p++ = ' ';
  p = put_uint_w(p, sec / 3600u, 2);
  *p++ = ':';
  p = put_uint_w(p, sec / 60u % 60u, 2);
  *p++ = ':';
  p = put_uint_w(p, sec % 60u, 2);
  return p;
}

/* A free-text cell: 1..max_words phrases, or empty with 1 - fill/16. At most
 * 2 + MAX_WORDS * (MAX_PHRASE + 3) bytes. */
static char *text_cell(char *p, struct rng *r, const struct tables *t,
                       unsigned fill, unsigned max_words) {
  p = open_cell(p, 0);
  if (rng_bits(r, 4) < fill) {
    unsigned words = 1 + rng_below(r, max_words);
    for (unsigned w = 0; w < words; w++) {
      if (w > 0) {
        const struct text *j = &joins[draw(r, &t->join)];
        p = put(p, j->s, j->len);
      }
      unsigned k = rng_below(r, (unsigned)COUNT(phrases));
      p = put(p, t->phrase[k], t->phrase_len[k]);
    }
  }
  *p++ = '"';
  return p;
}

static const char alnum[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* One data row, CRLF-terminated. Writes at most MAX_ROW bytes: three
 * free-text cells of at most 2 + 12 * 203 bytes, Q4 under 150, and 55 short
 * cells of under 48 bytes each. */
static char *row(char *p, struct rng *r, const struct tables *t, uint64_t i) {
  unsigned ch = draw(r, &t->channel);
  unsigned re = draw(r, &t->region);
  unsigned finished = rng_bits(r, 5) != 0; /* 31 in 32 */
  /* An unfinished response stops somewhere: before the NPS question for
   * three in four of them, later for the rest. */
  unsigned stop =
      finished ? 99 : (rng_bits(r, 2) != 0 ? 0 : 1 + rng_below(r, 3));

  /* Metadata. */
  unsigned start =
      rng_below(r, 365) * 86400u + rng_below(r, 43200) * 2u + rng_bits(r, 1);
  unsigned duration =
      20 + rng_below(r, 400) + (rng_bits(r, 3) == 0 ? rng_below(r, 5000) : 0);
  p = open_cell(p, 1);
  p = put_datetime(p, t, start);
  *p++ = '"';
  p = open_cell(p, 0);
  p = put_datetime(p, t, start + duration);
  *p++ = '"';
  p = cell(p, &statuses[draw(r, &t->status)]);
  p = open_cell(p, 0);
  for (int k = 0; k < 4; k++) {
    if (k > 0)
      *p++ = '.';
    p = gen_put_uint(p, rng_bits(r, 8));
  }
  *p++ = '"';
  p = uint_cell(p, finished ? 100u : 5u + rng_below(r, 90));
  p = uint_cell(p, duration);
  p = cell(p, &true_false[finished]);
  p = open_cell(p, 0);
  p = put_datetime(p, t, start + duration + 1);
  *p++ = '"';
  p = open_cell(p, 0);
  *p++ = 'R';
  *p++ = '_';
  for (int k = 0; k < 15; k++)
    *p++ = alnum[(rng_bits(r, 6) * 62u) >> 6];
  *p++ = '"';
  unsigned dc = draw(r, &t->dist_channel);
  if (dc == 1) { /* email: a known recipient */
    const struct text *first = &first_names[rng_bits(r, 4)];
    const struct text *last = &last_names[rng_bits(r, 4)];
    p = cell(p, last);
    p = cell(p, first);
    p = open_cell(p, 0);
    p = put(p, "customer", 8);
    p = put_uint_w(p, i % 10000000u, 7);
    p = put(p, "@example.com\"", 13);
    p = open_cell(p, 0);
    p = put(p, "CRM-", 4);
    p = put_uint_w(p, rng_below(r, 60000) * 16u + rng_bits(r, 4), 7);
    *p++ = '"';
  } else {
    for (int k = 0; k < 4; k++)
      p = empty_cell(p);
  }
  unsigned place = rng_bits(r, 4);
  p = cell(p, &places[place][0]);
  p = cell(p, &places[place][1]);
  p = cell(p, &dist_channels[dc]);
  p = cell(p, &languages[draw(r, &t->language)]);
  p = cell(p, &recaptcha[draw(r, &t->recaptcha)]);

  /* Q1 and its group. */
  if (stop == 0) {
    p = empty_cell(p);
    p = empty_cell(p);
  } else {
    int s = (int)draw(r, &t->score[ch]);
    unsigned u = rng_bits(r, TABLE_BITS);
    if (u < region_shift[re][0])
      s--;
    else if (u >= TABLE_SIZE - region_shift[re][1])
      s++;
    s = s < 0 ? 0 : s > 10 ? 10 : s;
    p = uint_cell(p, (unsigned)s);
    p = uint_cell(p, s >= 9 ? 3u : s >= 7 ? 2u : 1u);
  }

  /* Q2 .. Q14, empty after the point an unfinished response stopped. */
  if (stop >= 1) {
    p = text_cell(p, r, t, 11, 6);
    for (int k = 0; k < 8; k++)
      p = cell(p, &agreement[draw(r, &t->agreement)]);
  } else {
    for (int k = 0; k < 9; k++)
      p = empty_cell(p);
  }
  if (stop >= 2) {
    unsigned chosen = rng_bits(r, 8);
    if (chosen == 0)
      chosen = 1u << rng_bits(r, 3);
    if ((chosen & 0x80u) && rng_bits(r, 2) != 0)
      chosen &= 0x7fu; /* "Other" is rarer */
    p = open_cell(p, 0);
    int first = 1;
    for (unsigned k = 0; k < 8; k++) {
      if (chosen & (1u << k)) {
        if (!first)
          *p++ = ',';
        p = put(p, q4_choices[k].s, q4_choices[k].len);
        first = 0;
      }
    }
    *p++ = '"';
    if (chosen & 0x80u)
      p = text_cell(p, r, t, 16, 2);
    else
      p = empty_cell(p);
    p = cell(p, &frequencies[draw(r, &t->frequency)]);
    p = text_cell(p, r, t, 9, 10);
    for (int k = 0; k < 5; k++) {
      if (rng_bits(r, 4) == 0)
        p = empty_cell(p);
      else
        p = uint_cell(p, rng_below(r, 101));
    }
  } else {
    for (int k = 0; k < 9; k++)
      p = empty_cell(p);
  }
  if (stop >= 3) {
    p = open_cell(p, 0);
    p = put(p, t->dates[rng_below(r, 365)], 10);
    *p++ = '"';
    p = cell(p, &products[draw(r, &t->product)]);
    p = cell(p, &yes_no[rng_bits(r, 2) == 0]);
    p = text_cell(p, r, t, 5, 8);
    unsigned rank[4] = {1, 2, 3, 4};
    for (unsigned k = 3; k > 0; k--) {
      unsigned j = rng_below(r, k + 1);
      unsigned tmp = rank[k];
      rank[k] = rank[j];
      rank[j] = tmp;
    }
    for (int k = 0; k < 4; k++)
      p = uint_cell(p, rank[k]);
    p = cell(p, &satisfaction[draw(r, &t->satisfaction)]);
    p = uint_cell(p, 1 + rng_below(r, 7));
  } else {
    for (int k = 0; k < 10; k++)
      p = empty_cell(p);
  }

  /* Embedded data. */
  p = cell(p, &channels[ch]);
  p = cell(p, &regions[re]);
  p = cell(p, &types[draw(r, &t->type)]);
  p = cell(p, &plans[draw(r, &t->plan)]);
  p = uint_cell(p, rng_below(r, 121));
  p = open_cell(p, 0);
  p = put(p, "ACC-", 4);
  p = put_uint_w(p, rng_below(r, 50000) * 32u + rng_bits(r, 5), 7);
  *p++ = '"';
  p = cell(p, &countries[place]);
  p = open_cell(p, 0);
  p = gen_put_uint(p, 2015 + rng_below(r, 10));
  p = put(p, t->dates[rng_below(r, 365)] + 4, 6);
  *p++ = '"';
  p = open_cell(p, 0);
  p = gen_put_uint(p, 5 + rng_below(r, 2000));
  *p++ = '.';
  p = put_uint_w(p, rng_below(r, 100), 2);
  *p++ = '"';
  if (ch <= 1) { /* chat and phone have an agent and a ticket */
    p = open_cell(p, 0);
    p = put(p, "AG-", 3);
    p = put_uint_w(p, rng_below(r, 400), 4);
    *p++ = '"';
    p = open_cell(p, 0);
    p = put(p, "T-", 2);
    p = put_uint_w(p, 10000000u + i, 8);
    *p++ = '"';
  } else {
    p = empty_cell(p);
    p = empty_cell(p);
  }
  p = cell(p, &version);
  *p++ = '\r';
  *p++ = '\n';
  return p;
}

/* ---- header rows ------------------------------------------------------------
 */

struct column {
  const char *id;       /* row 1 */
  const char *question; /* row 2 */
  const char *import;   /* row 3: the ImportId (JSON, written escaped) */
  int zone;             /* row 3 also gives the time zone */
};

static const struct column columns[] = {
    {"StartDate", "Start Date", "startDate", 1},
    {"EndDate", "End Date", "endDate", 1},
    {"Status", "Response Type", "status", 0},
    {"IPAddress", "IP Address", "ipAddress", 0},
    {"Progress", "Progress", "progress", 0},
    {"Duration (in seconds)", "Duration (in seconds)", "duration", 0},
    {"Finished", "Finished", "finished", 0},
    {"RecordedDate", "Recorded Date", "recordedDate", 1},
    {"ResponseId", "Response ID", "_recordId", 0},
    {"RecipientLastName", "Recipient Last Name", "recipientLastName", 0},
    {"RecipientFirstName", "Recipient First Name", "recipientFirstName", 0},
    {"RecipientEmail", "Recipient Email", "recipientEmail", 0},
    {"ExternalReference", "External Data Reference", "externalDataReference",
     0},
    {"LocationLatitude", "Location Latitude", "locationLatitude", 0},
    {"LocationLongitude", "Location Longitude", "locationLongitude", 0},
    {"DistributionChannel", "Distribution Channel", "distributionChannel", 0},
    {"UserLanguage", "User Language", "userLanguage", 0},
    {"Q_RecaptchaScore", "Q_RecaptchaScore", "Q_RecaptchaScore", 0},
    {"Q1",
     "On a scale from 0 to 10, how likely are you to recommend Acme to a "
     "friend or colleague?",
     "QID1", 0},
    {"Q1_NPS_GROUP",
     "On a scale from 0 to 10, how likely are you to recommend Acme to a "
     "friend or colleague? - Group",
     "QID1_NPS_GROUP", 0},
    {"Q2", "What is the main reason for your score?", "QID2_TEXT", 0},
    {"Q3_1", "How much do you agree with each statement? - Acme is easy to use",
     "QID3_1", 0},
    {"Q3_2", "How much do you agree with each statement? - Acme is reliable",
     "QID3_2", 0},
    {"Q3_3",
     "How much do you agree with each statement? - Acme is good value for "
     "money",
     "QID3_3", 0},
    {"Q3_4",
     "How much do you agree with each statement? - Support solves my "
     "problems",
     "QID3_4", 0},
    {"Q3_5",
     "How much do you agree with each statement? - Support answers quickly",
     "QID3_5", 0},
    {"Q3_6", "How much do you agree with each statement? - Billing is clear",
     "QID3_6", 0},
    {"Q3_7",
     "How much do you agree with each statement? - The mobile app works well",
     "QID3_7", 0},
    {"Q3_8",
     "How much do you agree with each statement? - I trust Acme with my data",
     "QID3_8", 0},
    {"Q4", "Which of these matter most to you? (Select all that apply)", "QID4",
     0},
    {"Q4_8_TEXT",
     "Which of these matter most to you? (Select all that apply) - Other - "
     "Text",
     "QID4_8_TEXT", 0},
    {"Q5", "How often do you use Acme?", "QID5", 0},
    {"Q6", "What is one thing we could do better?", "QID6_TEXT", 0},
    {"Q7_1", "Rate each from 0 to 100 - Speed", "QID7_1", 0},
    {"Q7_2", "Rate each from 0 to 100 - Design", "QID7_2", 0},
    {"Q7_3", "Rate each from 0 to 100 - Features", "QID7_3", 0},
    {"Q7_4", "Rate each from 0 to 100 - Documentation", "QID7_4", 0},
    {"Q7_5", "Rate each from 0 to 100 - Price", "QID7_5", 0},
    {"Q8", "When did you last buy from us?", "QID8", 0},
    {"Q9", "Which product do you use most?", "QID9", 0},
    {"Q10", "May we contact you about your answers?", "QID10", 0},
    {"Q11", "Is there anything else you would like to tell us?", "QID11_TEXT",
     0},
    {"Q12_1", "Rank these by importance - Price", "QID12_1", 0},
    {"Q12_2", "Rank these by importance - Quality", "QID12_2", 0},
    {"Q12_3", "Rank these by importance - Support", "QID12_3", 0},
    {"Q12_4", "Rank these by importance - Speed", "QID12_4", 0},
    {"Q13", "Overall, how satisfied are you with Acme?", "QID13", 0},
    {"Q14",
     "How easy was it to get what you needed today? (1 = very hard, 7 = very "
     "easy)",
     "QID14", 0},
    {"channel", "channel", "channel", 0},
    {"region", "region", "region", 0},
    {"customer_type", "customer_type", "customer_type", 0},
    {"plan", "plan", "plan", 0},
    {"tenure_months", "tenure_months", "tenure_months", 0},
    {"account_id", "account_id", "account_id", 0},
    {"country", "country", "country", 0},
    {"signup_date", "signup_date", "signup_date", 0},
    {"order_value", "order_value", "order_value", 0},
    {"agent_id", "agent_id", "agent_id", 0},
    {"ticket_id", "ticket_id", "ticket_id", 0},
    {"survey_version", "survey_version", "survey_version", 0},
};

static int put_headers(FILE *f) {
  size_t n = COUNT(columns);
  for (size_t k = 0; k < n; k++)
    fprintf(f, "%s\"%s\"", k ? "," : "", columns[k].id);
  fputs("\r\n", f);
  for (size_t k = 0; k < n; k++)
    fprintf(f, "%s\"%s\"", k ? "," : "", columns[k].question);
  fputs("\r\n", f);
  for (size_t k = 0; k < n; k++)
    fprintf(f, "%s\"{\"\"ImportId\"\":\"\"%s\"\"%s}\"", k ? "," : "",
            columns[k].import,
            columns[k].zone ? ",\"\"timeZone\"\":\"\"America/Denver\"\"" : "");
  fputs("\r\n", f);
  return ferror(f) ? -1 : 0;
}

/* ---- main ------------------------------------------------------------------
 */

static int generate(uint64_t rows, uint64_t seed, const struct tables *t) {
  static char buf[OUT_SIZE];
  struct rng r = {seed, 0, 0};
  if (put_headers(stdout) != 0) {
    fprintf(stderr, "gen_wide: write error: %s\n", strerror(errno));
    return -1;
  }
  size_t len = 0;
  for (uint64_t i = 0; i < rows; i++) {
    if (len > OUT_SIZE - MAX_ROW) {
      if (gen_flush("gen_wide", buf, len) != 0)
        return -1;
      len = 0;
    }
    len = (size_t)(row(buf + len, &r, t, i) - buf);
  }
  if (gen_flush("gen_wide", buf, len) != 0)
    return -1;
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gen_wide: write error: %s\n", strerror(errno));
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  uint64_t rows, seed;
  if (argc != 3 || gen_parse_u64(argv[1], &rows) != 0 ||
      gen_parse_u64(argv[2], &seed) != 0) {
    fprintf(stderr, "usage: gen_wide ROWS SEED > file.csv\n");
    return 2;
  }
  static struct tables t;
  if (build_tables(&t) != 0) {
    fprintf(stderr, "gen_wide: a phrase is longer than %d bytes\n", MAX_PHRASE);
    return 1;
  }
  return generate(rows, seed, &t) == 0 ? 0 : 1;
}
