/*
 * test2.h - two-sample comparisons of NPS: independent groups and paired
 * answers.
 *
 * Direction: every function compares sample 1 with sample 2 as given and
 * reports the difference Delta = theta1 - theta2 (on -2..2; multiply by 100
 * for points). The alternative NPS_ALT_GREATER means theta1 > theta2. To
 * ask "is after higher than before?" or "is the pilot higher than the
 * control?", pass (after, before) or (pilot, control).
 *
 * Tests for two independent groups, each given by its category counts:
 *   wald           z = Delta / sqrt(V1/n1 + V2/n2), plug-in variances;
 *   adjusted-wald  the same on counts adjusted +0.75/+1.5/+0.75 in each
 *                  group separately (Rocks 2016; Sauro, MeasuringU);
 *   bootstrap      independent multinomial replicates of each group:
 *                  percentile and BCa intervals of Delta and a p-value;
 *   permutation    conditional test given the pooled totals, the smaller
 *                  group's (P, A, D) multivariate hypergeometric, with the
 *                  studentized (Wald z) statistic and a mid-p; enumerated
 *                  exactly, or by Monte Carlo above a cost limit. The
 *                  recommended test (NPS_TEST2_DEFAULT).
 * And for the same respondents measured twice, a z test on the per-person
 * differences (nps_test2_paired).
 *
 * ci is two-sided at the requested level whatever the alternative for
 * independent groups; ci_alt is the interval of the alternative (a
 * one-sided bound for greater and less) that agrees with p. The paired
 * tests' ci follows the alternative itself (a one-sided alternative gives
 * a one-sided bound). Limits are not clipped (Delta lies in [-2, 2]).
 * Formulas, tie rules, the choice of the
 * bootstrap p-value and the type-I error study: docs/methods.md,
 * "Two-sample tests".
 *
 * Randomness comes only from the caller's gsl_rng.
 */
#ifndef NPS_TEST2_H
#define NPS_TEST2_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "export.h"
#include "hist.h"
#include "interval.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The alternative hypothesis, always about theta1 - theta2. */
typedef enum nps_alternative {
  NPS_ALT_TWO_SIDED, /* theta1 != theta2 */
  NPS_ALT_GREATER,   /* theta1 > theta2 */
  NPS_ALT_LESS       /* theta1 < theta2 */
} nps_alternative;

/* Parses "two-sided", "greater", "less". NPS_EINVAL for any other name. */
NPS_API nps_status nps_alternative_parse(const char *name,
                                         nps_alternative *out);

/* The canonical name of alt, as nps_alternative_parse accepts it. */
NPS_API const char *nps_alternative_name(nps_alternative alt);

/* The two-sample tests. */
typedef enum nps_test2_method {
  NPS_TEST2_WALD,
  NPS_TEST2_ADJUSTED_WALD,
  NPS_TEST2_BOOTSTRAP,
  NPS_TEST2_PERMUTATION,
  NPS_TEST2_PAIRED,   /* nps_test2_paired only; nps_test2_compute refuses it */
  NPS_TEST2_SIGN_FLIP /* nps_test2_sign_flip only; likewise refused */
} nps_test2_method;

/* Parses "wald", "adjusted-wald", "bootstrap", "permutation", "paired",
 * "sign-flip".
 * NPS_EINVAL for any other name. */
NPS_API nps_status nps_test2_method_parse(const char *name,
                                          nps_test2_method *out);

/* The canonical name of method, as nps_test2_method_parse accepts it. */
NPS_API const char *nps_test2_method_name(nps_test2_method method);

/* A one-line description, e.g. "exact permutation test". */
NPS_API const char *nps_test2_method_label(nps_test2_method method);

/* The test to use when the caller has no preference: the studentized
 * permutation test with its mid-p, the only test whose type-I error stayed
 * within 4.7-5.3% at alpha = 5% in every cell of the study with at least
 * 100 answers per group, equal or unequal group sizes and distributions
 * (docs/methods.md, "Two-sample tests"). It gives no interval: pair it
 * with an interval method for Delta. */
#define NPS_TEST2_DEFAULT NPS_TEST2_PERMUTATION

/* Default limit on the (estimated) number of group-1 tables the exact
 * permutation test visits; above it the test draws Monte Carlo
 * permutations. 10^7 tables take about 0.5 s, and the visited tables grow
 * like n1 (those within 1e-25 of the most likely), so groups of a few
 * hundred thousand answers are still enumerated exactly. */
