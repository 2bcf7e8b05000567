/*
 * plan.h - the plan analysis: how many answers does a survey or a pilot
 * need, or what can a given number of answers detect?
 *
 * One options struct, one call, one result that the caller owns and frees
 * with nps_plan_free. Every statistical decision is made here: the
 * variances from the baseline distribution (and the expected one, or the
 * baseline shifted by the difference from the source opt.shift names, by
 * default the one that needs the most answers), the direction of the
 * shift, the power at the planned size for each source, the variance of a
 * paired difference, the
 * per-arm size, the detectable difference (solved so that the second
 * arm's variance is the one of the shifted distribution), the sizes for a
 * margin, the small tables of sizes and differences, the power curves of
 * the chart, and the power achieved at the rounded sizes.
 *
 * Everything is on the -1..1 scale (5 points is 0.05). The sizes are for a
 * z test of the difference (normal approximation; docs/methods.md,
 * "Planning"), not for the studentized permutation test that compare uses
 * by default; the study in docs/methods.md measures the power that test
 * reaches at these sizes.
 */
#ifndef NPS_PLAN_H
#define NPS_PLAN_H

#include <stddef.h>

#include "export.h"
#include "hist.h"
#include "power.h"
#include "status.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defaults: alpha, power. */
#define NPS_PLAN_ALPHA 0.05
#define NPS_PLAN_POWER 0.8

/* The question asked. */
typedef enum nps_plan_mode {
  NPS_PLAN_SIZE,       /* answers per arm to detect a difference */
  NPS_PLAN_DETECTABLE, /* the difference detectable with given sizes */
  NPS_PLAN_MARGIN      /* answers for an interval of +-margin around one
                          NPS */
} nps_plan_mode;

/* The rows of the tables: differences (and margins) 3, 5, 10, 15 and 20
 * points; arm sizes 100, 200, 500, 1000 and 2000. */
#define NPS_PLAN_ROWS 5

/* Power curves of the chart: 5, 10 and 20 points and the planned
 * difference; arms of 10 to 100,000 answers (log scale). */
#define NPS_PLAN_CURVES 4
#define NPS_PLAN_GRID   81

/* ABI: the caller allocates it and fills it with nps_plan_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_plan_options {
  nps_plan_mode mode;
  nps_shares baseline;         /* any non-negative weights (normalised) */
  int has_expected;            /* nonzero: expected holds the second arm's
                                  distribution */
  nps_shares expected;         /* likewise */
  double diff;                 /* NPS_PLAN_SIZE without expected: the
                                  difference to detect, 0 < diff < 2 */
  double n1, n2;               /* NPS_PLAN_DETECTABLE: the arm sizes (> 0);
                                  n2 = 0: ratio n1 */
  double margin;               /* NPS_PLAN_MARGIN: 0 < margin < 2 */
  double alpha;                /* 0 < alpha < 1; NPS_PLAN_ALPHA */
  double power;                /* alpha / sides < power < 1; NPS_PLAN_POWER */
  nps_alternative alternative; /* the second arm against the baseline;
                                  NPS_ALT_TWO_SIDED */
  double ratio;                /* n2 = ratio n1, ratio > 0; 1 */
  int paired;                  /* nonzero: the same respondents twice */
  double correlation;          /* paired: -1 <= r <= 1 between the two answers
                                  of one respondent; 0 */
  nps_shift_source shift;      /* without expected: where the change comes
                                  from; NPS_SHIFT_ANY (the default) plans for
                                  the worst case (see nps_plan_run) */
} nps_plan_options;

/* Sets the defaults above (mode NPS_PLAN_SIZE, every size 0). */
NPS_API void nps_plan_options_init(nps_plan_options *opt);

/* Which option is wrong when nps_plan_run returns NPS_EINVAL: its
 * nps_run_error's problem field holds one of these. */
typedef enum nps_plan_problem {
  NPS_PLAN_FINE = 0,
  NPS_PLAN_BAD_BASELINE,    /* negative, not finite or all 0 */
  NPS_PLAN_NO_SPREAD,       /* the baseline is all one category: V = 0 */
  NPS_PLAN_BAD_EXPECTED,    /* as for the baseline */
  NPS_PLAN_SAME_NPS,        /* expected has the baseline's NPS: no change */
  NPS_PLAN_WRONG_DIRECTION, /* expected moves against a one-sided
                               alternative */
  NPS_PLAN_BAD_DIFF,        /* diff outside (0, 2) */
  NPS_PLAN_UNREACHABLE,     /* the baseline cannot move by diff */
  NPS_PLAN_BAD_N,           /* a size <= 0 or not finite */
  NPS_PLAN_BAD_MARGIN,      /* margin outside (0, 2) */
  NPS_PLAN_BAD_ALPHA,       /* alpha outside (0, 1) */
  NPS_PLAN_BAD_POWER,       /* power outside (alpha / sides, 1) */
  NPS_PLAN_BAD_RATIO,       /* ratio <= 0, or != 1 when paired */
  NPS_PLAN_BAD_CORRELATION, /* outside [-1, 1] */
  NPS_PLAN_BAD_MODE,        /* mode or alternative unknown; paired with
                               two different sizes */
  NPS_PLAN_SOURCE_SHORT,    /* the named shift source cannot supply diff
                               (too few answers in the category it takes
                               them from), though another source could */
  NPS_PLAN_BAD_SHIFT        /* shift unknown */
} nps_plan_problem;

/* A distribution with its NPS and per-respondent variance
 * V = pP + pD - (pP - pD)^2. */
