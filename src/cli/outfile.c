/*
 * outfile.c - how an output file (--output, a chart script) is committed,
 * and the checks that keep outputs from replacing inputs or each other.
 *
 * A regular file (or a name that does not exist yet) is written to a
 * temporary file ".nps-XXXXXX" in the target's folder and renamed over the
 * target only after every byte reached the disk, so a failure or a kill
 * never leaves a half-written result, and the old file stays whole until
 * the rename. The short temporary name fits any target name NAME_MAX
 * allows. The new file gets the old one's mode (and owner, when allowed);
 * a new file gets 0666 less the umask, as any created file does.
 *
 * A symbolic link is resolved (realpath) and its target replaced the same
 * way: the link stays a link. A regular file with more than one hard link
 * is not replaced, which would split it from its other names: the result
 * is still written whole to a temporary file first, then copied into the
 * file in place (truncated and rewritten) at commit. A failure before the
 * commit leaves the file untouched; only a failure or kill during that
 * final copy can leave it short. A device or a FIFO (/dev/null,
 * /dev/full, a pipe) is written in place: renaming over it would replace
 * the device.
 *
 * While temporary files exist, SIGTERM, SIGINT and SIGHUP remove them
 * before the signal takes its default effect (a signal the tool was
 * started ignoring stays ignored). Their names live in static buffers so
 * the handler only calls unlink.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "outfile.h"

/* ---- temporary files and the signals that remove them ---- */

#define SLOTS (CLI_MAX_OUTPUTS + 2)

static char slot_name[SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_used[SLOTS];
static int slots_in_use;

static const int cleanup_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define N_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction saved_action[N_SIGNALS];
static int installed[N_SIGNALS];

static void on_signal(int sig) {
  for (int k = 0; k < SLOTS; k++)
    if (slot_used[k])
      unlink(slot_name[k]);
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  /* Pending until the handler returns, then the default action. */
  raise(sig);
}

static void block_signals(sigset_t *old) {
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < N_SIGNALS; i++)
    sigaddset(&set, cleanup_signals[i]);
  sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old) {
  sigprocmask(SIG_SETMASK, old, NULL);
}

/* Called with the signals blocked. */
static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < N_SIGNALS; i++) {
    installed[i] = 0;
    if (sigaction(cleanup_signals[i], NULL, &saved_action[i]) != 0 ||
        saved_action[i].sa_handler == SIG_IGN)
      continue; /* nohup and friends: keep ignoring it */
    installed[i] = sigaction(cleanup_signals[i], &sa, NULL) == 0;
  }
}

/* Called with the signals blocked. */
static void remove_handlers(void) {
  for (size_t i = 0; i < N_SIGNALS; i++)
    if (installed[i])
      sigaction(cleanup_signals[i], &saved_action[i], NULL);
}

/* Creates the temporary file dir/.nps-XXXXXX (dir_len bytes of target; 0:
 * the current folder) and registers it for removal on a signal. Returns the
 * descriptor (*slot set), or -1 with errno set. */