#define NPS_TEST2_PERM_MAX_TABLES 10000000u

/* Default number of bootstrap replicates and of Monte Carlo permutations. */
#define NPS_TEST2_DEFAULT_DRAWS 10000u

/* Everything a two-sample test reports. Fields a method does not define are
 * NAN (doubles) or 0 (integers). */
typedef struct nps_test2_result {
  nps_test2_method method; /* the method that produced the numbers */
  nps_alternative alternative;
  double level;        /* confidence level of ci */
  uint64_t n1, n2;     /* group sizes (paired: n1 = n2 = respondents) */
  double nps1;         /* theta1 on the method's scale: (P1 - D1)/n1, or
                          (P1 - D1)/(n1 + 3) for adjusted Wald */
  double nps2;         /* theta2, likewise */
  double diff;         /* Delta = nps1 - nps2 */
  double se;           /* standard error of Delta: analytic for the z tests,
                          the replicates' standard deviation for the bootstrap,
                          the plug-in Wald SE for the permutation test */
  double z;            /* z statistic Delta / se (z tests, permutation) */
  double p;            /* p-value for the alternative */
  double p_mc_se;      /* Monte Carlo standard error of p; 0 when p has no
                          Monte Carlo error */
  nps_interval ci;     /* two-sided interval of Delta at level: z tests
                          Delta +- z se; bootstrap BCa (percentile when
                          !bca_ok); permutation NAN (pair it with an interval
                          method) */
  nps_interval ci_alt; /* the interval of the alternative at level, from
                          the test's own procedure, so that it excludes 0
                          exactly when p < 1 - level: two-sided it is ci;
                          greater the lower confidence bound L as [L, 2],
                          less [-2, U] (2 is the largest |Delta|). z tests
                          Delta -+ z_level se; bootstrap the percentile
                          interval or bound; permutation and
                          sign-flip NAN (nps_diff_ci_alternative gives
                          their test-based one) */
  nps_interval ci_percentile; /* bootstrap percentile interval */
  double p_percentile;        /* bootstrap: p from inverting the percentile
                                 interval, from the share of Delta* on each side
                                 of 0 */
  double p_bca;               /* bootstrap: p from inverting the BCa interval */
  double p_shift;             /* bootstrap: p under the null by shifting the
                                 replicates to mean 0: share of |Delta* - Delta|
                                 >= |Delta| (p equals one of these three; which
                                 one is documented at nps_test2_bootstrap) */
  int bca_ok;                 /* bootstrap: 0 when z0 was infinite */
  double z0;                  /* bootstrap BCa bias correction */
  double accel;          /* bootstrap BCa acceleration, nps_test2_boot_accel */
  int exact;             /* permutation: 1 when every table was enumerated */
  double tables;         /* permutation: number of group-1 tables */
  size_t draws;          /* bootstrap replicates or Monte Carlo permutations */
  double p_conservative; /* permutation: the studentized p with ties
                            counted whole (p counts them one half);
                            sign-flip: equal to p */
  double p_mid;          /* sign-flip: the mid-p (ties counted one half),
                            shown beside p; NAN for the other tests */
  double p_diff;    /* permutation: classical p of the raw difference Delta */
  const char *note; /* static English text on a caveat (no sampling spread,
                       a fallback of nps_test2_compute), else NULL */
} nps_test2_result;

/* Wald z test for theta1 - theta2: Delta = (P1 - D1)/n1 - (P2 - D2)/n2,
 * SE = sqrt(V1/n1 + V2/n2) with V = pP + pD - theta^2, z = Delta / SE,
 * p from the standard normal (two-sided 2 Q(|z|), greater Q(z), less
 * Phi(z)), ci = Delta +- z_level SE.
 * Returns NPS_OK; when both groups are one-category SE = 0 and out holds
 * Delta, se = 0, z = +-inf or NAN, p = 0 or 1 by the limit, a point ci and
 * a note (use another test); NPS_EEMPTY when a group is empty;
 * NPS_EINVAL for a level outside (0, 1) or an unknown alternative. */
NPS_API nps_status nps_test2_wald(const nps_counts *g1, const nps_counts *g2,
                                  nps_alternative alt, double level,
                                  nps_test2_result *out);

