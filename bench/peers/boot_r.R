# BCa bootstrap of one NPS with R's boot package, timed.
#
# Peer of bench/boot_peer.c, driven by bench/boot_peers.sh. Reads a plain
# file with one score 0..10 per line (blank lines are missing answers),
# turns it into the +1/0/-1 vector and times
#
#   b  <- boot::boot(x, function(d, i) mean(d[i]), R = B)
#   ci <- boot::boot.ci(b, conf = LEVEL, type = "bca")
#
# boot.ci's default BCa finds the acceleration from empirical influence
# values by regression of the B replicates on the B x n matrix of resample
# frequencies (boot::empinf, type "reg"). That costs O(B n^2) time and
# O(B n) memory, so the script also times boot.ci with the influence values
# of a mean given exactly, L = x - mean(x), which is how one avoids that
# regression. Only boot() and boot.ci() are timed, not R's start-up, the
# package load or the file. Times are wall clock (*_seconds) and the
# process's CPU time (*_cpu_seconds). Output: key=value lines; every line
# is flushed at once, so a run stopped by a time limit keeps what it
# printed.
#
#   Rscript boot_r.R FILE [B] [LEVEL] [SEED] [all|L]
#
# With L the default boot.ci (the regression) is skipped.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1L)
  stop("usage: Rscript boot_r.R FILE [B] [LEVEL] [SEED] [all|L]")
B <- if (length(args) >= 2L) as.integer(args[[2]]) else 10000L
level <- if (length(args) >= 3L) as.numeric(args[[3]]) else 0.95
seed <- if (length(args) >= 4L) as.integer(args[[4]]) else 20240601L
mode <- if (length(args) >= 5L) args[[5]] else "all"
if (!mode %in% c("all", "L")) stop("mode must be all or L")

suppressPackageStartupMessages(library(boot))
out <- function(...) {
  cat(..., "\n", sep = "")
  flush(stdout())
}

s <- scan(args[[1]], what = integer(), quiet = TRUE, blank.lines.skip = TRUE)
if (length(s) == 0L || anyNA(s) || min(s) < 0L || max(s) > 10L)
  stop("scores must be integers 0..10")
x <- ifelse(s >= 9L, 1, ifelse(s >= 7L, 0, -1))
out("version=R ", as.character(getRversion()), ", boot ", as.character(packageVersion("boot")))
out("n=", length(x))
out("estimate=", sprintf("%.6f", 100 * mean(x)))

elapsed <- function() proc.time()[["elapsed"]]
cpu <- function() sum(proc.time()[c("user.self", "sys.self")])

# Runs expr; on failure prints PREFIX_status=oom|error and returns NULL.
attempt <- function(prefix, expr) {
  tryCatch(expr, error = function(e) {
    msg <- conditionMessage(e)
    oom <- grepl("cannot allocate|vector memory|memory exhausted", msg)
    out(prefix, "_status=", if (oom) "oom" else "error")
    out(prefix, "_message=", gsub("[\r\n]+", " ", msg))
    NULL
  })
}

set.seed(seed)
t0 <- elapsed()
c0 <- cpu()
b <- attempt("boot", boot(x, function(d, i) mean(d[i]), R = B))
if (is.null(b)) quit(status = 3)
out("boot_seconds=", sprintf("%.6f", elapsed() - t0))
out("boot_cpu_seconds=", sprintf("%.6f", cpu() - c0))

limits <- function(prefix, ci, seconds, cpu_seconds) {
  out(prefix, "_status=ok")
  out(prefix, "_seconds=", sprintf("%.6f", seconds))
  out(prefix, "_cpu_seconds=", sprintf("%.6f", cpu_seconds))
  out(prefix, "_lo=", sprintf("%.6f", 100 * ci$bca[1L, 4L]))
  out(prefix, "_hi=", sprintf("%.6f", 100 * ci$bca[1L, 5L]))
}

t0 <- elapsed()
c0 <- cpu()
ci <- attempt("ci_l", boot.ci(b, conf = level, type = "bca", L = x - mean(x)))
if (!is.null(ci)) limits("ci_l", ci, elapsed() - t0, cpu() - c0)

if (mode == "all") {
  t0 <- elapsed()
  c0 <- cpu()
  ci <- attempt("ci", boot.ci(b, conf = level, type = "bca"))
  if (!is.null(ci)) limits("ci", ci, elapsed() - t0, cpu() - c0)
}
