/*
 * test_order.c - row orders and the natural order of labels. Expected
 * orders are written out by hand from the rules in order.h.
 */
#include <string.h>

#include "nps/order.h"
#include "nps_test.h"

static int cmp(const char *a, const char *b) {
  return nps_natural_compare(a, strlen(a), b, strlen(b));
}

static void test_natural(void **state) {
  (void)state;
  /* spend bands: "<50" just below 50, "500+" just above 500 */
  assert_true(cmp("<50", "50-199") < 0);
  assert_true(cmp("50-199", "200-499") < 0);
  assert_true(cmp("200-499", "500+") < 0);
  assert_true(cmp("500", "500+") < 0);
  assert_true(cmp("100", ">100") < 0);
  assert_true(cmp("under 30", "30-39") < 0);
  assert_true(cmp("\xd0\xb4\xd0\xbe 30", "30-39") < 0); /* "до 30" */
  assert_true(cmp("\xe2\x89\xa4"
                  "10",
                  "10") < 0); /* "≤10" */
  /* numbers compare as numbers, decimals included */
  assert_true(cmp("9 months", "10 months") < 0);
  assert_true(cmp("1.25", "1.5") < 0);
  assert_true(cmp("2", "1.5") > 0);
  /* labels with numbers before those without; the rest by bytes */
  assert_true(cmp("1000+", "abc") < 0);
  assert_true(cmp("abc", "abd") < 0);
  assert_int_equal(cmp("same", "same"), 0);
  /* equal numbers: by bytes */
  assert_true(cmp("Q1 2024", "Q1 2025") < 0);
  assert_true(cmp("2024-01", "2024-02") < 0);
}

static const char *keys[] = {"500+", "<50", "web", "200-499", "50-199", "app"};

static void items(nps_order_item *it) {
  static const double nps[] = {0.3, -0.1, 0.3, 0.5, 0.0, 0.2};
  static const uint64_t n[] = {40, 300, 120, 40, 90, 500};
  static const size_t seen[] = {3, 1, 0, 5, 4, 2};
  for (size_t i = 0; i < 6; i++)
    it[i] =
        (nps_order_item){keys[i], strlen(keys[i]), seen[i], nps[i], n[i], i};
}

static void expect(const nps_order *o, const size_t *want) {
  nps_order_item it[6];
  items(it);
  assert_int_equal(nps_order_sort(o, it, 6), NPS_OK);
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(it[i].index, want[i]);
}

static void test_sort(void **state) {
  (void)state;
  /* natural: <50, 50-199, 200-499, 500+, app, web */
  expect(&(nps_order){NPS_ORDER_NATURAL, NULL, 0},
         (const size_t[]){1, 4, 3, 0, 5, 2});
  /* name (bytes): 200-499, 50-199, 500+, <50, app, web */
  expect(&(nps_order){NPS_ORDER_NAME, NULL, 0},
         (const size_t[]){3, 4, 0, 1, 5, 2});
  /* NPS high first; 500+ and web tie at 0.3: natural order between them */
  expect(&(nps_order){NPS_ORDER_NPS, NULL, 0},
         (const size_t[]){3, 0, 2, 5, 4, 1});
  /* n most first; 500+ and 200-499 tie at 40: natural order */
  expect(&(nps_order){NPS_ORDER_N, NULL, 0},
         (const size_t[]){5, 1, 2, 4, 3, 0});
  /* first seen */
  expect(&(nps_order){NPS_ORDER_FILE, NULL, 0},
         (const size_t[]){2, 1, 5, 0, 4, 3});
  /* a list: web, 500+ first, then the rest naturally */
  const char *vals[] = {"web", "500+", "absent"};
  expect(&(nps_order){NPS_ORDER_VALUES, vals, 3},
         (const size_t[]){2, 0, 1, 4, 3, 5});
}

static void test_names(void **state) {
  (void)state;
  nps_order_by by;
  assert_int_equal(nps_order_parse("natural", &by), NPS_OK);
  assert_int_equal(by, NPS_ORDER_NATURAL);
  assert_int_equal(nps_order_parse("nps", &by), NPS_OK);
  assert_int_equal(by, NPS_ORDER_NPS);
  assert_int_equal(nps_order_parse("values", &by), NPS_EINVAL);
  assert_int_equal(nps_order_parse("bogus", &by), NPS_EINVAL);
  assert_int_equal(nps_order_parse(NULL, &by), NPS_EINVAL);
  assert_string_equal(nps_order_name(NPS_ORDER_FILE), "file");
  assert_string_equal(nps_order_name(NPS_ORDER_VALUES), "values");
  nps_order bad = {(nps_order_by)99, NULL, 0};
  nps_order_item it[1];
  assert_int_equal(nps_order_sort(&bad, it, 0), NPS_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_natural),
      cmocka_unit_test(test_sort),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
