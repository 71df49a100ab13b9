/* test-accessibility.c — what assistive technologies hear, read from
 * outside through AT-SPI, as Orca would: the running app's timeline and
 * map have names and roles, and the selected record is announced by its
 * title, by the timeline and by the list of records
 *
 * Runs the built application with a view link that selects a record,
 * under the private session bus build-aux/test.sh provides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <atspi/atspi.h>

/* atspi 2.46 defines no cleanup function for its type */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>

#define TITLE "China–Brazil Earth Resources Satellite (CBERS) programme"

/* The app dies with the test, even when the test fails or is killed:
 * a stray app would hold meson's pipe until its timeout */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static AtspiAccessible *
find_application (const char *name)
{
  AtspiAccessible *desktop = atspi_get_desktop (0);
  int n = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);
      g_autofree char *app_name = app ? atspi_accessible_get_name (app, NULL) : NULL;

      if (app_name != NULL && g_str_equal (app_name, name))
        {
          g_object_unref (desktop);
          return g_steal_pointer (&app);
        }
    }

  g_object_unref (desktop);
  return NULL;
}

/* Depth-first, the first accessible with this name */
static AtspiAccessible *
find_by_name (AtspiAccessible *root,
              const char      *name,
              guint            depth)
{
  g_autofree char *own = atspi_accessible_get_name (root, NULL);
  int n;

  if (own != NULL && g_str_equal (own, name))
    return g_object_ref (root);

  if (depth > 40)
    return NULL;

  n = atspi_accessible_get_child_count (root, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (root, i, NULL);
      AtspiAccessible *found = child ? find_by_name (child, name, depth + 1) : NULL;

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data,
            guint      seconds)
{
  /* The sanitizer build runs many times slower: build-aux/test.sh says how much */
  const char *slowdown = g_getenv ("ATLAS_TEST_SLOWDOWN");
  gint64 deadline = g_get_monotonic_time () +
                    seconds * G_USEC_PER_SEC * (slowdown ? MAX (1, g_ascii_strtoll (slowdown, NULL, 10)) : 1);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50000);
    }
  return TRUE;
}

typedef struct
{
  GSubprocess     *process;
  AtspiAccessible *app;
  AtspiAccessible *timeline;
  char            *description;
} Probe;

static gboolean
timeline_announces_title (gpointer data)
{
  Probe *probe = data;

  /* The app is gone (it could not open the display, or crashed): no
   * point in waiting for it */
  if (g_subprocess_get_identifier (probe->process) == NULL)
    return TRUE;

  if (probe->app == NULL)
    probe->app = find_application ("space-atlas");
  if (probe->app != NULL && probe->timeline == NULL)
    probe->timeline = find_by_name (probe->app, "Timeline", 0);
  if (probe->timeline == NULL)
    return FALSE;

  g_free (probe->description);
  probe->description = atspi_accessible_get_description (probe->timeline, NULL);
  return probe->description != NULL && strstr (probe->description, TITLE) != NULL;
}

static void
test_selected_record_is_announced (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  g_autoptr(AtspiAccessible) map = NULL;
  g_autoptr(AtspiAccessible) list = NULL;
  g_autofree char *list_description = NULL;
  g_autofree char *role = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus for AT-SPI; build-aux/test.sh runs the tests under one");
      return;
    }

  /* Accessibility on, which the other widget tests turn off */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ATLAS_EXECUTABLE"),
                                     "--view", "space-atlas://view?record=cbers", NULL);
  g_assert_no_error (error);

  g_assert_cmpint (atspi_init (), <=, 1);
  probe.process = app;

  /* The timeline says which record is selected, by its title */
  if (!wait_until (timeline_announces_title, &probe, 30))
    g_error ("the timeline never announced the selected record; it said: %s",
             probe.description ? probe.description : "(no timeline found)");
  if (g_subprocess_get_identifier (app) == NULL)
    g_error ("the application ended before announcing anything (%s %d)",
             g_subprocess_get_if_signaled (app) ? "signal" : "exit status",
             g_subprocess_get_if_signaled (app) ? g_subprocess_get_term_sig (app)
                                                : g_subprocess_get_exit_status (app));

  role = atspi_accessible_get_role_name (probe.timeline, NULL);
  g_test_message ("timeline: role %s, description %s", role, probe.description);

  /* The map is there by name too */
  map = find_by_name (probe.app, "World Map", 0);
  g_assert_nonnull (map);

  /* and the list of records, a list that describes its selected record */
  list = find_by_name (probe.app, "Records", 0);
  g_assert_nonnull (list);
  g_assert_cmpint (atspi_accessible_get_role (list, NULL), ==, ATSPI_ROLE_LIST);
  list_description = atspi_accessible_get_description (list, NULL);
  g_assert_nonnull (list_description);
  g_assert_true (g_str_has_prefix (list_description, TITLE "\n"));

  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);

  g_clear_object (&probe.app);
  g_clear_object (&probe.timeline);
  g_free (probe.description);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* libatspi warns, through its "dbind" domain, about applications on
   * the bus that do not answer its cache queries (the registry itself
   * among them): not ours, so warnings are not fatal here; criticals
   * still are */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/accessibility/selected-record-is-announced", test_selected_record_is_announced);

  return g_test_run ();
}
