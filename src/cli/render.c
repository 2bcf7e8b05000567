/*
 * render.c - --plot and --render: write a chart script, run gnuplot on it.
 *
 * The script is written like --output: into a temporary sibling renamed
 * into place when complete. It draws its image under a plain file name
 * (chart.gp draws chart.png), so it is meant to run in its own folder;
 * --render does exactly that. gnuplot is started with posix_spawnp and an
 * argument vector, never through a shell, so no file name is ever parsed
 * as a command. When gnuplot is missing or fails, the script stays where it
 * is, its path is printed, and the exit status is 5: the user can fix the
 * cause and run gnuplot by hand.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "outfile.h"
#include "render.h"

extern char **environ;

int cli_chart_name(const char *command, const char *flag, const char *name,
                   const char *example) {
  if (!*name || strcmp(name, "-") == 0)
    return cli_usage_error(command, "%s wants a file name such as %s", flag,
                           example);
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return cli_usage_error(command,
                             "%s: the file name holds a control character "
                             "(a newline or tab?); name the chart plainly, "
                             "such as %s",
                             flag, example);
  return 0;
}

int cli_plot_check(const cli_common *c) {
  if (c->render && !c->plot)
    return cli_usage_error(c->command,
                           "--render needs --plot FILE.gp (the script it "
                           "runs)");
  return 0;
}

char *cli_plot_image_name(const char *path, nps_plot_format format) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t len = strlen(base);
  if (len > 3 && strcmp(base + len - 3, ".gp") == 0)
    len -= 3;
  const char *ext = nps_plot_format_name(format);
  char *name = malloc(len + strlen(ext) + 2);
  if (name)
    sprintf(name, "%.*s.%s", (int)len, base, ext);
  return name;
}

/* The folder of path ("." when it has none), malloc'ed. */
static char *folder_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return strdup(".");
  if (slash == path)
    return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* Waits for pid; after timeout seconds (0: none) kills it. Returns the
 * wait status, or -1 with errno set (ETIMEDOUT when it ran too long). */
static int wait_limited(pid_t pid, int timeout) {
  struct timespec step = {0, 20 * 1000 * 1000};
  int status;
  for (long i = 0; timeout > 0 && i <= timeout * 50L; i++) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid)
      return status;
    if (r < 0 && errno != EINTR)
      return -1;
    nanosleep(&step, NULL);
  }
  if (timeout > 0)
    kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return -1;
  }
  if (timeout > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    errno = ETIMEDOUT;
    return -1;
  }
  return status;
}

int cli_spawn_gnuplot(const char *prog, const char *dir, const char *base,
                      int stdout_to_null, int timeout) {
  posix_spawn_file_actions_t fa;
  int err = posix_spawn_file_actions_init(&fa);
  if (err) {
    errno = err;
    return -1;
  }
  err = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                         O_RDONLY, 0);
  /* gnuplot's output goes to our standard error; when that was closed,
   * nowhere (a closed descriptor would make the start fail). */
  if (!err && (stdout_to_null || cli_stderr_closed()))
    err = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
                                           O_WRONLY, 0);
  else if (!err)
    err = posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
  if (!err && cli_stderr_closed())
    err = posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
                                           O_WRONLY, 0);
  if (!err)
    err = posix_spawn_file_actions_addchdir_np(&fa, dir);
  /* "./" keeps a name beginning with '-' from reading as an option */
  char script[4096];
  snprintf(script, sizeof script, "./%s", base);
  char *argv[] = {(char *)prog, script, NULL};
  pid_t pid = 0;
  if (!err)
    err = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (err) {
    errno = err;
    return -1;
  }
  return wait_limited(pid, timeout);
}

/* Nonzero when dir/image exists, is not empty and was modified at or after
 * start (whole seconds). */
static int image_written(const char *dir, const char *image, time_t start) {
  size_t len = strlen(dir) + strlen(image) + 2;
  char *path = malloc(len);
  if (!path)
    return 0;
  snprintf(path, len, "%s/%s", dir, image);
  struct stat st;
  int ok = stat(path, &st) == 0 && st.st_size > 0 && st.st_mtime >= start;
  free(path);
  return ok;
}

