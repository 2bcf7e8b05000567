// A C++ program built against an installed nps-stat
// (tests/install/install.sh): the headers declare C linkage, so it links
// nps_version() and computes NPS of fixed counts.
#include <nps/nps.h>

#include <cmath>
#include <cstdio>
#include <cstring>

int main() {
  int failures = 0;
  if (std::strcmp(nps_version(), NPS_VERSION_STRING) != 0) {
    std::fprintf(stderr, "consumer++: nps_version() is %s, the header %s\n",
                 nps_version(), NPS_VERSION_STRING);
    failures++;
  }
  // 15 promoters, 11 passives, 10 detractors: NPS = 5 / 36.
  nps_counts c = {15, 11, 10};
  nps_estimate e;
  if (nps_counts_estimate(&c, &e) != NPS_OK || e.n != 36 ||
      std::fabs(e.nps - 5.0 / 36.0) > 1e-15) {
    std::fprintf(stderr, "consumer++: NPS of 15/11/10 is not 5/36\n");
    failures++;
  }
  std::printf("C++: %s: NPS %.6f\n", nps_version(), e.nps);
  return failures ? 1 : 0;
}
