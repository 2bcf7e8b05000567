// Every public header compiles as C++ and links with C linkage: a C++
// program includes each header on its own and then the umbrella header,
// and calls into the library.
#include "nps/benchmark.h"
#include "nps/boot.h"
#include "nps/ci.h"
#include "nps/compare.h"
#include "nps/csvin.h"
#include "nps/dates.h"
#include "nps/did.h"
#include "nps/diffci.h"
#include "nps/export.h"
#include "nps/hist.h"
#include "nps/interval.h"
#include "nps/multi.h"
#include "nps/nps.h"
#include "nps/order.h"
#include "nps/plan.h"
#include "nps/plot.h"
#include "nps/power.h"
#include "nps/segments.h"
#include "nps/sql.h"
#include "nps/standardize.h"
#include "nps/status.h"
#include "nps/summary.h"
#include "nps/table.h"
#include "nps/test2.h"
#include "nps/text.h"
#include "nps/trend.h"
#include "nps/version.h"

#include <cmath>
#include <cstdio>
#include <cstring>

int main() {
  int failures = 0;
  if (std::strcmp(nps_version(), NPS_VERSION_STRING) != 0) {
    std::printf("nps_version() = %s, header says %s\n", nps_version(),
                NPS_VERSION_STRING);
    failures++;
  }
  // 5 promoters, 3 passives, 2 detractors: NPS = (5 - 2) / 10 = 0.3 and
  // V = 0.5 + 0.2 - 0.09 = 0.61 (hist.h's formula, by hand).
  nps_counts c = {5, 3, 2};
  nps_estimate e;
  if (nps_counts_estimate(&c, &e) != NPS_OK || std::fabs(e.nps - 0.3) > 1e-15 ||
      std::fabs(e.var - 0.61) > 1e-15) {
    std::printf("nps_counts_estimate: nps %.17g var %.17g\n", e.nps, e.var);
    failures++;
  }
  if (std::strcmp(nps_strerror(NPS_EEMPTY), "no responses") != 0) {
    std::printf("nps_strerror(NPS_EEMPTY) = %s\n", nps_strerror(NPS_EEMPTY));
    failures++;
  }
  std::printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
