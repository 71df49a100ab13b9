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
 * memory: reading a file whole holds its bytes and what is made of
 * them, about twice its size at most, and the machine must keep room
 * for everything else.
 *
 * With %ATLAS_READ_FILE_UTF8 reading also stops right after the first
 * byte that cannot be UTF-8 text (a NUL, say): a reader of UTF-8 text
 * reports that byte whatever follows it, so the rest need not be read.
 * A 2 GB file of NULs is refused after its first chunk.
 *
 * AtlasFileReader gives the same chunks one at a time, for a reader
 * that makes something of each and need not hold the whole file (the
 * data file reader, which holds only its records).
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

/**
 * AtlasFileReader:
 *
 * Reads a file a chunk at a time, with the guarantees of
 * atlas_read_file(): for a caller that makes something of each chunk
 * and need not hold the whole file.
 */
struct _AtlasFileReader
{
  char         *name;       /* for messages */
  char         *path;       /* of a local file, read with @fd */
  int           fd;
  GInputStream *stream;     /* otherwise */
  GCancellable *cancellable;
  guint64       expected;   /* the size stat() gave */
  guint64       limit;
  guint64       n_read;
  gboolean      utf8;
  gboolean      bad;        /* a byte that cannot be UTF-8 text was read */
  gboolean      done;
  char          carry[4];   /* a character cut off by the end of a chunk */
  gsize         n_carry;
};

static AtlasFileReader *
open_local (AtlasFileReader  *self,
            const char       *path,
            GError          **error)
{
  struct stat st;
  int saved_errno;

  /* Without O_NONBLOCK, opening a FIFO waits for a writer, for ever */
  self->fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (self->fd < 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Error opening file %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (self->fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), self->name);
      return NULL;
    }

  fcntl (self->fd, F_SETFL, fcntl (self->fd, F_GETFL) & ~O_NONBLOCK);

  self->path = g_strdup (path);
  self->expected = st.st_size;
  if (self->expected > self->limit)
    {
      set_too_large (error, self->name, self->expected, self->limit);
      return NULL;
    }

  return self;
}

static AtlasFileReader *
open_stream (AtlasFileReader  *self,
             GFile            *file,
             GError          **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, self->cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), self->name);
      return NULL;
    }

  self->expected = g_file_info_get_size (info);
  if (self->expected > self->limit)
    {
      set_too_large (error, self->name, self->expected, self->limit);
      return NULL;
    }

  self->stream = G_INPUT_STREAM (g_file_read (file, self->cancellable, error));
  if (self->stream == NULL)
    return NULL;

  return self;
}

/**
 * atlas_file_reader_open:
 * @file: the file to read
 * @flags: %ATLAS_READ_FILE_UTF8 to stop right after a byte that cannot
 *   be UTF-8 text
 * @cancellable: (nullable): to stop reading
 *
 * Opens @file for atlas_file_reader_read(), if it is a regular file no
 * larger than atlas_read_file_get_size_limit().  Otherwise fails as
 * atlas_read_file() does.
 *
 * Returns: (transfer full) (nullable): the reader
 */
AtlasFileReader *
atlas_file_reader_open (GFile               *file,
                        AtlasReadFileFlags   flags,
                        GCancellable        *cancellable,
                        GError             **error)
{
  AtlasFileReader *self;
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_new0 (AtlasFileReader, 1);
  self->fd = -1;
  self->name = g_file_get_parse_name (file);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->limit = atlas_read_file_get_size_limit ();
  self->utf8 = (flags & ATLAS_READ_FILE_UTF8) != 0;

  path = g_file_peek_path (file);
  if ((path != NULL ? open_local (self, path, error) : open_stream (self, file, error)) == NULL)
    {
      atlas_file_reader_free (self);
      return NULL;
    }

  return self;
}

void
atlas_file_reader_free (AtlasFileReader *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->name);
  g_free (self);
}

/**
 * atlas_file_reader_get_size:
 *
 * Returns: the file's size when it was opened
 */
guint64
atlas_file_reader_get_size (AtlasFileReader *self)
{
  return self->expected;
}