static int make_temp(const char *target, size_t dir_len, int *slot) {
  static const char name[] = ".nps-XXXXXX";
  if (dir_len + sizeof name + 1 > PATH_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  sigset_t old;
  block_signals(&old);
  int k = 0;
  while (k < SLOTS && slot_used[k])
    k++;
  if (k == SLOTS) { /* more outputs than the tool ever opens at once */
    restore_signals(&old);
    errno = EMFILE;
    return -1;
  }
  char *p = slot_name[k];
  memcpy(p, target, dir_len);
  if (dir_len && p[dir_len - 1] != '/')
    p[dir_len++] = '/';
  memcpy(p + dir_len, name, sizeof name);
  int fd = mkstemp(p);
  if (fd >= 0) {
    if (slots_in_use++ == 0)
      install_handlers();
    slot_used[k] = 1;
    *slot = k;
  }
  int saved = errno;
  restore_signals(&old);
  errno = saved;
  return fd;
}

/* Renames (to non-NULL) or removes the temporary file of slot k and
 * forgets it. Returns 0 or -1 with errno set (rename failed; the file is
 * then removed). */
static int finish_temp(int k, const char *to) {
  sigset_t old;
  block_signals(&old);
  int rc = 0, err = 0;
  if (to && rename(slot_name[k], to) != 0) {
    err = errno;
    rc = -1;
  }
  if (!to || rc != 0)
    unlink(slot_name[k]);
  slot_used[k] = 0;
  if (--slots_in_use == 0)
    remove_handlers();
  restore_signals(&old);
  errno = err;
  return rc;
}

/* The length of the folder part of path: "a/b" -> 1 ("a"), "/b" -> 1
 * ("/"), "b" -> 0 (the current folder). */
static size_t folder_len(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return 0;
  return slash == path ? 1 : (size_t)(slash - path);
}

/* ---- opening and committing ---- */

static int fail(cli_out *o, int err) {
  cli_error("%s: cannot write: %s", o->path, strerror(err));
  free(o->target);
  o->target = NULL;
  return EXIT_IO;
}

static int open_in_place(cli_out *o, const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return fail(o, EISDIR);
  o->fp = fopen(path, "w");
  return o->fp ? EXIT_OK : fail(o, errno);
}

int cli_out_open(cli_out *o, const char *path) {
  memset(o, 0, sizeof *o);
  o->slot = -1;
  if (!path || strcmp(path, "-") == 0) {
    o->fp = stdout;
    return EXIT_OK;
  }
  o->path = path;
  const char *target = path;
  struct stat st;
  int exists = lstat(path, &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) {
    o->target = realpath(path, NULL);
    if (!o->target) {
      if (errno == ENOMEM)
        return fail(o, ENOMEM);
      /* A link to nothing yet: the file is created through it. */
      return open_in_place(o, path);
    }
    target = o->target;
    exists = lstat(target, &st) == 0;
  }
  if (exists && !S_ISREG(st.st_mode))
    return open_in_place(o, target);
  o->copy = exists && st.st_nlink > 1;
  int fd = make_temp(target, folder_len(target), &o->slot);
  if (fd < 0)
    return fail(o, errno);
  o->tmp_path = slot_name[o->slot];
  if (exists && !o->copy) {
    /* The replacement keeps the old file's owner and mode; chown may be
     * refused (not root), then the file is the writer's, as any new one. */
    if (fchown(fd, st.st_uid, st.st_gid) != 0) {
      /* keep the writer's ownership */
    }
    fchmod(fd, st.st_mode & 07777);
  } else if (!exists) {
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  o->fp = fdopen(fd, o->copy ? "w+" : "w");
  if (!o->fp) {
    int err = errno;
    close(fd);
    finish_temp(o->slot, NULL);
    o->tmp_path = NULL;
    return fail(o, err);
  }
  return EXIT_OK;
}

/* Copies the complete temporary file (fp, flushed) into target in place:
 * a file with several hard links keeps them all. Returns 0 or an errno. */
static int copy_into(FILE *fp, const char *target) {
  int in = fileno(fp);
  if (lseek(in, 0, SEEK_SET) != 0)
    return errno;
  int out = open(target, O_WRONLY | O_TRUNC);
  if (out < 0)
    return errno;
  int err = 0;
  char buf[8192];
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n < 0)
        err = errno;
      break;
    }
    for (ssize_t done = 0; done < n && !err;) {
      ssize_t w = write(out, buf + done, (size_t)(n - done));
      if (w < 0 && errno != EINTR)
        err = errno;
      else if (w > 0)
        done += w;
    }
    if (err)
      break;
  }
  if (!err && fsync(out) != 0 && errno != EINVAL)
    err = errno;
  if (close(out) != 0 && !err)
    err = errno;
  return err;
}

