/*
 * test_table.c - the grouping engine: keys to histograms, merge, sort,
 * the group limit and growth of the hash index.
 */
#include <stdio.h>
#include <string.h>

#include "nps/table.h"
#include "nps_test.h"

static nps_table *table_new(size_t max_groups) {
  nps_table *t = nps_table_new(max_groups);
  assert_non_null(t);
  return t;
}

static const nps_group *find_group(const nps_table *t, const char *key,
                                   size_t len) {
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    if (g->key_len == len && memcmp(g->key, key, len) == 0)
      return g;
  }
  return NULL;
}

static void test_get_creates_once(void **state) {
  (void)state;
  nps_table *t = table_new(0);
  assert_int_equal(nps_table_size(t), 0);
  nps_group *a, *b;
  assert_int_equal(nps_table_get(t, "north", 5, &a), NPS_OK);
  assert_int_equal(nps_table_get(t, "northern", 5, &b), NPS_OK); /* prefix */
  assert_ptr_equal(a, b);
  assert_int_equal(nps_table_size(t), 1);
  assert_string_equal(a->key, "north");
  assert_int_equal(a->key_len, 5);
  assert_true(nps_hist_total(&a->hist) == 0 && a->missing == 0);
  /* Empty keys and keys with NUL bytes are keys like any other. */
  const char nul_key[] = {'a', '\0', 'b'};
  assert_int_equal(nps_table_get(t, "", 0, &a), NPS_OK);
  assert_int_equal(nps_table_get(t, nul_key, 3, &b), NPS_OK);
  assert_ptr_not_equal(a, b);
  assert_int_equal(b->key_len, 3);
  assert_memory_equal(b->key, nul_key, 3);
  assert_int_equal(nps_table_size(t), 3);
  assert_null(nps_table_group(t, 3));
  nps_table_free(t);
  nps_table_free(NULL);
}

static void test_add(void **state) {
  (void)state;
  nps_table *t = table_new(0);
  assert_int_equal(nps_table_add(t, "x", 1, 10, 3), NPS_OK);
  assert_int_equal(nps_table_add(t, "x", 1, 0, 2), NPS_OK);
  assert_int_equal(nps_table_add(t, "y", 1, 7, 1), NPS_OK);
  assert_int_equal(nps_table_add_missing(t, "x", 1, 4), NPS_OK);
  assert_int_equal(nps_table_add(t, "x", 1, 11, 1), NPS_EINVAL);
  assert_int_equal(nps_table_add(t, "z", 1, -1, 1), NPS_EINVAL);
  assert_null(find_group(t, "z", 1)); /* a bad score creates no group */
  const nps_group *x = find_group(t, "x", 1);
  assert_non_null(x);
  assert_true(x->hist.count[10] == 3 && x->hist.count[0] == 2);
  assert_true(x->missing == 4);
  assert_int_equal(nps_table_add(t, "x", 1, 10, UINT64_MAX), NPS_EOVERFLOW);
  assert_int_equal(nps_table_add_missing(t, "x", 1, UINT64_MAX), NPS_EOVERFLOW);
  nps_hist total;
  uint64_t missing;
  nps_table_total(t, &total, &missing);
  assert_true(nps_hist_total(&total) == 6 && missing == 4);
  assert_true(total.count[7] == 1);
  nps_table_free(t);
}

static void test_merge(void **state) {
  (void)state;
  nps_table *a = table_new(0), *b = table_new(0);
  assert_int_equal(nps_table_add(a, "k1", 2, 9, 1), NPS_OK);
  assert_int_equal(nps_table_add(a, "k2", 2, 3, 2), NPS_OK);
  assert_int_equal(nps_table_add(b, "k2", 2, 3, 5), NPS_OK);
  assert_int_equal(nps_table_add(b, "k3", 2, 8, 7), NPS_OK);
  assert_int_equal(nps_table_add_missing(b, "k1", 2, 2), NPS_OK);
  assert_int_equal(nps_table_merge(a, b), NPS_OK);
  assert_int_equal(nps_table_size(a), 3);
  assert_true(find_group(a, "k1", 2)->hist.count[9] == 1);
  assert_true(find_group(a, "k1", 2)->missing == 2);
  assert_true(find_group(a, "k2", 2)->hist.count[3] == 7);
  assert_true(find_group(a, "k3", 2)->hist.count[8] == 7);
  /* First-seen order: dst's groups, then src's new ones. */
  assert_string_equal(nps_table_group(a, 2)->key, "k3");
  nps_table_free(a);
  nps_table_free(b);
}

static void test_sort(void **state) {
  (void)state;
  nps_table *t = table_new(0);
  const char *keys[] = {"b",
                        "ab",
                        "a",
                        "",
                        "\xd0\xbc",
                        "a\x1f"
                        "z",
                        "B"};
  for (size_t i = 0; i < NPS_ARRAY_LEN(keys); i++)
    assert_int_equal(nps_table_add(t, keys[i], strlen(keys[i]), 9, i + 1),
                     NPS_OK);
  nps_table_sort(t);
  const char *want[] = {"",
                        "B",
                        "a",
                        "a\x1f"
                        "z",
                        "ab",
                        "b",
                        "\xd0\xbc"};
  for (size_t i = 0; i < NPS_ARRAY_LEN(want); i++)
    assert_string_equal(nps_table_group(t, i)->key, want[i]);
  /* Lookups still work after sorting (the index is rebuilt). */
  nps_group *g;
  assert_int_equal(nps_table_get(t, "ab", 2, &g), NPS_OK);
  assert_true(g->hist.count[9] == 2);
  assert_int_equal(nps_table_size(t), NPS_ARRAY_LEN(keys));
  nps_table_free(t);
}