/* Adjusted-Wald z test as MeasuringU publishes it (Sauro; after Rocks
 * 2016): each group gets 0.75 promoters, 1.5 passives and 0.75 detractors
 * (n + 3); theta_g = (P_g - D_g)/(n_g + 3) and V_g from the adjusted shares;
 * Delta = theta1 - theta2 on that adjusted scale, SE = sqrt(V1/(n1 + 3) +
 * V2/(n2 + 3)), z, p and ci = Delta +- z_level SE as for Wald. The
 * reported diff is therefore the adjusted difference, slightly shrunk
 * toward 0, not (P1 - D1)/n1 - (P2 - D2)/n2. Never degenerate.
 * NPS_EEMPTY when a group is empty (the pseudo-counts alone carry no
 * data); NPS_EINVAL as for Wald. */
NPS_API nps_status nps_test2_adjusted_wald(const nps_counts *g1,
                                           const nps_counts *g2,
                                           nps_alternative alt, double level,
                                           nps_test2_result *out);

/* The BCa acceleration for Delta = theta1 - theta2 in closed form. Each
 * group's leave-one-out values take three distinct values; with the
 * empirical influence of one answer s, +(s - theta1) in group 1 and
 * -(s - theta2) in group 2, Efron's multi-sample formula gives
 *   a = (m3_1 / n1^2 - m3_2 / n2^2) / (6 (m2_1 / n1 + m2_2 / n2)^(3/2)),
 * m2_g, m3_g the central moments of group g's +1/0/-1 scores. It equals
 * nps_boot_accel for one group and the leave-one-out jackknife exactly
 * when n1 = n2 (docs/methods.md derives it). 0 when both m2 are 0 or a
 * group is empty. */
NPS_API double nps_test2_boot_accel(const nps_counts *g1, const nps_counts *g2);

/* Bootstrap of Delta: B replicates, each group's counts drawn independently
 * from Multinomial(n_g, p-hat_g) (nps_boot_counts_replicate), Delta* =
 * theta1* - theta2*. Reports the percentile and BCa intervals
 * (nps_boot_percentile, nps_boot_bca with nps_test2_boot_accel), se = the
 * replicates' standard deviation (B - 1), and three p-values, ties with
 * the compared value counted one half:
 *   p_percentile  inverts the percentile interval: with F = the share of
 *                 Delta* below 0, greater F, less 1 - F, two-sided 2 min;
 *   p_bca         inverts the BCa interval: w = Phi^-1(F) - z0, greater
 *                 Phi(w / (1 + a w) - z0);
 *   p_shift       the null by shifting Delta* to centre 0: greater
 *                 Pr*(Delta* >= 2 Delta), two-sided Pr*(|Delta* - Delta|
 *                 >= |Delta|).
 * p inverts ci_alt, the percentile interval (two-sided) or bound
 * (one-sided) of the same replicates, with the same quantile rule: the
 * smallest alpha at which it leaves 0 out, found by bisection, so p <
 * 1 - level exactly when ci_alt excludes 0. It differs from the share
 * p_percentile only by the quantile interpolation; the percentile
 * inversion was the closest to alpha of the three in the type-I study
 * (docs/methods.md). p_bca is the same inversion of the BCa limits. p_mc_se is
 * the binomial Monte Carlo error of p, draws = B. replicates: NULL, or B
 * doubles owned by the caller that receive the sorted Delta* (e.g. for a
 * histogram chart); with NULL the function allocates its own buffer. Returns
 * NPS_OK; when both groups are one-category there is no spread: point
 * intervals, se = 0, p NAN and a note (use another test); NPS_EEMPTY;
 * NPS_EINVAL for B < 2, a NULL rng, a bad level or alternative;
 * NPS_ENOMEM; NPS_EOVERFLOW when a group's total passes 2^64 - 1. */
NPS_API nps_status nps_test2_bootstrap(const nps_counts *g1,
                                       const nps_counts *g2,
                                       nps_alternative alt, double level,
                                       size_t B, gsl_rng *r, double *replicates,
                                       nps_test2_result *out);

/* Number of distinct (P1, A1, D1) tables group 1 can take when n1 answers
 * are drawn without replacement from the pooled counts of g1 and g2 (the
 * support of the permutation distribution), as a double. */
NPS_API double nps_test2_permutation_tables(const nps_counts *g1,
                                            const nps_counts *g2);