int cli_out_close(cli_out *o, int ok) {
  if (!o->fp)
    return ok ? EXIT_OK : EXIT_IO;
  int err = 0;
  if (fflush(o->fp) != 0 || ferror(o->fp))
    err = errno ? errno : EIO;
  if (o->fp == stdout) {
    o->fp = NULL;
    if (ok && err) {
      cli_error("standard output: %s", strerror(err));
      return EXIT_IO;
    }
    return ok ? EXIT_OK : EXIT_IO;
  }
  if (!err && ok && o->tmp_path && !o->copy && fsync(fileno(o->fp)) != 0 &&
      errno != EINVAL)
    err = errno;
  const char *target = o->target ? o->target : o->path;
  if (!err && ok && o->copy)
    err = copy_into(o->fp, target);
  if (fclose(o->fp) != 0 && !err)
    err = errno ? errno : EIO;
  o->fp = NULL;
  if (o->tmp_path) {
    int commit = ok && !err && !o->copy;
    if (finish_temp(o->slot, commit ? target : NULL) != 0)
      err = errno;
    o->tmp_path = NULL;
  }
  free(o->target);
  o->target = NULL;
  if (ok && err) {
    cli_error("%s: cannot write: %s", o->path, strerror(err));
    return EXIT_IO;
  }
  return ok ? EXIT_OK : EXIT_IO;
}

/* ---- outputs that would replace an input or each other ---- */

void cli_output_name(cli_common *c, const char *flag, const char *path) {
  size_t k = 0;
  while (k < c->n_out && strcmp(c->out_flag[k], flag) != 0)
    k++;
  if (k == CLI_MAX_OUTPUTS)
    return;
  if (k == c->n_out)
    c->n_out++;
  c->out_flag[k] = flag;
  c->out_path[k] = path;
}

/* What names a file: an existing regular file by device and inode; a name
 * that does not exist yet by its folder's device and inode and its last
 * component. Returns 0 when path is neither (stdout, a device, a FIFO, a
 * folder): such a target is written in place and replaces nothing. */
typedef struct file_id {
  dev_t dev;
  ino_t ino;
  const char *base; /* NULL: an existing file */
} file_id;

static int identify(const char *path, file_id *id) {
  struct stat st;
  if (strcmp(path, "-") == 0)
    return 0;
  if (stat(path, &st) == 0) {
    *id = (file_id){st.st_dev, st.st_ino, NULL};
    return S_ISREG(st.st_mode);
  }
  if (errno != ENOENT)
    return 0;
  size_t len = folder_len(path);
  char dir[PATH_MAX];
  if (len + 1 > sizeof dir)
    return 0;
  memcpy(dir, len ? path : ".", len ? len : 1);
  dir[len ? len : 1] = '\0';
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return 0;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
    return 0;
  *id = (file_id){st.st_dev, st.st_ino, base};
  return 1;
}

static int same_file(const file_id *a, const file_id *b) {
  if (a->dev != b->dev || a->ino != b->ino || !a->base != !b->base)
    return 0;
  return !a->base || strcmp(a->base, b->base) == 0;
}

int cli_outputs_check(const cli_common *c) {
  for (size_t i = 0; i < c->n_out; i++) {
    file_id a;
    if (!identify(c->out_path[i], &a))
      continue;
    for (size_t j = i + 1; j < c->n_out; j++) {
      file_id b;
      if (identify(c->out_path[j], &b) && same_file(&a, &b))
        return cli_usage_error(c->command,
                               "%s %s and %s %s are the same file: one "
                               "would replace the other",
                               c->out_flag[i], c->out_path[i], c->out_flag[j],
                               c->out_path[j]);
    }
  }
  return 0;
}

int cli_input_check(const cli_common *c, int fd, const char *path) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    return 0;
  file_id in = {st.st_dev, st.st_ino, NULL};
  for (size_t i = 0; i < c->n_out; i++) {
    file_id out;
    if (identify(c->out_path[i], &out) && same_file(&in, &out))
      return cli_usage_error(c->command,
                             "%s %s is the input file %s: writing it would "
                             "replace the data; write elsewhere",
                             c->out_flag[i], c->out_path[i], path);
  }
  return 0;
}

/* ---- standard descriptors ---- */

static int stderr_was_closed;

void cli_std_fds(void) {
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
      continue;
    /* The lowest free descriptor, so fd itself. Reading fd 0 and writing
     * fd 1 or 2 still fail as on a closed descriptor (EBADF). */
    int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (got >= 0 && got != fd)
      close(got);
    if (fd == 2)
      stderr_was_closed = 1;
  }
}

int cli_stderr_closed(void) {
  return stderr_was_closed;
}
