/* atlas-read-file.c — reading a whole file safely
 *
 * g_file_load_bytes() believes what it is given: a FIFO blocks it
 * forever, /dev/zero fills memory until the machine gives out, and a
 * file of several gigabytes is read in full before anyone can look at
 * it.  atlas_read_file() reads only regular files, refuses one larger
 * than a limit before reading a byte, reads in chunks (a file that grows
 * while it is read still cannot pass the limit), reports progress and
 * stops when cancelled.
 *
 * The limit is the smaller of 4 GiB and a third of the machine's
 * memory: reading a data file holds its bytes and the records made of
 * them, about twice its size at most, and the machine must keep room
 * for everything else.
 *
 * With %ATLAS_READ_FILE_UTF8 reading also stops right after the first
 * byte that cannot be UTF-8 text (a NUL, say): a reader of UTF-8 text
 * reports that byte whatever follows it, so the rest need not be read.
 * A 2 GB file of NULs is refused after its first chunk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-read-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-read-file.h"

#define CHUNK_SIZE (1 << 20)
#define MAX_LIMIT  (G_GUINT64_CONSTANT (4) << 30)

static guint64 size_limit;  /* 0: not decided yet */

/**
 * atlas_read_file_get_size_limit:
 *
 * Returns: the size in bytes of the largest file atlas_read_file() reads
 */
guint64
atlas_read_file_get_size_limit (void)
{
  guint64 limit = size_limit;

  if (limit == 0)
    {
      long pages = sysconf (_SC_PHYS_PAGES);
      long page_size = sysconf (_SC_PAGESIZE);

      limit = MAX_LIMIT;
      if (pages > 0 && page_size > 0)
        limit = MIN (limit, (guint64) pages * (guint64) page_size / 3);
    }

  return limit;
}

/**
 * atlas_read_file_set_size_limit:
 * @limit: a size in bytes, or 0 for the default
 *
 * Changes the size limit, for tests.  Call it before any reading starts.
 */
void
atlas_read_file_set_size_limit (guint64 limit)
{
  size_limit = limit;
}

static gboolean
set_too_large (GError     **error,
               const char  *name,
               guint64      size,
               guint64      limit)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (limit);

  /* Translators: the first %s is a file name, then sizes such as “2.1 GB” */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               _("“%s” is too large to open: it is %s, and Space Atlas opens files of up to %s"),
               name, size_text, limit_text);
  return FALSE;
}

/* How many bytes at the start of @data are UTF-8 text, or may be once
 * more bytes come (an incomplete character at the end, unless @last);
 * *@bad says whether a byte that can never be text was found there */
static gsize
check_utf8 (const char *data,
            gsize       length,
            gboolean    last,
            gboolean   *bad)
{
  const char *end;

  *bad = FALSE;
  if (g_utf8_validate_len (data, length, &end))
    return length;

  /* A character cut off by the end of the chunk may be whole with the
   * next chunk */
  if (!last && *end != '\0' &&
      g_utf8_get_char_validated (end, data + length - end) == (gunichar) -2)
    return end - data;

  *bad = TRUE;
  return end - data;
}

typedef struct
{
  char         *data;
  gsize         len;
  gsize         capacity;
  guint64       expected;  /* the size stat() gave */
  guint64       limit;
  gboolean      utf8;
  gsize         checked;   /* bytes known to be UTF-8 text */
  gboolean      bad;
} Reading;

/* Room for a chunk more.  The buffer grows as it fills, not to the
 * size stat() gave at once: a file that claims 2 GB (a sparse one, say)
 * may be refused after its first chunk. */
static char *
chunk_room (Reading *reading)
{
  if (reading->capacity - reading->len < CHUNK_SIZE)
    {
      reading->capacity = MAX (reading->capacity * 2, reading->len + CHUNK_SIZE);
      reading->data = g_realloc (reading->data, reading->capacity);
    }

  return reading->data + reading->len;
}

/* Counts in what was read; FALSE when reading must stop (too large, or
 * not text when only text is wanted) with *@error set for the former */
static gboolean
take_chunk (Reading     *reading,
            const char  *name,
            gsize        n_read,
            GError     **error)
{
  reading->len += n_read;

  if (reading->len > reading->limit)
    return set_too_large (error, name, reading->len, reading->limit);

  if (reading->utf8 && !reading->bad)
    {
      gsize ok = check_utf8 (reading->data + reading->checked, reading->len - reading->checked,
                             n_read == 0, &reading->bad);

      reading->checked += ok;
      if (reading->bad)
        {
          /* Keep the bad byte: the reader reports it */
          reading->len = reading->checked + 1;
          return FALSE;
        }
    }

  return TRUE;
}

