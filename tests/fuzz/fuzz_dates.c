/*
 * fuzz_dates.c - libFuzzer harness for the date parser and bucketer
 * (include/nps/dates.h). The first byte picks the period (low 3 bits, mod
 * 5) and the format (bits 3-4: ISO 8601, "%d.%m.%Y", "%m/%d/%Y %H:%M",
 * "%y%m%d"); the rest is the cell. Checks: the status is NPS_OK,
 * NPS_EEMPTY or NPS_EINVAL; a bucketed cell's period contains the day it
 * stands for; the period's label buckets back to the same period; the day
 * is a valid calendar date (year 1..9999) that nps_date_from_ymd gives
 * back; a parsed date agrees with the bucketer.
 */
#include "fuzz_common.h"

#include "nps/dates.h"

static const char *const formats[4] = {NULL, "%d.%m.%Y", "%m/%d/%Y %H:%M",
                                       "%y%m%d"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  nps_period p = (nps_period)((data[0] & 7) % 5);
  const char *format = formats[(data[0] >> 3) & 3];
  const char *cell = (const char *)data + 1;
  size_t len = size - 1;
  int64_t index = 0, first = 0, day = 0;
  nps_status st = nps_period_bucket(cell, len, format, p, &index, &first);
  FUZZ_CHECK(st == NPS_OK || st == NPS_EEMPTY || st == NPS_EINVAL);
  nps_status ds = nps_date_parse(cell, len, format, &day);
  FUZZ_CHECK(ds == NPS_OK || ds == NPS_EEMPTY || ds == NPS_EINVAL);
  if (ds == NPS_OK) {
    FUZZ_CHECK(st == NPS_OK && first == day);
  }
  if (st != NPS_OK)
    return 0;
  FUZZ_CHECK(nps_period_of(p, first) == index);
  FUZZ_CHECK(nps_period_first_day(p, index) <= first);
  int y, m, d;
  int64_t back;
  nps_date_to_ymd(first, &y, &m, &d);
  FUZZ_CHECK(nps_date_from_ymd(y, m, d, &back) == NPS_OK && back == first);
  char label[NPS_PERIOD_LABEL_SIZE];
  nps_period_label(p, index, label, sizeof label);
  int64_t again;
  FUZZ_CHECK(nps_period_bucket(label, strlen(label), NULL, p, &again, NULL) ==
                 NPS_OK &&
             again == index);
  return 0;
}