/* Permutation test of equal NPS, conditional on the pooled counts
 * (P, A, D) = g1 + g2 and on n1, n2. Under exchangeable labels (both groups
 * from one distribution) group 1's counts follow the multivariate
 * hypergeometric
 *   Pr(P1, A1, D1) = C(P, P1) C(A, A1) C(D, D1) / C(n, n1),
 * and a p-value is the probability of a table at least as extreme as the
 * observed one, ties with it counted one half in p (the mid-p, Lancaster
 * 1961) and whole in p_conservative.
 * Both use the studentized statistic, the Wald z = Delta / sqrt(V1/n1 +
 * V2/n2) of each permuted table (|z| >= |z_obs| two-sided, z >= z_obs
 * greater, z <= z_obs less; SE = 0 gives z = 0 for Delta = 0, else
 * +-inf). It is exact when the two distributions are equal and, unlike the
 * raw difference, stays valid for large samples when the NPS are equal but
 * the distributions are not (Janssen 1997; Chung and Romano 2013; the
 * study in docs/methods.md shows the raw difference rejecting 10-17% at
 * 5% with 100 vs 1000 answers). z values within a relative 1e-9 of z_obs
 * count as ties.
 * p_conservative never rejects more often than alpha when the
 * distributions are equal, but the discreteness of the permutation
 * distribution makes it reject only 3.2-4.7% at 5% with 100-1000 answers
 * per group; the mid-p rejects 4.7-5.3% there, also for equal NPS with
 * unequal distributions, which is why it is p (docs/methods.md, "Two-sample
 * tests"). p_diff is the classical p for the raw difference, |Delta| >=
 * |Delta_obs| (as in tests/data/nps_reference.json and the R package NPS), with
 * Deltas compared through the integer n1 n2 Delta = (P1 - D1) n2 - (P2 -
 * D2) n1, exactly while that stays below 2^52 (beyond, within a relative
 * 1e-12).
 * Exact: the smaller group, of m = min(n1, n2) answers, is enumerated.
 * Its promoters X are Hypergeometric(P of n, m) and, given X, its passives
 * are Hypergeometric(A of A + D, m - X); both are unimodal, so rows X and,
 * within a row, the passives are walked outward from their modes by the
 * ratio recurrences of the probabilities (no factorials), and the walks
 * stop where the weight falls below 1e-25 / (m + 1) of the mode (every
 * table left out weighs less than 1e-25 of the most likely one). The cost
 * is the number of tables visited, about 450 sd(X) sd(passives | X),
 * which grows like m, not m^2 like the support. If that estimate is at most
 * max_tables (0 means NPS_TEST2_PERM_MAX_TABLES) the sums are exact (exact = 1,
 * p_mc_se = 0). Otherwise `draws` Monte Carlo permutations (0 means
 * NPS_TEST2_DEFAULT_DRAWS) are drawn, X and then the passives by inversion
 * outward from the mode (cost about two standard deviations per draw, any
 * counts up to 2^64), or, where a count's standard deviation is 10^4 or
 * more, from its normal limit rounded to the support (O(1) per draw; its
 * distribution function within 0.56 / sd <= 5.6e-5 of the exact one, the
 * hypergeometric being a sum of independent Bernoulli variables; note then
 * says so); the observed split counts as one more draw: p = (1 +
 * #as extreme) / (1 + draws), valid for any number of draws; p_mc_se =
 * sqrt(p (1 - p) / draws), exact = 0. tables is the size of the whole
 * support (nps_test2_permutation_tables).
 * diff is the raw Delta, se the plug-in Wald SE, z the observed Wald z, ci
 * NAN. r may be NULL when the test is exact; it is required otherwise.
 * Returns NPS_OK; NPS_EEMPTY when a group is empty; NPS_EINVAL for a bad
 * alternative or level, a negative max_tables, or when Monte Carlo is
 * needed and r is NULL; NPS_EOVERFLOW when the pooled counts pass 2^64 -
 * 1. */
NPS_API nps_status nps_test2_permutation(const nps_counts *g1,
                                         const nps_counts *g2,
                                         nps_alternative alt, double level,
                                         double max_tables, size_t draws,
                                         gsl_rng *r, nps_test2_result *out);

/* Category index in a paired table: 0 detractor, 1 passive, 2 promoter
 * (the score s = index - 1). */
#define NPS_PAIRED_INDEX(category) ((int)(category) + 1)