static int render_failed(const char *script, const char *why) {
  cli_error("cannot render the chart: %s; the script is kept: %s", why, script);
  return EXIT_RENDER;
}

int cli_render(const char *script, const char *image) {
  const char *prog = getenv("NPS_STAT_GNUPLOT");
  if (!prog || !*prog)
    prog = "gnuplot";
  char *dir = folder_of(script);
  if (!dir)
    return render_failed(script, strerror(ENOMEM));
  const char *base = strrchr(script, '/');
  base = base ? base + 1 : script;
  time_t start = time(NULL);
  int status = cli_spawn_gnuplot(prog, dir, base, 0, 0);
  char why[256];
  int rc = EXIT_OK;
  /* A C library whose posix_spawnp forks before it looks for the program
   * (and any under valgrind) reports a missing one as the shell does:
   * exit status 127 from the child. */
  int missing =
      (status < 0 && errno == ENOENT) ||
      (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127);
  if (missing || status < 0) {
    if (missing)
      snprintf(why, sizeof why,
               "%s not found (install gnuplot 5.4 or later, or name it in "
               "NPS_STAT_GNUPLOT)",
               prog);
    else
      snprintf(why, sizeof why, "cannot run %s: %s", prog, strerror(errno));
    rc = render_failed(script, why);
  } else if (WIFSIGNALED(status)) {
    snprintf(why, sizeof why, "%s was killed by signal %d", prog,
             WTERMSIG(status));
    rc = render_failed(script, why);
  } else if (WEXITSTATUS(status) != 0) {
    snprintf(why, sizeof why, "%s failed (exit status %d)", prog,
             WEXITSTATUS(status));
    rc = render_failed(script, why);
  } else if (!image_written(dir, image, start)) {
    snprintf(why, sizeof why, "%s wrote no %s/%s", prog, dir, image);
    rc = render_failed(script, why);
  }
  free(dir);
  return rc;
}

int cli_plot_begin(const cli_common *c, const char *path, cli_plot_writer write,
                   const void *ctx, cli_plot_out *po) {
  memset(po, 0, sizeof *po);
  po->path = path;
  nps_plot_format format = c->render ? c->render_format : NPS_PLOT_PNG;
  po->image = cli_plot_image_name(path, format);
  if (!po->image) {
    cli_error("%s: %s", path, strerror(ENOMEM));
    return EXIT_IO;
  }
  int rc = cli_out_open(&po->out, path);
  if (rc != EXIT_OK) {
    free(po->image);
    po->image = NULL;
    return rc;
  }
  nps_plot_target target = {.format = format,
                            .output = po->image,
                            .width = c->width,
                            .height = c->height,
                            .style = c->style,
                            .theme = c->theme};
  errno = 0;
  nps_status st = write(po->out.fp, &target, ctx);
  if (st == NPS_OK)
    return EXIT_OK;
  int saved = errno;
  cli_out_close(&po->out, 0);
  free(po->image);
  po->image = NULL;
  if (st == NPS_EINVAL) {
    cli_error("%s: nothing to chart", path);
    return EXIT_DATA;
  }
  cli_error("%s: cannot write: %s", path,
            st == NPS_EIO && saved ? strerror(saved) : nps_strerror(st));
  return EXIT_IO;
}

int cli_plot_end(const cli_common *c, cli_plot_out *po, int ok) {
  int rc = EXIT_OK;
  if (po->out.fp)
    rc = cli_out_close(&po->out, ok);
  if (ok && rc == EXIT_OK && po->image && c->render)
    rc = cli_render(po->path, po->image);
  free(po->image);
  po->image = NULL;
  return ok ? rc : EXIT_OK;
}

int cli_plot(const cli_common *c, const char *path, cli_plot_writer write,
             const void *ctx) {
  cli_plot_out po;
  int rc = cli_plot_begin(c, path, write, ctx, &po);
  int end = cli_plot_end(c, &po, rc == EXIT_OK);
  return rc != EXIT_OK ? rc : end;
}
