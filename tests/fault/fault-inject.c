/* fault-inject.c — an LD_PRELOAD shim that makes one step of saving fail
 *
 * Chosen by environment variables:
 *
 *   ATLAS_FAULT_PATH   only files whose path contains this (the folder
 *                      of the file being saved) are touched
 *   ATLAS_FAULT_OP     the step: "create" (open with O_CREAT, as
 *                      mkstemp does), "write", "short-write" (every
 *                      write writes at most half of what it is given),
 *                      "fsync", "close", "rename", "link"
 *   ATLAS_FAULT_NTH    fail the Nth such call, from 1 (default 1); for
 *                      "short-write", 0 shortens every write and never
 *                      fails, N fails the Nth with ATLAS_FAULT_ERRNO
 *   ATLAS_FAULT_ERRNO  the errno to fail with (default: EIO; ENOSPC for
 *                      writes, EACCES for create, EXDEV for rename)
 *
 * write, fsync and close fail only on descriptors the process opened
 * with O_CREAT under ATLAS_FAULT_PATH: the temporary file.  Each fault
 * is logged on stderr.  The tests run as root, so nothing here relies on
 * permissions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* Both open () and open64 () are defined here: no redirection of one
 * to the other */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 64

static int tracked[MAX_FDS];
static int n_tracked;
static int calls;

static const char *
env (const char *name)
{
  const char *value = getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static int
is_op (const char *op)
{
  const char *chosen = env ("ATLAS_FAULT_OP");

  return chosen != NULL && strcmp (chosen, op) == 0;
}

static int
path_matches (const char *path)
{
  const char *folder = env ("ATLAS_FAULT_PATH");

  return folder != NULL && path != NULL && strstr (path, folder) != NULL;
}

static int
is_tracked (int fd)
{
  for (int i = 0; i < n_tracked; i++)
    if (tracked[i] == fd)
      return 1;
  return 0;
}

static void
track (int fd)
{
  if (fd >= 0 && n_tracked < MAX_FDS && !is_tracked (fd))
    tracked[n_tracked++] = fd;
}

static void
untrack (int fd)
{
  for (int i = 0; i < n_tracked; i++)
    if (tracked[i] == fd)
      {
        tracked[i] = tracked[--n_tracked];
        return;
      }
}

/* Whether this matching call is the one to fail */
static int
is_nth (void)
{
  const char *nth = env ("ATLAS_FAULT_NTH");

  return ++calls == (nth ? atoi (nth) : 1);
}

static int
fail_with (const char *what,
           int         default_errno)
{
  const char *value = env ("ATLAS_FAULT_ERRNO");
  int e = value ? atoi (value) : default_errno;

  fprintf (stderr, "fault-inject: %s fails with %s\n", what, strerror (e));
  errno = e;
  return -1;
}

#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

static int
open_common (const char *path,
             int         flags,
             int         fd)
{
  if ((flags & O_CREAT) && path_matches (path))
    track (fd);
  return fd;
}

#define CHECK_CREATE(path, flags) \
  if (((flags) & O_CREAT) && path_matches (path) && is_op ("create") && is_nth ()) \
    return fail_with ("creating a file", EACCES)

int
open (const char *path,
      int         flags,
      ...)
{
  mode_t mode = 0;
  REAL (open);

  if (flags & (O_CREAT | O_TMPFILE))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }

  CHECK_CREATE (path, flags);
  return open_common (path, flags, real_open (path, flags, mode));
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  mode_t mode = 0;
  REAL (open64);

  if (flags & (O_CREAT | O_TMPFILE))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }

  CHECK_CREATE (path, flags);
  return open_common (path, flags, real_open64 (path, flags, mode));
}

int
openat (int         dirfd,
        const char *path,
        int         flags,
        ...)
{
  mode_t mode = 0;
  REAL (openat);

  if (flags & (O_CREAT | O_TMPFILE))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }

  CHECK_CREATE (path, flags);
  return open_common (path, flags, real_openat (dirfd, path, flags, mode));
}

int
openat64 (int         dirfd,
          const char *path,
          int         flags,
          ...)
{
  mode_t mode = 0;
  REAL (openat64);

  if (flags & (O_CREAT | O_TMPFILE))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }

  CHECK_CREATE (path, flags);
  return open_common (path, flags, real_openat64 (dirfd, path, flags, mode));
}

ssize_t
write (int         fd,
       const void *data,
       size_t      count)
{
  REAL (write);

  if (is_tracked (fd) && is_op ("write") && is_nth ())
    return fail_with ("writing", ENOSPC);

  if (is_tracked (fd) && is_op ("short-write"))
    {
      const char *nth = env ("ATLAS_FAULT_NTH");

      if (nth != NULL && atoi (nth) > 0 && is_nth ())
        return fail_with ("writing", ENOSPC);
      if (count > 1)
        {
          static int logged;

          if (!logged++)
            fprintf (stderr, "fault-inject: writes are cut short\n");
          count /= 2;
        }
    }

  return real_write (fd, data, count);
}

int
fsync (int fd)
{
  REAL (fsync);

  if (is_tracked (fd) && is_op ("fsync") && is_nth ())
    return fail_with ("fsync", EIO);

  return real_fsync (fd);
}

int
close (int fd)
{
  REAL (close);

  if (is_tracked (fd))
    {
      untrack (fd);
      if (is_op ("close") && is_nth ())
        {
          real_close (fd);
          return fail_with ("close", EIO);
        }
    }

  return real_close (fd);
}

int
rename (const char *from,
        const char *to)
{
  REAL (rename);

  if (path_matches (to) && is_op ("rename") && is_nth ())
    return fail_with ("rename", EXDEV);

  return real_rename (from, to);
}

int
link (const char *from,
      const char *to)
{
  REAL (link);

  if (path_matches (to) && is_op ("link") && is_nth ())
    return fail_with ("link", EPERM);

  return real_link (from, to);
}