/* Paired answers: count[i][j] respondents whose category was i in sample 1
 * and j in sample 2 (indices by NPS_PAIRED_INDEX). As for independent
 * groups, Delta = theta1 - theta2: for before/after put after as sample 1
 * (rows). Zero-initialise ({0}) before use. */
typedef struct nps_paired {
  uint64_t count[3][3];
} nps_paired;

/* Paired z test: per respondent d = s1 - s2 in {-2, ..., 2}, Delta =
 * mean(d), sd from the sample variance of d (divisor n - 1), SE = sd /
 * sqrt(n), z = Delta / SE, p from the standard normal. ci is Delta +-
 * z_{1-(1-level)/2} SE two-sided; for a one-sided alternative the
 * one-sided bound at level, [Delta - z_level SE, 2] (greater) or [-2,
 * Delta + z_level SE] (less), so that it excludes 0 exactly when p <
 * 1 - level. nps1, nps2 are the two margins' NPS. n1 = n2 = n.
 * Returns NPS_OK; when every d is equal SE = 0 and the z test is
 * undefined: out holds Delta and se = 0, with z, p and ci NAN and a note
 * saying why; NPS_EEMPTY when n < 2;
 * NPS_EINVAL for a bad level or alternative; NPS_EOVERFLOW when the total
 * passes 2^64 - 1. */
NPS_API nps_status nps_test2_paired(const nps_paired *t, nps_alternative alt,
                                    double level, nps_test2_result *out);

/* Exact sign-flip test of paired answers, the default paired test: given
 * each respondent's |d|, the signs of d are fair coins when before and
 * after are exchangeable. p is the exact p of the sum of d with ties
 * counted whole: the probability of a sum at least as far from 0 as the
 * observed one (one-sided: in the direction of the alternative; two-sided,
 * a sum of 0 gives p = 1), so that P(p <= alpha) <= alpha under that null
 * at every n. p_conservative equals p; p_mid is the mid-p (ties counted
 * one half), which is not a valid p-value at small n and is reported only
 * beside p. No Monte Carlo at any n. diff, nps1, nps2 and se are the
 * paired z test's (nps_test2_paired), z is Delta / se where se > 0 (NAN
 * otherwise); exact = 1. ci is the test-based interval of p
 * (nps_diff_ci_test_based): two-sided Delta +- z_{1-(1-level)/2} |Delta| /
 * z_{1-p/2}; for a one-sided alternative the one-sided bound Delta -
 * z_level |Delta| / z_{1-p} (greater; the upper limit 2) or its mirror
 * (less); cut to [-2, 2]. It excludes 0 exactly when p < 1 - level.
 * Where z_p is undefined (no mean change, or p = 1) its SE is that of the
 * changes with one +1 and one -1 added, and the interval is widened to
 * contain 0 when p >= 1 - level. Five respondents all changing by +2 give
 * p = 2/32 and p_mid = 1/32 two-sided, p = 1/32 greater. Statuses as
 * nps_test2_paired, and NPS_EOVERFLOW when more than UINT_MAX respondents
 * changed by 1 or by 2. */
NPS_API nps_status nps_test2_sign_flip(const nps_paired *t, nps_alternative alt,
                                       double level, nps_test2_result *out);

/* One call for any independent-group test. */
typedef struct nps_test2_request {
  nps_test2_method method;
  nps_alternative alternative;
  double level;       /* 0 < level < 1 */
  size_t draws;       /* bootstrap B or Monte Carlo permutations; 0 means
                         NPS_TEST2_DEFAULT_DRAWS */
  double max_tables;  /* permutation enumeration limit; 0 means
                         NPS_TEST2_PERM_MAX_TABLES */
  gsl_rng *rng;       /* required by bootstrap, and by permutation when it
                         falls back to Monte Carlo */
  double *replicates; /* bootstrap only: NULL or `draws` doubles for the
                         sorted Delta* (nps_test2_bootstrap) */
} nps_test2_request;

/* Runs req->method on (g1, g2). Fallback: when the method cannot test the
 * data (wald or bootstrap with both groups one-category) the adjusted-Wald
 * test is used instead; out->method then says so and out->note explains
 * why. Statuses as the method's function, except that a fallback returns
 * the fallback's status. */
NPS_API nps_status nps_test2_compute(const nps_counts *g1, const nps_counts *g2,
                                     const nps_test2_request *req,
                                     nps_test2_result *out);

#ifdef __cplusplus
}
#endif
#endif
