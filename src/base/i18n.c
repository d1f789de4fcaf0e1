/* i18n.c — locale and gettext set-up. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The "locale" folder beside the running binary, when it holds a compiled
 * catalogue: that is the build tree, where ./miaopu should speak Chinese
 * before it is installed.  Returns buf or NULL. */
static const char *build_tree_localedir(char *buf, size_t size)
{
	char exe[PATH_MAX], mo[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	if ((size_t)snprintf(buf, size, "%s/locale", exe) >= size)
		return NULL;
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/miaopu.mo", buf);
	if (access(mo, R_OK) != 0)
		return NULL;
	return buf;
}

void mp_i18n_init(void)
{
	static char dirbuf[PATH_MAX + 16];
	const char *dir = getenv("MIAOPU_LOCALEDIR");

	setlocale(LC_ALL, "");
	if (!dir || !*dir)
		dir = build_tree_localedir(dirbuf, sizeof dirbuf);
	if (!dir)
		dir = LOCALEDIR;
	bindtextdomain("miaopu", dir);
	bind_textdomain_codeset("miaopu", "UTF-8");
	textdomain("miaopu");
}

int mp_i18n_is_zh(void)
{
	const char *name = setlocale(LC_MESSAGES, NULL);
	return name && strncmp(name, "zh", 2) == 0;
}
