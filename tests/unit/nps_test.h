/*
 * nps_test.h - helpers shared by the cmocka unit tests.
 *
 * cmocka 1.1.5's assert_float_equal compares through float, too coarse for
 * reference values given to 1e-10; assert_double_near compares doubles and
 * prints both expressions, both values and the difference on failure.
 */
#ifndef NPS_TEST_H
#define NPS_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static inline void nps_test_near(double a, double b, double tol, const char *ea,
                                 const char *eb, const char *file, int line) {
  if (a == b || fabs(a - b) <= tol)
    return;
  print_error("%s = %.17g is not within %g of %s = %.17g "
              "(difference %.3g)\n",
              ea, a, tol, eb, b, a - b);
  _fail(file, line);
}

static inline void nps_test_nan(double a, const char *ea, const char *file,
                                int line) {
  if (isnan(a))
    return;
  print_error("%s = %.17g is not NaN\n", ea, a);
  _fail(file, line);
}

/* |a - b| <= tol, or a == b (so equal infinities pass). */
#define assert_double_near(a, b, tol)                                          \
  nps_test_near((a), (b), (tol), #a, #b, __FILE__, __LINE__)

#define assert_double_nan(a) nps_test_nan((a), #a, __FILE__, __LINE__)

#define NPS_ARRAY_LEN(x) (sizeof(x) / sizeof((x)[0]))

#endif
