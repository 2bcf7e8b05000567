/*
 * fuzz_common.h - pieces shared by the fuzz harnesses: the input as a
 * stream, and the checks run after every read (beyond the sanitizers'):
 * what the reader promises about its messages, report and table.
 * A broken promise ends the run with a trap, which libFuzzer and the corpus
 * replay both report as a crash.
 */
#ifndef NPS_FUZZ_COMMON_H
#define NPS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nps/csvin.h"
#include "nps/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      __builtin_trap();                                                        \
    }                                                                          \
  } while (0)

/* A read-only stream over size bytes (an empty one for size 0). */
static inline FILE *fuzz_open(const uint8_t *data, size_t size) {
  if (size == 0)
    return fopen("/dev/null", "rb");
  return fmemopen((void *)(uintptr_t)data, size, "rb");
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid.
 * Written apart from the reader's own check on purpose. */
static inline size_t fuzz_utf8_len(const unsigned char *s, size_t n) {
  static const struct {
    unsigned char lead_lo, lead_hi, len;
  } forms[] = {
      {0x00, 0x7F, 1}, {0xC2, 0xDF, 2}, {0xE0, 0xEF, 3}, {0xF0, 0xF4, 4}};
  for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    if (s[0] < forms[f].lead_lo || s[0] > forms[f].lead_hi)
      continue;
    size_t len = forms[f].len;
    if (len > n)
      return 0;
    for (size_t i = 1; i < len; i++)
      if ((s[i] & 0xC0) != 0x80)
        return 0;
    /* Overlong, surrogate and beyond-U+10FFFF forms. */
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
      return 0;
    return len;
  }
  return 0;
}

static inline int fuzz_utf8_valid(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0, k; i < n; i += k)
    if ((k = fuzz_utf8_len(u + i, n - i)) == 0)
      return 0;
  return 1;
}

/* A message or name for people: NUL-terminated within cap, valid UTF-8,
 * no control characters (cell bytes are escaped before they get there). */
static inline void fuzz_check_text(const char *s, size_t cap) {
  size_t len = strnlen(s, cap);
  FUZZ_CHECK(len < cap);
  FUZZ_CHECK(fuzz_utf8_valid(s, len));
  for (size_t i = 0; i < len; i++)
    FUZZ_CHECK((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] != 0x7F);
}

static inline void fuzz_check_messages(nps_status st,
                                       const nps_csvin_report *rep,
                                       const nps_csvin_error *err) {
  fuzz_check_text(err->message, sizeof err->message);
  /* the score column's own name, raw (escaped by whoever shows it) */
  FUZZ_CHECK(strnlen(rep->score_column, sizeof rep->score_column) <
             sizeof rep->score_column);
  fuzz_check_text(rep->first_invalid_reason, sizeof rep->first_invalid_reason);
  fuzz_check_text(rep->counts_form, sizeof rep->counts_form);
  fuzz_check_text(rep->columns_matched, sizeof rep->columns_matched);
  for (size_t j = 0; j < NPS_CSVIN_TALLY_FILTERS; j++) {
    const nps_csvin_filter_tally *t = &rep->filter_tally[j];
    FUZZ_CHECK(t->n_values <= NPS_CSVIN_TALLY_VALUES);
    FUZZ_CHECK(t->more == 0 || t->n_values == NPS_CSVIN_TALLY_VALUES);
    for (uint32_t i = 0; i < t->n_values; i++) {
      size_t kept = strnlen(t->value[i], sizeof t->value[i]);
      FUZZ_CHECK(kept < sizeof t->value[i] && kept <= t->len[i]);
      FUZZ_CHECK(kept == t->len[i] || kept + 4 >= sizeof t->value[i]);
    }
  }
  FUZZ_CHECK(st == NPS_OK || err->message[0] != '\0');
  FUZZ_CHECK(rep->invalid == 0 || rep->first_invalid_reason[0] != '\0');
}

/* Group keys: valid UTF-8 made of ngroups cells joined by NPS_KEY_SEP. The
 * answers and missing answers of the groups add up to the report's. */
static inline void fuzz_check_table(const nps_table *t, size_t ngroups,
                                    const nps_csvin_report *rep) {
  uint64_t answers = 0, missing = 0;
  int wrapped = 0;
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    FUZZ_CHECK(g->key[g->key_len] == '\0');
    FUZZ_CHECK(fuzz_utf8_valid(g->key, g->key_len));
    size_t seps = 0;
    for (size_t j = 0; j < g->key_len; j++)
      seps += g->key[j] == NPS_KEY_SEP;
    FUZZ_CHECK(seps == (ngroups ? ngroups - 1 : 0));
    for (int s = 0; s < NPS_NSCORES; s++) {
      wrapped |= answers + g->hist.count[s] < answers;
      answers += g->hist.count[s];
    }
    wrapped |= missing + g->missing < missing;
    missing += g->missing;
  }
  if (!wrapped && rep->responses != UINT64_MAX && rep->missing != UINT64_MAX) {
    FUZZ_CHECK(answers == rep->responses);
    FUZZ_CHECK(missing == rep->missing);
  }
}

#endif
