/*
 * test_sql.c - the query builder (sql.h): quoting and escaping per dialect,
 * including what a command line cannot pass (a newline, a control
 * character), and the names it refuses. The queries themselves run in
 * DuckDB, SQLite and PostgreSQL in tests/sql/engine.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "nps/sql.h"
#include "nps_test.h"

static char *build(nps_sql_dialect d, const char *table, const char *group,
                   const nps_csvin_filter *filter, nps_status want) {
  nps_sql_options o;
  nps_sql_options_init(&o);
  o.dialect = d;
  o.table = table;
  o.score_column = "score";
  const char *groups[1] = {group};
  o.group_columns = groups;
  o.n_group_columns = group ? 1 : 0;
  o.filters = filter;
  o.n_filters = filter ? 1 : 0;
  char *q = NULL;
  nps_sql_error e;
  assert_int_equal(nps_sql_counts_query(&o, &q, &e), want);
  return q;
}

static void contains(const char *q, const char *part) {
  if (!strstr(q, part))
    fail_msg("missing %s in:\n%s", part, q);
}

/* Source: each dialect's lexical rules, cited in sql.h and the golden
 * cases tests/cli/cases/sql_*. */
static void test_escapes(void **state) {
  (void)state;
  static const char *const values[] = {"a'b\nc\\d\x01"};
  nps_csvin_filter f = {"x", values, 1, 0};
  char *q = build(NPS_SQL_POSTGRES, "t\"\n", "g\"`", &f, NPS_OK);
  contains(q, "FROM \"t\"\"\n\"\n");
  contains(q, "AS \"g\"\"`\"");
  contains(q, "IN ('a''b\nc\\d\x01')");
  free(q);
  q = build(NPS_SQL_BIGQUERY, "t`\n", "g\"`", &f, NPS_OK);
  contains(q, "FROM `t\\`\\n`\n");
  contains(q, "AS `g\"\\``");
  contains(q, "IN ('a\\'b\\nc\\\\d\\u0001')");
  free(q);
  q = build(NPS_SQL_SPARK, "t`\n", "g\"`", &f, NPS_OK);
  contains(q, "FROM `t``\n`\n");
  contains(q, "IN ('a\\'b\\nc\\\\d\\u0001')");
  free(q);
  q = build(NPS_SQL_CLICKHOUSE, "t`\\", NULL, &f, NPS_OK);
  contains(q, "FROM `t\\`\\\\`\n");
  contains(q, "IN ('a\\'b\\nc\\\\d\\x01')");
  free(q);
}

static void test_refused(void **state) {
  (void)state;
  char long_name[70];
  memset(long_name, 'c', 64);
  long_name[64] = '\0';
  assert_null(build(NPS_SQL_POSTGRES, long_name, NULL, NULL, NPS_EINVAL));
  char *q = build(NPS_SQL_DUCKDB, long_name, NULL, NULL, NPS_OK);
  free(q);
  assert_null(build(NPS_SQL_SQLITE, "", NULL, NULL, NPS_EINVAL));
  assert_null(build(NPS_SQL_SQLITE, "t\xff", NULL, NULL, NPS_EINVAL));
  assert_null(build(NPS_SQL_SQLITE, "t", " Score ", NULL, NPS_EINVAL));
  assert_null(build(NPS_SQL_SQLITE, "t", "s10", NULL, NPS_EINVAL));
  assert_null(build(NPS_SQL_SQLITE, "t", "Nps_Stat_x", NULL, NPS_EINVAL));
  nps_csvin_filter none = {"x", NULL, 0, 1};
  assert_null(build(NPS_SQL_SQLITE, "t", NULL, &none, NPS_EINVAL));
}

static void test_dialect_names(void **state) {
  (void)state;
  nps_sql_dialect d;
  for (int i = 0; i <= NPS_SQL_CLICKHOUSE; i++) {
    const char *name = nps_sql_dialect_name((nps_sql_dialect)i);
    assert_int_equal(nps_sql_dialect_parse(name, &d), NPS_OK);
    assert_int_equal(d, i);
  }
  assert_int_equal(nps_sql_dialect_parse("mysql", &d), NPS_EINVAL);
  assert_string_equal(nps_sql_dialect_name((nps_sql_dialect)99), "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_refused),
      cmocka_unit_test(test_dialect_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
