/* desk-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "desk-test-util.h"

char *
desk_test_data_path (const char *relative)
{
  const char *root = g_getenv ("INCIDENTDESK_TEST_DATA");
  char *path;

  if (root == NULL || *root == '\0')
    {
      g_test_skip ("INCIDENTDESK_TEST_DATA is not set");
      return NULL;
    }

  path = g_build_filename (root, relative, NULL);
  if (g_access (path, R_OK) != 0)
    g_error ("cannot read test data %s", path);

  return path;
}

static void
drop_file_mode_overrides (void)
{
  const int overrides[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
                            CAP_FOWNER };
  struct __user_cap_header_struct header = {
    .version = _LINUX_CAPABILITY_VERSION_3,
  };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3] = { 0 };

  g_assert_cmpint (syscall (SYS_capget, &header, caps), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      guint index = CAP_TO_INDEX (overrides[i]);
      guint32 mask = CAP_TO_MASK (overrides[i]);

      caps[index].effective &= ~mask;
      caps[index].permitted &= ~mask;
      caps[index].inheritable &= ~mask;
    }

  g_assert_cmpint (syscall (SYS_capset, &header, caps), ==, 0);
}

gboolean
desk_test_bound_by_file_modes (void)
{
  if (geteuid () != 0)
    return TRUE;

  if (g_test_subprocess ())
    {
      drop_file_mode_overrides ();
      return TRUE;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  return FALSE;
}

char *
desk_test_fixture_path (const char *relative)
{
  const char *root = g_getenv ("INCIDENTDESK_FIXTURES");

  g_assert_nonnull (root);

  return g_build_filename (root, relative, NULL);
}

char *
desk_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path;

  path = g_dir_make_tmp ("incidentdesk-test-XXXXXX", &error);
  g_assert_no_error (error);

  return path;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autoptr(GFile) child = g_file_get_child (file,
                                                 g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }

  g_file_delete (file, NULL, NULL);
}

void
desk_test_tmpdir_free (char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  g_chmod (path, 0700);
  remove_tree (file);
  g_free (path);
}