static GBytes *
take_bytes (Reading *reading)
{
  /* Give back what was never filled */
  reading->data = g_realloc (reading->data, MAX (reading->len, 1));
  return g_bytes_new_take (g_steal_pointer (&reading->data), reading->len);
}

static void
report (Reading           *reading,
        AtlasProgressFunc  progress,
        gpointer           progress_data)
{
  if (progress != NULL)
    progress (MIN (1.0, (double) reading->len / MAX (reading->expected, 1)), progress_data);
}

static GBytes *
read_local (GFile              *file,
            const char         *path,
            const char         *name,
            Reading            *reading,
            AtlasProgressFunc   progress,
            gpointer            progress_data,
            GCancellable       *cancellable,
            GError            **error)
{
  struct stat st;
  int fd, saved_errno;

  /* Without O_NONBLOCK, opening a FIFO waits for a writer, for ever */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Error opening file %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), name);
      return NULL;
    }

  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  reading->expected = st.st_size;
  if ((guint64) st.st_size > reading->limit)
    {
      close (fd);
      set_too_large (error, name, st.st_size, reading->limit);
      return NULL;
    }

  for (;;)
    {
      gssize n_read;
      char *room;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          g_clear_pointer (&reading->data, g_free);
          return NULL;
        }

      room = chunk_room (reading);
      n_read = read (fd, room, CHUNK_SIZE);
      if (n_read < 0)
        {
          g_autofree char *display = g_filename_display_name (path);

          saved_errno = errno;
          if (saved_errno == EINTR)
            continue;
          close (fd);
          g_clear_pointer (&reading->data, g_free);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Error reading file %s: %s"), display, g_strerror (saved_errno));
          return NULL;
        }

      if (!take_chunk (reading, name, n_read, error))
        {
          if (!reading->bad)
            {
              close (fd);
              g_clear_pointer (&reading->data, g_free);
              return NULL;
            }
          break;
        }

      report (reading, progress, progress_data);
      if (n_read == 0)
        break;
    }

  close (fd);
  return take_bytes (reading);
}

static GBytes *
read_stream (GFile              *file,
             const char         *name,
             Reading            *reading,
             AtlasProgressFunc   progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), name);
      return NULL;
    }

  reading->expected = g_file_info_get_size (info);
  if (reading->expected > reading->limit)
    {
      set_too_large (error, name, reading->expected, reading->limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  for (;;)
    {
      char *room = chunk_room (reading);
      gssize n_read;

      n_read = g_input_stream_read (G_INPUT_STREAM (stream), room, CHUNK_SIZE, cancellable, error);
      if (n_read < 0)
        {
          g_clear_pointer (&reading->data, g_free);
          return NULL;
        }

      if (!take_chunk (reading, name, n_read, error))
        {
          if (!reading->bad)
            {
              g_clear_pointer (&reading->data, g_free);
              return NULL;
            }
          break;
        }

      report (reading, progress, progress_data);
      if (n_read == 0)
        break;
    }

  return take_bytes (reading);
}

/**
 * atlas_read_file:
 * @file: the file to read
 * @flags: %ATLAS_READ_FILE_UTF8 to stop right after a byte that cannot
 *   be UTF-8 text
 * @progress: (nullable) (scope call): called after each chunk with the
 *   fraction of the file read
 * @progress_data: data for @progress
 * @cancellable: (nullable): to stop reading
 *
 * Reads @file whole, if it is a regular file no larger than
 * atlas_read_file_get_size_limit().  Otherwise fails with a message that
 * names the file: %G_IO_ERROR_NOT_REGULAR_FILE for a folder, a FIFO, a
 * device or a socket, %G_IO_ERROR_NO_SPACE for a file too large, and
 * the usual errors of opening and reading (%G_IO_ERROR_NOT_FOUND).
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
atlas_read_file (GFile               *file,
                 AtlasReadFileFlags   flags,
                 AtlasProgressFunc    progress,
                 gpointer             progress_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autofree char *name = NULL;
  Reading reading = { 0 };
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  name = g_file_get_parse_name (file);
  reading.limit = atlas_read_file_get_size_limit ();
  reading.utf8 = (flags & ATLAS_READ_FILE_UTF8) != 0;

  path = g_file_peek_path (file);
  if (path != NULL)
    return read_local (file, path, name, &reading, progress, progress_data, cancellable, error);

  return read_stream (file, name, &reading, progress, progress_data, cancellable, error);
}