/**
 * atlas_file_reader_found_bad:
 *
 * Returns: whether reading stopped after a byte that cannot be UTF-8
 *   text, the last it gave, with %ATLAS_READ_FILE_UTF8
 */
gboolean
atlas_file_reader_found_bad (AtlasFileReader *self)
{
  return self->bad;
}

static gssize
read_some (AtlasFileReader  *self,
           char             *buffer,
           gsize             size,
           GError          **error)
{
  if (self->stream != NULL)
    return g_input_stream_read (self->stream, buffer, size, self->cancellable, error);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return -1;

  for (;;)
    {
      gssize n_read = read (self->fd, buffer, size);
      int saved_errno = errno;

      if (n_read >= 0)
        return n_read;

      if (saved_errno != EINTR)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Error reading file %s: %s"), display, g_strerror (saved_errno));
          return -1;
        }
    }
}

/**
 * atlas_file_reader_read:
 * @buffer: where to put what is read
 * @size: room in @buffer, at least 4 bytes
 *
 * Reads the next chunk of the file: up to @size bytes, or 0 at its end.
 * With %ATLAS_READ_FILE_UTF8 a chunk ends with a whole character, and
 * after a byte that cannot be UTF-8 text (a NUL, say) reading stops: the
 * chunk ends with that byte, and atlas_file_reader_found_bad() says so.
 * Fails with %G_IO_ERROR_NO_SPACE when the file grew past the size
 * limit, %G_IO_ERROR_CANCELLED, or an error of reading.
 *
 * Returns: how many bytes were read, 0 at the end, -1 on an error
 */
gssize
atlas_file_reader_read (AtlasFileReader  *self,
                        char             *buffer,
                        gsize             size,
                        GError          **error)
{
  gsize n;

  g_return_val_if_fail (size >= sizeof self->carry, -1);

  if (self->done)
    return 0;

  memcpy (buffer, self->carry, self->n_carry);
  n = self->n_carry;
  self->n_carry = 0;

  for (;;)
    {
      gssize n_read = read_some (self, buffer + n, size - n, error);
      gboolean bad;
      gsize ok;

      if (n_read < 0)
        {
          self->done = TRUE;
          return -1;
        }

      self->n_read += n_read;
      n += n_read;
      if (self->n_read > self->limit)
        {
          self->done = TRUE;
          set_too_large (error, self->name, self->n_read, self->limit);
          return -1;
        }

      if (n_read == 0)
        self->done = TRUE;
      if (!self->utf8)
        return n;

      ok = check_utf8 (buffer, n, n_read == 0, &bad);
      if (bad)
        {
          /* Keep the bad byte: the reader reports it */
          self->bad = self->done = TRUE;
          return ok + 1;
        }

      /* A character cut off at the end waits for the next chunk; a
       * chunk of only part of one reads on */
      if (ok > 0 || n_read == 0)
        {
          self->n_carry = n - ok;
          memcpy (self->carry, buffer + ok, self->n_carry);
          return ok;
        }
    }
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
  g_autoptr(AtlasFileReader) reader = NULL;
  g_autofree char *data = NULL;
  gsize len = 0, capacity = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = atlas_file_reader_open (file, flags, cancellable, error);
  if (reader == NULL)
    return NULL;

  for (;;)
    {
      gssize n_read;

      /* The buffer grows as it fills, not to the size stat() gave at
       * once: a file that claims 2 GB (a sparse one, say) may be
       * refused after its first chunk. */
      if (capacity - len < CHUNK_SIZE)
        {
          capacity = MAX (capacity * 2, len + CHUNK_SIZE);
          data = g_realloc (data, capacity);
        }

      n_read = atlas_file_reader_read (reader, data + len, CHUNK_SIZE, error);
      if (n_read < 0)
        return NULL;
      len += n_read;

      if (progress != NULL)
        progress (MIN (1.0, (double) len / MAX (reader->expected, 1)), progress_data);
      if (n_read == 0)
        break;
    }

  /* Give back what was never filled */
  data = g_realloc (data, MAX (len, 1));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}