static void test_max_groups(void **state) {
  (void)state;
  nps_table *t = table_new(3);
  assert_int_equal(nps_table_add(t, "a", 1, 9, 1), NPS_OK);
  assert_int_equal(nps_table_add(t, "b", 1, 9, 1), NPS_OK);
  assert_int_equal(nps_table_add(t, "c", 1, 9, 1), NPS_OK);
  assert_int_equal(nps_table_add(t, "d", 1, 9, 1), NPS_EGROUPS);
  assert_int_equal(nps_table_add(t, "a", 1, 9, 1), NPS_OK); /* existing */
  assert_int_equal(nps_table_size(t), 3);
  nps_table *src = table_new(0);
  assert_int_equal(nps_table_add(src, "e", 1, 0, 1), NPS_OK);
  assert_int_equal(nps_table_merge(t, src), NPS_EGROUPS);
  nps_table_free(src);
  nps_table_free(t);
  /* 0 means the default limit. */
  t = table_new(0);
  char key[32];
  for (int i = 0; i < NPS_TABLE_DEFAULT_MAX_GROUPS; i++) {
    int len = snprintf(key, sizeof key, "g%d", i);
    assert_int_equal(nps_table_add(t, key, (size_t)len, 5, 1), NPS_OK);
  }
  assert_int_equal(nps_table_add(t, "one more", 8, 5, 1), NPS_EGROUPS);
  nps_table_free(t);
}

/* Many keys force the index to grow several times; every group keeps its
 * counts and first-seen position. */
static void test_many_keys(void **state) {
  (void)state;
  const int n = 50000;
  nps_table *t = table_new((size_t)n);
  char key[32];
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < n; i++) {
      int len = snprintf(key, sizeof key, "segment-%d", i);
      assert_int_equal(nps_table_add(t, key, (size_t)len, i % 11, 1), NPS_OK);
    }
  assert_int_equal(nps_table_size(t), (size_t)n);
  for (int i = 0; i < n; i += 997) {
    int len = snprintf(key, sizeof key, "segment-%d", i);
    const nps_group *g = nps_table_group(t, (size_t)i);
    assert_int_equal(g->key_len, (size_t)len);
    assert_memory_equal(g->key, key, (size_t)len);
    assert_true(g->hist.count[i % 11] == 2);
    assert_true(nps_hist_total(&g->hist) == 2);
    nps_group *found;
    assert_int_equal(nps_table_get(t, key, (size_t)len, &found), NPS_OK);
    assert_ptr_equal(found, g);
  }
  nps_hist total;
  uint64_t missing;
  nps_table_total(t, &total, &missing);
  assert_true(nps_hist_total(&total) == 2 * (uint64_t)n);
  nps_table_free(t);
}

/* Component k of a key, as a string ("" when absent) and found or not. */
static int part(const char *key, size_t len, size_t k, char *out) {
  const char *p;
  size_t n;
  int found = nps_key_part(key, len, k, &p, &n);
  memcpy(out, p, n);
  out[n] = '\0';
  return found;
}

static void test_key_part(void **state) {
  (void)state;
  char out[32];
  const char key[] = "app\x1f"
                     "north\x1f"
                     ""; /* three components */
  size_t len = sizeof key - 1;
  assert_true(part(key, len, 0, out) && strcmp(out, "app") == 0);
  assert_true(part(key, len, 1, out) && strcmp(out, "north") == 0);
  assert_true(part(key, len, 2, out) && strcmp(out, "") == 0);
  assert_false(part(key, len, 3, out));
  assert_string_equal(out, "");
  assert_true(part("solo", 4, 0, out) && strcmp(out, "solo") == 0);
  assert_false(part("solo", 4, 1, out));
  /* The empty key (no grouping columns) has one empty component. */
  assert_true(part("", 0, 0, out) && strcmp(out, "") == 0);
  assert_false(part("", 0, 1, out));
  assert_int_equal(nps_key_part("a\x1f"
                                "b",
                                3, 1, NULL, NULL),
                   1);
}

/* The answers of a table stay below 2^64 in all: two groups, or two
 * scores of one group, whose counts would sum past 2^64 - 1 are refused,
 * so no group's n and no overall row can overflow; a merge that would
 * pass it is refused before it changes anything. */
static void test_total_overflow(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0), *u = nps_table_new(0);
  assert_non_null(t);
  assert_non_null(u);
  assert_int_equal(nps_table_add(t, "a", 1, 9, UINT64_MAX), NPS_OK);
  assert_int_equal(nps_table_add(t, "b", 1, 0, 1), NPS_EOVERFLOW);
  assert_int_equal(nps_table_add(t, "a", 1, 0, 1), NPS_EOVERFLOW);
  assert_int_equal(nps_table_add(u, "b", 1, 9, 1), NPS_OK);
  assert_int_equal(nps_table_merge(t, u), NPS_EOVERFLOW);
  assert_int_equal(nps_table_size(t), 1);
  nps_hist total;
  uint64_t missing;
  nps_table_total(t, &total, &missing);
  assert_true(nps_hist_total(&total) == UINT64_MAX);
  nps_table_free(t);
  nps_table_free(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_get_creates_once),
      cmocka_unit_test(test_add),
      cmocka_unit_test(test_merge),
      cmocka_unit_test(test_sort),
      cmocka_unit_test(test_max_groups),
      cmocka_unit_test(test_many_keys),
      cmocka_unit_test(test_key_part),
      cmocka_unit_test(test_total_overflow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