typedef struct nps_plan_arm {
  nps_shares shares;
  double nps;
  double var;
} nps_plan_arm;

/* How the second arm's distribution was formed. */
typedef enum nps_plan_second {
  NPS_PLAN_SECOND_NONE,    /* NPS_PLAN_MARGIN: one sample */
  NPS_PLAN_SECOND_SHIFT,   /* the baseline moved by diff
                              (nps_power_shift_from) */
  NPS_PLAN_SECOND_EXPECTED /* the expected distribution */
} nps_plan_second;

/* One row of the sizes table: difference d, the arm sizes to detect it
 * (NAN when the baseline cannot move that far), the answers of one sample
 * for an interval of +-d. */
typedef struct nps_plan_size_row {
  double diff;
  double n1, n2;
  double n_margin;
} nps_plan_size_row;

/* One row of the differences table: arm sizes, the detectable difference
 * (NAN when none within reach), the interval half-width of one sample of
 * n1 answers. */
typedef struct nps_plan_diff_row {
  double n1, n2;
  double diff;
  double margin;
} nps_plan_diff_row;

/* One power curve against n1 (nps_plan.grid). */
typedef struct nps_plan_curve {
  double diff; /* the true difference (signed) */
  double power[NPS_PLAN_GRID];
  double n_needed; /* n1 for the target power; NAN when none */
} nps_plan_curve;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_plan {
  nps_plan_mode mode;
  int sides; /* 2 two-sided, 1 one-sided */
  nps_alternative alternative;
  double alpha, power, ratio;
  int paired;
  double correlation;
  double z_alpha; /* z_{1-alpha/sides} (MARGIN: z_{1-alpha/2}) */
  double z_power; /* z_{power} */
  nps_plan_arm baseline;
  nps_plan_second how;
  nps_plan_arm second;         /* the second arm's distribution (MARGIN: the
                                  baseline) */
  double moved_from_opposite;  /* SHIFT: share moved between detractors and
                                  promoters */
  double moved_from_passives;  /* SHIFT: share moved from passives */
  nps_shift_source shift;      /* the source asked for (opt.shift) */
  nps_shift_source shift_used; /* SHIFT: the source the second arm was formed
                                  with (for NPS_SHIFT_ANY the worst case:
                                  detractors, passives, both or passives
                                  first); else NPS_SHIFT_ANY */
  double power_by_source[3];   /* SIZE with SHIFT: the power at the rounded
                                  sizes if the change came from detractors,
                                  passives or both (NPS_SHIFT_DETRACTORS + i);
                                  NAN where that source cannot supply it or
                                  in other modes */
  double var_term;             /* independent: V1 + V2 / ratio; paired: the
                                  variance of the difference V1 + V2 - 2 r
                                  sqrt(V1 V2); MARGIN: V1 */
  double design_effect; /* EXPECTED: var_term over the same term with V2 =
                           V1 (the size against assuming the baseline's
                           spread in both arms; NAN when that term is 0);
                           else 1 */
  double diff;          /* the difference to detect (SIZE; signed: second
                           arm minus baseline) or detected (DETECTABLE;
                           NAN when none within reach) */
  double margin;        /* MARGIN */
  double n1, n2;        /* the sizes (real; SIZE and MARGIN computed,
                           DETECTABLE given); MARGIN: n2 = 0 */
  double n1_planned, n2_planned; /* SIZE, MARGIN: rounded up */
  double achieved;               /* SIZE: power at the rounded sizes; DETECTABLE
                                    with expected: power to detect its difference;
                                    else NAN */
  nps_plan_size_row sizes[NPS_PLAN_ROWS];
  nps_plan_diff_row diffs[NPS_PLAN_ROWS];
  double grid[NPS_PLAN_GRID]; /* n1 of the curves */
  nps_plan_curve curves[NPS_PLAN_CURVES];
  size_t n_curves;
  const char *note; /* static English text on a caveat, else NULL */
} nps_plan;

/* Runs the plan of opt. SIZE: n1 = (z_{1-alpha/s} + z_{power})^2 T /
 * d^2 with T = V1 + V2 / ratio (independent) or V1 + V2 - 2 r sqrt(V1 V2)
 * (paired, ratio 1), n2 = ratio n1; V2 from the expected distribution or
 * from the baseline shifted by d (nps_power_shift_from with opt.shift: up
 * for two-sided and greater, down for less; two-sided falls back to down
 * when up cannot be reached, with a note). NPS_SHIFT_ANY takes, at each
 * difference, the largest T over the sources detractors, passives, both
 * and passives first (for independent arms that is passives first, the
 * largest V2 of any change made of answers moving up; docs/methods.md,
 * "Planning"). DETECTABLE: d = (z + z) sqrt(V1 / n1 + V2 / n2)
 * (paired sqrt(T / n1)); without expected V2 is that of the baseline
 * shifted by d itself, solved by bisection. MARGIN: n = z_{1-alpha/2}^2 V1
 * / margin^2. *out receives the result (NULL on failure); err (may be
 * NULL) is cleared, and on NPS_EINVAL err->problem (an nps_plan_problem)
 * says which option is wrong. Returns NPS_OK, NPS_EINVAL or NPS_ENOMEM. */
NPS_API nps_status nps_plan_run(const nps_plan_options *opt, nps_plan **out,
                                nps_run_error *err);

/* Frees p. nps_plan_free(NULL) is a no-op. */
NPS_API void nps_plan_free(nps_plan *p);

#ifdef __cplusplus
}
#endif
#endif
